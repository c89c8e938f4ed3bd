"""Pictures and PDF documents for the demo, drawn locally with Pillow.

Nothing is downloaded: landscapes are layered hills under a gradient sky, logos are
simple shapes, and the PDFs are a few pages of text rendered to images.
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
    # includes/hero.html
    "hero": _picture(PHOTO_FORMATS, ["fill-720x270", "fill-1200x450", "fill-1600x600"]),
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

PALETTES = {
    "dawn": {
        "sky": ((250, 214, 165), (255, 244, 224)),
        "sun": (242, 183, 5),
        "hills": [(120, 160, 90), (78, 130, 70), (45, 100, 58), (19, 74, 40)],
    },
    "terraces": {
        "sky": ((190, 222, 236), (240, 247, 240)),
        "sun": (255, 236, 179),
        "hills": [(164, 196, 110), (122, 168, 84), (86, 138, 64), (48, 104, 52)],
    },
    "river": {
        "sky": ((173, 205, 228), (232, 242, 247)),
        "sun": (255, 250, 230),
        "hills": [(96, 150, 120), (60, 120, 96), (58, 128, 168), (29, 107, 58)],
    },
    "campus": {
        "sky": ((255, 226, 196), (250, 246, 236)),
        "sun": (232, 118, 44),
        "hills": [(206, 170, 110), (150, 120, 80), (90, 130, 80), (40, 90, 55)],
    },
    "village": {
        "sky": ((210, 196, 230), (250, 240, 232)),
        "sun": (250, 160, 90),
        "hills": [(170, 140, 170), (120, 110, 150), (70, 110, 90), (30, 70, 45)],
    },
    "harvest": {
        "sky": ((252, 232, 168), (255, 250, 235)),
        "sun": (214, 90, 40),
        "hills": [(226, 180, 70), (200, 140, 50), (150, 110, 45), (90, 70, 35)],
    },
    "highlands": {
        "sky": ((200, 214, 230), (246, 248, 250)),
        "sun": (255, 255, 255),
        "hills": [(150, 160, 170), (110, 130, 120), (70, 110, 80), (35, 80, 50)],
    },
    "coast": {
        "sky": ((160, 210, 235), (236, 248, 252)),
        "sun": (255, 230, 140),
        "hills": [(90, 170, 200), (50, 140, 180), (200, 190, 150), (60, 120, 70)],
    },
}


def _mix(a, b, t):
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def landscape(seed: int, palette: str, size=PHOTO_SIZE) -> Image.Image:
    """An abstract landscape: gradient sky, a sun, and layered rolling hills."""
    rng = random.Random(seed)  # noqa: S311 - drawing, not security
    colours = PALETTES[palette]
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    top, bottom = colours["sky"]
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix(top, bottom, y / height))
    sun_x = rng.randint(width // 5, 4 * width // 5)
    sun_y = rng.randint(height // 8, height // 3)
    radius = rng.randint(60, 110)
    draw.ellipse(
        [sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius],
        fill=colours["sun"],
    )
    layers = colours["hills"]
    for index, colour in enumerate(layers):
        base = height * (0.42 + 0.14 * index)
        amplitude = rng.uniform(30, 90) / (1 + index * 0.4)
        frequency = rng.uniform(1.0, 2.6)
        phase = rng.uniform(0, math.tau)
        ripple = rng.uniform(0.2, 0.5)
        points = [
            (
                x,
                base
                + amplitude * math.sin(frequency * math.tau * x / width + phase)
                + amplitude * ripple * math.sin(3.7 * math.tau * x / width + phase * 2),
            )
            for x in range(0, width + 20, 20)
        ]
        draw.polygon([*points, (width, height), (0, height)], fill=colour)
    return image


def logo(seed: int, initials: str, colour=(29, 107, 58)) -> Image.Image:
    """A simple partner mark: a ring of leaves and the organisation's initials."""
    rng = random.Random(seed)  # noqa: S311 - drawing, not security
    image = Image.new("RGB", (480, 240), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    centre = (120, 120)
    for step in range(8):
        angle = step * math.tau / 8 + rng.uniform(0, 0.2)
        x = centre[0] + 62 * math.cos(angle)
        y = centre[1] + 62 * math.sin(angle)
        draw.ellipse(
            [x - 22, y - 22, x + 22, y + 22], fill=_mix(colour, (242, 183, 5), step / 8)
        )
    draw.ellipse(
        [centre[0] - 34, centre[1] - 34, centre[0] + 34, centre[1] + 34], fill=colour
    )
    font = ImageFont.load_default(size=64)
    draw.text((220, 120), initials, fill=colour, font=font, anchor="lm")
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
