"""Pictures and PDF documents for the demo, drawn locally with Pillow.

Nothing is downloaded: the pictures are flat illustrations, one per subject
(``demo/drawings.py``), logos are a neutral emblem with the organisation's name, and
the PDFs are a few pages of text rendered to images.
"""

import math
import random
import textwrap
from io import BytesIO

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile

from PIL import Image, ImageDraw, ImageFont

from core.templatetags.seo_tags import SHARE_IMAGE_SPEC


def _picture(formats, sizes):
    """The renditions a ``{% picture img format-{…} size-{…} %}`` tag creates."""
    return [f"format-{fmt}|{size}" for fmt in formats for size in sizes]


# What each template asks for, by the role an image plays (keep in step with the
# templates: tests/test_demo_content.py fails when a page needs a rendition that
# was not made here).
PHOTO_FORMATS = ("avif", "webp", "jpeg")
RENDITIONS = {
    # includes/hero.html ({% art_picture %}: wide crops, then the 4:3 phone crops)
    "hero": _picture(
        PHOTO_FORMATS,
        ["fill-1200x360", "fill-1600x480", "fill-720x540", "fill-1080x810"],
    ),
    # includes/card.html, for images of at least 640×360
    "card": _picture(PHOTO_FORMATS, ["fill-320x180", "fill-480x270", "fill-640x360"]),
    # news/news_page.html
    "news": _picture(PHOTO_FORMATS, ["fill-720x378", "fill-1200x630"]),
    # campaigns/objective_page.html
    "objective": _picture(
        PHOTO_FORMATS, ["fill-480x270", "fill-720x405", "fill-960x540"]
    ),
    # blocks/image_block.html
    "body": _picture(PHOTO_FORMATS, ["width-480", "width-720", "width-960"]),
    # campaigns/campaign_page.html (partner logos)
    "logo": _picture(("avif", "webp", "png"), ["max-160x80", "max-320x160"]),
    # og:image (templatetags/seo_tags.py)
    "share": [SHARE_IMAGE_SPEC],
}

PHOTO_SIZE = (1600, 900)
LOGO_SIZE = (480, 240)
LOGO_PADDING = 24


def _mix(a, b, t):
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def _lines(name: str, font_size: int) -> tuple[list[str], ImageFont.FreeTypeFont]:
    font = ImageFont.load_default(size=font_size)
    words = name.split()
    if len(words) > 1 and font.getlength(name) > 2.2 * font_size * 2:
        middle = max(1, len(words) // 2)
        return [" ".join(words[:middle]), " ".join(words[middle:])], font
    return [name], font


def logo(seed: int, name: str, colour=(29, 107, 58)) -> Image.Image:
    """A neutral partner mark: a round emblem and the organisation's whole short name.

    Transparent PNG, 480×240 (the 2:1 box the campaign page gives a logo). The name
    is set in Pillow's default font at the largest size that fits beside the emblem
    with padding, on one line or two, so no letter is ever cut. The emblem is a ring
    of dots: no real organisation's logo is imitated."""
    rng = random.Random(seed)  # noqa: S311 - drawing, not security
    width, height = LOGO_SIZE
    image = Image.new("RGBA", LOGO_SIZE, (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    radius = (height / 2 - LOGO_PADDING) * 0.7
    centre = (LOGO_PADDING + radius, height / 2)
    dot = radius * 0.26
    for step in range(8):
        angle = step * math.tau / 8 + rng.uniform(0, 0.2)
        x = centre[0] + (radius - dot) * math.cos(angle)
        y = centre[1] + (radius - dot) * math.sin(angle)
        draw.ellipse(
            [x - dot, y - dot, x + dot, y + dot],
            fill=(*_mix(colour, (242, 183, 5), step / 8), 255),
        )
    inner = radius * 0.42
    draw.ellipse(
        [centre[0] - inner, centre[1] - inner, centre[0] + inner, centre[1] + inner],
        fill=(*colour, 255),
    )
    left = LOGO_PADDING + 2 * radius + LOGO_PADDING
    room_w, room_h = width - left - LOGO_PADDING, height - 2 * LOGO_PADDING
    for size in range(72, 11, -2):
        lines, font = _lines(name, size)
        line_height = size * 1.2
        if (
            max(font.getlength(line) for line in lines) <= room_w
            and line_height * len(lines) <= room_h
        ):
            break
    top = height / 2 - line_height * (len(lines) - 1) / 2
    for index, line in enumerate(lines):
        draw.text(
            (left, top + index * line_height),
            line,
            fill=(*colour, 255),
            font=font,
            anchor="lm",
        )
    return image


def jpeg_file(image: Image.Image, name: str) -> ImageFile:
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    return ImageFile(BytesIO(buffer.getvalue()), name=name)


def png_file(image: Image.Image, name: str) -> ImageFile:
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return ImageFile(BytesIO(buffer.getvalue()), name=name)


def pdf_file(
    title: str, sections: list[tuple[str, str]], name: str
) -> SimpleUploadedFile:
    """A real, small PDF: one A4 page (100 dpi) per two sections of text."""
    width, height = 827, 1169
    title_font = ImageFont.load_default(size=34)
    heading_font = ImageFont.load_default(size=24)
    body_font = ImageFont.load_default(size=18)
    pages = []
    for start in range(0, len(sections), 2):
        page = Image.new("RGB", (width, height), (255, 255, 255))
        draw = ImageDraw.Draw(page)
        draw.rectangle([0, 0, width, 90], fill=(29, 107, 58))
        draw.text(
            (60, 45), "CLAC", fill=(255, 255, 255), font=heading_font, anchor="lm"
        )
        y = 130
        if start == 0:
            for line in textwrap.wrap(title, 38):
                draw.text((60, y), line, fill=(19, 74, 40), font=title_font)
                y += 46
            y += 20
        for heading, body in sections[start : start + 2]:
            draw.text((60, y), heading, fill=(19, 74, 40), font=heading_font)
            y += 40
            for line in textwrap.wrap(body, 70):
                draw.text((60, y), line, fill=(27, 27, 27), font=body_font)
                y += 28
            y += 30
        draw.text(
            (width - 60, height - 50),
            f"{start // 2 + 1}",
            fill=(74, 74, 74),
            font=body_font,
            anchor="rm",
        )
        pages.append(page)
    buffer = BytesIO()
    pages[0].save(
        buffer,
        "PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=100.0,
        title=title,
        author="CLAC",
    )
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def pregenerate_renditions(usage) -> int:
    """Create the renditions for ``{image: {role, …}}`` (see RENDITIONS) that do not
    exist yet, so a reader's first view does not wait for them. Returns how many
    renditions the images have for those roles."""
    count = 0
    for image, roles in usage.items():
        specs = sorted({spec for role in roles for spec in RENDITIONS[role]})
        count += len(image.get_renditions(*specs))
    return count
