"""The demo's pictures: one flat illustration per subject, drawn with Pillow.

Each drawing is 1600×900 and returns the picture with the box its subject fills
(``Drawing.subject``): the loader makes that box the image's focal point, so every
``fill-`` crop keeps it. Every separate shape (a sun, a person, a house, a pod) lies
inside ``SAFE``, the area that the tightest crops the templates ask for still show
(the 4:3 phone hero keeps x 200–1400 and the hero's ``object-fit: cover`` about
the middle 800 px of it; the 10:3 wide hero keeps y 210–690); only bands that run
from edge to edge (sky, hills, ground, rows of a field) reach the frame. Shapes are
laid out in a design space (y 180–720) that ``_Pen`` squashes into SAFE.

The colours are CLAC's greens and yellow plus the subjects' own. Drawings are
deterministic: the same seed draws the same picture.
"""

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw

SIZE = (1600, 900)
# Where separate shapes may go (left, top, right, bottom), in the picture.
SAFE = (400, 225, 1200, 690)
# Drawings are laid out in y 180–720 and squashed vertically into SAFE.
SQUASH = 0.85

GREEN = (29, 107, 58)
GREEN_DARK = (19, 74, 40)
GREEN_LEAF = (58, 140, 70)
GREEN_LIGHT = (132, 186, 96)
YELLOW = (242, 183, 5)
BROWN = (110, 72, 40)
BROWN_DARK = (76, 48, 28)
RED = (196, 40, 40)
SKIN = [(141, 85, 36), (198, 134, 66), (224, 172, 105), (110, 70, 45)]
CLOTHES = [(29, 107, 58), (242, 183, 5), (200, 70, 50), (40, 90, 150), (150, 60, 120)]


@dataclass(frozen=True)
class Drawing:
    image: Image.Image
    subject: tuple[int, int, int, int]  # left, top, right, bottom, in the picture


def _drawing(image, box):
    """The picture and its subject's box, given in design space."""
    left, top, right, bottom = box
    return Drawing(
        image, (left, round(_squash_y(top)), right, round(_squash_y(bottom)))
    )


def _mix(a, b, t):
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def _squash_y(y):
    """Design space to the picture: heights shrink by SQUASH around the middle, so
    subjects drawn in y 200–720 land in the SAFE band; the frame's edges stay put."""
    height = SIZE[1]
    if y <= 0 or y >= height:
        return y
    return height / 2 + (y - height / 2) * SQUASH


class _Pen:
    """``ImageDraw`` with every y coordinate passed through ``_squash_y``."""

    def __init__(self, draw):
        self._draw = draw

    @staticmethod
    def _points(xy):
        xy = list(xy)
        if xy and not isinstance(xy[0], tuple | list):
            xy = list(zip(xy[0::2], xy[1::2], strict=True))
        return [(x, _squash_y(y)) for x, y in xy]

    def __getattr__(self, name):
        method = getattr(self._draw, name)

        def drawn(xy, *args, **kwargs):
            return method(self._points(xy), *args, **kwargs)

        return drawn


def _canvas(top, bottom, horizon=None, ground=None):
    """A gradient sky down to ``horizon`` and flat ground below it."""
    image = Image.new("RGB", SIZE, bottom)
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    end = round(_squash_y(horizon)) if horizon else height
    for y in range(end):
        draw.line([(0, y), (width, y)], fill=_mix(top, bottom, y / end))
    if horizon is not None:
        draw.rectangle([0, end, width, height], fill=ground)
    return image, _Pen(draw)


def _band(draw, rng, base, amplitude, colour):
    """A rolling band (hills) from edge to edge, from ``base`` to the bottom."""
    width, height = SIZE
    frequency = rng.uniform(0.8, 1.8)
    phase = rng.uniform(0, math.tau)
    points = [
        (x, base + amplitude * math.sin(frequency * math.tau * x / width + phase))
        for x in range(0, width + 40, 40)
    ]
    draw.polygon([*points, (width, height), (0, height)], fill=colour)


