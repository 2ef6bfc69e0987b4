"""Drawers for crafts and places: vases, baskets, cloth, frames, hats, rolls, bulbs, houses."""

import math

from .canvas import RGB, Canvas, blob, darker, lighter, mix


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
        c.ellipse(0.5, 0.78, 0.36, 0.05, fill=darker(glaze, 0.15))
        c.ellipse(0.42, 0.55, 0.15, 0.14, fill=glaze, outline=darker(glaze, 0.3), width=0.006)
        c.rounded(0.37, 0.38, 0.47, 0.43, 0.01, fill=darker(glaze, 0.1))
        c.ellipse(0.42, 0.37, 0.02, 0.02, fill=pattern)
        c.polygon([(0.55, 0.55), (0.67, 0.43), (0.69, 0.45), (0.58, 0.6)], fill=glaze)
        c.draw.arc(c.box(0.21, 0.47, 0.33, 0.63), 90, 270, fill=glaze, width=c.w(0.02))
        c.draw.arc(c.box(0.32, 0.48, 0.52, 0.62), 200, 340, fill=pattern, width=c.w(0.01))
        for x in (0.66, 0.8):
            c.polygon(
                [(x - 0.06, 0.62), (x + 0.06, 0.62), (x + 0.04, 0.75), (x - 0.04, 0.75)], fill=glaze
            )
            c.ellipse(x, 0.62, 0.06, 0.015, fill=darker(glaze, 0.2))
            c.line([(x - 0.04, 0.68), (x + 0.04, 0.68)], pattern, 0.008)
        return
    if shape == "bowl":
        c.shadow(0.5, 0.8, 0.32)
        c.draw.chord(c.box(0.2, 0.3, 0.8, 0.85), 0, 180, fill=glaze)
        c.ellipse(0.5, 0.575, 0.3, 0.06, fill=darker(glaze, 0.12))
        c.rounded(0.42, 0.78, 0.58, 0.8, 0.005, fill=darker(glaze, 0.2))
        for index in range(5):
            x = 0.3 + index * 0.1
            blob(c, x, 0.68, 0.03, 0.015, 0.4, pattern)
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
    c.polygon(outline, fill=glaze, outline=darker(glaze, 0.25), width=0.004)
    c.ellipse(0.5, 0.16, 0.08, 0.02, fill=darker(glaze, 0.25))
    for y in (0.3, 0.72):
        half = next(x for x, py in points if py >= y) - 0.5
        c.line([(0.5 - half, y), (0.5 + half, y)], pattern, 0.008)
    # A lotus flower and leaves on the belly.
    c.ellipse(0.5, 0.52, 0.06, 0.04, fill=pattern)
    for dx in (-0.05, 0.05):
        blob(c, 0.5 + dx, 0.49, 0.04, 0.017, 0.9 if dx < 0 else -0.9, pattern)
    blob(c, 0.41, 0.6, 0.06, 0.02, 0.3, pattern)
    blob(c, 0.59, 0.6, 0.06, 0.02, -0.3, pattern)
    c.line([(0.45, 0.32), (0.45, 0.7)], lighter(glaze, 0.6), 0.012)


