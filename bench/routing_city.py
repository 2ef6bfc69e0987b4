"""City plan: 500 stops in Hanoi, 25 vehicles of two weight classes, time windows and the
Ring Road 3.5 truck rules, planned by the production planner and checked independently.

    .venv/bin/python bench/routing_city.py [--stops 500] [--vehicles 25] [--heavy 8]
        [--time-limit 45] [--seed 7]

The day comes from `routing.synthetic.hanoi_city` (deterministic per seed). `solve_s` is the
wall-clock time of `plan_routes` (screening, distance matrix, search, decoding) and must stay
under 60 s; `violations` counts what `routing.verify_plan` finds when it walks every route
again from the input (windows, capacity, shifts, hub hours, truck rules, schedule, distance,
every stop served once or listed). The last line printed is one JSON object.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from phohang.logistics.routing import HANOI_TRUCK_RULES, plan_routes, verify_plan  # noqa: E402
from phohang.logistics.routing.synthetic import hanoi_city  # noqa: E402
from phohang.logistics.routing.truck_rules import DAY  # noqa: E402

HEAVY_FROM_KG = 2000


def heavy_inner_visits(plan, city) -> dict:
    """Inner-zone visits by heavy vehicles, and how many fall outside 21:00-06:00."""
    heavy = {v.id for v in city.vehicles if v.gross_weight_kg >= HEAVY_FROM_KG}
    inner = [
        visit
        for route in plan.routes
        if route.vehicle_id in heavy
        for visit in route.visits
        if visit.in_zone
    ]
    by_day = [v for v in inner if 6 * 3600 < v.start_s % DAY < 21 * 3600]
    return {"heavy_inner_visits": len(inner), "heavy_inner_visits_by_day": len(by_day)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stops", type=int, default=500)
    parser.add_argument("--vehicles", type=int, default=25)
    parser.add_argument("--heavy", type=int, default=8)
    parser.add_argument("--time-limit", type=float, default=45.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()

    city = hanoi_city(stops=args.stops, vehicles=args.vehicles, heavy=args.heavy, seed=args.seed)
    load_before = [round(x, 2) for x in os.getloadavg()]
    started = time.perf_counter()
    plan = plan_routes(
        hubs=city.hubs,
        vehicles=city.vehicles,
        stops=city.stops,
        rules=HANOI_TRUCK_RULES,
        time_limit=args.time_limit,
        workers=args.workers,
    )
    solve_s = round(time.perf_counter() - started, 2)
    violations = verify_plan(
        plan, hubs=city.hubs, vehicles=city.vehicles, stops=city.stops, rules=HANOI_TRUCK_RULES
    )
    for violation in violations[:20]:
        print(f"violation: {violation}", file=sys.stderr)
    light = sum(1 for v in city.vehicles if v.gross_weight_kg < HEAVY_FROM_KG)
    print(
        json.dumps(
            {
                "stops": len(city.stops),
                "vehicles": {"under_2t": light, "2t_and_over": len(city.vehicles) - light},
                "served": len(plan.served_ids()),
                "unserved": plan.unserved_by_reason(),
                "violations": len(violations),
                "solve_s": solve_s,
                "time_limit": args.time_limit,
                "routes": len(plan.routes),
                "distance_km": round(plan.distance_m / 1000, 1),
                "inner_zone_stops": sum(
                    HANOI_TRUCK_RULES.in_zone(s.lat, s.lon) for s in city.stops
                ),
                **heavy_inner_visits(plan, city),
                "iterations": plan.iterations,
                "load_average_before": load_before,
                "load_average_after": [round(x, 2) for x in os.getloadavg()],
            }
        )
    )


if __name__ == "__main__":
    main()