def _sun(draw, x, y, radius=55, colour=YELLOW):
    draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)


def _ellipse_points(cx, cy, length, width, angle, steps=24):
    cos, sin = math.cos(angle), math.sin(angle)
    points = []
    for step in range(steps):
        t = step * math.tau / steps
        x, y = length / 2 * math.cos(t), width / 2 * math.sin(t)
        points.append((cx + x * cos - y * sin, cy + x * sin + y * cos))
    return points


def _leaf(draw, cx, cy, length, width, angle, colour):
    draw.polygon(_ellipse_points(cx, cy, length, width, angle), fill=colour)


def _person(draw, x, feet, scale, shirt, skin, *, hat=None, basket=None, arms="down"):
    """A standing figure facing us, ``scale`` = its height in px."""
    s = scale / 100
    head = 9 * s
    draw.rectangle([x - 8 * s, feet - 42 * s, x - 2 * s, feet], fill=(60, 50, 45))
    draw.rectangle([x + 2 * s, feet - 42 * s, x + 8 * s, feet], fill=(60, 50, 45))
    draw.polygon(
        [
            (x - 11 * s, feet - 78 * s),
            (x + 11 * s, feet - 78 * s),
            (x + 14 * s, feet - 38 * s),
            (x - 14 * s, feet - 38 * s),
        ],
        fill=shirt,
    )
    if arms == "up":
        draw.line(
            [(x - 10 * s, feet - 74 * s), (x - 22 * s, feet - 98 * s)],
            fill=shirt,
            width=max(2, round(6 * s)),
        )
    else:
        draw.line(
            [(x - 11 * s, feet - 76 * s), (x - 17 * s, feet - 46 * s)],
            fill=shirt,
            width=max(2, round(6 * s)),
        )
    draw.line(
        [(x + 11 * s, feet - 76 * s), (x + 17 * s, feet - 46 * s)],
        fill=shirt,
        width=max(2, round(6 * s)),
    )
    draw.ellipse(
        [x - head, feet - 100 * s, x + head, feet - 100 * s + 2 * head], fill=skin
    )
    if hat is not None:
        draw.ellipse([x - 16 * s, feet - 97 * s, x + 16 * s, feet - 91 * s], fill=hat)
        draw.rectangle([x - 8 * s, feet - 104 * s, x + 8 * s, feet - 94 * s], fill=hat)
    if basket is not None:
        draw.chord(
            [x + 8 * s, feet - 62 * s, x + 38 * s, feet - 30 * s], 0, 180, fill=basket
        )
        draw.arc(
            [x + 12 * s, feet - 66 * s, x + 34 * s, feet - 40 * s],
            180,
            360,
            fill=basket,
            width=max(2, round(3 * s)),
        )


def _seated_back(draw, x, y, scale, shirt, hair):
    """Someone seen from behind, seated: shoulders and head."""
    s = scale / 100
    draw.pieslice(
        [x - 22 * s, y - 10 * s, x + 22 * s, y + 34 * s], 180, 360, fill=shirt
    )
    draw.rectangle([x - 22 * s, y + 12 * s, x + 22 * s, y + 24 * s], fill=shirt)
    draw.ellipse([x - 11 * s, y - 32 * s, x + 11 * s, y - 8 * s], fill=hair)


# --- the subjects ------------------------------------------------------------------------


def landscape(seed: int) -> Drawing:
    """Layered green hills under a dawn sky, the sun whole above them."""
    rng = random.Random(seed)  # noqa: S311 - drawing, not security
    image, draw = _canvas((250, 214, 165), (255, 244, 224))
    _sun(draw, rng.randint(700, 900), 300, 70)
    for index, colour in enumerate(
        [(120, 160, 90), (78, 130, 70), (45, 100, 58), GREEN_DARK]
    ):
        _band(draw, rng, 430 + 90 * index, 40 / (1 + index * 0.4), colour)
    return _drawing(image, (560, 220, 1040, 640))


