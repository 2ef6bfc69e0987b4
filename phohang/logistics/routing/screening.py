"""Before the search: refuse bad input, work out when each vehicle may serve each stop (its
window, the truck rules, the vehicle's shift and hub hours), and give every stop that no
vehicle can serve its reason."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .distances import DistanceProvider, travel_seconds
from .model import (
    REASON_TEXT,
    Hub,
    PlanInputError,
    Stop,
    Unserved,
    UnservedReason,
    Vehicle,
)
from .truck_rules import TruckRules

Interval = tuple[int, int]


def validate(hubs: Sequence[Hub], vehicles: Sequence[Vehicle], stops: Sequence[Stop]) -> None:
    """Raise PlanInputError for input that makes the whole plan meaningless."""
    for kind, items in (("hub", hubs), ("vehicle", vehicles), ("stop", stops)):
        ids = [item.id for item in items]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise PlanInputError(f"duplicate_{kind}", f"Duplicate {kind} id: {duplicates[0]}.")
    hub_ids = {hub.id for hub in hubs}
    for hub in hubs:
        if hub.opening.is_empty:
            raise PlanInputError("hub_hours", f"Hub {hub.id}: closes before it opens.", hub.id)
    for vehicle in vehicles:
        if vehicle.hub_id not in hub_ids:
            raise PlanInputError(
                "unknown_hub", f"Vehicle {vehicle.id}: unknown hub {vehicle.hub_id}.", vehicle.id
            )
        if vehicle.capacity_kg <= 0 or vehicle.capacity_m3 <= 0:
            raise PlanInputError(
                "capacity", f"Vehicle {vehicle.id}: capacity must be above zero.", vehicle.id
            )
        if vehicle.shift.is_empty:
            raise PlanInputError(
                "shift", f"Vehicle {vehicle.id}: the shift ends before it starts.", vehicle.id
            )
        if vehicle.speed_kmh is not None and vehicle.speed_kmh <= 0:
            raise PlanInputError("speed", f"Vehicle {vehicle.id}: speed must be above zero.")
    for stop in stops:
        if stop.demand_kg < 0 or stop.volume_m3 < 0 or stop.service_s < 0:
            raise PlanInputError(
                "negative", f"Stop {stop.id}: demand and service time cannot be negative.", stop.id
            )


@dataclass
class Context:
    """Everything computed once: points, distances, vehicle hours and per-stop windows."""

    hubs: Sequence[Hub]
    vehicles: list[Vehicle]  # the usable ones
    stops: list[Stop]  # the ones some vehicle can serve
    rules: TruckRules
    metres: np.ndarray  # between points: hubs first, then `stops`
    seconds: dict[float | None, np.ndarray]  # per speed (None: the provider's times)
    hours: dict[str, Interval]  # vehicle id -> when it may leave and must be back
    in_zone: list[bool]  # per stop in `stops`
    windows: list[dict[str, list[Interval]]]  # per stop: vehicle id -> service-start windows
    unserved: list[Unserved]
    notes: list[str]

    def hub_index(self, hub_id: str) -> int:
        return next(i for i, hub in enumerate(self.hubs) if hub.id == hub_id)

    def point(self, stop_index: int) -> int:
        return len(self.hubs) + stop_index


def _vehicle_hours(vehicle: Vehicle, hub: Hub, rules: TruckRules) -> Interval | None:
    start = max(vehicle.shift.start, hub.opening.start)
    end = min(vehicle.shift.end, hub.opening.end)
    if end < start:
        return None
    if not rules.in_zone(hub.lat, hub.lon):
        return (start, end)
    # A hub inside the zone: the vehicle leaves and returns while its class may be there.
    allowed = rules.windows_in_zone(vehicle.gross_weight_kg, start, end)
    return max(allowed, key=lambda span: span[1] - span[0], default=None)


def _rule_windows(stop: Stop, vehicle: Vehicle, in_zone: bool, rules: TruckRules) -> list[Interval]:
    """Service-start windows the truck rules leave: the whole service must fall in allowed hours."""
    window = stop.window
    if not in_zone:
        return [(window.start, window.end)]
    allowed = rules.windows_in_zone(
        vehicle.gross_weight_kg, window.start, window.end + stop.service_s
    )
    spans = [(low, min(window.end, high - stop.service_s)) for low, high in allowed]
    return [(low, high) for low, high in spans if low <= high]


def _reachable(
    spans: list[Interval], hours: Interval, out: int, back: int, service: int
) -> list[Interval]:
    """The parts of `spans` in which the vehicle can arrive from its hub and still get back."""
    earliest, latest = hours[0] + out, hours[1] - back - service
    trimmed = [(max(low, earliest), min(high, latest)) for low, high in spans]
    return [(low, high) for low, high in trimmed if low <= high]


def screen(
    hubs: Sequence[Hub],
    vehicles: Sequence[Vehicle],
    stops: Sequence[Stop],
    rules: TruckRules,
    provider: DistanceProvider,
) -> Context:
    validate(hubs, vehicles, stops)
    hubs_by_id = {hub.id: hub for hub in hubs}
    unserved: list[Unserved] = []
    notes: list[str] = []
    hours: dict[str, Interval] = {}
    usable = []
    for vehicle in vehicles:
        span = _vehicle_hours(vehicle, hubs_by_id[vehicle.hub_id], rules)
        if span is None:
            notes.append(f"Vehicle {vehicle.id} has no hours in which it may leave its hub.")
            continue
        hours[vehicle.id] = span
        usable.append(vehicle)

    located = []
    for stop in stops:
        reason = None
        if not stop.has_coordinates:
            reason = UnservedReason.NO_COORDINATES
        elif stop.window.is_empty:
            reason = UnservedReason.EMPTY_TIME_WINDOW
        if reason is None:
            located.append(stop)
        else:
            unserved.append(Unserved(stop.id, reason, REASON_TEXT[reason]))

    points = [(hub.lat, hub.lon) for hub in hubs] + [(s.lat, s.lon) for s in located]
    metres, provider_seconds = provider.matrices(points)
    seconds: dict[float | None, np.ndarray] = {None: provider_seconds}
    for vehicle in usable:
        if vehicle.speed_kmh is not None and vehicle.speed_kmh not in seconds:
            seconds[vehicle.speed_kmh] = travel_seconds(metres, vehicle.speed_kmh)

    kept, in_zone, windows = [], [], []
    for index, stop in enumerate(located):
        point = len(hubs) + index
        inside = rules.in_zone(stop.lat, stop.lon)
        options, reason = _stop_options(stop, point, inside, usable, hours, hubs, rules, seconds)
        if reason is not None:
            unserved.append(Unserved(stop.id, reason, REASON_TEXT[reason]))
            continue
        kept.append(stop)
        in_zone.append(inside)
        windows.append(options)

    keep_points = list(range(len(hubs))) + [len(hubs) + located.index(s) for s in kept]
    selector = np.ix_(keep_points, keep_points)
    return Context(
        hubs=hubs,
        vehicles=usable,
        stops=kept,
        rules=rules,
        metres=metres[selector],
        seconds={speed: matrix[selector] for speed, matrix in seconds.items()},
        hours=hours,
        in_zone=in_zone,
        windows=windows,
        unserved=unserved,
        notes=notes,
    )


def _stop_options(stop, point, inside, vehicles, hours, hubs, rules, seconds):
    """Vehicle id -> service-start windows for `stop`, or the reason no vehicle can serve it."""
    if not vehicles:
        return {}, UnservedReason.NO_VEHICLE
    carriers = [
        v for v in vehicles if stop.demand_kg <= v.capacity_kg and stop.volume_m3 <= v.capacity_m3
    ]
    if not carriers:
        return {}, UnservedReason.ABOVE_CAPACITY
    options: dict[str, list[Interval]] = {}
    rule_allows_any = False
    for vehicle in carriers:
        spans = _rule_windows(stop, vehicle, inside, rules)
        rule_allows_any = rule_allows_any or bool(spans)
        hub = next(i for i, h in enumerate(hubs) if h.id == vehicle.hub_id)
        times = seconds[vehicle.speed_kmh]
        spans = _reachable(
            spans,
            hours[vehicle.id],
            int(times[hub, point]),
            int(times[point, hub]),
            stop.service_s,
        )
        if spans:
            options[vehicle.id] = spans
    if options:
        return options, None
    return {}, UnservedReason.UNREACHABLE if rule_allows_any else UnservedReason.TRUCK_RULE
