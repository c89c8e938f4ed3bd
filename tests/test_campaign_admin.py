"""The campaign networks' admin: a coordinator changes a participant's status with
a reason (kept, shown, emailed to the contact once in their language), exports
public fields only, opens evidence files through the checked view only; the
coordinators' group; criteria choose only Spanish campaigns; a sign-up held for
review is released into a participant."""

import csv
import io
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

import pytest

from campaigns.models.registry import (
    Participant,
    ParticipantStatus,
    ParticipantStatusChange,
    Progress,
)
from home.bootstrap import bootstrap_site
from inquiries.models import Inquiry, InquiryStatus
from tests.inquiry_helpers import valid_post
from tests.registry_admin_helpers import EVIDENCE_BYTES, coordinator, registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(home_es):
    made = registry(home_es)
    yield made
    for progress in Progress.objects.exclude(evidence_file=""):
        progress.evidence_file.delete(save=False)


@pytest.fixture
def mexico(client, django_user_model):
    user = coordinator(django_user_model, "coordmx", countries=["MX"])
    client.force_login(user)
    client.user = user
    return client


def edit_post_data(response, **changes):
    """What the edit form would post unchanged (fields and inline formsets), with
    ``changes`` applied."""
    form = response.context["form"]
    data = {}

    def add(bound_form):
        for field in bound_form:
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            if hasattr(value, "name") and hasattr(value, "url"):
                continue  # an existing file: posting nothing keeps it
            data[field.html_name] = value

    add(form)
    for formset in form.formsets.values():
        for field in formset.management_form:
            data[field.html_name] = field.value()
        for child in formset.forms:
            add(child)
    data.update(changes)
    return data


def test_a_status_change_keeps_who_and_why_and_emails_the_contact_once(
    mexico, data, django_capture_on_commit_callbacks
):
    mx = data["mx"]
    url = reverse("participants:edit", args=[mx.pk])
    mail.outbox.clear()
    page = mexico.get(url)
    assert page.status_code == 200
    post = edit_post_data(
        page,
        status=ParticipantStatus.IN_PROGRESS,
        status_reason="Firmó la carta de intención",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = mexico.post(url, post)
    assert response.status_code == 302, response.content.decode()[:3000]
    change = ParticipantStatusChange.objects.filter(participant=mx).first()
    assert change.new_status == ParticipantStatus.IN_PROGRESS
    assert change.old_status == ParticipantStatus.REGISTERED
    assert change.changed_by == mexico.user
    assert change.reason == "Firmó la carta de intención"
    # One email, to the contact, in the contact's language (Spanish here).
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [data["mx_contact"].email]
    assert mail.outbox[0].extra_headers["Content-Language"] == "es"
    # The history shows on edit and on inspect.
    for name in ("edit", "inspect"):
        body = mexico.get(reverse(f"participants:{name}", args=[mx.pk])).content
        assert "Firmó la carta de intención" in body.decode(), name
    # Saving again without a change sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        mexico.post(url, edit_post_data(mexico.get(url)))
    assert len(mail.outbox) == 1


def test_the_status_email_is_in_portuguese_for_a_portuguese_contact(
    client, data, django_user_model, django_capture_on_commit_callbacks
):
    client.force_login(coordinator(django_user_model, "coordbr2", countries=["BR"]))
    br = data["br"]
    url = reverse("participants:edit", args=[br.pk])
    mail.outbox.clear()
    post = edit_post_data(client.get(url), status=ParticipantStatus.IN_PROGRESS)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, post).status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Content-Language"] == "pt-br"


def test_a_sign_up_sends_no_status_email(
    client, data, django_capture_on_commit_callbacks
):
    signup = data["pages"]["signup"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            signup.url,
            valid_post(
                signup,
                organization="Universidad de Costa Rica",
                kind="university",
                country="CR",
                city="San José",
                contact_name="Lucía",
                email="lucia@ucr.example",
                language="es",
            ),
        )
    participant = Participant.objects.get(name="Universidad de Costa Rica")
    assert not ParticipantStatusChange.objects.filter(
        participant=participant, contact_notified_at__isnull=False
    ).exists()
    assert not any("lucia@ucr.example" in m.to for m in mail.outbox if "“" in m.subject)


def test_the_export_has_public_fields_only(mexico, data):
    response = mexico.get(reverse("participants:index"), {"export": "csv"})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert any(data["mx"].name in row for row in rows)
    assert data["mx_contact"].email not in content
    assert data["mx_contact"].phone not in content
    assert "acuerdo" not in content  # no evidence file names either
    headings = [h.casefold() for h in rows[0]]
    assert not any("mail" in h or "phone" in h or "teléfono" in h for h in headings)