def coffee(seed: int) -> Drawing:
    """Two coffee shrubs with red cherries along their branches, on a slope."""
    rng = random.Random(seed)  # noqa: S311 - drawing, not security
    image, draw = _canvas((196, 226, 238), (236, 246, 236))
    _band(draw, rng, 560, 30, GREEN_LIGHT)
    _band(draw, rng, 650, 20, GREEN)
    _sun(draw, 1120, 240, 45, (255, 228, 120))
    for cx in (640, 960):
        base = 690
        draw.line([(cx, base), (cx, 250)], fill=BROWN, width=14)
        for level in range(6):
            y = 290 + level * 62
            reach = 90 + level * 22
            for side in (-1, 1):
                end = (cx + side * reach, y - 30)
                draw.line([(cx, y + 10), end], fill=BROWN, width=6)
                for k in range(1, 4):
                    px = cx + side * reach * k / 3.3
                    py = y + 10 - 40 * k / 3.3
                    _leaf(
                        draw,
                        px,
                        py - 18,
                        54,
                        22,
                        -side * 0.6,
                        GREEN_DARK if (k + level) % 2 else GREEN_LEAF,
                    )
                    for _cherry in range(rng.randint(2, 4)):
                        ox, oy = rng.uniform(-10, 10), rng.uniform(4, 16)
                        draw.ellipse(
                            [px + ox - 8, py + oy - 8, px + ox + 8, py + oy + 8],
                            fill=RED if rng.random() > 0.2 else (120, 20, 30),
                        )
    return _drawing(image, (480, 200, 1130, 700))


def cocoa(seed: int) -> Drawing:
    """A cocoa trunk with ribbed pods, yellow to maroon, in the forest shade."""
    rng = random.Random(seed)  # noqa: S311 - drawing, not security
    image, draw = _canvas((70, 120, 70), (120, 160, 90), 680, (90, 70, 40))
    # The canopy: one band from edge to edge along the top.
    canopy = [(x, 120 + 22 * math.sin(x / 70)) for x in range(0, 1640, 40)]
    draw.polygon([(0, 0), (1600, 0), *reversed(canopy)], fill=GREEN_DARK)
    draw.polygon([(760, 690), (840, 690), (825, 200), (775, 200)], fill=BROWN)
    draw.line([(800, 330), (1000, 210)], fill=BROWN, width=26)
    draw.line([(790, 400), (600, 260)], fill=BROWN, width=22)
    for cx, cy, angle in [(980, 230, -0.5), (620, 280, 0.6), (1060, 270, 0.4)]:
        _leaf(draw, cx, cy, 200, 70, angle, GREEN_LEAF)
    pods = [(740, 380), (860, 440), (730, 540), (870, 580), (700, 250), (900, 320)]
    colours = [YELLOW, (222, 130, 30), (150, 50, 40), (232, 160, 20), (170, 60, 40)]
    for index, (px, py) in enumerate(pods):
        colour = colours[(index + seed) % len(colours)]
        side = 1 if px > 800 else -1
        draw.line([(800 + side * 20, py - 40), (px, py - 55)], fill=BROWN_DARK, width=6)
        _leaf(draw, px, py, 66, 130, 0.15 * side, colour)
        for rib in (-14, 0, 14):
            draw.line(
                [(px + rib, py - 55), (px + rib * 1.2, py + 55)],
                fill=_mix(colour, (0, 0, 0), 0.25),
                width=3,
            )
    for _ in range(14):
        x = rng.randint(420, 1180)
        draw.ellipse([x - 30, 690, x + 30, 712], fill=(120, 95, 55))
    return _drawing(image, (560, 190, 1170, 715))


def _hexagon(cx, cy, radius):
    return [
        (
            cx + radius * math.cos(math.pi / 6 + k * math.pi / 3),
            cy + radius * math.sin(math.pi / 6 + k * math.pi / 3),
        )
        for k in range(6)
    ]


