"""Product illustrations for the demo catalogue, drawn with Pillow: a pouch of tea, a bottle of
fish sauce, a basket of lychees, a glazed vase. One picture per product type, no text on it.

Each picture is drawn at twice its size and scaled down, which smooths the edges."""

import io
import math
import random
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFilter

RGB = tuple[int, int, int]
SCALE = 2


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def _darker(colour: RGB, t: float = 0.25) -> RGB:
    return _mix(colour, (0, 0, 0), t)


def _lighter(colour: RGB, t: float = 0.35) -> RGB:
    return _mix(colour, (255, 255, 255), t)


class Canvas:
    """A square drawing surface in unit coordinates (0–1), drawn at `SCALE` × size."""

    def __init__(self, size: int, background: RGB):
        self.size = size * SCALE
        self.image = Image.new("RGB", (self.size, self.size), background)
        self.draw = ImageDraw.Draw(self.image)
        top, bottom = _lighter(background, 0.55), background
        for y in range(self.size):
            self.draw.line([(0, y), (self.size, y)], fill=_mix(top, bottom, y / self.size))
        # A table edge gives the object something to stand on.
        self.draw.rectangle(
            [0, int(self.size * 0.8), self.size, self.size], fill=_darker(background, 0.06)
        )

    def p(self, x: float, y: float) -> tuple[int, int]:
        return round(x * self.size), round(y * self.size)

    def box(self, x0, y0, x1, y1) -> list[int]:
        return [*self.p(x0, y0), *self.p(x1, y1)]

    def w(self, width: float) -> int:
        return max(1, round(width * self.size))

    def shadow(self, cx: float, cy: float, rx: float, ry: float = 0.035) -> None:
        # Blur only the shadow's own patch: blurring the whole canvas cost most of the drawing.
        margin = round(self.size * 0.05)
        x0, y0, x1, y1 = self.box(cx - rx, cy - ry, cx + rx, cy + ry)
        layer = Image.new("L", (x1 - x0 + 2 * margin, y1 - y0 + 2 * margin), 0)
        ImageDraw.Draw(layer).ellipse([margin, margin, margin + x1 - x0, margin + y1 - y0], fill=90)
        layer = layer.filter(ImageFilter.GaussianBlur(self.size * 0.015))
        self.image.paste((60, 50, 40), (x0 - margin, y0 - margin), layer)

    def ellipse(self, cx, cy, rx, ry, fill, outline=None, width=0.0):
        self.draw.ellipse(
            self.box(cx - rx, cy - ry, cx + rx, cy + ry),
            fill=fill,
            outline=outline,
            width=self.w(width) if outline else 0,
        )

    def polygon(self, points, fill, outline=None, width=0.0):
        self.draw.polygon(
            [self.p(x, y) for x, y in points],
            fill=fill,
            outline=outline,
            width=self.w(width) if outline else 0,
        )

    def rounded(self, x0, y0, x1, y1, radius, fill, outline=None, width=0.0):
        self.draw.rounded_rectangle(
            self.box(x0, y0, x1, y1),
            radius=self.w(radius),
            fill=fill,
            outline=outline,
            width=self.w(width) if outline else 0,
        )

    def line(self, points, fill, width):
        self.draw.line([self.p(x, y) for x, y in points], fill=fill, width=self.w(width))

    def webp(self, *sizes: int) -> list[bytes]:
        """The drawing as one WebP per size, each scaled down from the double-size canvas."""
        encoded = []
        for size in sizes:
            output = io.BytesIO()
            image = self.image.resize((size, size), Image.Resampling.LANCZOS)
            image.save(output, "WEBP", quality=82, method=1)
            encoded.append(output.getvalue())
        return encoded


# ---- contents seen through a pouch window or heaped in a dish ----------------------------------


def _contents(c: Canvas, kind: str, colour: RGB, area, rng: random.Random) -> None:
    """Fill the box `area` (x0, y0, x1, y1) with many small pieces of `kind`."""
    x0, y0, x1, y1 = area
    c.rounded(x0, y0, x1, y1, 0.02, fill=_darker(colour, 0.2))
    count = {"grain": 260, "leaf": 120, "bean": 90, "noodle": 30, "nut": 40, "flake": 110}.get(
        kind, 80
    )
    for _ in range(count):
        x, y = rng.uniform(x0 + 0.01, x1 - 0.01), rng.uniform(y0 + 0.01, y1 - 0.01)
        shade = _mix(
            colour, (255, 255, 255) if rng.random() < 0.5 else (0, 0, 0), rng.random() * 0.3
        )
        angle = rng.uniform(0, math.pi)
        if kind == "grain":
            _blob(c, x, y, 0.009, 0.004, angle, shade)
        elif kind == "leaf":
            _blob(c, x, y, 0.02, 0.006, angle, shade)
        elif kind == "bean":
            _blob(c, x, y, 0.014, 0.01, angle, shade)
            c.line([(x - 0.006, y), (x + 0.006, y)], _darker(shade, 0.4), 0.002)
        elif kind == "noodle":
            points = [(x0 + 0.01, y)]
            for step in range(1, 9):
                points.append(
                    (x0 + 0.01 + (x1 - x0 - 0.02) * step / 8, y + rng.uniform(-0.01, 0.01))
                )
            c.line(points, shade, 0.004)
        elif kind == "nut":
            c.draw.arc(
                c.box(x - 0.018, y - 0.014, x + 0.018, y + 0.014),
                200,
                520,
                fill=shade,
                width=c.w(0.011),
            )
        else:  # flakes: petals, shrimp, dried pieces
            _blob(c, x, y, 0.016, 0.011, angle, shade)


def _blob(c: Canvas, x, y, rx, ry, angle, fill) -> None:
    points = []
    for step in range(12):
        t = 2 * math.pi * step / 12
        px, py = rx * math.cos(t), ry * math.sin(t)
        points.append(
            (
                x + px * math.cos(angle) - py * math.sin(angle),
                y + px * math.sin(angle) + py * math.cos(angle),
            )
        )
    c.polygon(points, fill)


# ---- packaged goods -----------------------------------------------------------------------------


