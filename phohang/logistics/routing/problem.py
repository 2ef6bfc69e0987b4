"""Turns a screened city problem into PyVRP data.

Truck rules give one stop several disjoint windows, and different ones per vehicle class
(a light truck inside the zone 09:00–16:00 or after 19:30, a heavy one only 21:00–06:00).
PyVRP has one window per client, so such a stop becomes several clients, one per window,
each at its own copy of the stop's location, in a mutually exclusive group: at most one is
visited. A copy that a class may not use is cut off in that class's profile (its distances
and travel times are PyVRP's MAX_VALUE), so only vehicles of the right class can visit it.
Every stop is optional with a prize far above any detour, so the search serves all it can
and the planner reports the rest instead of returning an infeasible plan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyvrp
from pyvrp.constants import MAX_VALUE

from .model import StopKind
from .screening import Context, Interval


@dataclass(frozen=True)
class Copy:
    stop_index: int
    window: Interval
    profiles: frozenset[int]


@dataclass
class Built:
    data: pyvrp.ProblemData
    copies: list[Copy]  # PyVRP client index -> copy
    profile_of_vehicle: list[int]  # PyVRP vehicle type index (= vehicle index) -> profile
    profile_speeds: list[float | None]


def _profiles(context: Context) -> tuple[list[tuple[str | None, float | None]], list[int]]:
    keys: list[tuple[str | None, float | None]] = []
    of_vehicle = []
    for vehicle in context.vehicles:
        rule = context.rules.class_for(vehicle.gross_weight_kg)
        key = (rule.name if rule else None, vehicle.speed_kmh)
        if key not in keys:
            keys.append(key)
        of_vehicle.append(keys.index(key))
    return keys, of_vehicle


def _merge(spans: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _copies(context: Context, of_vehicle: list[int]) -> list[Copy]:
    profile_by_id = {v.id: of_vehicle[i] for i, v in enumerate(context.vehicles)}
    copies = []
    for index, options in enumerate(context.windows):
        per_profile: dict[int, list[Interval]] = {}
        for vehicle_id, spans in options.items():
            per_profile.setdefault(profile_by_id[vehicle_id], []).extend(spans)
        by_window: dict[Interval, set[int]] = {}
        for profile, spans in per_profile.items():
            for span in _merge(spans):
                by_window.setdefault(span, set()).add(profile)
        for window, profiles in sorted(by_window.items()):
            copies.append(Copy(index, window, frozenset(profiles)))
    return copies


def _units(amount: float) -> int:
    """kg -> grams and m³ -> litres: PyVRP loads are integers."""
    return math.ceil(round(amount * 1000, 6))


def build(context: Context) -> Built:
    keys, of_vehicle = _profiles(context)
    copies = _copies(context, of_vehicle)
    hub_count = len(context.hubs)
    points = list(range(hub_count)) + [hub_count + copy.stop_index for copy in copies]
    selector = np.ix_(points, points)
    finite = context.metres[context.metres < np.iinfo(np.int32).max]
    prize = int(4 * (finite.max() if finite.size else 1) + 1_000)
    prize += max((v.fixed_cost for v in context.vehicles), default=0)

    distances, durations = [], []
    for profile, (_, speed) in enumerate(keys):
        closed = np.zeros(len(points), dtype=bool)
        closed[hub_count:] = [profile not in copy.profiles for copy in copies]
        for matrix, target in ((context.metres, distances), (context.seconds[speed], durations)):
            values = matrix[selector].astype(np.int64)
            values[closed, :] = MAX_VALUE
            values[:, closed] = MAX_VALUE
            np.fill_diagonal(values, 0)
            target.append(values)

    groups: list[pyvrp.ClientGroup] = []
    group_of_stop: dict[int, int] = {}
    for stop_index in {copy.stop_index for copy in copies}:
        members = [i for i, copy in enumerate(copies) if copy.stop_index == stop_index]
        if len(members) > 1:
            group_of_stop[stop_index] = len(groups)
            groups.append(pyvrp.ClientGroup(members, required=False))

    clients = []
    for number, copy in enumerate(copies):
        stop = context.stops[copy.stop_index]
        load = [_units(stop.demand_kg), _units(stop.volume_m3)]
        none = [0, 0]
        is_pickup = stop.kind == StopKind.PICKUP
        clients.append(
            pyvrp.Client(
                location=hub_count + number,
                delivery=none if is_pickup else load,
                pickup=load if is_pickup else none,
                service_duration=stop.service_s,
                tw_early=copy.window[0],
                tw_late=copy.window[1],
                prize=prize,
                required=False,
                group=group_of_stop.get(copy.stop_index),
                name=stop.id,
            )
        )

    depots = [
        pyvrp.Depot(location=i, tw_early=hub.opening.start, tw_late=hub.opening.end, name=hub.id)
        for i, hub in enumerate(context.hubs)
    ]
    vehicle_types = []
    for index, vehicle in enumerate(context.vehicles):
        hub = context.hub_index(vehicle.hub_id)
        early, late = context.hours[vehicle.id]
        vehicle_types.append(
            pyvrp.VehicleType(
                num_available=1,
                capacity=[int(vehicle.capacity_kg * 1000), int(vehicle.capacity_m3 * 1000)],
                start_depot=hub,
                end_depot=hub,
                fixed_cost=vehicle.fixed_cost,
                tw_early=early,
                tw_late=late,
                profile=of_vehicle[index],
                name=vehicle.id,
            )
        )
    all_points = [(hub.lon, hub.lat) for hub in context.hubs] + [
        (context.stops[c.stop_index].lon, context.stops[c.stop_index].lat) for c in copies
    ]
    data = pyvrp.ProblemData(
        locations=[pyvrp.Location(x=float(x), y=float(y)) for x, y in all_points],
        clients=clients,
        depots=depots,
        vehicle_types=vehicle_types,
        distance_matrices=distances,
        duration_matrices=durations,
        groups=groups,
    )
    return Built(data, copies, of_vehicle, [speed for _, speed in keys])
