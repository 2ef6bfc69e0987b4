"""The drawing surface of the demo pictures: colours, a square canvas in unit coordinates, and the
small pieces (grains, leaves, blobs) the drawers scatter.

Each picture is drawn at twice its size and scaled down, which smooths the edges."""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

RGB = tuple[int, int, int]
SCALE = 2


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def darker(colour: RGB, t: float = 0.25) -> RGB:
    return mix(colour, (0, 0, 0), t)


def lighter(colour: RGB, t: float = 0.35) -> RGB:
    return mix(colour, (255, 255, 255), t)


class Canvas:
    """A square drawing surface in unit coordinates (0–1), drawn at `SCALE` × size."""

    def __init__(self, size: int, background: RGB):
        self.size = size * SCALE
        self.image = Image.new("RGB", (self.size, self.size), background)
        self.draw = ImageDraw.Draw(self.image)
        top, bottom = lighter(background, 0.55), background
        for y in range(self.size):
            self.draw.line([(0, y), (self.size, y)], fill=mix(top, bottom, y / self.size))
        # A table edge gives the object something to stand on.
        self.draw.rectangle(
            [0, int(self.size * 0.8), self.size, self.size], fill=darker(background, 0.06)
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


def scatter(c: Canvas, kind: str, colour: RGB, area, rng: random.Random) -> None:
    """Fill the box `area` (x0, y0, x1, y1) with many small pieces of `kind`."""
    x0, y0, x1, y1 = area
    c.rounded(x0, y0, x1, y1, 0.02, fill=darker(colour, 0.2))
    count = {"grain": 260, "leaf": 120, "bean": 90, "noodle": 30, "nut": 40, "flake": 110}.get(
        kind, 80
    )
    for _ in range(count):
        x, y = rng.uniform(x0 + 0.01, x1 - 0.01), rng.uniform(y0 + 0.01, y1 - 0.01)
        shade = mix(
            colour, (255, 255, 255) if rng.random() < 0.5 else (0, 0, 0), rng.random() * 0.3
        )
        angle = rng.uniform(0, math.pi)
        if kind == "grain":
            blob(c, x, y, 0.009, 0.004, angle, shade)
        elif kind == "leaf":
            blob(c, x, y, 0.02, 0.006, angle, shade)
        elif kind == "bean":
            blob(c, x, y, 0.014, 0.01, angle, shade)
            c.line([(x - 0.006, y), (x + 0.006, y)], darker(shade, 0.4), 0.002)
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
            blob(c, x, y, 0.016, 0.011, angle, shade)


def blob(c: Canvas, x, y, rx, ry, angle, fill) -> None:
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
