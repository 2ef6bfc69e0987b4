"""Hanoi's truck rules as data: a zone polygon, vehicle classes by gross weight, and the daily
hours each class may run inside the zone.

Times are seconds since midnight of the plan day; a plan may run past midnight (30:00 is
06:00 the next morning), and a daily window may cross midnight (21:00–06:00).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .hanoi_zone import RING_ROAD_3_5

DAY = 86_400
_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


def clock(text: str, day: int = 0) -> int:
    """'06:00' -> 21600 seconds; `day=1` for the next day. Hours may run to 48."""
    match = _CLOCK.match(text)
    if not match or int(match[1]) > 48 or int(match[2]) > 59:
        raise ValueError(f"Not a clock time (HH:MM): {text!r}")
    return day * DAY + int(match[1]) * 3600 + int(match[2]) * 60


@dataclass(frozen=True)
class DailyWindow:
    """Hours of every day; `end <= start` means the window runs past midnight."""

    start: int  # seconds of the day, 0..86400
    end: int

    @classmethod
    def of(cls, start: str, end: str) -> DailyWindow:
        return cls(clock(start) % DAY, clock(end) if clock(end) == DAY else clock(end) % DAY)

    def span(self) -> tuple[int, int]:
        """(start, end) with end after start, possibly in the next day."""
        return (self.start, self.end if self.end > self.start else self.end + DAY)


def intersect_daily(windows: Iterable[DailyWindow], start: int, end: int) -> list[tuple[int, int]]:
    """The parts of [start, end] that fall in any daily window, merged and in time order."""
    if end < start:
        return []
    pieces = []
    for day in range(start // DAY - 1, end // DAY + 1):
        for window in windows:
            low, high = window.span()
            low, high = max(start, low + day * DAY), min(end, high + day * DAY)
            if low <= high:
                pieces.append((low, high))
    merged: list[tuple[int, int]] = []
    for low, high in sorted(pieces):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def complement(windows: Sequence[DailyWindow]) -> tuple[DailyWindow, ...]:
    """The hours of the day outside `windows` (rules are often written as bans)."""
    allowed = []
    cursor = 0
    for low, high in intersect_daily(windows, 0, DAY):
        if low > cursor:
            allowed.append(DailyWindow(cursor, low))
        cursor = max(cursor, high)
    if cursor < DAY:
        allowed.append(DailyWindow(cursor, DAY))
    return tuple(allowed)


def point_in_polygon(lat: float, lon: float, polygon: Sequence[tuple[float, float]]) -> bool:
    """Even-odd ray casting; polygon vertices are (lat, lon), the edge back to the first implied."""
    inside = False
    count = len(polygon)
    for index in range(count):
        lat_a, lon_a = polygon[index]
        lat_b, lon_b = polygon[(index + 1) % count]
        if (lat_a > lat) != (lat_b > lat):
            crossing = lon_a + (lat - lat_a) * (lon_b - lon_a) / (lat_b - lat_a)
            if lon < crossing:
                inside = not inside
    return inside


@dataclass(frozen=True)
class VehicleClassRule:
    """Vehicles of `min_gross_kg` <= gross weight < `max_gross_kg` may be in the zone only
    during `allowed` (daily)."""

    name: str
    min_gross_kg: int
    max_gross_kg: int | None
    allowed: tuple[DailyWindow, ...]

    def covers(self, gross_weight_kg: int) -> bool:
        above = gross_weight_kg >= self.min_gross_kg
        return above and (self.max_gross_kg is None or gross_weight_kg < self.max_gross_kg)


@dataclass(frozen=True)
class TruckRules:
    zone: tuple[tuple[float, float], ...]
    classes: tuple[VehicleClassRule, ...]

    def in_zone(self, lat: float, lon: float) -> bool:
        return len(self.zone) >= 3 and point_in_polygon(lat, lon, self.zone)

    def class_for(self, gross_weight_kg: int) -> VehicleClassRule | None:
        """The rule for a vehicle of this gross weight; None if no class restricts it."""
        return next((rule for rule in self.classes if rule.covers(gross_weight_kg)), None)

    def windows_in_zone(self, gross_weight_kg: int, start: int, end: int) -> list[tuple[int, int]]:
        """When in [start, end] a vehicle of this weight may be inside the zone."""
        rule = self.class_for(gross_weight_kg)
        if rule is None:
            return [(start, end)] if start <= end else []
        return intersect_daily(rule.allowed, start, end)


PEAK_HOURS = (DailyWindow.of("06:00", "09:00"), DailyWindow.of("16:00", "19:30"))
LIGHT_TRUCK = VehicleClassRule(
    name="under_2t", min_gross_kg=0, max_gross_kg=2000, allowed=complement(PEAK_HOURS)
)
HEAVY_TRUCK = VehicleClassRule(
    name="2t_and_over",
    min_gross_kg=2000,
    max_gross_kg=None,
    allowed=(DailyWindow.of("21:00", "06:00"),),
)
# Decision 01/2026/QĐ-UBND: inside Ring Road 3.5, trucks under 2 t gross stay out in the peak
# hours 06:00–09:00 and 16:00–19:30; trucks of 2 t or more may run only 21:00–06:00.
HANOI_TRUCK_RULES = TruckRules(zone=RING_ROAD_3_5, classes=(LIGHT_TRUCK, HEAVY_TRUCK))
NO_TRUCK_RULES = TruckRules(zone=(), classes=())
