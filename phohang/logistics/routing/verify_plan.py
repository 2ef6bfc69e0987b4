"""Independent check of a city plan: walks every route again from the input alone.

It does not look at PyVRP or at how the planner split windows; it recomputes distances and
travel times, loads, service times and the truck rule at every stop and hub, and that every
stop is either served once or listed as unserved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .distances import DistanceProvider, HaversineProvider, travel_seconds
from .model import Hub, Plan, Stop, StopKind, Vehicle
from .truck_rules import DAY, TruckRules, VehicleClassRule

_EPSILON = 1e-6


@dataclass(frozen=True)
class PlanViolation:
    kind: str
    subject: str
    detail: str


def _window_end(rule: VehicleClassRule, moment: int) -> int | None:
    """End of the allowed window occurrence that contains `moment`, if any."""
    day_start = moment - moment % DAY
    of_day = moment % DAY
    ends = []
    for window in rule.allowed:
        if window.end > window.start:
            if window.start <= of_day <= window.end:
                ends.append(day_start + window.end)
        elif of_day >= window.start:
            ends.append(day_start + DAY + window.end)
        elif of_day <= window.end:
            ends.append(day_start + window.end)
    return max(ends, default=None)


def allowed_throughout(rule: VehicleClassRule | None, start: int, end: int) -> bool:
    """Whether a vehicle of `rule`'s class may be in the zone for all of [start, end]."""
    if rule is None:
        return True
    moment = start
    for _ in range(64):
        reach = _window_end(rule, moment)
        if reach is None:
            return False
        if reach >= end:
            return True
        if reach <= moment:
            return False
        moment = reach
    return False


def verify_plan(
    plan: Plan,
    *,
    hubs: Sequence[Hub],
    vehicles: Sequence[Vehicle],
    stops: Sequence[Stop],
    rules: TruckRules,
    distances: DistanceProvider | None = None,
) -> list[PlanViolation]:
    provider = distances or HaversineProvider()
    hub_by_id = {hub.id: hub for hub in hubs}
    vehicle_by_id = {vehicle.id: vehicle for vehicle in vehicles}
    stop_by_id = {stop.id: stop for stop in stops}
    found: list[PlanViolation] = []

    def flag(kind: str, subject: str, detail: str) -> None:
        found.append(PlanViolation(kind, subject, detail))

    served = [visit.stop_id for route in plan.routes for visit in route.visits]
    listed = [item.stop_id for item in plan.unserved]
    for stop_id in set(served + listed):
        count = served.count(stop_id) + listed.count(stop_id)
        if stop_id not in stop_by_id:
            flag("unknown_stop", stop_id, "not in the input")
        elif count > 1:
            flag("duplicate_stop", stop_id, f"appears {count} times")
    for stop in stops:
        if stop.id not in served and stop.id not in listed:
            flag("silent_drop", stop.id, "neither served nor listed as unserved")
    used = [route.vehicle_id for route in plan.routes]
    for vehicle_id in {v for v in used if used.count(v) > 1}:
        flag("vehicle_reused", vehicle_id, "has more than one route")

    for route in plan.routes:
        vehicle = vehicle_by_id.get(route.vehicle_id)
        if vehicle is None or route.hub_id != vehicle.hub_id:
            flag("unknown_vehicle", route.vehicle_id, "unknown vehicle or not its home hub")
            continue
        visits = [v for v in route.visits if v.stop_id in stop_by_id]
        _check_route(
            route, vehicle, hub_by_id[vehicle.hub_id], visits, stop_by_id, rules, provider, flag
        )
    return found


def _check_route(route, vehicle, hub, visits, stop_by_id, rules, provider, flag) -> None:
    subject = route.vehicle_id
    rule = rules.class_for(vehicle.gross_weight_kg)
    points = [(hub.lat, hub.lon)] + [
        (stop_by_id[v.stop_id].lat, stop_by_id[v.stop_id].lon) for v in visits
    ]
    metres, seconds = provider.matrices(points)
    if vehicle.speed_kmh is not None:
        seconds = travel_seconds(metres, vehicle.speed_kmh)
    opens = max(vehicle.shift.start, hub.opening.start)
    closes = min(vehicle.shift.end, hub.opening.end)
    if route.depart_s < opens or route.return_s > closes:
        flag("shift", subject, f"runs {route.depart_s}-{route.return_s}, may {opens}-{closes}")
    if rules.in_zone(hub.lat, hub.lon):
        for moment in (route.depart_s, route.return_s):
            if not allowed_throughout(rule, moment, moment):
                flag("truck_rule", subject, f"at its hub inside the zone at {moment}")

    stops = [stop_by_id[v.stop_id] for v in visits]
    load_kg = sum(s.demand_kg for s in stops if s.kind == StopKind.DELIVERY)
    load_m3 = sum(s.volume_m3 for s in stops if s.kind == StopKind.DELIVERY)
    if load_kg > vehicle.capacity_kg + _EPSILON or load_m3 > vehicle.capacity_m3 + _EPSILON:
        flag("capacity", subject, f"leaves with {load_kg:g} kg, {load_m3:g} m³")
    clock, previous, distance = route.depart_s, 0, 0
    for position, (visit, stop) in enumerate(zip(visits, stops, strict=True), 1):
        distance += int(metres[previous, position])
        earliest = clock + int(seconds[previous, position])
        if visit.arrival_s < earliest or visit.start_s < visit.arrival_s:
            flag("schedule", stop.id, f"arrives {visit.arrival_s}, cannot before {earliest}")
        if visit.departure_s < visit.start_s + stop.service_s:
            flag("schedule", stop.id, "leaves before the service is done")
        if not stop.window.start <= visit.start_s <= stop.window.end:
            flag("time_window", stop.id, f"served at {visit.start_s}, window {stop.window}")
        if rules.in_zone(stop.lat, stop.lon) and not allowed_throughout(
            rule, visit.start_s, visit.start_s + stop.service_s
        ):
            flag("truck_rule", stop.id, f"{vehicle.id} in the zone at {visit.start_s}")
        sign = -1 if stop.kind == StopKind.DELIVERY else 1
        load_kg += sign * stop.demand_kg
        load_m3 += sign * stop.volume_m3
        if load_kg > vehicle.capacity_kg + _EPSILON or load_m3 > vehicle.capacity_m3 + _EPSILON:
            flag("capacity", stop.id, f"{load_kg:g} kg, {load_m3:g} m³ on board")
        clock, previous = max(visit.departure_s, earliest), position
    distance += int(metres[previous, 0])
    if route.return_s < clock + int(seconds[previous, 0]):
        flag("schedule", subject, "back at the hub sooner than the drive takes")
    if distance != route.distance_m:
        flag("distance", subject, f"reports {route.distance_m} m, the roads give {distance} m")