def honey(seed: int) -> Drawing:
    """A honeycomb of amber cells with bees around it."""
    rng = random.Random(seed)  # noqa: S311 - drawing, not security
    image, draw = _canvas((255, 243, 214), (250, 226, 170))
    radius = 46
    step_x, step_y = radius * math.sqrt(3), radius * 1.5
    for row in range(6):
        for col in range(7):
            cx = 560 + col * step_x + (step_x / 2 if row % 2 else 0)
            cy = 260 + row * step_y
            if abs(cx - 820) / 330 + abs(cy - 450) / 230 > 1.15:
                continue
            draw.polygon(_hexagon(cx, cy, radius - 3), fill=(196, 130, 20))
            fill = YELLOW if rng.random() > 0.3 else (232, 150, 10)
            draw.polygon(_hexagon(cx, cy, radius - 10), fill=fill)
    for bx, by in [(470, 300), (1130, 260), (1100, 620), (500, 640), (1000, 220)]:
        draw.ellipse([bx - 20, by - 34, bx + 8, by - 8], fill=(235, 245, 255))
        draw.ellipse([bx - 4, by - 36, bx + 24, by - 10], fill=(220, 235, 250))
        draw.ellipse([bx - 30, by - 16, bx + 30, by + 16], fill=YELLOW)
        for stripe in (-10, 4, 18):
            draw.line(
                [(bx + stripe, by - 14), (bx + stripe, by + 14)],
                fill=(30, 25, 20),
                width=7,
            )
        draw.ellipse([bx - 40, by - 10, bx - 22, by + 8], fill=(30, 25, 20))
    return _drawing(image, (420, 200, 1180, 690))


def sugar_cane(seed: int) -> Drawing:
    """Sugar cane stalks with their nodes and long leaves, over a field."""
    rng = random.Random(seed)  # noqa: S311 - drawing, not security
    image, draw = _canvas((190, 222, 240), (245, 240, 215), 680, (150, 120, 70))
    _band(draw, rng, 600, 16, (170, 190, 90))
    draw.rectangle([0, 680, 1600, 900], fill=(150, 120, 70))
    for x in range(0, 1600, 60):
        draw.line([(x, 700), (x + 30, 900)], fill=(130, 100, 60), width=6)
    _sun(draw, 1130, 250, 48)
    for index, x in enumerate(range(520, 1100, 64)):
        top = 230 + rng.randint(0, 70)
        colour = _mix((170, 190, 60), (120, 150, 50), (index % 3) / 2)
        draw.rectangle([x - 9, top, x + 9, 690], fill=colour)
        for y in range(top + 40, 690, 58):
            draw.rectangle([x - 12, y, x + 12, y + 6], fill=(100, 110, 40))
        for k in range(3):
            side = 1 if (k + index) % 2 else -1
            angle = side * (0.5 + 0.25 * k)
            _leaf(
                draw,
                x + side * 55,
                top + 40 + k * 45,
                140,
                20,
                angle,
                GREEN_LEAF if k % 2 else GREEN,
            )
    return _drawing(image, (440, 200, 1180, 700))


def bananas(seed: int) -> Drawing:
    """A banana plant: broad leaves and a bunch of fingers with its purple bud."""
    rng = random.Random(seed)  # noqa: S311 - drawing, not security
    image, draw = _canvas((200, 232, 240), (240, 248, 230))
    _band(draw, rng, 640, 25, GREEN_LIGHT)
    _band(draw, rng, 700, 15, GREEN)
    draw.polygon([(770, 700), (830, 700), (815, 360), (785, 360)], fill=(120, 150, 70))
    for angle, length in [(-2.7, 300), (-0.45, 300), (-2.0, 260), (-1.15, 270)]:
        end = (800 + math.cos(angle) * length, 360 + math.sin(angle) * length * 0.55)
        centre = ((800 + end[0]) / 2, (360 + end[1]) / 2)
        tilt = math.atan2(end[1] - 360, end[0] - 800)
        _leaf(draw, *centre, length, 80, tilt, GREEN_LEAF if angle < -1.5 else GREEN)
        draw.line([(800, 360), end], fill=GREEN_DARK, width=5)
    draw.line([(815, 360), (900, 420), (930, 600)], fill=(100, 120, 60), width=12)
    for row in range(4):
        y = 430 + row * 40
        for k in range(5):
            x = 860 + k * 22 - row * 4
            draw.arc(
                [x - 10, y - 30, x + 90, y + 40],
                110,
                200,
                fill=YELLOW if row < 2 else (200, 200, 60),
                width=18,
            )
    _leaf(draw, 932, 640, 46, 80, 0.1, (120, 40, 90))
    return _drawing(image, (460, 200, 1150, 710))


