"""Issue 18's network map in a real browser, on the demo's universities campaign:
its page and its participant directory, in the four languages.

- Keyboard: from the top of the directory, Tab reaches each link of the map's list
  in order, each with a visible focus ring; the points stay out of the tab order.
- Four languages: as many points as list items, at least 12 countries, each point
  inside its country's outline as Chromium draws it (``isPointInFill``).
- axe-core (WCAG 2.2 A/AA) finds nothing at 360 and 1280 px; no sideways scroll.
- Every request the pages make goes to the site itself.
- Screenshots of the map to docs/screenshots/after-map-*.png.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import LANGUAGES, record_figure, screenshot, wcag_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = [360, 1280]
#: docs/screenshots/after-map-<language>-<width>.png
DOCS_SHOTS = [("es", 360), ("es", 1280), ("fr", 1280)]
#: How far off its country's drawn coast a (coastal) town's point may be, in the
#: map's units (core.maps.COAST_TOLERANCE, 0.25, plus the markup's 0.1 rounding).
COAST = 0.32


def _path(page):
    return re.sub(r"^https?://[^/]+", "", page.url)


@pytest.fixture(scope="module")
def map_pages(demo_site):
    """``{language: {"campaign": path, "directory": path}}`` of the universities
    campaign (the demo's campaign with the most countries)."""
    from wagtail.models import Locale

    from campaigns.models import CampaignPage, ParticipantDirectoryPage

    campaign = (
        CampaignPage.objects.live()
        .filter(locale__language_code="es", slug__contains="universi")
        .get()
    )
    pages = {}
    for language in LANGUAGES:
        translated = campaign.get_translation(
            Locale.objects.get(language_code=language)
        )
        directory = ParticipantDirectoryPage.objects.child_of(translated).live().get()
        pages[language] = {"campaign": _path(translated), "directory": _path(directory)}
    return pages


# Read the map in the page: its points, list, and whether each point lies in its
# country's outline (Chromium's own geometry) or within COAST units of it.
MAP_JS = """(coast) => {
  const map = document.querySelector("figure.network-map");
  if (!map) return null;
  const svg = map.querySelector("svg");
  const around = [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1],
                  [0.7, 0.7], [0.7, -0.7], [-0.7, 0.7], [-0.7, -0.7]];
  const inFill = (path, x, y) => around.some(([dx, dy]) => {
    const point = svg.createSVGPoint();
    point.x = x + dx * coast; point.y = y + dy * coast;
    return path.isPointInFill(point);
  });
  const points = [...map.querySelectorAll("circle.network-map__point")].map((c) => {
    const code = c.dataset.country;
    const x = +c.getAttribute("cx"), y = +c.getAttribute("cy");
    const own = map.querySelector(`path[data-country="${code}"]`);
    const others = [...map.querySelectorAll("path.network-map__country")]
      .filter((p) => p !== own && p.isPointInFill(Object.assign(svg.createSVGPoint(), {x, y})))
      .map((p) => p.dataset.country);
    const box = c.getBoundingClientRect();
    return {code, name: c.textContent.trim(), inOwn: !!own && inFill(own, x, y), others,
            shown: box.width > 0 && box.height > 0};
  });
  const items = [...map.querySelectorAll(".network-map__list > li")].map((li) => ({
    name: li.querySelector("a").textContent.trim(),
    href: li.querySelector("a").getAttribute("href"),
    meta: (li.querySelector(".network-map__meta") || {textContent: ""}).textContent.trim(),
    shown: li.getBoundingClientRect().height > 0 && getComputedStyle(li).visibility !== "hidden",
    clipped: (() => {
      const r = li.getBoundingClientRect();
      for (let el = li.parentElement; el && el !== document.body; el = el.parentElement) {
        const s = getComputedStyle(el);
        if (s.overflowY !== "visible" || s.overflowX !== "visible") {
          const o = el.getBoundingClientRect();
          if (r.bottom > o.bottom + 1 || r.top < o.top - 1) return true;
        }
      }
      return false;
    })(),
  }));
  const focusable = svg.querySelectorAll("a, [tabindex], [href]").length;
  return {points, items, focusable, hidden: svg.getAttribute("aria-hidden"),
          label: map.querySelector("figcaption").textContent.trim()};
}"""


def _read_map(page):
    found = page.evaluate(MAP_JS, COAST)
    assert found is not None, f"no map on {page.url}"
    return found


def _check_map(found, where):
    """The must-shows of one rendered map."""
    points, items = found["points"], found["items"]
    assert len(points) == len(items) >= 12, (where, len(points), len(items))
    assert [p["name"] for p in points] == [i["name"] for i in items], where
    countries = {p["code"] for p in points}
    assert len(countries) >= 12, (where, sorted(countries))
    off = [p for p in points if not p["inOwn"] or p["others"]]
    assert off == [], (where, off)
    assert all(p["shown"] for p in points), where
    assert all(i["shown"] and not i["clipped"] for i in items), (where, items)
    assert all(i["meta"] for i in items), where
    assert found["hidden"] == "true" and found["focusable"] == 0, where
    return countries


# --- keyboard -----------------------------------------------------------------------

FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const item = el.closest(".network-map__item");
  const point = item && document.querySelector(`[data-point="${item.id}"]`);
  return {
    tag: el.tagName.toLowerCase(),
    href: el.getAttribute("href"),
    inList: !!el.closest(".network-map__list"),
    inSvg: !!el.closest("svg"),
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    // In the viewport (to a pixel's rounding) and not covered (by a sticky header…).
    onScreen: box.width > 0 && box.height > 0 && box.top >= -1 && box.bottom <= innerHeight + 1
      && [...el.getClientRects()].some((line) => el.contains(
        document.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2))),
    pointLit: point ? point.classList.contains("is-highlighted") : null,
  };
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_tab_reaches_every_link_of_the_map_list_in_order_with_visible_focus(
    width, new_page, map_pages
):
    page = new_page(locale="es-ES", width=width)
    page.goto(map_pages["es"]["directory"])
    expected = page.locator(".network-map__list > li > a").evaluate_all(
        "links => links.map((a) => a.getAttribute('href'))"
    )
    assert len(expected) >= 12
    # The map's links come after the header, the filters, the cards and the
    # pagination: Tab until past the last of them (a bound, not an exact count).
    reached, stops = [], 0
    while stops < 400 and len(reached) < len(expected):
        page.keyboard.press("Tab")
        stops += 1
        focus = page.evaluate(FOCUS_JS)
        assert focus is not None, f"focus lost after {stops} Tab presses"
        assert not focus["inSvg"], "a point of the map took the focus"
        if focus["inList"]:
            assert focus["ring"], f"no visible focus on {focus['href']}"
            assert focus["onScreen"], f"{focus['href']} focused off screen"
            assert focus["pointLit"], f"{focus['href']}: its point is not highlighted"
            reached.append(focus["href"])
    assert reached == expected, (stops, reached)
    # After the list: the map's points are not tab stops (the next stop is out
    # of the map).
    page.keyboard.press("Tab")
    after = page.evaluate(FOCUS_JS)
    assert after is None or not (after["inList"] or after["inSvg"]), after
    record_figure(
        "map keyboard",
        f"es {width}px: {len(reached)} list links reached in order in {stops} Tabs",
    )


