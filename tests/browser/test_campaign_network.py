"""Issue 17 in a real browser: a university joins a campaign network in Portuguese,
a coordinator (Spanish admin, two factors) registers it, marks two criteria met and
declares it; it then shows on the directory and in the counters in all four
languages, and its contact has the Portuguese emails in a real SMTP server.

Also axe (WCAG 2.2 A/AA) on the directory and a participant page at phone and
desktop widths in every language, and their screenshots in docs/screenshots/.
"""

import re
from pathlib import Path

from django.test import override_settings

import pytest

from tests.browser.conftest import (
    ARTIFACTS,
    DEMO_PASSWORD,
    LANGUAGES,
    admin_login,
    screenshot,
    wcag_problems,
)
from tests.smtp_helpers import body_text, free_port, start_smtp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

UNIVERSITY = "Universidade Federal de Lavras"
CONTACT_EMAIL = "reitoria.ufla@example.org"
COORDINATOR = "coordinadora"


def _path(page):
    return re.sub(r"^https?://[^/]+", "", page.url)


def _universities_campaign():
    """The Spanish universities campaign: the one with a university sign-up form."""
    from campaigns.models import CampaignPage, CampaignSignupPage

    for campaign in (
        CampaignPage.objects.live().filter(locale__language_code="es").order_by("path")
    ):
        signup = CampaignSignupPage.objects.child_of(campaign).live().first()
        if signup is not None and "universi" in campaign.slug:
            return campaign
    raise AssertionError("the demo has no universities campaign with a sign-up page")


def _translation(page, language):
    from wagtail.models import Locale

    return page.get_translation(Locale.objects.get(language_code=language)).specific


@pytest.fixture
def smtp(demo_site):
    """A real SMTP server the site sends to (settings are process-wide, so the live
    server's threads use it too); its envelopes, then it stops."""
    port = free_port()
    controller, inbox = start_smtp(port)
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
        yield inbox
    finally:
        smtp_settings.disable()
        controller.stop()


@pytest.fixture
def network(demo_site):
    """The universities campaign with its sign-up pages confirming to the reader,
    and a campaign coordinator whose admin is in Spanish. Put back afterwards."""
    from django.contrib.auth import get_user_model

    from wagtail.users.models import UserProfile

    from campaigns.models import CampaignSignupPage, CoordinatorScope, Participant
    from home.bootstrap import role_group

    campaign = _universities_campaign()
    signups = CampaignSignupPage.objects.filter(
        translation_key=CampaignSignupPage.objects.child_of(campaign)
        .get()
        .translation_key
    )
    confirming = {page.pk: page.send_confirmation for page in signups}
    signups.update(send_confirmation=True)

    user, _ = get_user_model().objects.get_or_create(
        username=COORDINATOR, defaults={"email": "coordinadora@clac.test"}
    )
    user.first_name, user.last_name = "Camila", "Coordinadora"
    user.set_password(DEMO_PASSWORD)
    user.save()
    user.groups.add(role_group("campaign-coordinators"))
    # The coordinator of Brazil's country network.
    CoordinatorScope.objects.update_or_create(user=user, defaults={"countries": ["BR"]})
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "es"
    profile.save()
    yield campaign, user
    Participant.objects.filter(name=UNIVERSITY).delete()
    user.delete()
    for pk, value in confirming.items():
        CampaignSignupPage.objects.filter(pk=pk).update(send_confirmation=value)


def _sign_up_in_portuguese(new_page, campaign):
    """A university fills the Portuguese sign-up form in Chromium."""
    from campaigns.models import CampaignSignupPage

    campaign_pt = _translation(campaign, "pt-br")
    signup_pt = CampaignSignupPage.objects.child_of(campaign_pt).live().get()
    page = new_page(locale="pt-BR", width=1280)
    page.goto(_path(campaign_pt))
    assert page.locator("html").get_attribute("lang") == "pt-br"
    page.locator(f'main a[href="{_path(signup_pt)}"]').first.click()
    page.wait_for_url(f"**{_path(signup_pt)}")
    page.fill("#id_organization", UNIVERSITY)
    page.select_option("#id_kind", value="university")
    # The country list is in Portuguese.
    page.select_option("#id_country", label="Brasil")
    page.fill("#id_city", "Lavras")
    page.fill("#id_contact_name", "Beatriz Nogueira")
    page.fill("#id_role", "Pró-reitora de extensão")
    page.fill("#id_email", CONTACT_EMAIL)
    page.fill("#id_phone", "+55 35 3829-1122")
    page.check("#id_consent")
    assert page.locator("#id_language").input_value() == "pt-br", (
        "the emails' language defaults to the page's"
    )
    page.check("#id_clac_consent")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert signup_pt.thank_you_text.split()[0] in text, text
    page.context.close()
    return signup_pt