def basket(c: Canvas, rng, *, colour: RGB = (196, 150, 90), shape: str = "basket"):
    """Woven rattan, bamboo or sedge: a basket with a handle, or a rolled mat."""
    if shape == "mat":
        c.shadow(0.5, 0.8, 0.36)
        c.polygon([(0.12, 0.62), (0.72, 0.62), (0.88, 0.78), (0.28, 0.78)], fill=colour)
        for step in range(16):
            t = step / 16
            c.line([(0.12 + 0.6 * t, 0.62), (0.28 + 0.6 * t, 0.78)], darker(colour, 0.15), 0.004)
        c.rounded(0.14, 0.32, 0.8, 0.58, 0.12, fill=darker(colour, 0.05))
        c.ellipse(0.8, 0.45, 0.07, 0.13, fill=darker(colour, 0.15))
        for radius in (0.05, 0.03):
            c.ellipse(
                0.8,
                0.45,
                radius * 0.55,
                radius,
                fill=None,
                outline=darker(colour, 0.35),
                width=0.004,
            )
        for x in (0.3, 0.6):
            c.line([(x, 0.32), (x, 0.58)], (150, 40, 40), 0.015)
        return
    c.shadow(0.5, 0.8, 0.32)
    c.draw.arc(c.box(0.28, 0.18, 0.72, 0.62), 180, 360, fill=darker(colour, 0.2), width=c.w(0.03))
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
                    fill=darker(colour, 0.08 + 0.1 * ((row + col) % 2)),
                )
    c.rounded(0.18, 0.4, 0.82, 0.45, 0.02, fill=darker(colour, 0.25))


def cloth(c: Canvas, rng, *, colour: RGB, accent: RGB, pattern: str = "silk"):
    """Folded fabric: sheen lines for silk, diamonds and stripes for brocade."""
    c.shadow(0.5, 0.8, 0.36)
    for index, (y0, shade) in enumerate(((0.58, 0.0), (0.44, 0.08), (0.3, 0.16))):
        tone = mix(colour, (255, 255, 255), shade)
        c.rounded(0.16 + index * 0.02, y0, 0.84 - index * 0.02, y0 + 0.2, 0.03, fill=tone)
        c.rounded(
            0.16 + index * 0.02,
            y0 + 0.16,
            0.84 - index * 0.02,
            y0 + 0.2,
            0.02,
            fill=darker(tone, 0.15),
        )
        if pattern == "brocade":
            for col in range(10):
                x = 0.22 + index * 0.02 + col * 0.058
                cy = y0 + 0.08
                c.polygon(
                    [(x, cy - 0.04), (x + 0.025, cy), (x, cy + 0.04), (x - 0.025, cy)], fill=accent
                )
                c.ellipse(x, cy, 0.008, 0.008, fill=lighter(colour, 0.6))
            c.line(
                [(0.18 + index * 0.02, y0 + 0.14), (0.82 - index * 0.02, y0 + 0.14)], accent, 0.008
            )
        else:
            for step in range(3):
                x = 0.3 + step * 0.18 + index * 0.03
                c.line([(x, y0 + 0.03), (x + 0.08, y0 + 0.14)], lighter(tone, 0.45), 0.01)
            c.line(
                [(0.2 + index * 0.02, y0 + 0.03), (0.8 - index * 0.02, y0 + 0.03)], accent, 0.006
            )
    c.polygon([(0.64, 0.3), (0.84, 0.22), (0.8, 0.38)], fill=lighter(colour, 0.25))


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
            blob(c, x + 0.02, 0.5, 0.03, 0.012, 0.5, accent)
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
            darker(colour, 0.15),
            0.004,
        )
    c.ellipse(0.5, 0.66, 0.36, 0.04, fill=darker(colour, 0.1))
    c.draw.arc(c.box(0.3, 0.5, 0.7, 0.86), 20, 160, fill=(180, 40, 70), width=c.w(0.012))
    c.polygon([(0.5, 0.2), (0.56, 0.28), (0.44, 0.28)], fill=lighter(colour, 0.3))


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
                x - 0.06, y - 0.09, x + 0.06, y + 0.09, 0.02, fill=darker(wrap, 0.1 * (index % 2))
            )
            c.line([(x - 0.06, y), (x + 0.06, y)], (220, 60, 60), 0.008)
            c.line([(x - 0.03, y - 0.09), (x + 0.03, y - 0.09)], lighter(wrap, 0.3), 0.006)
        return
    c.rounded(0.16, 0.46, 0.7, 0.62, 0.08, fill=colour)
    c.ellipse(0.7, 0.54, 0.05, 0.08, fill=lighter(colour, 0.25))
    for index in range(4):
        x = 0.72 + index * 0.035
        c.ellipse(
            x,
            0.58,
            0.015,
            0.055,
            fill=lighter(colour, 0.3),
            outline=darker(colour, 0.1),
            width=0.003,
        )
    c.line([(0.2, 0.5), (0.64, 0.5)], lighter(colour, 0.3), 0.008)
    for _ in range(40):
        c.ellipse(
            rng.uniform(0.2, 0.66),
            rng.uniform(0.48, 0.6),
            0.004,
            0.003,
            fill=lighter(colour, 0.45),
        )


