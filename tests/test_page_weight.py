"""Page weight on a slow phone: the first view of each page type at 360 px, 2x DPR.

For each page type the test fetches the HTML and every same-origin stylesheet,
script, icon and image it references (for a ``<picture>``, the first source whose
``media`` a 360 px screen matches, and from it the candidate the phone would pick
from ``srcset``/``sizes``; lazy images are counted too, so this
errs on the heavy side). HTML, CSS and JS are counted gzip-compressed, as the
server sends them; images as stored. Budgets: 150 KB a page, CSS 30 KB and JS
15 KB uncompressed, no third-party request, no web fonts.
"""

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

import pytest

from demo.tree import build_site, page_paths

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PAGE_BUDGET = 150 * 1024
CSS_BUDGET = 30 * 1024
JS_BUDGET = 15 * 1024
VIEWPORT = 360
DPR = 2
PHONE_TYPES = ("image/avif", "image/webp", "image/jpeg", "image/png")


def slot_width(sizes: str) -> float:
    """The image slot in CSS px for a 360 px viewport, from a ``sizes`` attribute."""
    for entry in [
        part.strip() for part in (sizes or "100vw").split(",") if part.strip()
    ]:
        condition = re.match(
            r"\((min|max)-width:\s*([\d.]+)(px|em|rem)\)\s*(.*)", entry
        )
        if condition:
            kind, number, unit, size = condition.groups()
            limit = float(number) * (1 if unit == "px" else 16)
            matches = limit <= VIEWPORT if kind == "min" else limit >= VIEWPORT
            if not matches:
                continue
            entry = size
        number, unit = re.match(r"([\d.]+)(px|vw|rem|em)", entry).groups()
        factor = {"px": 1, "vw": VIEWPORT / 100, "rem": 16, "em": 16}[unit]
        return float(number) * factor
    return VIEWPORT


def media_matches(media: str | None) -> bool:
    """Whether a ``<source media>`` (one ``min-``/``max-width``) applies at 360 px."""
    if not media:
        return True
    kind, number, unit = re.match(
        r"\((min|max)-width:\s*([\d.]+)(px|em|rem)\)", media.strip()
    ).groups()
    limit = float(number) * (1 if unit == "px" else 16)
    return limit <= VIEWPORT if kind == "min" else limit >= VIEWPORT


def pick_candidate(srcset: str, sizes: str) -> str:
    """The ``srcset`` URL a 360 px, 2x phone picks (the smallest wide enough)."""
    candidates = []
    for item in srcset.split(","):
        parts = item.strip().split()
        if not parts:
            continue
        width = int(parts[1][:-1]) if len(parts) > 1 and parts[1].endswith("w") else 0
        candidates.append((width, parts[0]))
    candidates.sort()
    needed = slot_width(sizes) * DPR
    for width, url in candidates:
        if width >= needed:
            return url
    return candidates[-1][1]


class Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.styles, self.scripts, self.images, self.icons, self.other = (
            [],
            [],
            [],
            [],
            [],
        )
        self._picture_source = None
        self._in_picture = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or ""):
            self.styles.append(attrs["href"])
        elif tag == "link" and "icon" in (attrs.get("rel") or ""):
            self.icons.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        elif tag == "picture":
            self._in_picture, self._picture_source = True, None
        elif tag == "source" and self._in_picture and self._picture_source is None:
            if attrs.get("type") in PHONE_TYPES and media_matches(attrs.get("media")):
                self._picture_source = pick_candidate(
                    attrs["srcset"], attrs.get("sizes")
                )
        elif tag == "img":
            if self._picture_source:
                self.images.append(self._picture_source)
            elif attrs.get("srcset"):
                self.images.append(pick_candidate(attrs["srcset"], attrs.get("sizes")))
            else:
                self.images.append(attrs.get("src"))
        elif tag in ("iframe", "video", "audio", "embed") and attrs.get("src"):
            self.other.append(attrs["src"])

    def handle_endtag(self, tag):
        if tag == "picture":
            self._in_picture, self._picture_source = False, None


