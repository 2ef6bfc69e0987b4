"""`plan_routes`: the city planner the logistics app calls (from its task worker)."""

from __future__ import annotations

import time
from collections.abc import Sequence

from .distances import DistanceProvider, HaversineProvider
from .engine import ProgressCallback, solve_problem
from .model import (
    REASON_TEXT,
    Hub,
    Plan,
    PlannedRoute,
    Stop,
    StopKind,
    Unserved,
    UnservedReason,
    Vehicle,
    Visit,
)
from .problem import Built, build
from .screening import Context, screen
from .truck_rules import HANOI_TRUCK_RULES, TruckRules


def plan_routes(
    *,
    hubs: Sequence[Hub],
    vehicles: Sequence[Vehicle],
    stops: Sequence[Stop],
    rules: TruckRules = HANOI_TRUCK_RULES,
    distances: DistanceProvider | None = None,
    time_limit: float = 30.0,
    seed: int = 1,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    max_iterations: int | None = None,
) -> Plan:
    """Routes for `vehicles` serving `stops` within `time_limit` wall-clock seconds.

    Every stop ends up either in a route or in `Plan.unserved` with its reason. Raises
    PlanInputError for input that cannot be planned at all (duplicate ids, a vehicle with
    no capacity or an unknown hub, a shift that ends before it starts).
    """
    started = time.time()
    context = screen(hubs, vehicles, stops, rules, distances or HaversineProvider())
    unserved = list(context.unserved)
    if not context.stops:
        return Plan((), tuple(unserved), round(time.time() - started, 3), 0, tuple(context.notes))
    built = build(context)
    outcome = solve_problem(
        built.data,
        time_limit=time_limit,
        seed=seed,
        workers=workers,
        progress=progress,
        started=started,
        max_iterations=max_iterations,
    )
    routes = []
    served: set[int] = set()
    dropped = "No feasible place was found for it within the time limit."
    for route in outcome.solution.routes():
        indices = [built.copies[a.idx].stop_index for a in route if a.is_client()]
        if not route.is_feasible():
            unserved.extend(
                Unserved(context.stops[i].id, UnservedReason.FLEET_FULL, dropped) for i in indices
            )
            continue
        routes.append(_decode(route, context, built))
        served.update(indices)
    reported = {item.stop_id for item in unserved}
    for index, stop in enumerate(context.stops):
        if index not in served and stop.id not in reported:
            reason = UnservedReason.FLEET_FULL
            unserved.append(Unserved(stop.id, reason, REASON_TEXT[reason]))
    return Plan(
        routes=tuple(routes),
        unserved=tuple(unserved),
        solve_s=round(time.time() - started, 3),
        iterations=outcome.iterations,
        notes=tuple(context.notes),
    )


def _decode(route, context: Context, built: Built) -> PlannedRoute:
    vehicle = context.vehicles[route.vehicle_type()]
    profile = built.profile_of_vehicle[route.vehicle_type()]
    durations = built.data.duration_matrix(profile)
    activities = list(route)
    stops = [context.stops[built.copies[a.idx].stop_index] for a in activities if a.is_client()]
    load_kg = sum(s.demand_kg for s in stops if s.kind == StopKind.DELIVERY)
    load_m3 = sum(s.volume_m3 for s in stops if s.kind == StopKind.DELIVERY)
    hub = context.hub_index(vehicle.hub_id)
    visits = []
    previous_location, previous_end = hub, activities[0].end_time
    for activity in activities[1:-1]:
        copy = built.copies[activity.idx]
        stop = context.stops[copy.stop_index]
        location = len(context.hubs) + activity.idx
        arrival = previous_end + int(durations[previous_location, location])
        sign = -1 if stop.kind == StopKind.DELIVERY else 1
        load_kg += sign * stop.demand_kg
        load_m3 += sign * stop.volume_m3
        visits.append(
            Visit(
                stop_id=stop.id,
                arrival_s=arrival,
                start_s=activity.start_time,
                departure_s=activity.end_time,
                in_zone=context.in_zone[copy.stop_index],
                load_kg=round(load_kg, 3),
                load_m3=round(load_m3, 3),
            )
        )
        previous_location, previous_end = location, activity.end_time
    return PlannedRoute(
        vehicle_id=vehicle.id,
        hub_id=vehicle.hub_id,
        depart_s=activities[0].end_time,
        return_s=activities[-1].start_time,
        distance_m=int(route.distance()),
        visits=tuple(visits),
    )
