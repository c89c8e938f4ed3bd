"""Reader journeys in Chromium, with a pointer and then with the keyboard only.

A Brazilian reader lands on ``/``, finds a campaign, switches it to French, browses
news and a topic, searches, and signs up with mistakes first: the error summary
takes focus and is announced, each error is tied to its field, and once corrected
the form leads to the thank-you page.
"""

import re

import pytest

from tests.browser.conftest import record_figure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _live(label, language, **filters):
    from django.apps import apps

    model = apps.get_model(label)
    return (
        model.objects.live()
        .filter(locale__language_code=language, **filters)
        .order_by("path")
        .first()
    )


def _translation(page, language):
    return page.get_translation(_locale(language)).specific


def _locale(language):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=language)


def _signup_campaign(language):
    """The first campaign (in ``language``) that has a live sign-up page."""
    from campaigns.models import CampaignPage, CampaignSignupPage

    for campaign in (
        CampaignPage.objects.live()
        .filter(locale__language_code=language)
        .order_by("path")
    ):
        if CampaignSignupPage.objects.child_of(campaign).live().exists():
            return campaign
    raise AssertionError(f"no campaign with a sign-up page in {language}")


def _path(page):
    return re.sub(r"^https?://[^/]+", "", page.url)


def _search_word(title):
    """The longest word of a title: never a stop word for PostgreSQL's search."""
    return max(re.findall(r"\w+", title), key=len)


def _inquiry_count():
    from inquiries.models import Inquiry

    return Inquiry.objects.count()


# ---------------------------------------------------------------- the form part


def _check_error_summary(page, expected_fields):
    """The summary has focus, is an alert, and links each error to its field."""
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate("document.activeElement.id") == "error-summary"
    links = summary.locator("a")
    targets = [link.get_attribute("href") for link in links.all()]
    for name in expected_fields:
        assert f"#id_{name}" in targets, (name, targets)
        field = page.locator(f"#id_{name}")
        assert field.get_attribute("aria-invalid") == "true", name
        described_by = (field.get_attribute("aria-describedby") or "").split()
        error_id = f"id_{name}_error"
        assert error_id in described_by, (name, described_by)
        error_text = page.locator(f"#{error_id}").inner_text().strip()
        assert error_text, name
        # The summary repeats the field's own error message.
        assert error_text.splitlines()[0] in summary.inner_text()
    for name in MISTAKES:
        if name not in expected_fields:
            assert page.locator(f"#id_{name}").get_attribute("aria-invalid") != "true"


MISTAKES = ["organization", "email", "clac_consent"]


def _fill_with_mistakes_by_pointer(page):
    page.select_option("#id_country", "PE")
    page.fill("#id_city", "Lima")
    page.fill("#id_contact_name", "Ana Quispe")
    page.fill("#id_email", "ana-sans-arobase")
    page.get_by_role("button", name=re.compile(".+")).last.click()


def _correct_by_pointer(page):
    page.fill("#id_organization", "Universidad Nacional Agraria La Molina")
    page.fill("#id_email", "ana@example.org")
    page.check("#id_clac_consent")
    page.locator("main form button[type=submit]").click()


# ------------------------------------------------------------- pointer journey