def test_evidence_is_streamed_only_to_those_the_policy_allows(
    client, data, editor, django_user_model
):
    url = reverse("participants:evidence", args=[data["mx_progress"].pk])
    # Anonymous: to the sign-in page, no bytes.
    response = client.get(url)
    assert response.status_code == 302 and EVIDENCE_BYTES not in response.content
    for user in (
        editor,
        coordinator(django_user_model, "coordbr3", countries=["BR"]),
    ):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code in {302, 403, 404}
        assert not getattr(response, "streaming", False)
        assert EVIDENCE_BYTES not in response.content
    client.force_login(coordinator(django_user_model, "coordmx2", countries=["MX"]))
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == EVIDENCE_BYTES
    # The admin adds its own never-cache directives; no shared cache keeps it.
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives and "public" not in directives
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_edit_form_links_the_evidence_view_never_the_storage(mexico, data):
    progress = data["mx_progress"]
    body = mexico.get(reverse("participants:edit", args=[data["mx"].pk])).content
    body = body.decode()
    assert reverse("participants:evidence", args=[progress.pk]) in body
    assert progress.evidence_file.name not in body
    assert settings.MEDIA_URL + "evidence" not in body


def test_evidence_files_never_land_under_media_root(data):
    progress = data["mx_progress"]
    stored = Path(progress.evidence_file.path).resolve()
    assert stored.read_bytes() == EVIDENCE_BYTES
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert not list(Path(settings.MEDIA_ROOT).rglob(stored.name))


def test_the_coordinators_group_is_made_once_and_editors_see_no_contacts(
    site_setup, editor
):
    bootstrap_site()  # a second run changes nothing
    groups = Group.objects.filter(clac_role__key="campaign-coordinators")
    assert groups.count() == 1
    group = groups.get()
    assert group.name == "Coordinación de campañas"
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "change_participant", "view_participantcontact"} <= (
        codenames
    )
    assert not editor.has_perm("campaigns.view_participantcontact")
    assert not editor.has_perm("campaigns.change_participant")
    assert editor.has_perm("campaigns.change_campaigncriterion")


def test_criteria_choose_only_spanish_campaigns(client, superuser, data):
    from demo.tree import translate

    english = translate(data["campaign"], "en", title="Universities for Fair Trade")
    client.force_login(superuser)
    response = client.get(reverse("wagtailsnippets_campaigns_campaigncriterion:add"))
    choices = response.context["form"].fields["campaign"].queryset
    assert data["campaign"].pk in {page.pk for page in choices}
    assert english.pk not in {page.pk for page in choices}


def test_a_sign_up_held_for_review_is_released_into_a_participant(
    client, superuser, data
):
    signup = data["pages"]["signup"]
    post = valid_post(
        signup,
        organization="Universidad de la República",
        kind="university",
        country="UY",
        city="Montevideo",
        contact_name="Pedro",
        email="pedro@udelar.example",
        language="es",
    )
    client.post(signup.url, post)
    inquiry = Inquiry.objects.latest("pk")
    Participant.objects.filter(inquiry=inquiry).delete()
    Inquiry.objects.filter(pk=inquiry.pk).update(status=InquiryStatus.TO_REVIEW)
    client.force_login(superuser)
    edit = client.get(reverse("inquiries:edit", args=[inquiry.pk])).content.decode()
    assert reverse("inquiries:release", args=[inquiry.pk]) in edit
    response = client.post(reverse("inquiries:release", args=[inquiry.pk]))
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.NEW
    participant = Participant.objects.get(inquiry=inquiry)
    assert participant.name == "Universidad de la República"
    assert participant.status == ParticipantStatus.INTERESTED
    assert participant.contacts.get().email == "pedro@udelar.example"


def test_a_criterion_translates_through_wagtail_localize_and_keeps_its_campaign(
    client, superuser, data
):
    """The trap: a translation's copy points at the Spanish campaign still (the
    registry is one), and progress keeps pointing at the Spanish criterion."""
    from tests import localize_helpers as lh

    criterion = data["criterion"]
    client.force_login(superuser)
    assert client.get(lh.submit_url(criterion)).status_code == 200
    assert lh.submit(client, criterion, codes=("en",)).status_code == 302
    translation = lh.translation_for(criterion, "en")
    lh.fill_strings_directly(translation, superuser)
    with lh.committing():
        translation.save_target(user=superuser)
    english = translation.get_target_instance()
    assert english.locale.language_code == "en"
    assert english.title != criterion.title
    assert english.campaign_id == data["campaign"].pk
    assert english.code == criterion.code
    assert english.get_source() == criterion
    assert Progress.objects.get(pk=data["mx_progress"].pk).criterion_id == criterion.pk


def test_the_list_filters_narrow_the_participants(client, superuser, data):
    client.force_login(superuser)
    url = reverse("participants:index")
    body = client.get(url, {"country": "BR"}).content.decode()
    assert data["br"].name in body and data["mx"].name not in body
    Participant.objects.filter(pk=data["mx"].pk).update(status="declared")
    body = client.get(url, {"status": "declared"}).content.decode()
    assert data["mx"].name in body and data["br"].name not in body
    body = client.get(url, {"campaign": data["campaign"].pk, "kind": "town"})
    assert data["mx"].name not in body.content.decode()
