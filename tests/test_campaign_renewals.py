"""Renewals (issue 18): a declaration gets its validity; the daily job moves a
declared participant to "renewal due" the day after it ends and to "lapsed" after
the grace period, one email per stage in the contact's language, nothing more when
it runs again; the history says why; coordinators see this month's renewals on
the dashboard (their countries only) and in the participants' listing."""

import datetime
import io
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import mail
from django.core.management import call_command, get_commands
from django.urls import reverse
from django.utils import translation

import pytest
import time_machine

from campaigns.models.registry import (
    CampaignCriterion,
    Participant,
    ParticipantContact,
    ParticipantStatus,
    ParticipantStatusChange,
)
from campaigns.renewals import run_renewals
from tests.registry_admin_helpers import coordinator, registry
from tests.test_campaign_admin import edit_post_data

pytestmark = pytest.mark.django_db

DUE = ParticipantStatus.RENEWAL_DUE
LAPSED = ParticipantStatus.LAPSED


def on(day: str):
    """The clock at 04:00 on ``day`` in the site's time zone (the job's hour)."""
    moment = datetime.datetime.fromisoformat(f"{day}T04:00").replace(
        tzinfo=ZoneInfo(settings.TIME_ZONE)
    )
    return time_machine.travel(moment, tick=False)


def reload(participant):
    return Participant.objects.get(pk=participant.pk)


@pytest.fixture
def data(home_es):
    made = registry(home_es)
    # Validity: the shortest among the *required* criteria (12 months here).
    made["criterion"].validity_months = 12
    made["criterion"].save()
    for code, months, required in [("purchases", 36, True), ("media", 3, False)]:
        CampaignCriterion.objects.create(
            campaign=made["campaign"],
            locale=made["campaign"].locale,
            code=code,
            title=code,
            validity_months=months,
            required=required,
        )
    made["ht"] = Participant.objects.create(
        campaign=made["campaign"],
        name="Université d'État d'Haïti",
        country="HT",
        city="Port-au-Prince",
        status=ParticipantStatus.REGISTERED,
        listing_consent=True,
    )
    made["ht_contact"] = ParticipantContact.objects.create(
        participant=made["ht"], name="Marie", email="marie@ueh.example", language="fr"
    )
    return made


def declare(participant, day, captured, **fields):
    """A coordinator declares the participant on ``day`` (no valid_until typed)."""
    with on(day), captured(execute=True):
        participant = reload(participant)
        for name, value in fields.items():
            setattr(participant, name, value)
        participant.declared_on = datetime.date.fromisoformat(day)
        participant.set_status(ParticipantStatus.DECLARED, reason="Cumple")
        participant.save()
    return reload(participant)


def run_on(day, captured):
    with on(day), captured(execute=True):
        return run_renewals()


def emails_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_a_declaration_is_valid_for_the_shortest_required_criterion(
    data, django_capture_on_commit_callbacks
):
    mx = declare(data["mx"], "2026-01-31", django_capture_on_commit_callbacks)
    assert mx.valid_until == datetime.date(2027, 1, 31)
    # A date the coordinator typed is kept.
    br = declare(
        data["br"],
        "2026-01-31",
        django_capture_on_commit_callbacks,
        valid_until=datetime.date(2026, 6, 30),
    )
    assert br.valid_until == datetime.date(2026, 6, 30)
    # Without a required criterion: 24 months; end of month clamps (29 Feb).
    CampaignCriterion.objects.filter(campaign=data["campaign"]).update(required=False)
    ht = declare(data["ht"], "2028-02-29", django_capture_on_commit_callbacks)
    assert ht.valid_until == datetime.date(2030, 2, 28)