def producers(seed: int) -> Drawing:
    """Three producers with hats and a basket, standing in a planted field."""
    rng = random.Random(seed)  # noqa: S311 - drawing, not security
    image, draw = _canvas((200, 228, 240), (250, 244, 222), 560, GREEN_LIGHT)
    _band(draw, rng, 470, 30, (150, 190, 110))
    draw.rectangle([0, 560, 1600, 900], fill=GREEN_LIGHT)
    for row in range(7):
        y = 580 + row * 45
        draw.line([(0, y), (1600, y + 20)], fill=GREEN, width=10)
    _sun(draw, 1110, 250, 50)
    people = [
        (620, 690, 330, 0, "down"),
        (800, 680, 360, 2, "down"),
        (980, 690, 320, 3, "up"),
    ]
    for index, (x, feet, scale, shirt, arms) in enumerate(people):
        _person(
            draw,
            x,
            feet,
            scale,
            CLOTHES[(shirt + seed) % len(CLOTHES)],
            SKIN[index],
            hat=(210, 180, 110),
            basket=(150, 100, 50) if index == 1 else None,
            arms=arms,
        )
    return _drawing(image, (540, 200, 1170, 700))


def assembly(seed: int) -> Drawing:
    """An assembly: people seated in rows, facing a table under a yellow banner."""
    rng = random.Random(seed)  # noqa: S311 - drawing, not security
    image, draw = _canvas((236, 228, 210), (226, 214, 190), 470, (190, 160, 120))
    draw.rectangle([560, 200, 1040, 250], fill=YELLOW)
    draw.rectangle([600, 218, 1000, 232], fill=GREEN)
    for index, x in enumerate((680, 800, 920)):
        _person(draw, x, 440, 200, CLOTHES[(index + seed) % 5], SKIN[index])
    draw.rectangle([580, 390, 1020, 470], fill=GREEN_DARK)
    draw.rectangle([580, 390, 1020, 402], fill=GREEN)
    for row, (y, count, scale) in enumerate([(560, 6, 110), (640, 7, 125)]):
        spacing = 560 / (count - 1)
        for k in range(count):
            x = 520 + k * spacing + (20 if row else 0)
            draw.rectangle([x - 26, y + 10, x + 26, y + 50], fill=BROWN)
            _seated_back(
                draw,
                x,
                y,
                scale,
                CLOTHES[rng.randrange(len(CLOTHES))],
                (40, 30, 25) if rng.random() > 0.3 else (90, 90, 90),
            )
    return _drawing(image, (470, 190, 1130, 710))