TODAY_FMT = "%Y-%m-%d"


def _open_tab_of(page, field_selector):
    """Open the admin tab that holds ``field_selector`` (tab labels vary with the
    catalogs; the tab panel's id does not)."""
    panel_id = page.locator(field_selector).evaluate(
        "el => el.closest('[role=tabpanel]').id"
    )
    page.locator(f'[role=tab][aria-controls="{panel_id}"]').click()
    page.locator(field_selector).wait_for(state="visible")


def _fill_date(page, selector, value):
    """Type the date as an editor pastes it, without focusing the field: focus opens
    the admin's date picker, which stays over the Save button in headless Chromium
    (a date typed into the field is what the server receives either way)."""
    page.locator(selector).evaluate(
        """(el, value) => {
          el.value = value;
          el.dispatchEvent(new Event("input", {bubbles: true}));
          el.dispatchEvent(new Event("change", {bubbles: true}));
        }""",
        value,
    )
    assert page.locator(selector).input_value() == value


def _save(page):
    """Save the edit form; the viewset goes back to its listing when it saved."""
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^\s*Guardar")).first.click()
    if "/edit/" in page.url:
        screenshot(page, str(ARTIFACTS / "network-admin-save-failed.png"))
        errors = page.evaluate(
            """() => [...document.querySelectorAll('.error-message')]
              .filter((el) => el.innerText.trim())
              .map((el) => {
                const field = el.closest('[data-field-wrapper], .w-field__wrapper');
                const input = field && field.querySelector('input, select, textarea');
                return `${input ? input.name : '?'}: ${el.innerText.trim()}`;
              })"""
        )
        raise AssertionError(f"not saved: {errors}")


def _coordinator_registers_and_declares(new_page, participant, criteria):
    """In the Spanish admin: find the participant, register it, mark two criteria
    met, declare it (date and reason)."""
    from django.utils import timezone

    today = timezone.localdate().strftime(TODAY_FMT)
    page = admin_login(new_page, COORDINATOR)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto("/admin/campaigns/participants/")
    # The listing's own search (the sidebar has one for the whole admin).
    search = page.locator("#main input[name=q]").first
    search.fill("Lavras")
    search.press("Enter")
    page.wait_for_url(re.compile(r"q=Lavras"))
    screenshot(page, str(ARTIFACTS / "network-admin-search.png"))
    listing = page.locator("table.listing tbody")
    listing.get_by_role("link", name=UNIVERSITY).first.wait_for()
    assert listing.locator("tr").count() == 1, listing.inner_text()
    listing.get_by_role("link", name=UNIVERSITY).first.click()
    edit_url = f"**/admin/campaigns/participants/edit/{participant.pk}/"
    page.wait_for_url(edit_url)

    # Registered, with the reason.
    _open_tab_of(page, "#id_status")
    page.select_option("#id_status", value="registered")
    page.fill("#id_status_reason", "Carta de adhesión recibida.")
    _save(page)

    # Two criteria met, with dates and public notes.
    page.goto(f"/admin/campaigns/participants/edit/{participant.pk}/")
    _open_tab_of(page, "#id_progress-ADD")
    for index, criterion in enumerate(criteria):
        page.locator("#id_progress-ADD").click()
        prefix = f"#id_progress-{index}"
        # The criterion's chooser: a modal listing the (Spanish) criteria.
        page.locator(f"{prefix}-criterion-chooser button:visible").first.click()
        modal = page.locator(".modal.show, .modal:visible").first
        modal.get_by_role("link", name=criterion.title, exact=True).first.click()
        modal.wait_for(state="hidden")
        assert page.locator(f"{prefix}-criterion").input_value() == str(criterion.pk)
        page.select_option(f"{prefix}-state", value="met")
        _fill_date(page, f"{prefix}-date", today)
        page.fill(f"{prefix}-public_note", f"Evidencia revisada ({criterion.code}).")
    _save(page)

    # Declared: the date and the reason.
    page.goto(f"/admin/campaigns/participants/edit/{participant.pk}/")
    _open_tab_of(page, "#id_status")
    page.select_option("#id_status", value="declared")
    _fill_date(page, "#id_declared_on", today)
    page.fill("#id_status_reason", "Cumple los criterios; declaración firmada.")
    _save(page)
    page.goto(f"/admin/campaigns/participants/edit/{participant.pk}/")
    _open_tab_of(page, "#id_status")
    history = page.locator("[role=tabpanel] table.listing").last
    assert "Cumple los criterios" in history.inner_text()
    assert "Camila Coordinadora" in history.inner_text()
    screenshot(page, str(ARTIFACTS / "network-admin-status.png"))
    page.context.close()