def test_declared_then_renewal_due_then_lapsed_one_email_per_stage(
    data, django_capture_on_commit_callbacks
):
    captured = django_capture_on_commit_callbacks
    for key in ("mx", "br", "ht"):
        declare(data[key], "2026-01-15", captured)
    mail.outbox.clear()

    # The last valid day: nothing yet.
    assert run_on("2027-01-15", captured) == {"renewal_due": 0, "lapsed": 0}
    assert mail.outbox == []

    # The day after: renewal due, one email each, in the contact's language.
    assert run_on("2027-01-16", captured) == {"renewal_due": 3, "lapsed": 0}
    assert len(mail.outbox) == 3
    for key, language in [("mx", "es"), ("br", "pt-br"), ("ht", "fr")]:
        assert reload(data[key]).status == DUE
        (message,) = emails_to(data[f"{key}_contact"].email)
        assert message.extra_headers["Content-Language"] == language
        with translation.override(language):
            label = str(DUE.label)
        assert label in message.subject, (language, message.subject)
        assert label in message.body
        html = message.alternatives[0][0]
        assert f'<html lang="{language}">' in html
    # What to do, and until when (15 Jan 2027 + 90 days), in the message.
    (message,) = emails_to(data["mx_contact"].email)
    with translation.override("es"):
        assert "responde a este correo" in message.body
        assert "15 de enero de 2027" in message.body
        assert "15 de abril de 2027" in message.body

    # Run twice the same day: nothing changes, nothing is sent.
    assert run_on("2027-01-16", captured) == {"renewal_due": 0, "lapsed": 0}
    assert len(mail.outbox) == 3
    # Still listed while renewal is due.
    assert Participant.objects.public().filter(pk=data["mx"].pk).exists()

    # The last day of the grace period: nothing; the day after: lapsed.
    mail.outbox.clear()
    assert run_on("2027-04-15", captured) == {"renewal_due": 0, "lapsed": 0}
    assert mail.outbox == []
    assert run_on("2027-04-16", captured) == {"renewal_due": 0, "lapsed": 3}
    assert len(mail.outbox) == 3
    for key, language in [("mx", "es"), ("br", "pt-br"), ("ht", "fr")]:
        assert reload(data[key]).status == LAPSED
        (message,) = emails_to(data[f"{key}_contact"].email)
        assert message.extra_headers["Content-Language"] == language
        with translation.override(language):
            assert str(LAPSED.label) in message.subject
    assert (
        "ya no aparece en el sitio de la campaña"
        in emails_to(data["mx_contact"].email)[0].body
    )
    assert not Participant.objects.public().filter(pk=data["mx"].pk).exists()
    assert run_on("2027-04-16", captured) == {"renewal_due": 0, "lapsed": 0}
    assert run_on("2027-06-01", captured) == {"renewal_due": 0, "lapsed": 0}
    assert len(mail.outbox) == 3

    # The history: the job's two changes, by nobody, with their reason, notified.
    changes = list(
        ParticipantStatusChange.objects.filter(participant=data["br"]).order_by(
            "changed_at", "pk"
        )
    )
    assert [(c.old_status, c.new_status) for c in changes] == [
        ("registered", "declared"),
        ("declared", "renewal_due"),
        ("renewal_due", "lapsed"),
    ]
    due, lapsed = changes[1:]
    assert due.changed_by is None and lapsed.changed_by is None
    assert "2027-01-15" in due.reason
    assert "90" in lapsed.reason and "2027-01-15" in lapsed.reason
    assert due.changed_at.date() == datetime.date(2027, 1, 16)
    assert all(c.contact_notified_at for c in changes)


def test_a_status_long_past_its_date_gets_its_full_grace_after_the_notice(
    data, django_capture_on_commit_callbacks, settings
):
    settings.CAMPAIGN_RENEWAL_GRACE_DAYS = 30
    captured = django_capture_on_commit_callbacks
    declare(
        data["mx"],
        "2024-01-10",
        captured,
        valid_until=datetime.date(2025, 1, 10),
    )
    mail.outbox.clear()
    # First run long after: renewal due only, never both stages at once.
    assert run_on("2026-03-01", captured) == {"renewal_due": 1, "lapsed": 0}
    assert run_on("2026-03-01", captured) == {"renewal_due": 0, "lapsed": 0}
    assert run_on("2026-03-30", captured) == {"renewal_due": 0, "lapsed": 0}
    assert run_on("2026-03-31", captured) == {"renewal_due": 0, "lapsed": 1}
    assert [m.extra_headers["Content-Language"] for m in mail.outbox] == ["es"] * 2


def test_a_renewal_declares_again_for_a_new_period(
    data, django_capture_on_commit_callbacks
):
    captured = django_capture_on_commit_callbacks
    declare(data["br"], "2026-01-15", captured)
    run_on("2027-01-16", captured)
    # The coordinator declares it again; the old valid_until is left as it was.
    br = declare(data["br"], "2027-02-01", captured)
    assert br.status == ParticipantStatus.DECLARED
    assert br.valid_until == datetime.date(2028, 2, 1)
    assert run_on("2027-02-02", captured) == {"renewal_due": 0, "lapsed": 0}


def test_the_command_prints_its_counts_and_a_dry_run_changes_nothing(
    data, django_capture_on_commit_callbacks
):
    captured = django_capture_on_commit_callbacks
    declare(data["mx"], "2026-01-15", captured)
    mail.outbox.clear()
    out = io.StringIO()
    call_command("campaign_renewals", "--date=2027-01-16", "--dry-run", stdout=out)
    assert "would have moved 1 participant(s) to renewal due and 0 to lapsed" in (
        out.getvalue()
    )
    assert reload(data["mx"]).status == ParticipantStatus.DECLARED
    out = io.StringIO()
    with on("2027-01-16"), captured(execute=True):
        call_command("campaign_renewals", stdout=out)
    assert "2027-01-16: moved 1 participant(s) to renewal due and 0 to lapsed" in (
        out.getvalue()
    )
    assert reload(data["mx"]).status == DUE
    assert len(mail.outbox) == 1