def pouch(
    c: Canvas, rng, *, colour: RGB, contents: RGB, kind: str = "leaf", accent: RGB = (201, 162, 39)
):
    """A stand-up pouch with a window on its contents and a label band."""
    c.shadow(0.5, 0.8, 0.27)
    body = [(0.27, 0.2), (0.73, 0.2), (0.76, 0.78), (0.24, 0.78)]
    c.polygon(body, fill=colour)
    c.polygon([(0.27, 0.2), (0.73, 0.2), (0.73, 0.25), (0.27, 0.25)], fill=_darker(colour, 0.2))
    for step in range(14):
        x = 0.28 + step * 0.032
        c.line([(x, 0.205), (x, 0.245)], _darker(colour, 0.35), 0.003)
    c.polygon([(0.27, 0.25), (0.33, 0.25), (0.31, 0.78), (0.24, 0.78)], fill=_lighter(colour, 0.12))
    _contents(c, kind, contents, (0.36, 0.31, 0.64, 0.55), rng)
    c.rounded(0.36, 0.31, 0.64, 0.55, 0.02, fill=None, outline=_lighter(colour, 0.5), width=0.006)
    c.rounded(0.31, 0.6, 0.69, 0.71, 0.015, fill=accent)
    c.line([(0.36, 0.645), (0.64, 0.645)], _darker(accent, 0.45), 0.008)
    c.line([(0.4, 0.675), (0.6, 0.675)], _darker(accent, 0.3), 0.006)


def sack(
    c: Canvas, rng, *, colour: RGB, contents: RGB, kind: str = "grain", accent: RGB = (46, 125, 50)
):
    """A woven rice sack, tied at the top, with grains spilling in front."""
    c.shadow(0.5, 0.8, 0.3)
    c.polygon(
        [(0.3, 0.3), (0.7, 0.3), (0.78, 0.55), (0.75, 0.79), (0.25, 0.79), (0.22, 0.55)],
        fill=colour,
    )
    for step in range(16):
        y = 0.32 + step * 0.029
        c.line([(0.25, y), (0.75, y)], _darker(colour, 0.07), 0.003)
    c.polygon([(0.33, 0.3), (0.67, 0.3), (0.6, 0.2), (0.4, 0.2)], fill=_darker(colour, 0.1))
    c.ellipse(0.5, 0.215, 0.11, 0.03, fill=contents)
    c.line([(0.38, 0.29), (0.62, 0.29)], (150, 110, 60), 0.012)
    c.rounded(0.33, 0.46, 0.67, 0.64, 0.02, fill=accent)
    c.ellipse(0.5, 0.55, 0.05, 0.05, fill=_lighter(accent, 0.6))
    for _ in range(60):
        _blob(
            c,
            rng.uniform(0.2, 0.8),
            rng.uniform(0.8, 0.86),
            0.009,
            0.004,
            rng.uniform(0, 3),
            contents,
        )


def bottle(
    c: Canvas,
    rng,
    *,
    liquid: RGB,
    cap: RGB = (150, 30, 30),
    shape: str = "tall",
    label: RGB = (250, 240, 220),
):
    """A glass bottle: tall (fish sauce, spirits), round (honey), small (essential oil)."""
    if shape == "small":
        x0, x1, top, neck = 0.4, 0.6, 0.42, 0.34
    elif shape == "round":
        x0, x1, top, neck = 0.3, 0.7, 0.4, 0.3
    else:
        x0, x1, top, neck = 0.36, 0.64, 0.36, 0.2
    mid = (x0 + x1) / 2
    c.shadow(mid, 0.8, (x1 - x0) / 2 + 0.04)
    glass = _lighter(liquid, 0.15)
    c.rounded(x0, top, x1, 0.79, 0.05 if shape != "small" else 0.03, fill=glass)
    c.polygon(
        [
            (x0 + 0.02, top + 0.02),
            (mid - 0.04, neck + 0.02),
            (mid + 0.04, neck + 0.02),
            (x1 - 0.02, top + 0.02),
        ],
        fill=glass,
    )
    c.rounded(mid - 0.045, neck - 0.06, mid + 0.045, neck + 0.04, 0.01, fill=glass)
    c.rounded(x0 + 0.02, top + 0.08, x1 - 0.02, 0.77, 0.04, fill=liquid)
    c.rounded(mid - 0.055, neck - 0.11, mid + 0.055, neck - 0.045, 0.012, fill=cap)
    c.rounded(x0 + 0.01, 0.5, x1 - 0.01, 0.68, 0.01, fill=label)
    c.line([(x0 + 0.05, 0.56), (x1 - 0.05, 0.56)], _darker(cap, 0.1), 0.01)
    c.line([(x0 + 0.07, 0.61), (x1 - 0.07, 0.61)], (120, 110, 100), 0.006)
    c.rounded(x0 + 0.03, top + 0.04, x0 + 0.055, 0.74, 0.01, fill=_lighter(glass, 0.45))


def jar(c: Canvas, rng, *, contents: RGB, lid: RGB = (180, 40, 40), kind: str = "paste"):
    """A glass jar with a screw lid: honey, mắm, muối tôm, malt."""
    c.shadow(0.5, 0.8, 0.25)
    c.rounded(0.28, 0.36, 0.72, 0.79, 0.06, fill=_lighter(contents, 0.3))
    c.rounded(0.3, 0.42, 0.7, 0.77, 0.05, fill=contents)
    if kind == "flake":
        for _ in range(120):
            _blob(
                c,
                rng.uniform(0.32, 0.68),
                rng.uniform(0.44, 0.75),
                0.008,
                0.005,
                rng.uniform(0, 3),
                _mix(contents, (255, 255, 255), rng.random() * 0.4),
            )
    c.rounded(0.3, 0.27, 0.7, 0.37, 0.02, fill=lid)
    for step in range(9):
        x = 0.32 + step * 0.045
        c.line([(x, 0.28), (x, 0.36)], _darker(lid, 0.2), 0.004)
    c.rounded(0.33, 0.52, 0.67, 0.66, 0.01, fill=(250, 243, 228))
    c.line([(0.38, 0.58), (0.62, 0.58)], _darker(lid, 0.1), 0.01)
    c.rounded(0.31, 0.4, 0.34, 0.74, 0.01, fill=_lighter(contents, 0.6))


