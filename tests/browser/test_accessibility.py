"""Accessibility in a real browser: axe-core (WCAG 2.2 A/AA) on every page type in
every language at phone and desktop widths, plus the checks axe cannot make alone.

Each audited view is also saved as a full-page screenshot under
``test-artifacts/screenshots/`` for people to look at.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import LANGUAGES, record_figure, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = [360, 1280]
AXE = Axe()

# Structure of a page, read in one go in the browser.
STRUCTURE_JS = """() => {
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const top = (selector) => [...document.querySelectorAll(selector)]
    .filter((el) => !el.parentElement.closest("main, header, footer, nav, aside, article, section"));
  return {
    lang: document.documentElement.getAttribute("lang"),
    h1: [...document.querySelectorAll("h1")].filter(visible).map((h) => h.textContent.trim()),
    banner: top("header").length,
    main: document.querySelectorAll("main").length,
    contentinfo: top("footer").length,
    nav: document.querySelectorAll("nav[aria-label], nav[aria-labelledby]").length,
    navUnlabelled: [...document.querySelectorAll("nav")]
      .filter((n) => !n.getAttribute("aria-label") && !n.getAttribute("aria-labelledby")).length,
    images: [...document.querySelectorAll("img")].map((img) => ({
      src: img.getAttribute("src"),
      alt: img.getAttribute("alt"),
      decorative: !!img.closest(".brand, .card, .partner-list, [aria-hidden=true]"),
      hero: img.classList.contains("hero-img") || !!img.closest(".page-hero, article figure"),
    })),
    horizontalOverflow: document.documentElement.scrollWidth > window.innerWidth + 1,
  };
}"""


def _violations_text(results):
    lines = []
    for violation in results.response["violations"]:
        targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return lines


def _hero_alt(path):
    """The image description the editor wrote for the page at ``path``, if any."""
    from wagtail.models import Page

    for page in Page.objects.live().specific():
        if page.url == path:
            return getattr(page, "hero_image_alt", None), bool(
                getattr(page, "hero_image_id", None)
            )
    return None, False


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_passes_axe_and_structure_checks(
    language, new_page, page_urls, screenshots_dir
):
    # bypass_csp: axe is injected into pages whose CSP refuses foreign scripts.
    page = new_page(locale=language, bypass_csp=True)
    problems = []
    audits = violations = 0
    for name, path in page_urls[language].items():
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(path)
            expected = 404 if name == "not_found" else 200
            assert response.status == expected, f"{path}: HTTP {response.status}"
            screenshot(page, screenshots_dir / f"{name}-{language}-{width}.png")
            results = AXE.run(
                page,
                options={
                    "runOnly": {"type": "tag", "values": WCAG_TAGS},
                    "resultTypes": ["violations"],
                },
            )
            audits += 1
            violations += results.violations_count
            problems += [
                f"{path} @{width}px axe {v}" for v in _violations_text(results)
            ]

            info = page.evaluate(STRUCTURE_JS)
            if info["horizontalOverflow"]:
                problems.append(f"{path} @{width}px scrolls sideways")
            if width != WIDTHS[-1]:
                continue
            if info["lang"] != language:
                problems.append(f"{path}: <html lang={info['lang']!r}>")
            if len(info["h1"]) != 1:
                problems.append(f"{path}: {len(info['h1'])} visible <h1> {info['h1']}")
            if info["banner"] != 1 or info["main"] != 1:
                problems.append(f"{path}: banner {info['banner']}, main {info['main']}")
            if name != "not_found" and (info["contentinfo"] != 1 or info["nav"] < 1):
                problems.append(
                    f"{path}: footer {info['contentinfo']}, labelled nav {info['nav']}"
                )
            if info["navUnlabelled"]:
                problems.append(
                    f"{path}: {info['navUnlabelled']} <nav> without a label"
                )
            for image in info["images"]:
                if image["alt"] is None:
                    problems.append(f"{path}: <img src={image['src']}> has no alt")
                elif image["decorative"] and image["alt"] != "":
                    problems.append(
                        f"{path}: decorative {image['src']} alt={image['alt']!r}"
                    )
            alt, has_hero = _hero_alt(path)
            heroes = [image for image in info["images"] if image["hero"]]
            if has_hero and heroes and heroes[0]["alt"] != (alt or ""):
                problems.append(
                    f"{path}: main image alt {heroes[0]['alt']!r} != {alt!r}"
                )
    record_figure(
        "axe",
        f"{language}: {len(page_urls[language])} page types x {len(WIDTHS)} widths = "
        f"{audits} audits, {violations} violations",
    )
    assert not problems, "\n".join(problems)


def test_meaningful_images_are_described(new_page, page_urls):
    """The demo's main images carry the editor's description in every language."""
    described = 0
    for language in LANGUAGES:
        page = new_page(locale=language)
        for name in ("news", "campaign", "home"):
            path = page_urls[language][name]
            alt, has_hero = _hero_alt(path)
            if not (has_hero and alt):
                continue
            page.goto(path)
            assert page.locator(f'main img[alt="{alt}"]').count() >= 1, path
            described += 1
    assert described >= 4, "the demo content should have described main images"


FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName, text: (el.textContent || el.value || "").trim().slice(0, 40),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== "none",
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0
      && box.top < window.innerHeight && box.right > 0 && box.left < window.innerWidth,
  };
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_focus_is_always_visible(width, new_page, page_urls):
    """Tab through a campaign page: each focused control shows a clear outline."""
    page = new_page(locale="fr", width=width)
    page.goto(page_urls["fr"]["campaign"])
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        if focus is None:
            break
        seen.append(focus)
        assert focus["outline"] or focus["shadow"], f"no visible focus on {focus}"
        assert focus["onScreen"], f"focused control off screen: {focus}"
    assert len(seen) >= 5, seen
    assert seen[0]["tag"] == "A", "the skip link comes first"


@pytest.mark.parametrize("form", ["contact", "signup"])
def test_form_honeypot_is_hidden_from_everyone(form, new_page, page_urls):
    page = new_page(locale="pt-BR")
    page.goto(page_urls["pt-br"][form])
    honeypot = page.locator('[name="clac_website"]')
    assert honeypot.count() == 1, "the form has its honeypot"
    assert not honeypot.is_visible(), "sighted readers do not see the honeypot"
    assert honeypot.get_attribute("tabindex") == "-1"
    hidden = honeypot.evaluate(
        "el => !!el.closest('[aria-hidden=true], [hidden], [inert]')"
        " || getComputedStyle(el).display === 'none'"
    )
    assert hidden, "the honeypot is hidden from assistive technology"
    tree = page.locator("main form").aria_snapshot()
    assert "clac_website" not in tree
    label = page.locator('label[for="id_clac_website"]')
    if label.count():
        assert label.inner_text().strip() not in tree
    # Tabbing through the whole form never lands on it.
    page.locator("main form").locator("input, textarea, select").first.focus()
    for _ in range(30):
        name = page.evaluate("document.activeElement.name")
        assert name != "clac_website"
        page.keyboard.press("Tab")