def university(seed: int) -> Drawing:
    """A university building with columns and a pediment, students in front."""
    rng = random.Random(seed)  # noqa: S311 - drawing, not security
    image, draw = _canvas((200, 222, 245), (245, 240, 230), 620, (160, 175, 120))
    draw.rectangle([0, 620, 1600, 900], fill=(160, 175, 120))
    draw.polygon([(520, 330), (1080, 330), (800, 210)], fill=(230, 220, 200))
    draw.polygon([(560, 320), (1040, 320), (800, 226)], fill=(210, 196, 170))
    draw.rectangle([520, 330, 1080, 350], fill=(200, 185, 160))
    draw.rectangle([540, 350, 1060, 560], fill=(238, 230, 212))
    for k in range(7):
        x = 570 + k * 76
        draw.rectangle([x, 360, x + 26, 560], fill=(250, 246, 236))
        draw.rectangle([x - 4, 360, x + 30, 368], fill=(214, 204, 184))
    draw.rectangle([770, 470, 830, 560], fill=GREEN_DARK)
    for k in range(3):
        draw.rectangle(
            [520 - 12 * k, 560 + 16 * k, 1080 + 12 * k, 576 + 16 * k],
            fill=(210, 200, 180),
        )
    for index, x in enumerate((600, 700, 910, 1010)):
        _person(
            draw,
            x,
            700,
            150,
            CLOTHES[(index + seed) % 5],
            SKIN[(index + 1) % 4],
            basket=None,
        )
        draw.rectangle(
            [x + 12, 640, x + 26, 662],
            fill=(200, 60, 60) if index % 2 else (40, 90, 150),
        )
    for x in (470, 1130):
        draw.rectangle([x - 6, 520, x + 6, 640], fill=BROWN)
        draw.ellipse(
            [x - 50, 420, x + 50, 540], fill=GREEN if rng.random() > 0.5 else GREEN_LEAF
        )
    return _drawing(image, (420, 200, 1180, 710))


def town(seed: int) -> Drawing:
    """A small town: houses round a plaza with a church tower and a market stall."""
    rng = random.Random(seed)  # noqa: S311 - drawing, not security
    image, draw = _canvas((190, 214, 240), (250, 238, 220), 600, (214, 196, 160))
    _band(draw, rng, 470, 30, (130, 170, 110))
    draw.rectangle([0, 600, 1600, 900], fill=(214, 196, 160))
    walls = [(240, 200, 170), (250, 230, 160), (200, 225, 215), (240, 190, 190)]
    roofs = [(170, 70, 50), (150, 60, 40), (190, 90, 60)]
    for index, x in enumerate((440, 560, 960, 1080)):
        top = 440 + (index % 2) * 30
        draw.rectangle([x, top, x + 110, 600], fill=walls[index])
        draw.polygon(
            [(x - 12, top), (x + 122, top), (x + 55, top - 60)], fill=roofs[index % 3]
        )
        draw.rectangle([x + 40, 545, x + 70, 600], fill=BROWN)
        draw.rectangle([x + 15, top + 25, x + 40, top + 50], fill=(120, 170, 210))
        draw.rectangle([x + 70, top + 25, x + 95, top + 50], fill=(120, 170, 210))
    draw.rectangle([740, 330, 860, 600], fill=(245, 240, 225))
    draw.polygon([(728, 330), (872, 330), (800, 210)], fill=roofs[0])
    draw.rectangle([780, 360, 820, 410], fill=(90, 70, 50))
    draw.ellipse([785, 370, 815, 400], fill=YELLOW)
    draw.rectangle([780, 530, 820, 600], fill=BROWN)
    draw.rectangle([680, 640, 930, 660], fill=(190, 175, 140))
    for k in range(5):
        colour = GREEN if k % 2 else YELLOW
        draw.polygon(
            [(680 + k * 50, 640), (730 + k * 50, 640), (705 + k * 50, 665)], fill=colour
        )
    draw.rectangle([690, 660, 700, 700], fill=BROWN_DARK)
    draw.rectangle([910, 660, 920, 700], fill=BROWN_DARK)
    for x in (610, 1000):
        draw.rectangle([x - 5, 640, x + 5, 700], fill=BROWN)
        draw.ellipse([x - 40, 590, x + 40, 660], fill=GREEN)
    return _drawing(image, (420, 200, 1200, 705))


SUBJECTS: dict[str, Callable[[int], Drawing]] = {
    "landscape": landscape,
    "coffee": coffee,
    "cocoa": cocoa,
    "honey": honey,
    "sugar_cane": sugar_cane,
    "bananas": bananas,
    "producers": producers,
    "assembly": assembly,
    "university": university,
    "town": town,
}


def draw(subject: str, seed: int) -> Drawing:
    return SUBJECTS[subject](seed)