def gift_box(
    c: Canvas,
    rng,
    *,
    colour: RGB = (170, 30, 40),
    ribbon: RGB = (222, 180, 60),
    contents: RGB | None = None,
):
    """A lidded gift box with a ribbon; the open variant shows round cakes or sweets."""
    c.shadow(0.5, 0.8, 0.34)
    c.polygon([(0.18, 0.45), (0.82, 0.45), (0.82, 0.79), (0.18, 0.79)], fill=colour)
    c.polygon([(0.18, 0.45), (0.82, 0.45), (0.82, 0.52), (0.18, 0.52)], fill=_darker(colour, 0.2))
    if contents is not None:
        c.polygon([(0.2, 0.3), (0.8, 0.3), (0.82, 0.45), (0.18, 0.45)], fill=_darker(colour, 0.35))
        for index in range(4):
            x = 0.29 + index * 0.14
            c.ellipse(
                x, 0.39, 0.065, 0.05, fill=contents, outline=_darker(contents, 0.25), width=0.004
            )
            c.ellipse(x, 0.385, 0.025, 0.018, fill=_darker(contents, 0.15))
        c.polygon([(0.22, 0.12), (0.78, 0.12), (0.8, 0.28), (0.2, 0.28)], fill=colour)
        c.line([(0.5, 0.12), (0.5, 0.28)], ribbon, 0.03)
    else:
        c.polygon(
            [(0.16, 0.36), (0.84, 0.36), (0.84, 0.47), (0.16, 0.47)], fill=_lighter(colour, 0.1)
        )
        c.line([(0.5, 0.36), (0.5, 0.79)], ribbon, 0.035)
        c.line([(0.16, 0.41), (0.84, 0.41)], ribbon, 0.025)
        c.ellipse(0.44, 0.33, 0.06, 0.035, fill=ribbon)
        c.ellipse(0.56, 0.33, 0.06, 0.035, fill=ribbon)
        c.ellipse(0.5, 0.35, 0.025, 0.025, fill=_darker(ribbon, 0.2))
    c.ellipse(0.5, 0.65, 0.09, 0.09, fill=None, outline=ribbon, width=0.008)


# ---- fruit --------------------------------------------------------------------------------------


def fruit(c: Canvas, rng, *, colour: RGB, kind: str = "round", leaf: RGB = (56, 120, 48)):
    """A pile of fruit in a woven basket, or a single big fruit (pomelo, durian)."""
    if kind in ("pomelo", "durian", "pineapple", "dragon"):
        _big_fruit(c, rng, colour, kind, leaf)
        return
    c.shadow(0.5, 0.8, 0.36)
    radius = {"small": 0.05, "round": 0.085, "mango": 0.09, "berry": 0.06}.get(kind, 0.08)
    spots = [
        (0.5 + dx, 0.5 + dy)
        for dx, dy in [
            (-0.2, 0.02),
            (-0.07, -0.02),
            (0.07, -0.02),
            (0.2, 0.02),
            (-0.14, -0.1),
            (0.0, -0.12),
            (0.14, -0.1),
            (-0.06, -0.19),
            (0.07, -0.2),
        ]
    ]
    if kind == "small":  # lychee, longan, grapes: many small fruit
        spots = [(rng.uniform(0.28, 0.72), rng.uniform(0.3, 0.56)) for _ in range(34)]
        spots.sort(key=lambda s: s[1])
    for x, y in spots:
        shade = _mix(colour, (0, 0, 0), rng.uniform(0, 0.18))
        if kind == "mango":
            _blob(c, x, y, radius * 1.15, radius * 0.78, rng.uniform(-0.4, 0.4), shade)
            c.ellipse(
                x - radius * 0.4,
                y - radius * 0.3,
                radius * 0.3,
                radius * 0.18,
                fill=_lighter(shade, 0.35),
            )
        elif kind == "berry":  # strawberries
            c.polygon(
                [
                    (x - radius, y - radius * 0.5),
                    (x + radius, y - radius * 0.5),
                    (x, y + radius * 1.2),
                ],
                fill=shade,
            )
            c.ellipse(x, y - radius * 0.5, radius, radius * 0.45, fill=shade)
            for _ in range(6):
                c.ellipse(
                    x + rng.uniform(-0.6, 0.6) * radius,
                    y + rng.uniform(-0.3, 0.5) * radius,
                    0.004,
                    0.006,
                    fill=(250, 230, 150),
                )
            c.polygon(
                [
                    (x - radius * 0.7, y - radius * 0.8),
                    (x + radius * 0.7, y - radius * 0.8),
                    (x, y - radius * 0.4),
                ],
                fill=leaf,
            )
        else:
            c.ellipse(x, y, radius, radius, fill=shade, outline=_darker(shade, 0.2), width=0.003)
            if kind == "small" and colour[0] > 150 and colour[1] < 120:  # lychee skin
                for _ in range(5):
                    c.ellipse(
                        x + rng.uniform(-0.6, 0.6) * radius,
                        y + rng.uniform(-0.6, 0.6) * radius,
                        0.005,
                        0.005,
                        fill=_darker(shade, 0.3),
                    )
            c.ellipse(
                x - radius * 0.35,
                y - radius * 0.35,
                radius * 0.3,
                radius * 0.22,
                fill=_lighter(shade, 0.4),
            )
    if kind != "berry":
        for x, y in spots[-3:]:
            _blob(c, x + 0.04, y - radius - 0.02, 0.05, 0.018, -0.5, leaf)
    _basket_front(c, 0.16, 0.52, 0.84, 0.79, (190, 140, 80))


def _big_fruit(c: Canvas, rng, colour: RGB, kind: str, leaf: RGB):
    c.shadow(0.5, 0.8, 0.28)
    if kind == "pomelo":
        c.ellipse(0.5, 0.55, 0.25, 0.24, fill=colour, outline=_darker(colour, 0.2), width=0.004)
        c.ellipse(0.42, 0.45, 0.08, 0.06, fill=_lighter(colour, 0.35))
        for _ in range(70):
            c.ellipse(
                rng.uniform(0.3, 0.7),
                rng.uniform(0.35, 0.75),
                0.003,
                0.003,
                fill=_darker(colour, 0.15),
            )
        c.line([(0.5, 0.32), (0.52, 0.24)], (100, 70, 40), 0.012)
        _blob(c, 0.6, 0.25, 0.09, 0.03, -0.3, leaf)
    elif kind == "durian":
        c.ellipse(0.5, 0.55, 0.24, 0.25, fill=colour)
        for row in range(9):
            for col in range(9):
                x, y = 0.3 + col * 0.05 + (row % 2) * 0.025, 0.34 + row * 0.048
                if (x - 0.5) ** 2 / 0.056 + (y - 0.55) ** 2 / 0.06 < 1:
                    c.polygon(
                        [(x - 0.018, y + 0.012), (x + 0.018, y + 0.012), (x, y - 0.022)],
                        fill=_darker(colour, 0.2),
                    )
        c.rounded(0.48, 0.24, 0.52, 0.32, 0.01, fill=(110, 90, 50))
    elif kind == "pineapple":
        c.ellipse(0.5, 0.58, 0.17, 0.21, fill=colour)
        for row in range(8):
            for col in range(6):
                x, y = 0.38 + col * 0.05 + (row % 2) * 0.025, 0.42 + row * 0.043
                if (x - 0.5) ** 2 / 0.029 + (y - 0.58) ** 2 / 0.044 < 1:
                    c.ellipse(x, y, 0.014, 0.012, fill=_darker(colour, 0.2))
        for angle in (-0.6, -0.3, 0, 0.3, 0.6):
            x = 0.5 + math.sin(angle) * 0.14
            y = 0.37 - math.cos(angle) * 0.17
            c.polygon([(0.48, 0.38), (0.52, 0.38), (x, y)], fill=leaf)
    else:  # dragon fruit
        c.ellipse(0.5, 0.56, 0.2, 0.23, fill=colour)
        for index in range(10):
            angle = index * 2 * math.pi / 10
            x, y = 0.5 + math.cos(angle) * 0.16, 0.56 + math.sin(angle) * 0.19
            c.polygon(
                [
                    (x, y),
                    (x + math.cos(angle) * 0.09 - 0.02, y + math.sin(angle) * 0.06),
                    (x + 0.03, y - 0.02),
                ],
                fill=(120, 170, 60),
            )
        c.ellipse(0.43, 0.48, 0.06, 0.04, fill=_lighter(colour, 0.35))


