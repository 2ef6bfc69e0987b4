"""Server-side SVG charts (no JavaScript, no CDN). Every chart sits beside its data table, which
is the accessible version; the SVG carries a title and a one-line description."""

import math
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .selectors import Dataset

PALETTE = ["#b3261e", "#1f6f8b", "#f2b705", "#1e6b35", "#6a3d9a", "#8a5a00"]
TARGET_COLOUR = "#1f1f1f"
HIGHLIGHT = "#f2b705"
WIDTH = 720


def _number(value) -> float:
    if value is None:
        return 0.0
    return float(value)


def compact(value) -> str:
    """1_250_000_000 → "1,3 tỷ"; axis labels only, the table shows exact figures."""
    number = _number(value)
    sign = "-" if number < 0 else ""
    number = abs(number)
    if number >= 1e9:
        text = _("%(n)s bn") % {"n": f"{number / 1e9:.1f}"}
    elif number >= 1e6:
        text = _("%(n)s m") % {"n": f"{number / 1e6:.1f}"}
    elif number >= 1e4:
        text = _("%(n)s k") % {"n": f"{number / 1e3:.0f}"}
    else:
        text = f"{number:.0f}" if number == int(number) else f"{number:.1f}"
    return sign + text.replace(".", ",")


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exponent = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exponent:
            return step * exponent
    return 10 * exponent


def _open(dataset: Dataset, height: int, description: str) -> list[str]:
    key = escape(dataset.key)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="chart" role="img" aria-labelledby="chart-{key}-title chart-{key}-desc" '
        f'font-family="system-ui, sans-serif" font-size="11">',
        f'<title id="chart-{key}-title">{escape(dataset.title)}</title>',
        f'<desc id="chart-{key}-desc">{escape(description)}</desc>',
    ]


def _empty(dataset: Dataset) -> SafeString:
    message = _("No data for this selection.")
    parts = _open(dataset, 60, message)
    parts.append(f'<text x="10" y="35" fill="#5c5c5c">{escape(message)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def _label_of(dataset: Dataset, key: str) -> str:
    for column in dataset.columns:
        if column.key == key:
            return str(column.label)
    return key


def _legend(
    dataset: Dataset, keys: list[str], y: int, extra: list[tuple[str, str]] = ()
) -> list[str]:
    parts, x = [], 60
    for index, key in enumerate(keys):
        parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{PALETTE[index]}"/>')
        label = escape(_label_of(dataset, key))
        parts.append(f'<text x="{x + 14}" y="{y}">{label}</text>')
        x += 24 + 6 * len(label)
    for colour, label in extra:
        parts.append(
            f'<line x1="{x}" y1="{y - 4}" x2="{x + 16}" y2="{y - 4}" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="4 3"/>'
        )
        parts.append(f'<text x="{x + 20}" y="{y}">{escape(label)}</text>')
        x += 30 + 6 * len(label)
    return parts


def _bar_panel(
    parts: list[str], dataset: Dataset, series: list[str], top: int, bottom: int, first_colour: int
) -> None:
    """Bars of `series` between `top` and `bottom`, on a y axis of their own."""
    rows, left = dataset.rows, 60
    maximum = _nice_max(max(_number(r.get(k)) for r in rows for k in series))
    group = (WIDTH - left - 10) / len(rows)
    bar = max(1.0, group * 0.8 / len(series))
    for step in range(5):
        value = maximum * step / 4
        y = bottom - (bottom - top) * step / 4
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - 10}" y2="{y:.1f}" stroke="#dedede"/>'
        )
        parts.append(
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{escape(compact(value))}</text>'
        )
    label_every = max(1, math.ceil(len(rows) / 12))
    for index, row in enumerate(rows):
        x0 = left + index * group + group * 0.1
        for s, key in enumerate(series):
            value = max(0.0, _number(row.get(key)))
            h = (bottom - top) * value / maximum
            parts.append(
                f'<rect x="{x0 + s * bar:.1f}" y="{bottom - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" fill="{PALETTE[first_colour + s]}"><title>'
                f"{escape(row.get(dataset.options['x']))}: {escape(compact(row.get(key)))}</title></rect>"
            )
        if index % label_every == 0:
            parts.append(
                f'<text x="{x0 + group * 0.4:.1f}" y="{bottom + 14}" text-anchor="middle">'
                f"{escape(row.get(dataset.options['x']))}</text>"
            )


