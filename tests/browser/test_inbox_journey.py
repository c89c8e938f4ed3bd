"""An inquiry manager's journey through the inbox, in Spanish: filter the inbox, open
an inquiry, assign it to a colleague (the note arrives through a real SMTP server),
set its status and add a note. Screenshots of the inbox and the assignment email go
to test-artifacts/."""

import re

from django.test import override_settings

import pytest

from tests.browser.conftest import (
    ARTIFACTS,
    DEMO_PASSWORD,
    screenshot,
    second_factor,
    sign_in_form,
)
from tests.smtp_helpers import body_text, free_port, start_smtp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(demo_site):
    """Two inquiry managers (Spanish admin) and two inquiries from the demo contact
    form, one in Spanish about campaigns and one in French about the press."""
    from django.contrib.auth import get_user_model

    from wagtail.models import Locale
    from wagtail.users.models import UserProfile

    from home.bootstrap import role_group
    from inquiries.models import ContactPage, Inquiry

    users = {}
    for username, first, last in [
        ("gestora", "Gabriela", "Gestora"),
        ("colega", "Carlos", "Colega"),
    ]:
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@clac.test"}
        )
        user.first_name, user.last_name = first, last
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(role_group("inquiry-managers"))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "es"
        profile.save()
        users[username] = user
    contact = ContactPage.objects.filter(locale__language_code="es").first()
    french = contact.get_translation(Locale.objects.get(language_code="fr"))
    keys = {field.field_type: field.clean_name for field in contact.form_fields.all()}
    subject_key = next(
        f.clean_name for f in contact.form_fields.all() if f.field_type == "dropdown"
    )
    inquiries = [
        Inquiry.objects.create(
            page=page,
            form_key=contact.translation_key,
            language=language,
            form_data={
                keys["singleline"]: name,
                keys["email"]: email,
                subject_key: subject,
                keys["multiline"]: "Hola, quisiera información.",
                "clac_consent": True,
            },
        )
        for page, language, name, email, subject in [
            (contact, "es", "Ana Pérez", "ana@example.org", "campaigns"),
            (french, "fr", "Zoé Dupont", "zoe@example.org", "press"),
        ]
    ]
    yield users, inquiries
    Inquiry.objects.filter(pk__in=[item.pk for item in inquiries]).delete()


def test_manager_filters_assigns_sets_status_and_notes(new_page, people):
    from inquiries.models import Inquiry

    users, (ana, zoe) = people
    port = free_port()
    controller, smtp = start_smtp(port)
    smtp_settings = override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=10,
    )
    smtp_settings.enable()
    try:
        page = new_page(locale="es-ES", width=1400)
        # An inquiry manager signs in with two factors (here a recovery code).
        sign_in_form(page, "gestora", code=second_factor("gestora"))
        page.wait_for_url("**/admin/")
        assert page.locator("html").get_attribute("lang") == "es"

        # The inbox, then filtered with Wagtail's filter menu to the Spanish
        # inquiries that are new.
        page.goto("/admin/inquiries/")
        listing = page.locator("table.listing tbody")
        assert listing.get_by_text("Ana Pérez <ana@example.org>").count() == 1
        assert listing.get_by_text("Zoé Dupont <zoe@example.org>").count() == 1
        page.locator("button.w-slim-header-action-button:has(svg.icon-sliders)").click()
        page.locator('button[aria-controls="drilldown-id_status"]').click()
        page.locator('#drilldown-id_status input[value="new"]').check()
        page.wait_for_url(re.compile(r"status=new"))
        page.locator("#drilldown-id_status .w-drilldown__back").click()
        page.locator('button[aria-controls="drilldown-id_language"]').click()
        page.locator('#drilldown-id_language input[value="es"]').check()
        page.wait_for_url(re.compile(r"language=es"))
        listing.get_by_text("Zoé Dupont").wait_for(state="detached")
        page.mouse.click(700, 600)  # close the filter menu
        page.locator("#drilldown-id_language").wait_for(state="hidden")
        row = listing.locator("tr", has_text="Ana Pérez")
        assert row.get_by_text("Campañas").count() == 1  # the label, never the key
        assert "campaigns" not in row.inner_text()
        screenshot(page, str(ARTIFACTS / "inbox-list.png"))

        # Open it, assign it to a colleague, set the status, add a note.
        row.get_by_role("link", name=re.compile("Ana Pérez")).click()
        page.wait_for_url(f"**/admin/inquiries/edit/{ana.pk}/")
        panel = page.locator("table.listing").first
        assert panel.get_by_text("Campañas").count() == 1
        page.select_option("#id_assignee", label="Carlos Colega")
        page.select_option("#id_status", value="in_progress")
        page.fill("#id_internal_notes", "Llamar el lunes.")
        page.get_by_role("button", name=re.compile(r"^\s*Guardar")).first.click()
        page.wait_for_url("**/admin/inquiries/")
        screenshot(page, str(ARTIFACTS / "inbox-after-assignment.png"))
        row = page.locator("table.listing tbody tr", has_text="Ana Pérez")
        assert row.get_by_text("Carlos Colega").count() == 1
    finally:
        smtp_settings.disable()
        controller.stop()

    ana.refresh_from_db()
    assert ana.assignee == users["colega"]
    assert ana.status == "in_progress"
    assert ana.internal_notes == "Llamar el lunes."
    assert Inquiry.objects.get(pk=zoe.pk).assignee is None
    (envelope,) = smtp.envelopes
    assert envelope["to"] == ["colega@clac.test"]
    message = envelope["message"]
    assert message["Content-Language"] == "es"
    text = body_text(message)
    assert f"/admin/inquiries/edit/{ana.pk}/" in text
    assert "Gabriela Gestora" in text and "Campañas" in text
    (ARTIFACTS / "inbox-assignment-email.txt").write_text(
        f"To: {', '.join(envelope['to'])}\nSubject: {message['Subject']}\n\n{text}",
        encoding="utf-8",
    )
    html = message.get_body(preferencelist=("html",)).get_content()
    email_page = new_page(locale="es-ES", width=800, height=600)
    email_page.set_content(html)
    email_page.screenshot(
        path=str(ARTIFACTS / "inbox-assignment-email.png"), full_page=True
    )