def _basket_front(c: Canvas, x0, y0, x1, y1, colour: RGB):
    c.polygon([(x0, y0), (x1, y0), (x1 - 0.05, y1), (x0 + 0.05, y1)], fill=colour)
    rows = 6
    for row in range(rows):
        y = y0 + (y1 - y0) * (row + 0.5) / rows
        for col in range(14):
            x = x0 + 0.03 + col * (x1 - x0 - 0.06) / 14 + (row % 2) * 0.02
            c.ellipse(x, y, 0.018, 0.012, fill=_darker(colour, 0.12 + 0.08 * ((row + col) % 2)))
    c.rounded(x0 - 0.01, y0 - 0.015, x1 + 0.01, y0 + 0.015, 0.01, fill=_darker(colour, 0.25))


# ---- crafts -------------------------------------------------------------------------------------


def vase(
    c: Canvas,
    rng,
    *,
    glaze: RGB = (235, 238, 240),
    pattern: RGB = (30, 70, 150),
    shape: str = "vase",
):
    """Glazed pottery: a vase, or a teapot with cups (Bát Tràng, Biên Hòa, Lái Thiêu)."""
    if shape == "teaset":
        c.shadow(0.5, 0.8, 0.38)
        c.ellipse(0.5, 0.78, 0.36, 0.05, fill=_darker(glaze, 0.15))
        c.ellipse(0.42, 0.55, 0.15, 0.14, fill=glaze, outline=_darker(glaze, 0.3), width=0.006)
        c.rounded(0.37, 0.38, 0.47, 0.43, 0.01, fill=_darker(glaze, 0.1))
        c.ellipse(0.42, 0.37, 0.02, 0.02, fill=pattern)
        c.polygon([(0.55, 0.55), (0.67, 0.43), (0.69, 0.45), (0.58, 0.6)], fill=glaze)
        c.draw.arc(c.box(0.21, 0.47, 0.33, 0.63), 90, 270, fill=glaze, width=c.w(0.02))
        c.draw.arc(c.box(0.32, 0.48, 0.52, 0.62), 200, 340, fill=pattern, width=c.w(0.01))
        for x in (0.66, 0.8):
            c.polygon(
                [(x - 0.06, 0.62), (x + 0.06, 0.62), (x + 0.04, 0.75), (x - 0.04, 0.75)], fill=glaze
            )
            c.ellipse(x, 0.62, 0.06, 0.015, fill=_darker(glaze, 0.2))
            c.line([(x - 0.04, 0.68), (x + 0.04, 0.68)], pattern, 0.008)
        return
    if shape == "bowl":
        c.shadow(0.5, 0.8, 0.32)
        c.draw.chord(c.box(0.2, 0.3, 0.8, 0.85), 0, 180, fill=glaze)
        c.ellipse(0.5, 0.575, 0.3, 0.06, fill=_darker(glaze, 0.12))
        c.rounded(0.42, 0.78, 0.58, 0.8, 0.005, fill=_darker(glaze, 0.2))
        for index in range(5):
            x = 0.3 + index * 0.1
            _blob(c, x, 0.68, 0.03, 0.015, 0.4, pattern)
        return
    c.shadow(0.5, 0.8, 0.2)
    points = []
    for step in range(21):
        t = step / 20
        y = 0.16 + t * 0.63
        # A narrow neck opening into a round belly that tapers to the foot.
        width = 0.06 + 0.05 * t if t < 0.18 else 0.07 + 0.19 * math.sin(math.pi * (t - 0.1) / 0.95)
        points.append((0.5 + width, y))
    outline = points + [(1 - x, y) for x, y in reversed(points)]
    c.polygon(outline, fill=glaze, outline=_darker(glaze, 0.25), width=0.004)
    c.ellipse(0.5, 0.16, 0.08, 0.02, fill=_darker(glaze, 0.25))
    for y in (0.3, 0.72):
        half = next(x for x, py in points if py >= y) - 0.5
        c.line([(0.5 - half, y), (0.5 + half, y)], pattern, 0.008)
    # A lotus flower and leaves on the belly.
    c.ellipse(0.5, 0.52, 0.06, 0.04, fill=pattern)
    for dx in (-0.05, 0.05):
        _blob(c, 0.5 + dx, 0.49, 0.04, 0.017, 0.9 if dx < 0 else -0.9, pattern)
    _blob(c, 0.41, 0.6, 0.06, 0.02, 0.3, pattern)
    _blob(c, 0.59, 0.6, 0.06, 0.02, -0.3, pattern)
    c.line([(0.45, 0.32), (0.45, 0.7)], _lighter(glaze, 0.6), 0.012)