def test_reader_journey_with_a_pointer(new_page):
    from inquiries.models import Inquiry

    page = new_page(locale="pt-BR")
    response = page.goto("/")
    assert re.search(r"/pt-br/$", page.url), page.url
    assert response.ok
    assert page.locator("html").get_attribute("lang") == "pt-br"

    # The menu leads to the campaigns, a card to a campaign.
    campaign_pt = _signup_campaign("pt-br")
    index_pt = campaign_pt.get_parent().specific
    page.locator(f'nav.main-nav a[href="{_path(index_pt)}"]').click()
    assert page.url.endswith(_path(index_pt))
    page.locator(f'main a[href="{_path(campaign_pt)}"]').first.click()
    assert page.url.endswith(_path(campaign_pt))
    assert page.locator("h1").inner_text().strip() == campaign_pt.title

    # Switch to French: the same campaign, in French.
    campaign_fr = _translation(campaign_pt, "fr")
    page.locator("nav.lang-switcher summary").click()  # the language choice opens
    page.locator("nav.lang-switcher a[hreflang=fr]").click()
    assert page.url.endswith(_path(campaign_fr)), page.url
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text().strip() == campaign_fr.title

    # News: the menu, a news item, one of its topics.
    news_index_fr = _live("news.NewsIndexPage", "fr")
    page.locator(f'nav.main-nav a[href="{_path(news_index_fr)}"]').click()
    assert page.locator("h1").inner_text().strip() == news_index_fr.title
    cards = page.locator("main .card-title a")
    assert cards.count() >= 3
    tagged = next(
        item
        for item in news_index_fr.get_children().live().specific().order_by("path")
        if item.topics.exists()
    )
    page.goto(_path(tagged))
    assert page.locator("h1").inner_text().strip() == tagged.title
    topic_link = page.locator("main .tags a").first
    topic_name = topic_link.inner_text().strip()
    topic_link.click()
    assert "topic=" in page.url
    assert (
        page.locator("#filter-topic option:checked").inner_text().strip() == topic_name
    )
    assert page.locator("main .card-title a").count() >= 1

    # Search from the header.
    page.locator("header a.header-search").click()
    assert page.locator("html").get_attribute("lang") == "fr"
    page.fill("#search-q", _search_word(tagged.title))
    page.locator("main form[role=search] button").click()
    results = page.locator("main .search-results a")
    assert results.count() >= 1
    assert tagged.title in results.all_inner_texts()

    # Sign up for the French campaign: mistakes first.
    page.goto(_path(campaign_fr))
    page.locator("main .take-part a.button").click()
    signup_fr = campaign_fr.get_children().live().specific().first()
    assert page.url.endswith(_path(signup_fr))
    before = _inquiry_count()
    _fill_with_mistakes_by_pointer(page)
    _check_error_summary(page, MISTAKES)
    assert _inquiry_count() == before, "nothing is stored while the form has errors"
    # What the reader already typed is kept.
    assert page.input_value("#id_contact_name") == "Ana Quispe"
    assert page.input_value("#id_country") == "PE"
    _correct_by_pointer(page)
    page.wait_for_url(re.compile(r"\?thanks=1$"))
    assert signup_fr.thank_you_text.split()[0] in page.locator("main").inner_text()
    inquiry = Inquiry.objects.order_by("-pk").first()
    assert _inquiry_count() == before + 1
    assert inquiry.language == "fr"
    assert inquiry.status == "new"
    assert inquiry.form_data["organization"] == "Universidad Nacional Agraria La Molina"
    record_figure(
        "journeys",
        "pointer journey (pt-BR -> fr, news, topic, search, sign-up): passed",
    )


# ------------------------------------------------------------ keyboard journey

FOCUSABLE_JS = """() => {
  const selector = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]),'
    + ' select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
  const visible = (el) => {
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none'
      && (el.offsetWidth || el.offsetHeight || el.getClientRects().length)
      && !el.closest('[aria-hidden=true], [inert]');
  };
  const all = [...document.querySelectorAll(selector)]
    .filter((el) => el.tabIndex >= 0 && visible(el));
  all.forEach((el, i) => el.setAttribute('data-kb', String(i)));
  return all.length;
}"""


def _focused(page):
    return page.evaluate(
        """() => { const el = document.activeElement;
        return el && el !== document.body ? {
          kb: el.getAttribute('data-kb'), id: el.id, tag: el.tagName,
          href: el.getAttribute('href'), name: el.getAttribute('name'),
          hreflang: el.getAttribute('hreflang'), text: el.textContent.trim() } : null; }"""
    )


CLOSED_DISCLOSURE_JS = """() => { const el = document.activeElement;
  return !!el && ((el.tagName === 'SUMMARY' && !el.parentElement.open)
    || el.getAttribute('aria-expanded') === 'false'); }"""


def _open_if_closed_disclosure(page):
    """A keyboard reader opens what is folded (the language choice, the phone
    menu) with Enter when Tab reaches its button."""
    if page.evaluate(CLOSED_DISCLOSURE_JS):
        page.keyboard.press("Enter")


def _open_disclosures(page):
    # Twice: opening the menu closes the language choice (one open at a time).
    for _pass in range(2):
        _restart_tabbing(page)
        page.evaluate(
            """() => { document.body.tabIndex = -1; document.body.focus();
            document.body.removeAttribute('tabindex'); }"""
        )
        for _ in range(30):
            page.keyboard.press("Tab")
            _open_if_closed_disclosure(page)
            if page.evaluate("!!document.activeElement.closest('main')"):
                break
    # Tab again from the top of the page (the body takes focus, then gives it up).
    page.evaluate(
        """() => { document.body.tabIndex = -1; document.body.focus();
        document.body.removeAttribute('tabindex'); }"""
    )


def _assert_every_control_reachable(page):
    """Tab from the top of the page to the end: every visible control gets focus
    (folded ones once their disclosure is opened with Enter, as a reader would)."""
    _open_disclosures(page)
    total = page.evaluate(FOCUSABLE_JS)
    page.evaluate("window.getSelection().removeAllRanges()")
    reached = set()
    for _ in range(total + 15):
        page.keyboard.press("Tab")
        focus = _focused(page)
        if focus is None or focus["kb"] in reached:
            break
        if focus["kb"] is not None:
            reached.add(focus["kb"])
    missing = page.evaluate(
        """(reached) => [...document.querySelectorAll('[data-kb]')]
          .filter((el) => !reached.includes(el.getAttribute('data-kb')))
          .map((el) => el.outerHTML.slice(0, 120))""",
        list(reached),
    )
    assert not missing, f"{page.url}: never focused by Tab: {missing}"
    return total