# --- four languages, screenshots ------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_map_shows_the_demo_participants_in_each_language(
    language, new_page, map_pages, screenshots_dir
):
    page = new_page(locale=language)
    seen = {}
    for name in ("campaign", "directory"):
        path = map_pages[language][name]
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(path)
            assert response.status == 200, path
            assert page.locator("html").get_attribute("lang") == language
            found = _read_map(page)
            countries = _check_map(found, f"{path} @{width}px")
            assert all(i["href"].startswith(f"/{language}/") for i in found["items"])
            seen[(name, width)] = (len(found["points"]), len(countries))
            figure = page.locator("figure.network-map").first
            shot = f"map-{name}-{language}-{width}.png"
            figure.screenshot(path=str(screenshots_dir / shot))
            screenshot(page, screenshots_dir / f"page-{name}-{language}-{width}.png")
            if name == "directory" and (language, width) in DOCS_SHOTS:
                figure.screenshot(
                    path=str(DOCS_SCREENSHOTS / f"after-map-{language}-{width}.png")
                )
    # The campaign page and its directory show the same participants.
    assert len(set(seen.values())) == 1, seen
    points, countries = seen[("directory", 1280)]
    record_figure("map", f"{language}: {points} points in {countries} countries")


# --- axe, sideways scroll -----------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_campaign_and_directory_pages_pass_axe_at_both_widths(
    language, new_page, map_pages
):
    axe = Axe()
    # bypass_csp: axe is injected into pages whose CSP refuses foreign scripts.
    page = new_page(locale=language, bypass_csp=True)
    problems, audits = [], 0
    for name in ("campaign", "directory"):
        path = map_pages[language][name]
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            assert page.goto(path).status == 200, path
            page.locator("figure.network-map").first.wait_for()
            found = wcag_problems(page, axe, f"{path} @{width}px")
            audits += 1
            problems += found
    record_figure(
        "axe (network map)",
        f"{language}: campaign + directory x {len(WIDTHS)} widths = {audits} audits, "
        f"{len(problems)} problems",
    )
    assert not problems, "\n".join(problems)


# --- no third party ---------------------------------------------------------------


def test_the_map_pages_request_nothing_from_another_site(
    new_page, map_pages, demo_site
):
    origin = urlsplit(demo_site.url)
    page = new_page(locale="es-ES")
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    for language in LANGUAGES:
        for name in ("campaign", "directory"):
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(map_pages[language][name], wait_until="networkidle")
                # Bring every lazy image in: a late request counts too.
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                page.wait_for_load_state("networkidle")
    assert requested, "no request recorded"
    foreign = [
        url
        for url in requested
        if not url.startswith("data:")
        and (urlsplit(url).scheme, urlsplit(url).netloc)
        != (origin.scheme, origin.netloc)
    ]
    assert foreign == [], foreign
    assert failed == [], failed
    record_figure("map requests", f"{len(requested)} requests, all to {origin.netloc}")