def basket(c: Canvas, rng, *, colour: RGB = (196, 150, 90), shape: str = "basket"):
    """Woven rattan, bamboo or sedge: a basket with a handle, or a rolled mat."""
    if shape == "mat":
        c.shadow(0.5, 0.8, 0.36)
        c.polygon([(0.12, 0.62), (0.72, 0.62), (0.88, 0.78), (0.28, 0.78)], fill=colour)
        for step in range(16):
            t = step / 16
            c.line([(0.12 + 0.6 * t, 0.62), (0.28 + 0.6 * t, 0.78)], _darker(colour, 0.15), 0.004)
        c.rounded(0.14, 0.32, 0.8, 0.58, 0.12, fill=_darker(colour, 0.05))
        c.ellipse(0.8, 0.45, 0.07, 0.13, fill=_darker(colour, 0.15))
        for radius in (0.05, 0.03):
            c.ellipse(
                0.8,
                0.45,
                radius * 0.55,
                radius,
                fill=None,
                outline=_darker(colour, 0.35),
                width=0.004,
            )
        for x in (0.3, 0.6):
            c.line([(x, 0.32), (x, 0.58)], (150, 40, 40), 0.015)
        return
    c.shadow(0.5, 0.8, 0.32)
    c.draw.arc(c.box(0.28, 0.18, 0.72, 0.62), 180, 360, fill=_darker(colour, 0.2), width=c.w(0.03))
    c.polygon([(0.2, 0.42), (0.8, 0.42), (0.72, 0.79), (0.28, 0.79)], fill=colour)
    for row in range(8):
        y = 0.44 + row * 0.044
        for col in range(13):
            x = 0.24 + col * 0.042 + (row % 2) * 0.021
            if 0.2 + (y - 0.42) * 0.2 < x < 0.8 - (y - 0.42) * 0.2:
                c.rounded(
                    x - 0.016,
                    y - 0.012,
                    x + 0.016,
                    y + 0.012,
                    0.01,
                    fill=_darker(colour, 0.08 + 0.1 * ((row + col) % 2)),
                )
    c.rounded(0.18, 0.4, 0.82, 0.45, 0.02, fill=_darker(colour, 0.25))


def cloth(c: Canvas, rng, *, colour: RGB, accent: RGB, pattern: str = "silk"):
    """Folded fabric: sheen lines for silk, diamonds and stripes for brocade."""
    c.shadow(0.5, 0.8, 0.36)
    for index, (y0, shade) in enumerate(((0.58, 0.0), (0.44, 0.08), (0.3, 0.16))):
        tone = _mix(colour, (255, 255, 255), shade)
        c.rounded(0.16 + index * 0.02, y0, 0.84 - index * 0.02, y0 + 0.2, 0.03, fill=tone)
        c.rounded(
            0.16 + index * 0.02,
            y0 + 0.16,
            0.84 - index * 0.02,
            y0 + 0.2,
            0.02,
            fill=_darker(tone, 0.15),
        )
        if pattern == "brocade":
            for col in range(10):
                x = 0.22 + index * 0.02 + col * 0.058
                cy = y0 + 0.08
                c.polygon(
                    [(x, cy - 0.04), (x + 0.025, cy), (x, cy + 0.04), (x - 0.025, cy)], fill=accent
                )
                c.ellipse(x, cy, 0.008, 0.008, fill=_lighter(colour, 0.6))
            c.line(
                [(0.18 + index * 0.02, y0 + 0.14), (0.82 - index * 0.02, y0 + 0.14)], accent, 0.008
            )
        else:
            for step in range(3):
                x = 0.3 + step * 0.18 + index * 0.03
                c.line([(x, y0 + 0.03), (x + 0.08, y0 + 0.14)], _lighter(tone, 0.45), 0.01)
            c.line(
                [(0.2 + index * 0.02, y0 + 0.03), (0.8 - index * 0.02, y0 + 0.03)], accent, 0.006
            )
    c.polygon([(0.64, 0.3), (0.84, 0.22), (0.8, 0.38)], fill=_lighter(colour, 0.25))


def frame(
    c: Canvas,
    rng,
    *,
    colour: RGB = (30, 20, 18),
    accent: RGB = (196, 150, 50),
    scene: str = "lacquer",
):
    """A framed picture: gold-on-black lacquer, or a woodblock print on dó paper (Đông Hồ)."""
    c.shadow(0.5, 0.8, 0.3)
    c.rounded(0.18, 0.16, 0.82, 0.78, 0.01, fill=(110, 60, 30))
    paper = colour if scene == "lacquer" else (236, 220, 180)
    c.rounded(0.22, 0.2, 0.78, 0.74, 0.005, fill=paper)
    if scene == "lacquer":
        c.ellipse(0.64, 0.32, 0.06, 0.06, fill=accent)
        c.polygon(
            [
                (0.22, 0.62),
                (0.36, 0.46),
                (0.48, 0.58),
                (0.6, 0.44),
                (0.78, 0.62),
                (0.78, 0.74),
                (0.22, 0.74),
            ],
            fill=(150, 40, 30),
        )
        for x in (0.3, 0.42, 0.55):
            c.line([(x, 0.74), (x + 0.02, 0.5)], accent, 0.006)
            _blob(c, x + 0.02, 0.5, 0.03, 0.012, 0.5, accent)
        c.polygon([(0.5, 0.66), (0.62, 0.66), (0.6, 0.69), (0.52, 0.69)], fill=(230, 220, 200))
    else:  # Đông Hồ: a pig with yin-yang swirls, in the print's few colours
        c.ellipse(0.5, 0.5, 0.17, 0.11, fill=(40, 40, 40))
        for x in (0.4, 0.46, 0.56, 0.62):
            c.rounded(x - 0.015, 0.56, x + 0.015, 0.66, 0.005, fill=(40, 40, 40))
        c.polygon([(0.66, 0.45), (0.72, 0.5), (0.66, 0.53)], fill=(40, 40, 40))
        c.ellipse(0.46, 0.48, 0.04, 0.04, fill=(200, 60, 50))
        c.ellipse(0.56, 0.5, 0.035, 0.035, fill=(230, 200, 80))
        c.rounded(0.26, 0.24, 0.3, 0.42, 0.005, fill=(200, 60, 50))


def hat(c: Canvas, rng, *, colour: RGB = (232, 214, 160)):
    """A conical leaf hat (nón lá) with its chin ribbon."""
    c.shadow(0.5, 0.8, 0.36)
    c.polygon([(0.5, 0.2), (0.86, 0.66), (0.14, 0.66)], fill=colour)
    for step in range(1, 9):
        t = step / 9
        c.line(
            [(0.5 - 0.36 * t, 0.2 + 0.46 * t), (0.5 + 0.36 * t, 0.2 + 0.46 * t)],
            _darker(colour, 0.15),
            0.004,
        )
    c.ellipse(0.5, 0.66, 0.36, 0.04, fill=_darker(colour, 0.1))
    c.draw.arc(c.box(0.3, 0.5, 0.7, 0.86), 20, 160, fill=(180, 40, 70), width=c.w(0.012))
    c.polygon([(0.5, 0.2), (0.56, 0.28), (0.44, 0.28)], fill=_lighter(colour, 0.3))