def fetch(client, url):
    """The bytes of a same-origin URL: media from disk, the rest through Django."""
    path = urlsplit(url).path
    if path.startswith(settings.MEDIA_URL):
        return Path(settings.MEDIA_ROOT, path[len(settings.MEDIA_URL) :]).read_bytes()
    response = client.get(path)
    assert response.status_code == 200, url
    return (
        b"".join(response.streaming_content) if response.streaming else response.content
    )


def is_third_party(url):
    parts = urlsplit(url)
    return bool(parts.netloc) and parts.hostname not in {"testserver", "localhost"}


def first_view(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content
    parser = Resources()
    parser.feed(html.decode())
    third_party = [
        url
        for url in parser.styles
        + parser.scripts
        + parser.images
        + parser.icons
        + parser.other
        if url and is_third_party(url)
    ]
    weights = {"html": len(gzip.compress(html)), "css": 0, "js": 0, "img": 0}
    raw = {"css": 0, "js": 0}
    fonts = []
    for url in dict.fromkeys(parser.styles):
        body = fetch(client, url)
        raw["css"] += len(body)
        weights["css"] += len(gzip.compress(body))
        fonts += re.findall(rb"@font-face|url\([^)]*\.(?:woff2?|ttf|otf)", body)
        for asset in re.findall(rb"url\(['\"]?([^'\")]+)", body):
            asset = asset.decode()
            if not asset.startswith("data:") and not is_third_party(asset):
                base = url.rsplit("/", 1)[0]
                weights["img"] += len(
                    fetch(client, asset if asset.startswith("/") else f"{base}/{asset}")
                )
    for url in dict.fromkeys(parser.scripts):
        body = fetch(client, url)
        raw["js"] += len(body)
        weights["js"] += len(gzip.compress(body))
    for url in dict.fromkeys(u for u in parser.images + parser.icons if u):
        weights["img"] += len(fetch(client, url))
    return weights, raw, third_party, fonts, len(parser.images)


def test_first_view_of_every_page_type_fits_a_slow_phone(
    client, site_setup, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    pages = build_site(news_count=14, languages=())
    paths = {**page_paths(pages, "es"), "search": "/es/search/?q=comercio"}
    report, problems = {}, []
    for name, path in paths.items():
        weights, raw, third_party, fonts, images = first_view(client, path)
        total = sum(weights.values())
        report[name] = (total, weights, images)
        if total > PAGE_BUDGET:
            problems.append(f"{name}: {total} B > {PAGE_BUDGET} B ({weights})")
        if raw["css"] > CSS_BUDGET:
            problems.append(f"{name}: CSS {raw['css']} B > {CSS_BUDGET} B")
        if raw["js"] > JS_BUDGET:
            problems.append(f"{name}: JS {raw['js']} B > {JS_BUDGET} B")
        if third_party:
            problems.append(f"{name}: third-party requests {third_party}")
        if fonts:
            problems.append(f"{name}: web fonts {fonts}")
    assert report["news_index"][2] >= 12, "the listing's images were not counted"
    assert not problems, "\n".join(problems) + f"\nall: {report}"


def test_pictures_offer_avif_webp_and_a_jpeg_fallback_with_dimensions(
    client, site_setup, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    pages = build_site(news_count=3, languages=())
    html = client.get(page_paths(pages)["campaign"]).content.decode()
    hero = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert 'type="image/avif"' in hero and 'type="image/webp"' in hero
    img = re.search(r"<img [^>]*>", hero).group(0)
    assert ".jpg" in img or ".jpeg" in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert 'fetchpriority="high"' in img and 'loading="lazy"' not in img
    cards = client.get(page_paths(pages)["news_index"]).content.decode()
    card_imgs = re.findall(r'<img [^>]*class="card-img"[^>]*>', cards)
    assert card_imgs and all('loading="lazy"' in tag for tag in card_imgs)
    assert all(re.search(r'width="\d+"', tag) for tag in card_imgs)
