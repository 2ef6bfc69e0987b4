"""Prices and throughput drawn as server-side SVG: sparklines, line charts, bars against a need."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from phohang.core.money import format_vnd

# Colours that stay apart for the colour-blind (Okabe–Ito), then repeat.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
SPARK_WIDTH, SPARK_HEIGHT = 120, 28
CHART_WIDTH, CHART_HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 76, 12, 12, 28


def _path(points: list[tuple[float, float] | None]) -> str:
    """An SVG path through the points; a missing day breaks the line."""
    parts, pen_down = [], False
    for point in points:
        if point is None:
            pen_down = False
            continue
        x, y = point
        parts.append(f"{'L' if pen_down else 'M'}{x:.1f},{y:.1f}")
        pen_down = True
    return " ".join(parts)


def _bounds(series: Sequence[Sequence[int | None]]) -> tuple[int, int] | None:
    values = [value for line in series for value in line if value is not None]
    if not values:
        return None
    low, high = min(values), max(values)
    if low == high:
        low, high = low - max(1, low // 10), high + max(1, high // 10)
    return low, high


def sparkline(series: Sequence[int | None], *, label: str = "") -> SafeString:
    """The last 30 days of a price as a small line; the last point is marked."""
    bounds = _bounds([series])
    if bounds is None or len(series) < 2:
        return mark_safe("")  # noqa: S308 (nothing to draw)
    low, high = bounds
    # Whole numbers in tenths of a pixel: 300 sparklines format integers faster than floats.
    step = (SPARK_WIDTH - 4) * 10 / (len(series) - 1)
    scale = (SPARK_HEIGHT - 4) * 10 / (high - low)
    bottom = (SPARK_HEIGHT - 2) * 10
    parts, pen_down, last = [], False, ""
    for index, value in enumerate(series):
        if value is None:
            pen_down = False
            continue
        x, y = 20 + int(index * step), bottom - int((value - low) * scale)
        parts.append(f"{'L' if pen_down else 'M'}{x},{y}")
        pen_down, last = True, f'<circle cx="{x}" cy="{y}" r="20"/>'
    svg = (
        f'<svg class="sparkline" viewBox="0 0 {SPARK_WIDTH * 10} {SPARK_HEIGHT * 10}" '
        f'width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" role="img" aria-label="{escape(label)}">'
        f'<path d="{" ".join(parts)}" fill="none" stroke="currentColor" stroke-width="15"/>'
        f"{last}</svg>"
    )
    return mark_safe(svg)  # noqa: S308 (numbers and an escaped label)


def _price_label(value: int) -> str:
    return escape(format_vnd(value).replace(" ₫", "").replace("₫", "").strip())


def line_chart(
    days: Sequence[date],
    lines: Sequence[tuple[str, Sequence[int | None]]],
    *,
    label: str,
) -> SafeString:
    """Prices over `days`, one coloured line per (name, values); the legend is the caller's."""
    bounds = _bounds([values for _name, values in lines])
    if bounds is None or len(days) < 2:
        return mark_safe("")  # noqa: S308 (nothing to draw)
    low, high = bounds
    inner_w = CHART_WIDTH - LEFT - RIGHT
    inner_h = CHART_HEIGHT - TOP - BOTTOM
    step = inner_w / (len(days) - 1)

    def y_of(value: float) -> float:
        return TOP + inner_h - (value - low) * inner_h / (high - low)

    parts = [
        f'<svg class="price-chart" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" role="img" '
        f'aria-label="{escape(label)}" preserveAspectRatio="xMidYMid meet">'
    ]
    for tick in range(5):
        value = low + (high - low) * tick / 4
        y = y_of(value)
        parts.append(
            f'<line x1="{LEFT}" x2="{CHART_WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'class="grid"/><text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'class="axis">{_price_label(round(value))}</text>'
        )
    for index in sorted({0, (len(days) - 1) // 2, len(days) - 1}):
        x = LEFT + index * step
        anchor = "start" if index == 0 else "end" if index == len(days) - 1 else "middle"
        parts.append(
            f'<text x="{x:.1f}" y="{CHART_HEIGHT - 8}" text-anchor="{anchor}" class="axis">'
            f"{days[index]:%d/%m/%Y}</text>"
        )
    for number, (_name, values) in enumerate(lines):
        points = [
            None if value is None else (LEFT + index * step, y_of(value))
            for index, value in enumerate(values)
        ]
        colour = COLOURS[number % len(COLOURS)]
        parts.append(
            f'<path d="{_path(points)}" fill="none" stroke="{colour}" stroke-width="2" '
            f'stroke-linejoin="round"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (numbers, dates and escaped text)


def legend_colours(count: int) -> list[str]:
    return [COLOURS[index % len(COLOURS)] for index in range(count)]


def need_bars(rows: Sequence[object], *, label: str) -> SafeString:
    """One bar per goods group: tonnes a day through organised markets, a mark at the need."""
    items = [row for row in rows if getattr(row, "need_tonnes", None)]
    if not items:
        return mark_safe("")  # noqa: S308 (nothing to draw)
    bar_h, gap, name_w, width = 22, 12, 170, CHART_WIDTH
    height = len(items) * (bar_h + gap) + gap
    scale_max = max(max(Decimal(row.need_tonnes), Decimal(row.tonnes_per_day)) for row in items)
    inner = width - name_w - 90
    parts = [
        f'<svg class="need-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}">'
    ]
    for index, row in enumerate(items):
        y = gap + index * (bar_h + gap)
        tonnes = Decimal(row.tonnes_per_day)
        need = Decimal(row.need_tonnes)
        bar = float(tonnes / scale_max) * inner
        mark = name_w + float(need / scale_max) * inner
        share = row.share_percent
        parts.append(
            f'<text x="{name_w - 8}" y="{y + 15}" text-anchor="end" class="axis">'
            f"{escape(row.label)}</text>"
            f'<rect x="{name_w}" y="{y}" width="{inner}" height="{bar_h}" class="need-track"/>'
            f'<rect x="{name_w}" y="{y}" width="{bar:.1f}" height="{bar_h}" class="need-bar"/>'
            f'<line x1="{mark:.1f}" x2="{mark:.1f}" y1="{y - 3}" y2="{y + bar_h + 3}" '
            f'class="need-mark"/>'
            f'<text x="{name_w + inner + 8}" y="{y + 15}" class="axis">'
            f"{str(share).replace('.', ',')} %</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (numbers and escaped text)