def _public_state(new_page, campaign, participant_name):
    """What a reader sees in each language: the campaign's counter, the home
    page's counter, and the directory's names."""
    from campaigns.models import ParticipantDirectoryPage
    from home.models import HomePage

    seen = {}
    for language in LANGUAGES:
        campaign_in = _translation(campaign, language)
        directory = ParticipantDirectoryPage.objects.child_of(campaign_in).live().get()
        home = HomePage.objects.live().get(locale__language_code=language)
        page = new_page(locale=language)
        page.goto(_path(campaign_in))
        counter = page.locator(".network-counter")
        campaign_counter = counter.inner_text().strip() if counter.count() else ""
        page.goto(_path(home))
        card = page.locator("main .card", has_text=campaign_in.title).first
        home_counter = card.locator(".card-counter")
        home_text = home_counter.inner_text().strip() if home_counter.count() else ""
        page.goto(_path(directory))
        names = page.locator(
            ".directory-list .participant-card__name"
        ).all_inner_texts()
        total = page.locator("#directory-count").inner_text().strip()
        seen[language] = {
            "campaign_counter": campaign_counter,
            "home_card": home_text,
            "names": [name.strip() for name in names],
            "directory_count": total,
            "directory": directory,
        }
        page.context.close()
    return seen


def _numbers(text):
    return [
        int(re.sub(r"\D", "", n)) for n in re.findall(r"\d[\d.,\u202f\xa0 ]*", text)
    ]


def test_a_university_joins_in_portuguese_and_is_declared(new_page, network, smtp):
    from django.utils import timezone, translation

    from campaigns.directory import counter_text, network_counts
    from campaigns.models import CampaignCriterion, Participant, ParticipantStatus

    campaign, coordinator = network
    criteria = list(
        CampaignCriterion.objects.filter(
            campaign=campaign, locale__language_code="es"
        ).order_by("sort_order")[:2]
    )
    assert len(criteria) == 2, "the demo's universities campaign has criteria"
    before = network_counts([campaign.translation_key]).get(campaign.translation_key)
    before_total = before.total if before else 0
    seen_before = _public_state(new_page, campaign, UNIVERSITY)

    _sign_up_in_portuguese(new_page, campaign)

    participant = Participant.objects.get(name=UNIVERSITY)
    assert participant.campaign_id == campaign.pk
    assert participant.status == ParticipantStatus.INTERESTED
    assert participant.country.code == "BR"
    assert not participant.is_listed, "a new sign-up is never public"
    (contact,) = participant.contacts.all()
    assert (contact.email, contact.language) == (CONTACT_EMAIL, "pt-br")
    # Not on the directory yet.
    page = new_page(locale="pt-BR")
    response = page.goto(
        seen_before["pt-br"]["directory"].participant_url(participant.slug)
    )
    assert response.status == 404
    page.context.close()

    # The confirmation, and only one, in Portuguese.
    to_contact = [e for e in smtp.envelopes if e["to"] == [CONTACT_EMAIL]]
    assert len(to_contact) == 1, [e["message"]["Subject"] for e in to_contact]
    confirmation = to_contact[0]["message"]
    assert confirmation["Content-Language"] == "pt-br"
    assert confirmation["Subject"].startswith("Recebemos sua mensagem"), confirmation[
        "Subject"
    ]
    _keep_email("network-email-1-confirmation", to_contact[0])

    _coordinator_registers_and_declares(new_page, participant, criteria)

    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.DECLARED
    assert participant.declared_on == timezone.localdate()
    assert participant.is_listed
    changes = list(participant.status_changes.order_by("changed_at", "pk"))
    assert [(c.old_status, c.new_status) for c in changes] == [
        ("", "interested"),
        ("interested", "registered"),
        ("registered", "declared"),
    ]
    assert all(c.changed_by == coordinator for c in changes[1:])
    assert changes[2].reason == "Cumple los criterios; declaración firmada."
    assert sorted(p.criterion_id for p in participant.progress.filter(state="met")) == (
        sorted(c.pk for c in criteria)
    )

    # On the directory and in the counters, in all four languages.
    seen_after = _public_state(new_page, campaign, UNIVERSITY)
    for language in LANGUAGES:
        before_lang, after = seen_before[language], seen_after[language]
        assert UNIVERSITY not in before_lang["names"], language
        assert UNIVERSITY in after["names"], (language, after["names"])
        with translation.override(language):
            expected = counter_text(
                network_counts([campaign.translation_key])[campaign.translation_key]
            )
        assert after["campaign_counter"] == expected, (language, after)
        assert after["home_card"] == expected, (language, after["home_card"])
        assert before_lang["campaign_counter"] != after["campaign_counter"], language
        assert before_total + 1 in _numbers(after["campaign_counter"]), (
            language,
            after["campaign_counter"],
        )
        # The participant's own page: declared, the two criteria met.
        page = new_page(locale=language)
        response = page.goto(after["directory"].participant_url(participant.slug))
        assert response.status == 200, language
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").inner_text().strip() == UNIVERSITY
        with translation.override(language):
            declared = str(ParticipantStatus.DECLARED.label)
            titles = [
                criterion.get_translation(after["directory"].locale).title
                if criterion.has_translation(after["directory"].locale)
                else criterion.title
                for criterion in criteria
            ]
        main = page.locator("main").inner_text()
        assert declared in main, (language, declared)
        items = page.locator(".criteria-list li").all_inner_texts()
        for title in titles:
            assert any(title in item for item in items), (language, title, items)
        assert CONTACT_EMAIL not in page.content()
        page.context.close()

    # The contact's emails: the confirmation, then one per status change, each
    # in Portuguese.
    to_contact = [e for e in smtp.envelopes if e["to"] == [CONTACT_EMAIL]]
    assert len(to_contact) == 3, [e["message"]["Subject"] for e in to_contact]
    with translation.override("pt-br"):
        registered_pt = str(ParticipantStatus.REGISTERED.label)
        declared_pt = str(ParticipantStatus.DECLARED.label)
    campaign_pt = _translation(campaign, "pt-br")
    for envelope, status_pt, name in [
        (to_contact[1], registered_pt, "network-email-2-registered"),
        (to_contact[2], declared_pt, "network-email-3-declared"),
    ]:
        message = envelope["message"]
        _keep_email(name, envelope)
        assert message["Content-Language"] == "pt-br"
        subject, text = message["Subject"], body_text(message)
        assert campaign_pt.title in subject and status_pt in subject, subject
        assert text.startswith("Olá"), text
        assert f"{UNIVERSITY}" in text and status_pt in text, text
    assert registered_pt != "Registered" and declared_pt != "Declared", (
        "the status names have their Portuguese translation"
    )