def rolls(c: Canvas, rng, *, colour: RGB, wrap: RGB | None = None):
    """Sausages and rolls on a board: chả bò, chả mực, nem chua in banana leaf."""
    c.shadow(0.5, 0.8, 0.36)
    c.rounded(0.12, 0.64, 0.88, 0.78, 0.03, fill=(160, 110, 60))
    c.rounded(0.12, 0.64, 0.88, 0.67, 0.02, fill=(185, 135, 80))
    if wrap is not None:  # nem: small parcels in leaf, tied with string
        for index in range(5):
            x = 0.22 + index * 0.14
            y = 0.52 - (index % 2) * 0.06
            c.rounded(
                x - 0.06, y - 0.09, x + 0.06, y + 0.09, 0.02, fill=_darker(wrap, 0.1 * (index % 2))
            )
            c.line([(x - 0.06, y), (x + 0.06, y)], (220, 60, 60), 0.008)
            c.line([(x - 0.03, y - 0.09), (x + 0.03, y - 0.09)], _lighter(wrap, 0.3), 0.006)
        return
    c.rounded(0.16, 0.46, 0.7, 0.62, 0.08, fill=colour)
    c.ellipse(0.7, 0.54, 0.05, 0.08, fill=_lighter(colour, 0.25))
    for index in range(4):
        x = 0.72 + index * 0.035
        c.ellipse(
            x,
            0.58,
            0.015,
            0.055,
            fill=_lighter(colour, 0.3),
            outline=_darker(colour, 0.1),
            width=0.003,
        )
    c.line([(0.2, 0.5), (0.64, 0.5)], _lighter(colour, 0.3), 0.008)
    for _ in range(40):
        c.ellipse(
            rng.uniform(0.2, 0.66),
            rng.uniform(0.48, 0.6),
            0.004,
            0.003,
            fill=_lighter(colour, 0.45),
        )


def bulbs(c: Canvas, rng, *, colour: RGB = (240, 232, 220), kind: str = "garlic"):
    """Garlic bulbs, star anise or cinnamon bark on a cloth."""
    c.shadow(0.5, 0.8, 0.34)
    if kind == "anise":
        for cx, cy in [(0.35, 0.55), (0.6, 0.5), (0.48, 0.68), (0.68, 0.68), (0.3, 0.72)]:
            for index in range(8):
                angle = index * math.pi / 4
                _blob(
                    c,
                    cx + math.cos(angle) * 0.045,
                    cy + math.sin(angle) * 0.045,
                    0.045,
                    0.018,
                    angle,
                    colour,
                )
            c.ellipse(cx, cy, 0.012, 0.012, fill=_darker(colour, 0.3))
        return
    if kind == "cinnamon":  # a bundle of rolled quills tied with string
        for index in range(7):
            row, col = divmod(index, 4)
            y = 0.74 - row * 0.06 - (col % 2) * 0.012
            x0 = 0.22 + row * 0.04
            shade = _mix(colour, (0, 0, 0), 0.06 * (index % 3))
            c.rounded(x0, y - 0.032, 0.74 + row * 0.02, y + 0.032, 0.03, fill=shade)
            c.line(
                [(x0 + 0.03, y - 0.018), (0.7 + row * 0.02, y - 0.018)],
                _lighter(shade, 0.25),
                0.005,
            )
            end = 0.74 + row * 0.02
            c.ellipse(end, y, 0.02, 0.032, fill=_lighter(colour, 0.35))
            c.draw.arc(
                c.box(end - 0.013, y - 0.022, end + 0.013, y + 0.022),
                90,
                400,
                fill=_darker(colour, 0.35),
                width=c.w(0.004),
            )
        for x in (0.36, 0.6):
            c.line([(x, 0.62), (x + 0.01, 0.78)], (120, 30, 30), 0.012)
        return
    for cx, cy, r in [(0.36, 0.6, 0.12), (0.62, 0.58, 0.13), (0.5, 0.7, 0.11)]:
        c.ellipse(cx, cy, r, r * 0.9, fill=colour, outline=_darker(colour, 0.15), width=0.004)
        for dx in (-0.5, 0, 0.5):
            c.draw.arc(
                c.box(cx + dx * r - r * 0.35, cy - r * 0.85, cx + dx * r + r * 0.35, cy + r * 0.85),
                260,
                100,
                fill=_darker(colour, 0.18),
                width=c.w(0.004),
            )
        c.polygon(
            [(cx - 0.015, cy - r * 0.85), (cx + 0.015, cy - r * 0.85), (cx, cy - r * 1.3)],
            fill=_darker(colour, 0.1),
        )
        c.ellipse(cx, cy + r * 0.8, 0.03, 0.01, fill=(180, 160, 120))


def house(
    c: Canvas,
    rng,
    *,
    colour: RGB = (150, 90, 50),
    sky: RGB = (170, 210, 235),
    scene: str = "homestay",
):
    """A stilt house among tea hills (homestay), or a craft-village gate (tour)."""
    c.rounded(0.1, 0.12, 0.9, 0.8, 0.03, fill=sky)
    c.ellipse(0.75, 0.24, 0.05, 0.05, fill=(250, 220, 120))
    c.polygon(
        [(0.1, 0.55), (0.3, 0.36), (0.52, 0.52), (0.72, 0.34), (0.9, 0.5), (0.9, 0.8), (0.1, 0.8)],
        fill=(80, 140, 70),
    )
    for row in range(5):
        y = 0.58 + row * 0.045
        c.line([(0.12, y), (0.88, y - 0.02)], (60, 120, 55), 0.01)
    if scene == "tour":
        c.rounded(0.34, 0.44, 0.66, 0.78, 0.005, fill=(220, 200, 170))
        c.polygon([(0.3, 0.45), (0.7, 0.45), (0.64, 0.36), (0.36, 0.36)], fill=(150, 50, 40))
        c.draw.chord(c.box(0.43, 0.56, 0.57, 0.9), 180, 360, fill=(90, 60, 40))
        c.line([(0.38, 0.78), (0.38, 0.46)], (150, 50, 40), 0.012)
        c.line([(0.62, 0.78), (0.62, 0.46)], (150, 50, 40), 0.012)
        return
    for x in (0.34, 0.46, 0.58, 0.66):
        c.line([(x, 0.58), (x, 0.74)], _darker(colour, 0.3), 0.012)
    c.rounded(0.3, 0.46, 0.7, 0.6, 0.005, fill=colour)
    c.polygon([(0.26, 0.47), (0.74, 0.47), (0.64, 0.34), (0.36, 0.34)], fill=(120, 80, 50))
    c.rounded(0.38, 0.5, 0.44, 0.56, 0.003, fill=(250, 220, 140))
    c.rounded(0.56, 0.5, 0.62, 0.56, 0.003, fill=(250, 220, 140))
    c.line([(0.48, 0.74), (0.52, 0.6)], _darker(colour, 0.3), 0.01)


