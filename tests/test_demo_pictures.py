"""The demo's pictures tell their subject; crops keep it; logos are whole; the hero
is art-directed (a 4:3 crop on phones, the 10:3 strip from 48rem).

The drawings and logos are checked without a database; the hero markup on a small
tree built by ``demo.tree``; the whole demo load is checked in test_demo_content.py.
"""

import re
from itertools import combinations
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings

from wagtail.images.image_operations import FillOperation
from wagtail.images.rect import Rect

import pytest
from PIL import ImageFilter

from demo import content
from demo.drawings import SAFE, SIZE, SUBJECTS, draw
from demo.images import LOGO_PADDING, LOGO_SIZE, RENDITIONS, logo
from demo.texts import TRANSLATIONS
from demo.tree import page_paths

# Every fill- crop the templates ask of a demo image (hero, card, news, objective).
FILL_SPECS = sorted(
    {
        spec.split("|")[1]
        for role in ("hero", "card", "news", "objective")
        for spec in RENDITIONS[role]
        if "|fill-" in spec
    }
)


def dhash(image, size=16):
    """A difference hash: 256 bits that change with the picture's layout."""
    small = image.convert("L").resize((size + 1, size))
    pixels = list(small.get_flattened_data())
    return [
        pixels[row * (size + 1) + col] > pixels[row * (size + 1) + col + 1]
        for row in range(size)
        for col in range(size)
    ]


@pytest.fixture(scope="module")
def drawings():
    return {subject: draw(subject, 7) for subject in SUBJECTS}


def test_every_subject_the_issue_names_has_a_drawing():
    assert {
        "coffee",
        "cocoa",
        "honey",
        "sugar_cane",
        "bananas",
        "producers",
        "assembly",
        "university",
        "town",
        "landscape",
    } <= set(SUBJECTS)


def test_drawings_differ_at_a_glance(drawings):
    hashes = {name: dhash(drawing.image) for name, drawing in drawings.items()}
    for first, second in combinations(drawings, 2):
        bits = sum(a != b for a, b in zip(hashes[first], hashes[second], strict=True))
        assert bits >= 24, (first, second, bits)


def edge_density(image):
    """The share of pixels on an edge in the safe area: a drawn subject has many,
    layered hills (the old pictures, and the generic landscape) very few."""
    edges = image.crop(SAFE).convert("L").filter(ImageFilter.FIND_EDGES)
    pixels = edges.get_flattened_data()
    return sum(value > 40 for value in pixels) / len(pixels)


def test_each_picture_but_the_landscape_draws_a_subject_not_just_hills(drawings):
    assert edge_density(drawings["landscape"].image) < 0.02
    for name, drawing in drawings.items():
        if name != "landscape":
            assert edge_density(drawing.image) >= 0.02, name


def test_drawings_are_deterministic():
    assert draw("coffee", 3).image.tobytes() == draw("coffee", 3).image.tobytes()


def test_each_subject_lies_in_the_safe_area_and_every_crop_keeps_it(drawings):
    """The focal point (the subject's box) is inside the area the tightest crops
    show, and Wagtail's own fill- crop for each template size contains it whole."""

    class Recorder:
        def __init__(self, size):
            self.size, self.rect = size, None

        def crop(self, rect):
            self.rect, self.size = rect, (rect.width, rect.height)
            return self

        def resize(self, size):
            return self

    for name, drawing in drawings.items():
        assert drawing.image.size == SIZE
        left, top, right, bottom = drawing.subject
        assert (
            SAFE[0] <= left < right <= SAFE[2] and SAFE[1] <= top < bottom <= SAFE[3]
        ), name
        # What CustomImage.get_focal_point() gives for the loader's focal point.
        focal = Rect(left, top, right, bottom)
        image = SimpleNamespace(get_focal_point=lambda focal=focal: focal)
        for spec in FILL_SPECS:
            recorder = Recorder(SIZE)
            FillOperation("fill", spec.removeprefix("fill-")).run(recorder, image)
            crop = recorder.rect
            assert crop.left <= left and crop.top <= top, (name, spec, crop)
            assert crop.right >= right and crop.bottom >= bottom, (name, spec, crop)