def _keep_email(name, envelope):
    message = envelope["message"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.txt").write_text(
        f"To: {', '.join(envelope['to'])}\nSubject: {message['Subject']}\n"
        f"Content-Language: {message['Content-Language']}\n\n{body_text(message)}",
        encoding="utf-8",
    )


# ------------------------------------------------------------------ axe, screenshots

WIDTHS = [360, 1280]
#: The languages whose views go to docs/screenshots/ (as the other after-* shots).
DOCS_LANGUAGES = ["es", "fr"]


def _showcase_participant(campaign):
    """The public demo participant with the most to show (activities, criteria,
    producer organisations), and the directory it is listed on."""
    from django.db.models import Count

    from campaigns.models import Participant

    participant = (
        Participant.objects.public()
        .filter(campaign=campaign)
        .annotate(
            n_activities=Count("activities", distinct=True),
            n_progress=Count("progress", distinct=True),
            n_producers=Count("producer_organizations", distinct=True),
        )
        .order_by("-n_activities", "-n_progress", "-n_producers", "name")
        .first()
    )
    assert participant is not None, "the demo has public participants"
    return participant


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_and_participant_page_pass_axe(language, new_page, screenshots_dir):
    from axe_playwright_python.sync_playwright import Axe

    from campaigns.models import ParticipantDirectoryPage
    from tests.browser.conftest import record_figure

    campaign = _universities_campaign()
    participant = _showcase_participant(campaign)
    directory = (
        ParticipantDirectoryPage.objects.child_of(_translation(campaign, language))
        .live()
        .get()
    )
    views = {
        "directory": _path(directory),
        "participant": directory.participant_url(participant.slug),
    }
    axe = Axe()
    page = new_page(locale=language, bypass_csp=True)
    problems, audits, violations = [], 0, 0
    for name, path in views.items():
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(path)
            assert response.status == 200, f"{path}: HTTP {response.status}"
            assert page.locator("html").get_attribute("lang") == language
            if name == "directory":
                assert page.locator(".directory-list li").count() >= 2, path
            else:
                assert page.locator("h1").inner_text().strip() == participant.name
            shot = f"after-{name}-{language}-{width}.png"
            screenshot(page, screenshots_dir / shot)
            if language in DOCS_LANGUAGES:
                screenshot(page, DOCS_SCREENSHOTS / shot)
            found = wcag_problems(page, axe, f"{path} @{width}px")
            audits += 1
            violations += sum("scrolls sideways" not in line for line in found)
            problems += found
    record_figure(
        "axe (campaign network)",
        f"{language}: directory + participant x {len(WIDTHS)} widths = "
        f"{audits} audits, {violations} violations",
    )
    assert not problems, "\n".join(problems)