# ---- the product types --------------------------------------------------------------------------

BROWN, GREEN, RED, GOLD, CREAM = (
    (120, 80, 50),
    (46, 110, 60),
    (168, 36, 40),
    (201, 162, 39),
    (245, 236, 215),
)
Drawer = Callable[..., None]

# picture name → (background, drawer, options)
PICTURES: dict[str, tuple[RGB, Drawer, dict]] = {
    "tea": (
        (222, 236, 214),
        pouch,
        {"colour": (40, 95, 60), "contents": (70, 110, 50), "kind": "leaf"},
    ),
    "tea-gift": ((222, 236, 214), gift_box, {"colour": (30, 90, 60), "ribbon": GOLD}),
    "oolong": (
        (226, 232, 210),
        pouch,
        {"colour": (150, 40, 40), "contents": (60, 90, 45), "kind": "bean"},
    ),
    "herbal-tea": (
        (232, 238, 214),
        pouch,
        {"colour": (100, 130, 60), "contents": (120, 140, 70), "kind": "flake", "accent": CREAM},
    ),
    "lotus-tea": ((236, 226, 232), gift_box, {"colour": (190, 90, 130), "ribbon": (90, 150, 90)}),
    "coffee": (
        (236, 224, 208),
        pouch,
        {"colour": (70, 40, 25), "contents": (95, 55, 30), "kind": "bean", "accent": GOLD},
    ),
    "coffee-green": (
        (230, 226, 210),
        sack,
        {"colour": (205, 185, 140), "contents": (160, 165, 120), "accent": BROWN},
    ),
    "rice": (
        (240, 236, 220),
        sack,
        {"colour": (238, 232, 215), "contents": (250, 248, 240), "accent": GREEN},
    ),
    "sticky-rice": (
        (240, 234, 214),
        sack,
        {"colour": (236, 226, 200), "contents": (250, 246, 232), "accent": GOLD},
    ),
    "com": (
        (226, 238, 214),
        pouch,
        {"colour": (90, 150, 70), "contents": (150, 200, 110), "kind": "flake", "accent": CREAM},
    ),
    "noodles": (
        (238, 232, 220),
        pouch,
        {"colour": (200, 170, 120), "contents": (140, 110, 80), "kind": "noodle", "accent": RED},
    ),
    "rice-noodles": (
        (240, 236, 228),
        pouch,
        {"colour": (230, 225, 215), "contents": (245, 242, 235), "kind": "noodle", "accent": GREEN},
    ),
    "rice-paper": (
        (240, 232, 216),
        pouch,
        {"colour": (220, 200, 160), "contents": (245, 238, 220), "kind": "flake", "accent": RED},
    ),
    "nuts": (
        (240, 228, 210),
        pouch,
        {"colour": (150, 60, 40), "contents": (225, 190, 130), "kind": "nut", "accent": GOLD},
    ),
    "chestnut": (
        (236, 226, 214),
        pouch,
        {"colour": (110, 70, 40), "contents": (120, 70, 40), "kind": "bean", "accent": CREAM},
    ),
    "lotus-seed": (
        (236, 232, 220),
        pouch,
        {"colour": (190, 90, 130), "contents": (235, 225, 200), "kind": "bean", "accent": CREAM},
    ),
    "pepper": (
        (232, 228, 216),
        pouch,
        {"colour": (40, 40, 40), "contents": (55, 45, 40), "kind": "grain", "accent": RED},
    ),
    "dried-shrimp": (
        (240, 226, 214),
        pouch,
        {"colour": (190, 60, 40), "contents": (230, 120, 80), "kind": "flake", "accent": GOLD},
    ),
    "dried-fish": (
        (236, 228, 216),
        pouch,
        {"colour": (60, 90, 130), "contents": (190, 140, 90), "kind": "flake", "accent": GOLD},
    ),
    "jerky": (
        (238, 224, 212),
        pouch,
        {"colour": (90, 35, 30), "contents": (140, 60, 40), "kind": "flake", "accent": GOLD},
    ),
    "sea-worm": (
        (232, 232, 224),
        pouch,
        {"colour": (30, 70, 110), "contents": (200, 170, 130), "kind": "noodle", "accent": GOLD},
    ),
    "roots": (
        (234, 230, 214),
        pouch,
        {"colour": (110, 60, 90), "contents": (150, 90, 110), "kind": "flake", "accent": CREAM},
    ),
    "sweet-potato": (
        (240, 230, 212),
        pouch,
        {"colour": (200, 120, 40), "contents": (230, 150, 60), "kind": "flake", "accent": CREAM},
    ),
    "sugar": (
        (240, 236, 224),
        jar,
        {"contents": (235, 215, 170), "lid": (200, 140, 40), "kind": "flake"},
    ),
    "salt": (
        (232, 236, 240),
        jar,
        {"contents": (245, 240, 235), "lid": (40, 90, 150), "kind": "flake"},
    ),
    "shrimp-salt": (
        (240, 228, 218),
        jar,
        {"contents": (220, 110, 70), "lid": (190, 40, 40), "kind": "flake"},
    ),
    "fermented-fish": ((236, 228, 214), jar, {"contents": (150, 100, 60), "lid": (60, 90, 50)}),
    "malt": ((240, 232, 214), jar, {"contents": (220, 170, 80), "lid": (120, 70, 40)}),
    "honey": ((244, 234, 206), jar, {"contents": (214, 150, 30), "lid": (200, 150, 40)}),
    "honey-bottle": (
        (244, 234, 206),
        bottle,
        {"liquid": (200, 130, 20), "cap": (200, 150, 40), "shape": "round"},
    ),
    "fish-sauce": ((236, 228, 214), bottle, {"liquid": (150, 80, 30), "cap": (170, 30, 30)}),
    "soy-sauce": ((234, 226, 214), bottle, {"liquid": (80, 45, 25), "cap": (40, 90, 50)}),
    "spirit": ((228, 232, 236), bottle, {"liquid": (232, 232, 222), "cap": (160, 40, 40)}),
    "fruit-wine": ((236, 226, 230), bottle, {"liquid": (170, 60, 70), "cap": (60, 40, 30)}),
    "essential-oil": (
        (228, 236, 228),
        bottle,
        {"liquid": (120, 150, 60), "cap": (40, 40, 40), "shape": "small"},
    ),
    "milk": (
        (232, 238, 244),
        bottle,
        {"liquid": (248, 248, 244), "cap": (40, 120, 190), "label": (210, 230, 245)},
    ),
    "bird-nest": ((244, 236, 226), gift_box, {"colour": (150, 20, 30), "ribbon": GOLD}),
    "cake-box": (
        (244, 232, 216),
        gift_box,
        {"colour": (190, 40, 40), "ribbon": GOLD, "contents": (225, 190, 120)},
    ),
    "green-cake": (
        (234, 238, 220),
        gift_box,
        {"colour": (60, 120, 60), "ribbon": GOLD, "contents": (200, 215, 140)},
    ),
    "black-cake": (
        (236, 230, 220),
        gift_box,
        {"colour": (110, 60, 40), "ribbon": GOLD, "contents": (50, 40, 35)},
    ),
    "sweets": (
        (240, 230, 220),
        gift_box,
        {"colour": (200, 120, 40), "ribbon": (150, 30, 30), "contents": (240, 220, 180)},
    ),
    "lychee": ((240, 228, 220), fruit, {"colour": (190, 40, 50), "kind": "small"}),
    "longan": ((240, 234, 220), fruit, {"colour": (200, 160, 100), "kind": "small"}),
    "grape": ((232, 226, 236), fruit, {"colour": (110, 40, 90), "kind": "small"}),
    "plum": ((236, 226, 232), fruit, {"colour": (140, 40, 80), "kind": "round"}),
    "orange": ((240, 234, 214), fruit, {"colour": (230, 140, 30), "kind": "round"}),
    "green-orange": ((232, 238, 214), fruit, {"colour": (120, 160, 50), "kind": "round"}),
    "custard-apple": ((230, 238, 220), fruit, {"colour": (140, 180, 100), "kind": "round"}),
    "mango": ((242, 236, 210), fruit, {"colour": (235, 190, 50), "kind": "mango"}),
    "strawberry": ((244, 228, 228), fruit, {"colour": (210, 40, 50), "kind": "berry"}),
    "mangosteen": ((236, 226, 232), fruit, {"colour": (90, 30, 60), "kind": "round"}),
    "pomelo": ((234, 240, 218), fruit, {"colour": (170, 200, 80), "kind": "pomelo"}),
    "durian": ((236, 236, 214), fruit, {"colour": (150, 160, 60), "kind": "durian"}),
    "pineapple": ((242, 236, 210), fruit, {"colour": (220, 170, 50), "kind": "pineapple"}),
    "dragon-fruit": ((242, 228, 234), fruit, {"colour": (210, 50, 110), "kind": "dragon"}),
    "vase-blue": ((226, 232, 240), vase, {"glaze": (238, 240, 242), "pattern": (30, 70, 150)}),
    "vase-crackle": ((236, 232, 222), vase, {"glaze": (220, 205, 170), "pattern": (90, 60, 40)}),
    "vase-green": ((226, 236, 232), vase, {"glaze": (60, 130, 120), "pattern": (230, 220, 180)}),
    "vase-brown": ((238, 230, 222), vase, {"glaze": (130, 70, 40), "pattern": (220, 170, 90)}),
    "teaset": (
        (214, 224, 236),
        vase,
        {"glaze": (238, 240, 242), "pattern": (30, 70, 150), "shape": "teaset"},
    ),
    "teaset-brown": (
        (238, 230, 222),
        vase,
        {"glaze": (120, 70, 45), "pattern": (220, 170, 90), "shape": "teaset"},
    ),
    "bowl": (
        (230, 234, 240),
        vase,
        {"glaze": (240, 240, 236), "pattern": (30, 70, 150), "shape": "bowl"},
    ),
    "basket": ((238, 232, 220), basket, {"colour": (196, 150, 90)}),
    "bamboo": ((232, 236, 220), basket, {"colour": (200, 180, 110)}),
    "sedge": ((236, 234, 220), basket, {"colour": (200, 175, 120), "shape": "mat"}),
    "silk": ((236, 228, 232), cloth, {"colour": (170, 30, 60), "accent": GOLD}),
    "silk-blue": ((228, 232, 240), cloth, {"colour": (40, 80, 150), "accent": (220, 200, 140)}),
    "silk-black": ((232, 230, 228), cloth, {"colour": (30, 28, 30), "accent": (150, 150, 150)}),
    "brocade": (
        (236, 228, 226),
        cloth,
        {"colour": (30, 40, 90), "accent": (210, 50, 60), "pattern": "brocade"},
    ),
    "brocade-red": (
        (240, 230, 226),
        cloth,
        {"colour": (170, 30, 40), "accent": (240, 200, 60), "pattern": "brocade"},
    ),
    "lacquer": ((232, 226, 220), frame, {"scene": "lacquer"}),
    "woodblock": ((238, 232, 218), frame, {"scene": "woodblock"}),
    "conical-hat": ((230, 236, 226), hat, {}),
    "beef-roll": ((240, 230, 222), rolls, {"colour": (160, 110, 100)}),
    "squid-cake": ((240, 234, 224), rolls, {"colour": (230, 190, 120)}),
    "nem": ((232, 238, 222), rolls, {"colour": (200, 120, 110), "wrap": (80, 140, 60)}),
    "garlic": ((236, 234, 226), bulbs, {}),
    "star-anise": ((238, 228, 218), bulbs, {"colour": (120, 50, 30), "kind": "anise"}),
    "cinnamon": ((238, 228, 218), bulbs, {"colour": (150, 85, 45), "kind": "cinnamon"}),
    "homestay": ((226, 236, 240), house, {}),
    "village-tour": ((226, 236, 240), house, {"scene": "tour"}),
}


def picture_webps(name: str, *sizes: int) -> list[bytes]:
    """The picture `name` drawn once, as a square WebP of each of `sizes` pixels (largest first);
    the same name draws the same picture."""
    background, drawer, options = PICTURES[name]
    canvas = Canvas(max(sizes), background)
    drawer(canvas, random.Random(name), **options)
    return canvas.webp(*sizes)


def picture_webp(name: str, size: int) -> bytes:
    return picture_webps(name, size)[0]
