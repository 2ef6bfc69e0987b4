"""Pictures drawn on the server as SVG data: the craft-village map and a project's timeline."""

import math
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import ngettext

MAP_WIDTH, MAP_HEIGHT, MAP_MARGIN = 560, 760, 28
GANTT_LABEL, GANTT_WIDTH, GANTT_ROW, GANTT_TOP = 220, 760, 34, 40
PLANNED, ACTUAL, LATE, TODAY = "#9db4c8", "#0072B2", "#D55E00", "#444444"


def _projector(points: list[tuple[float, float]], width: int, height: int, margin: int):
    """Equirectangular projection fitted to `points`, north up, scaled by cos(latitude)."""
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    middle = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * middle, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)

    def project(lat: float, lon: float) -> tuple[str, str]:
        x = margin + (lon - min(lons)) * middle * scale
        y = height - margin - (lat - min(lats)) * scale
        return f"{x:.1f}", f"{y:.1f}"

    return project


MAP_MAX_DOTS = 300
# Four cells a degree (about 28 km): a few hundred dots at most over the whole country.
CELLS_PER_DEGREE = 4


@dataclass(frozen=True)
class MapPoint:
    """A village (with its page), or a cell of `count` villages (without)."""

    name: str
    latitude: float
    longitude: float
    url: str = ""
    count: int = 1


@dataclass(frozen=True)
class MapDot:
    x: str
    y: str
    label: str
    url: str = ""
    radius: str = "5"
    count: int = 1


@dataclass(frozen=True)
class ProvinceDot:
    x: str
    y: str
    label: str


@dataclass(frozen=True)
class VillageMap:
    width: int
    height: int
    provinces: list[ProvinceDot]
    villages: list[MapDot]


def village_map(points: list[MapPoint], provinces) -> VillageMap | None:
    """Villages (or cells of villages) as dots over the provinces' centres, a faint outline of
    the country."""
    centres = [p for p in provinces if p.latitude is not None and p.longitude is not None]
    spots = [(p.latitude, p.longitude) for p in points] + [
        (c.latitude, c.longitude) for c in centres
    ]
    if not spots:
        return None
    project = _projector(spots, MAP_WIDTH, MAP_HEIGHT, MAP_MARGIN)
    dots = [
        MapDot(
            *project(point.latitude, point.longitude),
            point.name
            or ngettext("%(n)s village", "%(n)s villages", point.count) % {"n": point.count},
            point.url,
            f"{min(3 + math.sqrt(point.count), 14):.1f}" if point.count > 1 else "5",
            point.count,
        )
        for point in points
    ]
    return VillageMap(
        width=MAP_WIDTH,
        height=MAP_HEIGHT,
        provinces=[ProvinceDot(*project(c.latitude, c.longitude), c.short_name) for c in centres],
        villages=dots,
    )


@dataclass(frozen=True)
class Bar:
    x: str
    width: str
    colour: str


@dataclass(frozen=True)
class GanttRow:
    y: str
    text_y: str
    name: str
    planned: Bar
    actual: Bar | None
    is_late: bool


@dataclass(frozen=True)
class Gantt:
    width: int
    height: int
    label_width: int
    rows: list[GanttRow]
    years: list[tuple[str, str]]  # (x, year)
    today_x: str | None


def project_gantt(milestones, today: date) -> Gantt | None:
    """Planned dates as a pale bar, actual dates over it (orange when late), a line for today."""
    milestones = list(milestones)
    if not milestones:
        return None
    starts = [m.planned_start for m in milestones] + [
        m.actual_start for m in milestones if m.actual_start
    ]
    ends = [m.planned_end for m in milestones] + [m.actual_end for m in milestones if m.actual_end]
    first, last = min(starts), max(max(ends), min(today, max(ends) + timedelta(days=180)))
    span = max((last - first).days, 1)
    inner = GANTT_WIDTH - GANTT_LABEL - 16

    def x_of(day: date) -> float:
        return GANTT_LABEL + inner * (day - first).days / span

    def bar(start: date, end: date, colour: str) -> Bar:
        left = x_of(start)
        return Bar(f"{left:.1f}", f"{max(x_of(end) - left, 2):.1f}", colour)

    rows = []
    for index, milestone in enumerate(milestones):
        y = GANTT_TOP + index * GANTT_ROW
        late = milestone.is_late_on(today)
        actual = None
        if milestone.actual_start:
            actual = bar(
                milestone.actual_start,
                milestone.actual_end or today,
                LATE if late else ACTUAL,
            )
        elif late:
            actual = bar(milestone.planned_end, today, LATE)
        rows.append(
            GanttRow(
                y=str(y),
                text_y=str(y + 15),
                name=milestone.name,
                planned=bar(milestone.planned_start, milestone.planned_end, PLANNED),
                actual=actual,
                is_late=late,
            )
        )
    years = [
        (f"{x_of(date(year, 1, 1)):.1f}", str(year))
        for year in range(first.year + 1, last.year + 1)
    ]
    today_x = f"{x_of(today):.1f}" if first <= today <= last else None
    return Gantt(
        width=GANTT_WIDTH,
        height=GANTT_TOP + len(rows) * GANTT_ROW + 10,
        label_width=GANTT_LABEL,
        rows=rows,
        years=years,
        today_x=today_x,
    )
