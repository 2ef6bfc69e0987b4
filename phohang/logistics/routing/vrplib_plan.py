"""Plans a VRPLIB benchmark instance with the production engine."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pyvrp

from .engine import ProgressCallback, solve_problem
from .vrplib_io import VrpInstance


@dataclass(frozen=True)
class InstancePlan:
    routes: list[list[int]]  # customer ids as CVRPLIB numbers them (file index, depot 0)
    cost: int  # internal units (see VrpInstance.scale)
    cost_text: str  # instance units, as written after `Cost`
    is_feasible: bool
    seconds: float
    iterations: int


def build_problem(instance: VrpInstance) -> pyvrp.ProblemData:
    """PyVRP data for `instance`: distance doubles as travel time, as VRPLIB assumes."""
    size = len(instance.node_ids)
    matrix = instance.distance_matrix()
    if instance.coords is not None:
        locations = [pyvrp.Location(x=float(x), y=float(y)) for x, y in instance.coords]
    else:
        locations = [pyvrp.Location(x=0.0, y=0.0) for _ in range(size)]
    if instance.time_windows is not None:
        windows = instance.times(instance.time_windows)
    else:
        windows = np.array([[0, np.iinfo(np.int64).max]] * size, dtype=np.int64)
    service = instance.times(instance.service_times)
    clients = [
        pyvrp.Client(
            location=node,
            delivery=[int(instance.demands[node])],
            service_duration=int(service[node]),
            tw_early=int(windows[node][0]),
            tw_late=int(windows[node][1]),
        )
        for node in range(1, size)
    ]
    depot_early, depot_late = int(windows[0][0]), int(windows[0][1])
    vehicle_type = pyvrp.VehicleType(
        num_available=instance.vehicles or instance.num_clients,
        capacity=[instance.capacity],
        tw_early=depot_early,
        tw_late=depot_late,
    )
    return pyvrp.ProblemData(
        locations=locations,
        clients=clients,
        depots=[pyvrp.Depot(location=0, tw_early=depot_early, tw_late=depot_late)],
        vehicle_types=[vehicle_type],
        distance_matrices=[matrix],
        duration_matrices=[matrix],
    )


def fewest_vehicles(instance: VrpInstance, data: pyvrp.ProblemData) -> pyvrp.ProblemData | None:
    """`data` with only as many vehicles as the demand needs (CVRP with an open fleet), else None.

    Best knowns of tight instances often use exactly that many routes, and a search that may
    not open one more finds them sooner; the planner still keeps an unrestricted search.
    """
    if instance.has_time_windows or instance.vehicles is not None:
        return None
    needed = max(1, -(-int(instance.demands.sum()) // instance.capacity))
    vehicle_type = data.vehicle_type(0).replace(num_available=needed)
    return data.replace(vehicle_types=[vehicle_type])


def plan_instance(
    instance: VrpInstance,
    *,
    time_limit: float,
    seed: int = 1,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    max_iterations: int | None = None,
    started: float | None = None,
) -> InstancePlan:
    """Routes for `instance` found within `time_limit` seconds of `started` (default: now)."""
    started = time.time() if started is None else started
    data = build_problem(instance)
    outcome = solve_problem(
        data,
        time_limit=time_limit,
        seed=seed,
        workers=workers,
        progress=progress,
        started=started,
        max_iterations=max_iterations,
        alternative=fewest_vehicles(instance, data),
    )
    positions = [
        [activity.idx + 1 for activity in route if activity.is_client()]
        for route in outcome.solution.routes()
    ]
    cost = instance.route_cost(positions)
    routes = [[instance.node_ids[position] for position in route] for route in positions]
    return InstancePlan(
        routes=routes,
        cost=cost,
        cost_text=instance.format_cost(cost),
        is_feasible=outcome.is_feasible,
        seconds=round(time.time() - started, 3),
        iterations=outcome.iterations,
    )
