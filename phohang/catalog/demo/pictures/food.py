"""Drawers for food: packaged goods (pouches, sacks, bottles, jars, gift boxes) and fruit."""

import math

from .canvas import RGB, Canvas, blob, darker, lighter, mix, scatter


def pouch(
    c: Canvas, rng, *, colour: RGB, contents: RGB, kind: str = "leaf", accent: RGB = (201, 162, 39)
):
    """A stand-up pouch with a window on its contents and a label band."""
    c.shadow(0.5, 0.8, 0.27)
    body = [(0.27, 0.2), (0.73, 0.2), (0.76, 0.78), (0.24, 0.78)]
    c.polygon(body, fill=colour)
    c.polygon([(0.27, 0.2), (0.73, 0.2), (0.73, 0.25), (0.27, 0.25)], fill=darker(colour, 0.2))
    for step in range(14):
        x = 0.28 + step * 0.032
        c.line([(x, 0.205), (x, 0.245)], darker(colour, 0.35), 0.003)
    c.polygon([(0.27, 0.25), (0.33, 0.25), (0.31, 0.78), (0.24, 0.78)], fill=lighter(colour, 0.12))
    scatter(c, kind, contents, (0.36, 0.31, 0.64, 0.55), rng)
    c.rounded(0.36, 0.31, 0.64, 0.55, 0.02, fill=None, outline=lighter(colour, 0.5), width=0.006)
    c.rounded(0.31, 0.6, 0.69, 0.71, 0.015, fill=accent)
    c.line([(0.36, 0.645), (0.64, 0.645)], darker(accent, 0.45), 0.008)
    c.line([(0.4, 0.675), (0.6, 0.675)], darker(accent, 0.3), 0.006)


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
        c.line([(0.25, y), (0.75, y)], darker(colour, 0.07), 0.003)
    c.polygon([(0.33, 0.3), (0.67, 0.3), (0.6, 0.2), (0.4, 0.2)], fill=darker(colour, 0.1))
    c.ellipse(0.5, 0.215, 0.11, 0.03, fill=contents)
    c.line([(0.38, 0.29), (0.62, 0.29)], (150, 110, 60), 0.012)
    c.rounded(0.33, 0.46, 0.67, 0.64, 0.02, fill=accent)
    c.ellipse(0.5, 0.55, 0.05, 0.05, fill=lighter(accent, 0.6))
    for _ in range(60):
        blob(
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
    glass = lighter(liquid, 0.15)
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
    c.line([(x0 + 0.05, 0.56), (x1 - 0.05, 0.56)], darker(cap, 0.1), 0.01)
    c.line([(x0 + 0.07, 0.61), (x1 - 0.07, 0.61)], (120, 110, 100), 0.006)
    c.rounded(x0 + 0.03, top + 0.04, x0 + 0.055, 0.74, 0.01, fill=lighter(glass, 0.45))


def jar(c: Canvas, rng, *, contents: RGB, lid: RGB = (180, 40, 40), kind: str = "paste"):
    """A glass jar with a screw lid: honey, mắm, muối tôm, malt."""
    c.shadow(0.5, 0.8, 0.25)
    c.rounded(0.28, 0.36, 0.72, 0.79, 0.06, fill=lighter(contents, 0.3))
    c.rounded(0.3, 0.42, 0.7, 0.77, 0.05, fill=contents)
    if kind == "flake":
        for _ in range(120):
            blob(
                c,
                rng.uniform(0.32, 0.68),
                rng.uniform(0.44, 0.75),
                0.008,
                0.005,
                rng.uniform(0, 3),
                mix(contents, (255, 255, 255), rng.random() * 0.4),
            )
    c.rounded(0.3, 0.27, 0.7, 0.37, 0.02, fill=lid)
    for step in range(9):
        x = 0.32 + step * 0.045
        c.line([(x, 0.28), (x, 0.36)], darker(lid, 0.2), 0.004)
    c.rounded(0.33, 0.52, 0.67, 0.66, 0.01, fill=(250, 243, 228))
    c.line([(0.38, 0.58), (0.62, 0.58)], darker(lid, 0.1), 0.01)
    c.rounded(0.31, 0.4, 0.34, 0.74, 0.01, fill=lighter(contents, 0.6))


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
    c.polygon([(0.18, 0.45), (0.82, 0.45), (0.82, 0.52), (0.18, 0.52)], fill=darker(colour, 0.2))
    if contents is not None:
        c.polygon([(0.2, 0.3), (0.8, 0.3), (0.82, 0.45), (0.18, 0.45)], fill=darker(colour, 0.35))
        for index in range(4):
            x = 0.29 + index * 0.14
            c.ellipse(
                x, 0.39, 0.065, 0.05, fill=contents, outline=darker(contents, 0.25), width=0.004
            )
            c.ellipse(x, 0.385, 0.025, 0.018, fill=darker(contents, 0.15))
        c.polygon([(0.22, 0.12), (0.78, 0.12), (0.8, 0.28), (0.2, 0.28)], fill=colour)
        c.line([(0.5, 0.12), (0.5, 0.28)], ribbon, 0.03)
    else:
        c.polygon(
            [(0.16, 0.36), (0.84, 0.36), (0.84, 0.47), (0.16, 0.47)], fill=lighter(colour, 0.1)
        )
        c.line([(0.5, 0.36), (0.5, 0.79)], ribbon, 0.035)
        c.line([(0.16, 0.41), (0.84, 0.41)], ribbon, 0.025)
        c.ellipse(0.44, 0.33, 0.06, 0.035, fill=ribbon)
        c.ellipse(0.56, 0.33, 0.06, 0.035, fill=ribbon)
        c.ellipse(0.5, 0.35, 0.025, 0.025, fill=darker(ribbon, 0.2))
    c.ellipse(0.5, 0.65, 0.09, 0.09, fill=None, outline=ribbon, width=0.008)


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
        shade = mix(colour, (0, 0, 0), rng.uniform(0, 0.18))
        if kind == "mango":
            blob(c, x, y, radius * 1.15, radius * 0.78, rng.uniform(-0.4, 0.4), shade)
            c.ellipse(
                x - radius * 0.4,
                y - radius * 0.3,
                radius * 0.3,
                radius * 0.18,
                fill=lighter(shade, 0.35),
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
            c.ellipse(x, y, radius, radius, fill=shade, outline=darker(shade, 0.2), width=0.003)
            if kind == "small" and colour[0] > 150 and colour[1] < 120:  # lychee skin
                for _ in range(5):
                    c.ellipse(
                        x + rng.uniform(-0.6, 0.6) * radius,
                        y + rng.uniform(-0.6, 0.6) * radius,
                        0.005,
                        0.005,
                        fill=darker(shade, 0.3),
                    )
            c.ellipse(
                x - radius * 0.35,
                y - radius * 0.35,
                radius * 0.3,
                radius * 0.22,
                fill=lighter(shade, 0.4),
            )
    if kind != "berry":
        for x, y in spots[-3:]:
            blob(c, x + 0.04, y - radius - 0.02, 0.05, 0.018, -0.5, leaf)
    _basket_front(c, 0.16, 0.52, 0.84, 0.79, (190, 140, 80))


def _big_fruit(c: Canvas, rng, colour: RGB, kind: str, leaf: RGB):
    c.shadow(0.5, 0.8, 0.28)
    if kind == "pomelo":
        c.ellipse(0.5, 0.55, 0.25, 0.24, fill=colour, outline=darker(colour, 0.2), width=0.004)
        c.ellipse(0.42, 0.45, 0.08, 0.06, fill=lighter(colour, 0.35))
        for _ in range(70):
            c.ellipse(
                rng.uniform(0.3, 0.7),
                rng.uniform(0.35, 0.75),
                0.003,
                0.003,
                fill=darker(colour, 0.15),
            )
        c.line([(0.5, 0.32), (0.52, 0.24)], (100, 70, 40), 0.012)
        blob(c, 0.6, 0.25, 0.09, 0.03, -0.3, leaf)
    elif kind == "durian":
        c.ellipse(0.5, 0.55, 0.24, 0.25, fill=colour)
        for row in range(9):
            for col in range(9):
                x, y = 0.3 + col * 0.05 + (row % 2) * 0.025, 0.34 + row * 0.048
                if (x - 0.5) ** 2 / 0.056 + (y - 0.55) ** 2 / 0.06 < 1:
                    c.polygon(
                        [(x - 0.018, y + 0.012), (x + 0.018, y + 0.012), (x, y - 0.022)],
                        fill=darker(colour, 0.2),
                    )
        c.rounded(0.48, 0.24, 0.52, 0.32, 0.01, fill=(110, 90, 50))
    elif kind == "pineapple":
        c.ellipse(0.5, 0.58, 0.17, 0.21, fill=colour)
        for row in range(8):
            for col in range(6):
                x, y = 0.38 + col * 0.05 + (row % 2) * 0.025, 0.42 + row * 0.043
                if (x - 0.5) ** 2 / 0.029 + (y - 0.58) ** 2 / 0.044 < 1:
                    c.ellipse(x, y, 0.014, 0.012, fill=darker(colour, 0.2))
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
        c.ellipse(0.43, 0.48, 0.06, 0.04, fill=lighter(colour, 0.35))


def _basket_front(c: Canvas, x0, y0, x1, y1, colour: RGB):
    c.polygon([(x0, y0), (x1, y0), (x1 - 0.05, y1), (x0 + 0.05, y1)], fill=colour)
    rows = 6
    for row in range(rows):
        y = y0 + (y1 - y0) * (row + 0.5) / rows
        for col in range(14):
            x = x0 + 0.03 + col * (x1 - x0 - 0.06) / 14 + (row % 2) * 0.02
            c.ellipse(x, y, 0.018, 0.012, fill=darker(colour, 0.12 + 0.08 * ((row + col) % 2)))
    c.rounded(x0 - 0.01, y0 - 0.015, x1 + 0.01, y0 + 0.015, 0.01, fill=darker(colour, 0.25))