def bars(dataset: Dataset) -> SafeString:
    """Vertical bars, one group per period, one bar per series.

    With `separate_axes`, each series gets a panel and a scale of its own: B2C sales are a few
    hundred million đồng a month where B2B contracts are tens of billions.
    """
    series = dataset.options["series"]
    rows = dataset.rows
    if not rows or not any(_number(r.get(k)) for r in rows for k in series):
        return _empty(dataset)
    description = _("Bar chart of %(series)s by period; the table beside it holds the figures.") % {
        "series": ", ".join(_label_of(dataset, k) for k in series)
    }
    if not dataset.options.get("separate_axes"):
        parts = _open(dataset, 300, description)
        _bar_panel(parts, dataset, series, 20, 250, 0)
        parts += _legend(dataset, series, 288)
    else:
        panel = 190
        parts = _open(dataset, panel * len(series), description)
        for index, key in enumerate(series):
            top = index * panel + 34
            parts.append(
                f'<text x="60" y="{top - 14}" font-weight="700" fill="{PALETTE[index]}">'
                f"{escape(_label_of(dataset, key))}</text>"
            )
            _bar_panel(parts, dataset, [key], top, top + panel - 64, index)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def growth(dataset: Dataset) -> SafeString:
    """Growth bars around a zero line, the target as a dashed line, official figures as dots."""
    options = dataset.options
    rows = dataset.rows
    keys = [options["bar"], options["line"], options["dots"]]
    values = [_number(r.get(k)) for r in rows for k in keys if r.get(k) is not None]
    if not values:
        return _empty(dataset)
    height, top, bottom, left = 300, 20, 250, 60
    high = _nice_max(max(max(values), 1.0))
    low = -_nice_max(abs(min(values))) if min(values) < 0 else 0.0
    span = high - low

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * (value - low) / span

    group = (WIDTH - left - 10) / len(rows)
    parts = _open(
        dataset,
        height,
        _("Year-on-year growth per period as bars, the target as a dashed line."),
    )
    for step in range(5):
        value = low + span * step / 4
        y = y_of(value)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - 10}" y2="{y:.1f}" stroke="#dedede"/>'
        )
        parts.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{value:.0f} %</text>')
    zero = y_of(0)
    parts.append(
        f'<line x1="{left}" y1="{zero:.1f}" x2="{WIDTH - 10}" y2="{zero:.1f}" stroke="#5c5c5c"/>'
    )
    target_points, label_every = [], max(1, math.ceil(len(rows) / 12))
    for index, row in enumerate(rows):
        x0 = left + index * group
        centre = x0 + group / 2
        value = row.get(options["bar"])
        if value is not None:
            y = y_of(_number(value))
            parts.append(
                f'<rect x="{x0 + group * 0.2:.1f}" y="{min(y, zero):.1f}" width="{group * 0.6:.1f}" '
                f'height="{abs(zero - y):.1f}" fill="{PALETTE[0]}"><title>{escape(row[options["x"]])}: '
                f"{escape(str(value))} %</title></rect>"
            )
        target = row.get(options["line"])
        if target is not None:
            target_points.append(f"{centre:.1f},{y_of(_number(target)):.1f}")
        dot = row.get(options["dots"])
        if dot is not None:
            parts.append(
                f'<circle cx="{centre:.1f}" cy="{y_of(_number(dot)):.1f}" r="4" fill="{PALETTE[1]}">'
                f"<title>{escape(str(dot))} %</title></circle>"
            )
        if index % label_every == 0:
            parts.append(
                f'<text x="{centre:.1f}" y="{bottom + 14}" text-anchor="middle">{escape(row[options["x"]])}</text>'
            )
    if len(target_points) == 1:
        x, y = target_points[0].split(",")
        target_points = [f"{left},{y}", f"{WIDTH - 10},{y}"]
    if target_points:
        parts.append(
            f'<polyline points="{" ".join(target_points)}" fill="none" stroke="{TARGET_COLOUR}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
        )
    parts += _legend(
        dataset,
        [options["bar"]],
        height - 12,
        extra=[(TARGET_COLOUR, _label_of(dataset, options["line"]))],
    )
    parts.append(f'<circle cx="{WIDTH - 170}" cy="{height - 16}" r="4" fill="{PALETTE[1]}"/>')
    official = escape(_("Official figure"))
    parts.append(f'<text x="{WIDTH - 162}" y="{height - 12}">{official}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def hbars(dataset: Dataset) -> SafeString:
    """Horizontal bars, largest first; stacked when the dataset names parts."""
    options = dataset.options
    rows = dataset.rows[: options.get("limit", 20)]
    stack = options.get("stack") or [options["value"]]
    if not rows or not any(_number(r.get(options["value"])) for r in rows):
        return _empty(dataset)
    row_height, left = 22, 190
    height = 30 + row_height * len(rows) + 24
    maximum = _nice_max(max(sum(_number(r.get(k)) for k in stack) for r in rows))
    plot = WIDTH - left - 80
    parts = _open(
        dataset,
        height,
        _("Horizontal bars of %(value)s, largest first; the table beside it holds the figures.")
        % {"value": _label_of(dataset, options["value"])},
    )
    highlight = options.get("highlight_code")
    for index, row in enumerate(rows):
        y = 10 + index * row_height
        label = str(row.get(options["label"]))
        is_highlight = highlight and row.get("code") == highlight
        weight = ' font-weight="700"' if is_highlight else ""
        parts.append(
            f'<text x="{left - 6}" y="{y + 14}" text-anchor="end"{weight}>{escape(label[:32])}</text>'
        )
        x = left
        for s, key in enumerate(stack):
            width = plot * _number(row.get(key)) / maximum
            colour = PALETTE[s] if len(stack) > 1 else (HIGHLIGHT if is_highlight else PALETTE[0])
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{row_height - 6}" '
                f'fill="{colour}"><title>{escape(label)}: {escape(compact(row.get(key)))}</title></rect>'
            )
            x += width
        parts.append(
            f'<text x="{x + 4:.1f}" y="{y + 14}">{escape(compact(row.get(options["value"])))}</text>'
        )
    if len(stack) > 1:
        parts += _legend(dataset, stack, height - 8)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def _heat(share: float) -> str:
    """White → dark red on a square-root scale, so small flows still show."""
    level = math.sqrt(max(0.0, min(1.0, share)))
    red = int(255 - (255 - 140) * level)
    green = int(255 - (255 - 29) * level)
    blue = int(255 - (255 - 24) * level)
    return f"#{red:02x}{green:02x}{blue:02x}"