def test_the_admin_refuses_a_declaration_already_over_and_renews_with_a_new_date(
    client, data, django_user_model, django_capture_on_commit_callbacks
):
    captured = django_capture_on_commit_callbacks
    declare(data["br"], "2026-01-15", captured)
    run_on("2027-01-16", captured)
    user = coordinator(django_user_model, "coordbr3", countries=["BR"])
    url = reverse("participants:edit", args=[data["br"].pk])
    with on("2027-02-01"):
        client.force_login(user)
        # Back to "declared" with the old dates: it would be due again tomorrow.
        post = edit_post_data(client.get(url), status=ParticipantStatus.DECLARED)
        response = client.post(url, post)
        assert response.status_code == 200
        assert "valid_until" in response.context["form"].errors
        # The old declaration date and no "valid until": refused as well.
        post["valid_until"] = ""
        response = client.post(url, post)
        assert response.status_code == 200
        assert "declared_on" in response.context["form"].errors
        # The new declaration's date: accepted, a new period computed.
        post["declared_on"] = "2027-01-30"
        post["status_reason"] = "Renovó con evidencias de 2026"
        with captured(execute=True):
            assert client.post(url, post).status_code == 302
    br = reload(data["br"])
    assert br.status == ParticipantStatus.DECLARED
    assert br.valid_until == datetime.date(2028, 1, 30)
    assert br.status_changes.first().reason == "Renovó con evidencias de 2026"
    assert run_on("2027-02-02", captured) == {"renewal_due": 0, "lapsed": 0}


@pytest.fixture
def month_of_renewals(data, django_capture_on_commit_callbacks):
    """In June 2027: Brazil and Mexico declared until a day of June, Haiti renewal
    due, and a Brazilian declared until July (not this month)."""
    captured = django_capture_on_commit_callbacks
    declare(data["br"], "2026-06-20", captured)
    declare(data["mx"], "2026-06-05", captured)
    declare(data["ht"], "2026-01-10", captured)
    run_on("2027-01-11", captured)
    later = Participant.objects.create(
        campaign=data["campaign"], name="Universidade de São Paulo", country="BR"
    )
    declare(later, "2026-07-03", captured)
    return data


def test_the_dashboard_lists_this_months_renewals_of_the_coordinators_countries(
    client, month_of_renewals, django_user_model
):
    data = month_of_renewals
    user = coordinator(django_user_model, "coordbr", countries=["BR"])
    with on("2027-06-02"):
        client.force_login(user)
        body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="renewals-due' in body or "renewals-due" in body
    assert data["br"].name in body
    assert reverse("participants:edit", args=[data["br"].pk]) in body
    for other in (data["mx"].name, "Universit\u00e9 d&#x27;\u00c9tat", "São Paulo"):
        assert other not in body
    # Unscoped: every country, the overdue one too; not July's.
    everyone = coordinator(django_user_model, "coordall")
    with on("2027-06-02"):
        client.force_login(everyone)
        body = client.get(reverse("wagtailadmin_home")).content.decode()
    for participant in (data["br"], data["mx"], data["ht"]):
        assert reverse("participants:edit", args=[participant.pk]) in body
    assert "São Paulo" not in body


def test_editors_get_no_renewals_panel(client, editor, month_of_renewals):
    with on("2027-06-02"):
        client.force_login(editor)
        body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "renewals-due" not in body
    assert month_of_renewals["br"].name not in body


def test_the_listing_filters_this_months_renewals(
    client, month_of_renewals, django_user_model
):
    data = month_of_renewals
    user = coordinator(django_user_model, "coordall2")
    with on("2027-06-02"):
        client.force_login(user)
        body = client.get(
            reverse("participants:index"), {"renewal": "this_month"}
        ).content.decode()
    for participant in (data["br"], data["mx"]):
        assert participant.name in body
    assert "Haïti" in body
    assert "São Paulo" not in body


def test_the_scheduler_runs_the_job_daily():
    script = (Path(settings.BASE_DIR) / "scripts" / "scheduler.sh").read_text()
    daily = script.split('if [ "$(date +%H)" = "$DAILY_HOUR" ]', 1)[1].split("fi", 1)[0]
    assert re.search(r"^\s*run campaign_renewals\s*$", daily, re.MULTILINE)
    assert "campaign_renewals" in get_commands()