def test_every_demo_image_has_a_subject_and_an_alt_text_in_four_languages():
    assert {spec["subject"] for spec in content.IMAGES.values()} == set(SUBJECTS)
    for key, spec in content.IMAGES.items():
        translations = TRANSLATIONS[spec["alt"]]
        assert all(translations[lang] for lang in ("en", "pt-br", "fr")), key
        assert spec["alt"].startswith("Ilustración"), key
    assert content.CREDIT and content.LICENCE


def test_pages_show_the_picture_of_their_subject():
    campaigns = content.CAMPAIGN_PAGES
    assert campaigns["universities"]["hero_image"] == "university"
    assert campaigns["towns"]["hero_image"] == "town"
    used = {content.HOME["hero_image"], content.STRATEGY["hero_image"]}
    used |= {objective["image"] for objective in content.OBJECTIVES.values()}
    used |= {item["image"] for item in content.NEWS_ITEMS}
    # Crops and producers' items use the crops, not one picture for everything.
    assert {"coffee", "cocoa", "honey", "sugar_cane", "bananas"} <= used


@pytest.mark.parametrize(
    "name", ["WFTO-LA", "Fairtrade International", "Red de Comercio Justo del Caribe"]
)
def test_logos_keep_the_whole_name_inside_their_box(name):
    mark = logo(5, name)
    assert mark.size == LOGO_SIZE and mark.mode == "RGBA"
    left, top, right, bottom = mark.getbbox()  # what is not transparent
    assert left >= LOGO_PADDING and top >= LOGO_PADDING
    assert right <= LOGO_SIZE[0] - LOGO_PADDING
    assert bottom <= LOGO_SIZE[1] - LOGO_PADDING
    assert mark.getpixel((0, 0))[3] == 0  # transparent background


def test_logo_renditions_scale_and_never_crop():
    assert all("|max-" in spec for spec in RENDITIONS["logo"])
    for template in (
        "campaigns/templates/campaigns/campaign_page.html",
        "campaigns/templates/campaigns/previews/partner.html",
    ):
        text = Path(settings.BASE_DIR, template).read_text()
        tags = re.findall(r"{% picture \w+\.logo [^%]*%}", text)
        assert tags, template
        for tag in tags:
            assert "fill-" not in tag and "max-" in tag
            assert 'class="partner-logo"' in tag


@pytest.mark.slow
@pytest.mark.django_db
def test_hero_has_a_tall_crop_for_phones_and_the_wide_one_from_48rem(
    client, small_site
):
    pages = small_site(news_count=1, languages=())
    html = client.get(page_paths(pages)["campaign"]).content.decode()
    hero = re.search(
        r'<div class="hero hero--image">\s*<picture>(.*?)</picture>', html, re.S
    )
    assert hero, "the hero has no picture"
    sources = re.findall(r"<source [^>]*>", hero.group(1))
    wide = [tag for tag in sources if 'media="(min-width: 48rem)"' in tag]
    narrow = [tag for tag in sources if "media=" not in tag]
    assert [re.search(r'type="([^"]+)"', tag).group(1) for tag in wide] == [
        "image/avif",
        "image/webp",
        "image/jpeg",
    ]
    assert [re.search(r'type="([^"]+)"', tag).group(1) for tag in narrow] == [
        "image/avif",
        "image/webp",
    ]
    # The wide sources come first: the browser takes the first that matches.
    assert sources.index(wide[0]) < sources.index(narrow[0])

    def ratio(tag):
        width = int(re.search(r'width="(\d+)"', tag).group(1))
        height = int(re.search(r'height="(\d+)"', tag).group(1))
        return width / height

    assert all(ratio(tag) == pytest.approx(10 / 3, rel=0.02) for tag in wide)
    assert all(ratio(tag) == pytest.approx(4 / 3, rel=0.02) for tag in narrow)
    img = re.search(r"<img [^>]*>", hero.group(1)).group(0)
    assert ratio(img) == pytest.approx(4 / 3, rel=0.02)
    assert ".jpg" in img and 'fetchpriority="high"' in img and 'class="hero-img"' in img
    assert 'loading="lazy"' not in img
    for tag in [*sources, img]:
        urls = re.search(r'srcset="([^"]+)"', tag)
        widths = re.findall(r" (\d+)w", urls.group(1)) if urls else []
        assert len(widths) == len(set(widths)), tag