def heatmap(dataset: Dataset) -> SafeString:
    """Origin (rows) × destination (columns) matrix; Hanoi's row and column are outlined."""
    options = dataset.options
    codes, labels = options["codes"], options["labels"]
    cells = {(r["origin_code"], r["destination_code"]): r for r in dataset.rows}
    if not cells:
        return _empty(dataset)
    maximum = max(_number(r[options["value"]]) for r in dataset.rows) or 1.0
    size, left, top = 36, 130, 110
    width = left + size * len(codes) + 10
    height = top + size * len(codes) + 10
    description = _(
        "Rows are seller provinces, columns buyer provinces; darker cells carry more value."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="chart" '
        f'role="img" aria-labelledby="chart-{dataset.key}-title chart-{dataset.key}-desc" '
        f'font-family="system-ui, sans-serif" font-size="10">',
        f'<title id="chart-{dataset.key}-title">{escape(dataset.title)}</title>',
        f'<desc id="chart-{dataset.key}-desc">{escape(description)}</desc>',
    ]
    highlight = options.get("highlight_code")
    for index, label in enumerate(labels):
        weight = ' font-weight="700"' if codes[index] == highlight else ""
        y = top + index * size + size / 2 + 4
        parts.append(
            f'<text x="{left - 6}" y="{y:.1f}" text-anchor="end"{weight}>{escape(label[:20])}</text>'
        )
        x = left + index * size + size / 2
        parts.append(
            f'<text x="{x:.1f}" y="{top - 6}" transform="rotate(-50 {x:.1f} {top - 6})"{weight}>'
            f"{escape(label[:20])}</text>"
        )
    for r, origin in enumerate(codes):
        for c, destination in enumerate(codes):
            row = cells.get((origin, destination))
            value = _number(row[options["value"]]) if row else 0.0
            tip = f"{labels[r]} → {labels[c]}: {compact(value)}"
            parts.append(
                f'<rect x="{left + c * size}" y="{top + r * size}" width="{size - 1}" '
                f'height="{size - 1}" fill="{_heat(value / maximum)}"><title>{escape(tip)}</title></rect>'
            )
    if highlight in codes:
        index = codes.index(highlight)
        span = size * len(codes)
        parts.append(
            f'<rect x="{left}" y="{top + index * size}" width="{span}" height="{size}" fill="none" '
            f'stroke="{HIGHLIGHT}" stroke-width="3"/>'
        )
        parts.append(
            f'<rect x="{left + index * size}" y="{top}" width="{size}" height="{span}" fill="none" '
            f'stroke="{HIGHLIGHT}" stroke-width="3"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


# Mainland Vietnam and its near islands, in degrees; the map keeps this box's proportions.
_MAP_BOX = (102.0, 110.0, 8.4, 23.5)  # west, east, south, north
_MAP_TOP, _MAP_HEIGHT = 30, 520


def _map_xy(latitude: float, longitude: float) -> tuple[float, float]:
    west, east, south, north = _MAP_BOX
    scale = _MAP_HEIGHT / (north - south)
    # Degrees of longitude shrink with the cosine of the latitude (about 0.96 at 16° N).
    x = 40 + (longitude - west) * scale * 0.96
    y = _MAP_TOP + (north - latitude) * scale
    return x, y


def province_map(dataset: Dataset) -> SafeString:
    """The 34 provinces at their centres, a circle's area proportional to its value."""
    from .selectors.reads import province_points

    options = dataset.options
    points = province_points()
    values = {
        row["code"]: _number(row.get(options["value"])) for row in dataset.rows if row.get("code")
    }
    if not points or not any(values.values()):
        return _empty(dataset)
    maximum = max(values.values())
    height = _MAP_TOP + _MAP_HEIGHT + 20
    parts = _open(
        dataset,
        height,
        _(
            "Map of the 34 provinces; the larger the circle, the larger the value. The table holds the figures."
        ),
    )
    ranked = sorted(values, key=lambda code: -values[code])
    for code, (latitude, longitude, name) in sorted(points.items()):
        x, y = _map_xy(latitude, longitude)
        value = values.get(code, 0.0)
        radius = 2.5 + 22 * math.sqrt(max(value, 0.0) / maximum) if value > 0 else 2.5
        colour = PALETTE[0] if value > 0 else "#bdbdbd"
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}" '
            f'fill-opacity="0.55" stroke="{colour}"><title>{escape(name)}: '
            f"{escape(compact(value))}</title></circle>"
        )
        if code in ranked[:6]:
            parts.append(
                f'<text x="{x + radius + 3:.1f}" y="{y + 4:.1f}" font-weight="700">{escape(name)}</text>'
            )
    x0 = 400
    parts.append(
        f'<text x="{x0}" y="{_MAP_TOP + 10}" font-weight="700">{escape(_label_of(dataset, options["value"]))}</text>'
    )
    for index, code in enumerate(ranked[:12]):
        name = points.get(code, (0, 0, code))[2]
        y = _MAP_TOP + 34 + index * 22
        parts.append(f'<text x="{x0}" y="{y}">{index + 1}. {escape(name)}</text>')
        parts.append(
            f'<text x="{WIDTH - 10}" y="{y}" text-anchor="end">{escape(compact(values[code]))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def _flow_path(start: tuple[float, float], end: tuple[float, float]) -> str:
    """A quadratic curve bending to the right of its direction, so A→B and B→A stay apart."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    bend = 0.18
    cx, cy = (x1 + x2) / 2 - dy * bend, (y1 + y2) / 2 + dx * bend
    return f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}"


def flow_map(dataset: Dataset) -> SafeString:
    """Lines between province centres, B2C and B2B in their own colours, width by value."""
    from .selectors.reads import HANOI, province_points

    points = province_points()
    flows = [
        row
        for row in dataset.rows
        if row.get("origin_code") in points and row.get("destination_code") in points
    ]
    if not flows:
        return _empty(dataset)
    # Each kind is drawn to its own scale: contracts are worth far more than retail orders.
    maximum = {
        is_b2b: max(
            [_number(row["value_vnd"]) for row in flows if bool(row.get("b2b")) == is_b2b],
            default=0.0,
        )
        or 1.0
        for is_b2b in (False, True)
    }
    colours = {False: PALETTE[0], True: PALETTE[1]}
    height = _MAP_TOP + _MAP_HEIGHT + 20
    parts = _open(
        dataset,
        height,
        _(
            "Map of the provinces with lines for the largest flows of goods; the wider the line, "
            "the larger the value. The table holds the figures."
        ),
    )
    parts.append("<defs>")
    for is_b2b, colour in colours.items():
        parts.append(
            f'<marker id="flow-arrow-{int(is_b2b)}" viewBox="0 0 10 10" refX="9" refY="5" '
            f'markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    parts.append("</defs>")
    involved: dict[str, float] = {}
    for row in flows:
        for code in (row["origin_code"], row["destination_code"]):
            involved[code] = involved.get(code, 0.0) + _number(row["value_vnd"])
    for code, (latitude, longitude, name) in sorted(points.items()):
        x, y = _map_xy(latitude, longitude)
        radius = 4 if code in involved else 2.5
        fill = HIGHLIGHT if code == HANOI else ("#5f5f5f" if code in involved else "#bdbdbd")
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{fill}" stroke="#fff">'
            f"<title>{escape(name)}</title></circle>"
        )
    # The smallest first, so the largest lines are drawn on top.
    for row in sorted(
        flows, key=lambda row: _number(row["value_vnd"]) / maximum[bool(row.get("b2b"))]
    ):
        start = _map_xy(*points[row["origin_code"]][:2])
        end = _map_xy(*points[row["destination_code"]][:2])
        value = _number(row["value_vnd"])
        is_b2b = bool(row.get("b2b"))
        width = 1 + 9 * math.sqrt(max(value, 0.0) / maximum[is_b2b])
        parts.append(
            f'<path d="{_flow_path(start, end)}" fill="none" stroke="{colours[is_b2b]}" '
            f'stroke-width="{width:.1f}" stroke-opacity="0.6" stroke-linecap="round" '
            f'marker-end="url(#flow-arrow-{int(is_b2b)})"><title>{escape(row["kind"])}: '
            f"{escape(row['origin'])} → {escape(row['destination'])}: "
            f"{escape(compact(value))}</title></path>"
        )
    for code in sorted(involved, key=lambda code: -involved[code])[:8]:
        latitude, longitude, name = points[code]
        x, y = _map_xy(latitude, longitude)
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y - 5:.1f}" font-weight="700" stroke="#fff" '
            f'stroke-width="3" paint-order="stroke">{escape(name)}</text>'
        )
    x0 = 360
    for index, (is_b2b, label) in enumerate(((False, _("B2C sales")), (True, _("B2B contracts")))):
        y = _MAP_TOP + 6 + index * 20
        parts.append(
            f'<line x1="{x0}" y1="{y}" x2="{x0 + 28}" y2="{y}" stroke="{colours[is_b2b]}" '
            f'stroke-width="4" stroke-opacity="0.6"/>'
            f'<text x="{x0 + 36}" y="{y + 4}">{escape(label)}</text>'
        )
    parts.append(
        f'<text x="{x0}" y="{_MAP_TOP + 64}" font-weight="700">{escape(_("Largest flows"))}</text>'
    )
    listed = [row for row in flows if not row.get("b2b")][:7]
    listed += [row for row in flows if row.get("b2b")][: 14 - len(listed)]
    for index, row in enumerate(listed):
        y = _MAP_TOP + 86 + index * 22
        colour = colours[bool(row.get("b2b"))]
        parts.append(
            f'<rect x="{x0}" y="{y - 8}" width="8" height="8" fill="{colour}" fill-opacity="0.7"/>'
            f'<text x="{x0 + 14}" y="{y}">{index + 1}. {escape(row["origin"])} → '
            f"{escape(row['destination'])}</text>"
            f'<text x="{WIDTH - 10}" y="{y}" text-anchor="end">'
            f"{escape(compact(row['value_vnd']))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


RENDERERS = {
    "flowmap": flow_map,
    "bars": bars,
    "growth": growth,
    "hbars": hbars,
    "heatmap": heatmap,
    "map": province_map,
}


def chart_svg(dataset: Dataset) -> SafeString | None:
    renderer = RENDERERS.get(dataset.chart)
    return renderer(dataset) if renderer else None


def cell_text(value, kind: str) -> str:
    """How a table cell shows a value (exports keep raw numbers)."""
    from phohang.core.money import format_vnd

    if value is None:
        return "–"
    if kind == "vnd":
        return format_vnd(int(value))
    if kind == "int":
        return f"{int(value):,}".replace(",", ".")
    if kind in ("percent", "days", "number"):
        text = f"{Decimal(value):,.2f}" if kind != "days" else f"{Decimal(value):,.1f}"
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
        return text + (" %" if kind == "percent" else "")
    if kind == "date":
        return value.strftime("%d/%m/%Y")
    return str(value)
