"""A coordinator limited to Brazil walks every URL of the participant viewsets
against a Mexican participant: each refuses (403/404/redirect) or hides it.

The URLs come from the resolver (the viewsets' registered patterns), so a view
added later is walked too, or fails the test until someone says what its
argument is."""

import datetime

from django.urls import get_resolver, reverse

import pytest

from campaigns.models.registry import Participant, ParticipantContact, Progress
from campaigns.models.reports import ParticipantReport, ReportState
from tests.registry_admin_helpers import coordinator, registry

pytestmark = pytest.mark.django_db

#: The viewsets of the registry's private side, by URL namespace.
NAMESPACES = [
    "participants",
    "participant_contacts",
    "participant_chooser",
    "participant_reports",
]


def refused(response, url) -> bool:
    """403, 404, 405 (a GET-only view posted to), or a redirect (Wagtail sends a refused user to the dashboard;
    Django's LocaleMiddleware turns an admin 404 into a redirect to /es/…, where
    no page answers either)."""
    return response.status_code in {302, 403, 404, 405}


@pytest.fixture
def data(home_es):
    made = registry(home_es)
    for key in ("mx", "br"):
        made[f"{key}_report"] = ParticipantReport.objects.create(
            participant=made[key],
            title=f"Feria {key}",
            date=datetime.date(2026, 11, 20),
            activity_kind="event",
        )
    return made


@pytest.fixture
def brazil(client, django_user_model):
    user = coordinator(django_user_model, "coordbr", countries=["BR"])
    client.force_login(user)
    return client


def patterns(namespace):
    _prefix, resolver = get_resolver().namespace_dict[namespace]
    return [pattern for pattern in resolver.url_patterns if pattern.name]


def target_pk(namespace, name, data):
    """The Mexican object an URL with an argument points at."""
    if namespace == "participant_contacts":
        return data["mx_contact"].pk
    if namespace == "participant_reports":
        return data["mx_report"].pk
    if name == "evidence":
        return data["mx_progress"].pk
    return data["mx"].pk


def test_the_walk_covers_every_view(data):
    names = {(ns, p.name) for ns in NAMESPACES for p in patterns(ns)}
    for expected in [
        ("participants", "index"),
        ("participants", "add"),
        ("participants", "edit"),
        ("participants", "delete"),
        ("participants", "inspect"),
        ("participants", "history"),
        ("participants", "usage"),
        ("participants", "evidence"),
        ("participant_contacts", "edit"),
        ("participant_chooser", "chosen"),
        ("participant_reports", "edit"),
        ("participant_reports", "accept"),
        ("participant_reports", "refuse"),
        ("participant_reports", "file"),
        ("participants", "report_link"),
    ]:
        assert expected in names


def test_no_bulk_action_reaches_the_registry(brazil, data):
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry

    for model in ["participant", "participantcontact", "progress", "activity"]:
        assert not bulk_action_registry.get_bulk_actions_for_model("campaigns", model)
        url = reverse("wagtail_bulk_action", args=["campaigns", model, "delete"])
        response = brazil.post(f"{url}?id={data['mx'].pk}")
        assert refused(response, url)
    assert Participant.objects.filter(pk=data["mx"].pk).exists()


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_every_url_refuses_or_hides_the_mexican_participant(brazil, data, namespace):
    mexican, brazilian = data["mx"].name, data["br"].name
    walked = 0
    for pattern in patterns(namespace):
        url_name = f"{namespace}:{pattern.name}"
        if pattern.pattern.converters:
            url = reverse(url_name, args=[target_pk(namespace, pattern.name, data)])
            for method in ("get", "post"):
                response = getattr(brazil, method)(url, {"name": "Hackeada"})
                assert refused(response, url), (url_name, method)
                assert mexican.encode() not in response.content, (url_name, method)
                assert data["mx_contact"].email.encode() not in response.content
        else:
            url = reverse(url_name)
            if pattern.name == "chosen_multiple":
                url += f"?id={data['mx'].pk}"
            response = brazil.get(url)
            if (namespace, pattern.name) == ("participant_reports", "add"):
                # Reports come by signed link only: nobody adds one here.
                assert refused(response, url), url_name
                walked += 1
                continue
            assert response.status_code == 200, url_name
            assert mexican.encode() not in response.content, url_name
            assert data["mx_contact"].email.encode() not in response.content
            if pattern.name in {"index", "choose"}:
                # Not just an empty page: the Brazilian participant is listed.
                body = response.content.decode()
                shown = (
                    brazilian if namespace != "participant_contacts" else "Contacto br"
                )
                assert shown in body, url_name
            if pattern.name == "index":
                for fmt in ("csv", "xlsx"):
                    export = brazil.get(url, {"export": fmt})
                    content = (
                        b"".join(export.streaming_content)
                        if export.streaming
                        else export.content
                    )
                    assert mexican.encode() not in content
        walked += 1
    assert walked == len(patterns(namespace))
    # Nothing of the Mexican participant changed or went away.
    mx = Participant.objects.get(pk=data["mx"].pk)
    assert mx.name == mexican
    assert ParticipantContact.objects.filter(pk=data["mx_contact"].pk).exists()
    assert Progress.objects.get(pk=data["mx_progress"].pk).evidence_file
    mexican_report = ParticipantReport.objects.get(pk=data["mx_report"].pk)
    assert mexican_report.state == ReportState.WAITING
    assert mexican_report.title == "Feria mx"


def test_a_limited_coordinator_cannot_add_a_participant_in_another_country(
    brazil, data
):
    response = brazil.post(
        reverse("participants:add"),
        {
            "campaign": data["campaign"].pk,
            "name": "Universidad Autónoma de Chapingo",
            "kind": "university",
            "country": "MX",
            "status": "interested",
            "original_language": "es",
            "is_public": "on",
            **{
                f"{prefix}-{key}": value
                for prefix in ("progress", "activities", "descriptions")
                for key, value in [
                    ("TOTAL_FORMS", 0),
                    ("INITIAL_FORMS", 0),
                    ("MIN_NUM_FORMS", 0),
                    ("MAX_NUM_FORMS", 1000),
                ]
            },
        },
    )
    assert response.status_code == 200
    # The admin speaks Spanish: "You coordinate other countries: choose one of yours."
    assert "elige uno de los tuyos" in response.content.decode()
    assert not Participant.objects.filter(name__contains="Chapingo").exists()


def test_the_same_coordinator_manages_the_brazilian_participant(brazil, data):
    for name in ["edit", "inspect", "history", "usage"]:
        response = brazil.get(reverse(f"participants:{name}", args=[data["br"].pk]))
        assert response.status_code == 200, name
        assert data["br"].name in response.content.decode()
    response = brazil.get(
        reverse("participant_contacts:edit", args=[data["br_contact"].pk])
    )
    assert response.status_code == 200


def test_a_coordinator_without_scope_sees_every_country(
    client, data, django_user_model
):
    client.force_login(coordinator(django_user_model, "coordall"))
    body = client.get(reverse("participants:index")).content.decode()
    assert data["mx"].name in body and data["br"].name in body


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_an_editor_reaches_none_of_it(client, editor, data, namespace):
    client.force_login(editor)
    for pattern in patterns(namespace):
        url_name = f"{namespace}:{pattern.name}"
        if pattern.pattern.converters:
            url = reverse(url_name, args=[target_pk(namespace, pattern.name, data)])
        else:
            url = reverse(url_name)
        response = client.get(url)
        assert refused(response, url), url_name
        assert data["mx_contact"].email.encode() not in response.content
        assert data["br_contact"].email.encode() not in response.content