def bulbs(c: Canvas, rng, *, colour: RGB = (240, 232, 220), kind: str = "garlic"):
    """Garlic bulbs, star anise or cinnamon bark on a cloth."""
    c.shadow(0.5, 0.8, 0.34)
    if kind == "anise":
        for cx, cy in [(0.35, 0.55), (0.6, 0.5), (0.48, 0.68), (0.68, 0.68), (0.3, 0.72)]:
            for index in range(8):
                angle = index * math.pi / 4
                blob(
                    c,
                    cx + math.cos(angle) * 0.045,
                    cy + math.sin(angle) * 0.045,
                    0.045,
                    0.018,
                    angle,
                    colour,
                )
            c.ellipse(cx, cy, 0.012, 0.012, fill=darker(colour, 0.3))
        return
    if kind == "cinnamon":  # a bundle of rolled quills tied with string
        for index in range(7):
            row, col = divmod(index, 4)
            y = 0.74 - row * 0.06 - (col % 2) * 0.012
            x0 = 0.22 + row * 0.04
            shade = mix(colour, (0, 0, 0), 0.06 * (index % 3))
            c.rounded(x0, y - 0.032, 0.74 + row * 0.02, y + 0.032, 0.03, fill=shade)
            c.line(
                [(x0 + 0.03, y - 0.018), (0.7 + row * 0.02, y - 0.018)],
                lighter(shade, 0.25),
                0.005,
            )
            end = 0.74 + row * 0.02
            c.ellipse(end, y, 0.02, 0.032, fill=lighter(colour, 0.35))
            c.draw.arc(
                c.box(end - 0.013, y - 0.022, end + 0.013, y + 0.022),
                90,
                400,
                fill=darker(colour, 0.35),
                width=c.w(0.004),
            )
        for x in (0.36, 0.6):
            c.line([(x, 0.62), (x + 0.01, 0.78)], (120, 30, 30), 0.012)
        return
    for cx, cy, r in [(0.36, 0.6, 0.12), (0.62, 0.58, 0.13), (0.5, 0.7, 0.11)]:
        c.ellipse(cx, cy, r, r * 0.9, fill=colour, outline=darker(colour, 0.15), width=0.004)
        for dx in (-0.5, 0, 0.5):
            c.draw.arc(
                c.box(cx + dx * r - r * 0.35, cy - r * 0.85, cx + dx * r + r * 0.35, cy + r * 0.85),
                260,
                100,
                fill=darker(colour, 0.18),
                width=c.w(0.004),
            )
        c.polygon(
            [(cx - 0.015, cy - r * 0.85), (cx + 0.015, cy - r * 0.85), (cx, cy - r * 1.3)],
            fill=darker(colour, 0.1),
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
        c.line([(x, 0.58), (x, 0.74)], darker(colour, 0.3), 0.012)
    c.rounded(0.3, 0.46, 0.7, 0.6, 0.005, fill=colour)
    c.polygon([(0.26, 0.47), (0.74, 0.47), (0.64, 0.34), (0.36, 0.34)], fill=(120, 80, 50))
    c.rounded(0.38, 0.5, 0.44, 0.56, 0.003, fill=(250, 220, 140))
    c.rounded(0.56, 0.5, 0.62, 0.56, 0.003, fill=(250, 220, 140))
    c.line([(0.48, 0.74), (0.52, 0.6)], darker(colour, 0.3), 0.01)
