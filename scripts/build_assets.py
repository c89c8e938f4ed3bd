"""Build the site's two static assets from their sources (issue 16).

- ``clac_cms/static/css/site.css``: the component files in ``clac_cms/static/css/src/``
  (in the order of ``CSS_PARTS``) joined into one small stylesheet, comments and
  blank space removed. One file, one request, no toolchain: Python only.
- ``clac_cms/static/img/icons.svg``: an SVG sprite of the icons the site uses,
  taken from the ``lucide-static`` npm package (ISC licence, see
  ``clac_cms/static/img/icons.LICENSE.txt``); ``ICONS`` maps our names to Lucide's.

Both outputs are committed, so ``make run`` needs neither npm nor this script.
``--check`` fails when an output is not what its sources build (CI runs it after
``npm ci``; without ``node_modules`` the sprite is not checked).
"""

import argparse
import math
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "clac_cms" / "static"
CSS_SOURCE = STATIC / "css" / "src"
CSS_OUTPUT = STATIC / "css" / "site.css"
SPRITE_OUTPUT = STATIC / "img" / "icons.svg"
LUCIDE = ROOT / "node_modules" / "lucide-static"

CSS_PARTS = [
    "tokens.css",
    "base.css",
    "layout.css",
    "header.css",
    "hero.css",
    "cards.css",
    "objectives.css",
    "blocks.css",
    "forms.css",
    "listings.css",
    "map.css",
    "directory.css",
    "footer.css",
    "print.css",
]

# Our name (used in templates and in ObjectivePage.icon) → Lucide's file name.
ICONS = {
    "voice": "megaphone",
    "compass": "compass",
    "handshake": "handshake",
    "book": "book-open",
    "building": "landmark",
    "globe": "globe",
    "menu": "menu",
    "close": "x",
    "search": "search",
    "language": "languages",
    "chevron-down": "chevron-down",
    "arrow-right": "arrow-right",
    "download": "download",
    "document": "file-text",
    "calendar": "calendar",
    "mail": "mail",
    "map-pin": "map-pin",
    "play": "play",
    "rss": "rss",
}


def build_css() -> str:
    parts = []
    for name in CSS_PARTS:
        text = (CSS_SOURCE / name).read_text(encoding="utf-8")
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
        text = re.sub(r"\s+", " ", text)
        text = re.sub(r"\s*([{};,>])\s*", r"\1", text)
        parts.append(text.strip())
    header = (
        "/* CLAC: built by scripts/build_assets.py from css/src/ (docs/design.md). */\n"
    )
    return header + "\n".join(parts) + "\n"


def build_sprite() -> str:
    symbols = []
    for ours, theirs in ICONS.items():
        svg = (LUCIDE / "icons" / f"{theirs}.svg").read_text(encoding="utf-8")
        body = re.search(r"<svg[^>]*>(.*)</svg>", svg, flags=re.DOTALL).group(1)
        body = re.sub(r"\s*\n\s*", "", body)
        symbols.append(
            f'<symbol id="{ours}" viewBox="0 0 24 24" fill="none" stroke="currentColor" '
            f'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">{body}</symbol>'
        )
    version = re.search(
        r'"version":\s*"([^"]+)"', (LUCIDE / "package.json").read_text()
    )
    return (
        f"<!-- Icons: Lucide {version.group(1)} (ISC licence), see icons.LICENSE.txt. "
        "Built by scripts/build_assets.py. -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg">' + "".join(symbols) + "</svg>\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="fail when an output is stale"
    )
    parser.add_argument(
        "--site-icons",
        action="store_true",
        help="also redraw the favicon and app icons",
    )
    args = parser.parse_args()
    if args.site_icons:
        build_site_icons()
    outputs = [(CSS_OUTPUT, build_css())]
    if LUCIDE.exists():
        outputs.append((SPRITE_OUTPUT, build_sprite()))
    elif not args.check:
        print(
            "node_modules/lucide-static is missing (npm ci): the sprite is not rebuilt"
        )
    stale = []
    for path, text in outputs:
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            if args.check:
                stale.append(str(path.relative_to(ROOT)))
            else:
                path.write_text(text, encoding="utf-8")
                print(f"wrote {path.relative_to(ROOT)} ({len(text.encode())} bytes)")
    if stale:
        print("stale (run `make assets`): " + ", ".join(stale))
        return 1
    if args.check:
        print("assets: OK")
    return 0


def _bezier(p0, p1, p2, p3, steps=24):
    return [
        tuple(
            (1 - t) ** 3 * a
            + 3 * (1 - t) ** 2 * t * b
            + 3 * (1 - t) * t**2 * c
            + t**3 * d
            for a, b, c, d in zip(p0, p1, p2, p3, strict=True)
        )
        for t in (i / steps for i in range(steps + 1))
    ]


def draw_mark(size: int, padding: float = 0.0):
    """CLAC's mark (img/clac-logo.svg) drawn with Pillow: a green disc, a yellow
    leaf and its stem. ``padding`` (a fraction) leaves the safe zone of maskable icons."""
    scale = 8
    big = size * scale
    image = Image.new(
        "RGBA", (big, big), (29, 107, 58, 255) if padding else (0, 0, 0, 0)
    )
    draw = ImageDraw.Draw(image)
    unit = big * (1 - 2 * padding) / 40
    offset = big * padding

    def at(x, y):
        return (offset + x * unit, offset + y * unit)

    if not padding:
        draw.ellipse([at(1, 1), at(39, 39)], fill=(29, 107, 58, 255))
    leaf = _bezier((20, 8), (26, 12), (29, 17), (29, 22))
    leaf += [
        (20 + 9 * math.cos(a), 22 + 9 * math.sin(a))
        for a in (math.pi * i / 24 for i in range(25))
    ]
    leaf += _bezier((11, 22), (11, 17), (14, 12), (20, 8))
    draw.polygon([at(x, y) for x, y in leaf], fill=(242, 183, 5, 255))
    draw.line(
        [at(20, 14), at(20, 32)], fill=(29, 107, 58, 255), width=max(1, round(2 * unit))
    )
    return image.resize((size, size), Image.LANCZOS)


def build_site_icons() -> None:
    """favicon.ico, apple-touch-icon.png and the manifest's icons (run once; committed)."""
    img = STATIC / "img"
    draw_mark(32).save(img / "favicon.ico", sizes=[(32, 32), (16, 16)])
    touch = Image.new("RGBA", (180, 180), (255, 255, 255, 255))
    touch.alpha_composite(draw_mark(160), (10, 10))
    touch.convert("RGB").save(img / "apple-touch-icon.png", optimize=True)
    draw_mark(192).save(img / "icon-192.png", optimize=True)
    draw_mark(512).save(img / "icon-512.png", optimize=True)
    draw_mark(512, padding=0.2).save(img / "icon-maskable-512.png", optimize=True)
    print(
        "wrote favicon.ico, apple-touch-icon.png, icon-192/512.png, icon-maskable-512.png"
    )


if __name__ == "__main__":
    sys.exit(main())