def _tab_to(page, match, limit=120):
    """Press Tab until the focused element satisfies ``match``; return it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = _focused(page)
        if focus and match(focus):
            return focus
        _open_if_closed_disclosure(page)
    raise AssertionError(f"{page.url}: Tab never reached the control")


def _restart_tabbing(page):
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate("window.scrollTo(0, 0)")


def test_reader_journey_by_keyboard_only(new_page):
    from inquiries.models import Inquiry

    page = new_page(locale="pt-BR", width=360, height=740)
    page.goto("/")
    assert page.url.endswith("/pt-br/")
    controls = _assert_every_control_reachable(page)

    # The skip link comes first and moves focus to the main content.
    page.reload()
    page.keyboard.press("Tab")
    first = _focused(page)
    assert first["href"] == "#main", first
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # Menu → campaigns → the campaign.
    campaign_pt = _signup_campaign("pt-br")
    index_path = _path(campaign_pt.get_parent())
    _restart_tabbing(page)
    _tab_to(page, lambda f: f["href"] == index_path)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{index_path}")
    controls += _assert_every_control_reachable(page)
    _restart_tabbing(page)
    _tab_to(page, lambda f: f["href"] == _path(campaign_pt))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{_path(campaign_pt)}")

    # The language switcher, by keyboard.
    campaign_fr = _translation(campaign_pt, "fr")
    controls += _assert_every_control_reachable(page)
    _restart_tabbing(page)
    _tab_to(page, lambda f: f["hreflang"] == "fr")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{_path(campaign_fr)}")
    assert page.locator("html").get_attribute("lang") == "fr"

    # News and a topic.
    news_index = _live("news.NewsIndexPage", "fr")
    _restart_tabbing(page)
    _tab_to(page, lambda f: f["href"] == _path(news_index))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{_path(news_index)}")
    controls += _assert_every_control_reachable(page)
    # The topic filter works from the keyboard: choose a topic, press Enter.
    _restart_tabbing(page)
    _tab_to(page, lambda f: f["id"] == "filter-topic")
    page.keyboard.press("ArrowDown")
    chosen = page.locator("#filter-topic option:checked").get_attribute("value")
    assert chosen
    _tab_to(page, lambda f: f["tag"] == "BUTTON")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"topic={re.escape(chosen)}"))

    # Search, reached from the header.
    _restart_tabbing(page)
    _tab_to(page, lambda f: (f["href"] or "").endswith("/search/"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/search/")
    _tab_to(page, lambda f: f["id"] == "search-q")
    page.keyboard.type(_search_word(news_index.get_children().live().first().title))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?q="))
    assert page.locator("main .search-results a").count() >= 1
    controls += _assert_every_control_reachable(page)

    # Sign up: the campaign's button, then the form, by keyboard only.
    page.goto(_path(campaign_fr))
    signup_fr = campaign_fr.get_children().live().specific().first()
    _tab_to(page, lambda f: f["href"] == _path(signup_fr))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{_path(signup_fr)}")
    controls += _assert_every_control_reachable(page)
    _restart_tabbing(page)
    _tab_to(page, lambda f: f["name"] == "organization")
    page.keyboard.press("Tab")  # leave the organisation empty
    _tab_to(page, lambda f: f["name"] == "country")
    page.keyboard.press("ArrowDown")  # the first country of the list
    assert page.input_value("#id_country")
    page.keyboard.press("Tab")
    assert _focused(page)["name"] == "city"
    page.keyboard.type("Asunción")
    page.keyboard.press("Tab")
    assert _focused(page)["name"] == "contact_name"
    page.keyboard.type("Ana Quispe")
    _tab_to(page, lambda f: f["name"] == "email")
    page.keyboard.type("ana-sans-arobase")
    _tab_to(page, lambda f: f["tag"] == "BUTTON")
    before = _inquiry_count()
    page.keyboard.press("Enter")
    _check_error_summary(page, MISTAKES)
    assert _inquiry_count() == before

    # From the summary, each link takes the reader to the field.
    page.keyboard.press("Tab")
    assert _focused(page)["href"] == "#id_organization"
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "id_organization"
    page.keyboard.type("Universidad Nacional de Asunción")
    _tab_to(page, lambda f: f["name"] == "email")
    page.keyboard.press("Control+A")
    page.keyboard.type("ana@example.org")
    _tab_to(page, lambda f: f["name"] == "clac_consent")
    page.keyboard.press("Space")
    assert page.is_checked("#id_clac_consent")
    _tab_to(page, lambda f: f["tag"] == "BUTTON")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?thanks=1$"))
    assert _inquiry_count() == before + 1
    inquiry = Inquiry.objects.order_by("-pk").first()
    assert inquiry.form_data["organization"] == "Universidad Nacional de Asunción"
    assert inquiry.language == "fr"
    record_figure(
        "journeys",
        f"keyboard-only journey at 360 px: passed; {controls} controls on 6 pages "
        "all reached by Tab",
    )
