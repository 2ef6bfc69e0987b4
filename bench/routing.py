"""Route-planning quality: every VRPLIB instance in a folder, planned by the production engine.

    .venv/bin/python bench/routing.py --instances DIR --time-limit 30 --routes-out OUTDIR

For each instance file (CVRP or VRPTW) in DIR the planner (`phohang.logistics.routing`) gets
`--time-limit` wall-clock seconds, counted from before the file is read until the routes are
decoded. Routes go to `OUTDIR/<name>.sol` in CVRPLIB format; then an independent checker
(`routing.verify_vrplib`: its own parser, distances and schedule) re-reads both files,
verifies every route (each customer once, capacity, time windows, return to the depot, vehicle
count, the written cost) and recomputes the cost. The gap is measured on that recomputed cost
against the `Cost` of `<name>.sol` in DIR (the best known, total distance; for Solomon
instances not ranked by vehicles first, as ../shared/data/vrp/README.md explains).

Distance conventions follow that README: X and other CVRP instances use Euclidean distances
rounded to the nearest integer, instances with time windows the DIMACS convention (truncated to
one decimal), explicit matrices are taken as they are; `--convention` overrides. The last line
printed is one JSON object; per-instance lines go to stderr. Run it under `nice` on a shared
machine; the load average is part of the output.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from phohang.logistics.routing.verify_vrplib import check_files  # noqa: E402
from phohang.logistics.routing.vrplib_io import (  # noqa: E402
    CONVENTIONS,
    InstanceError,
    read_best_known,
    read_instance,
    write_solution,
)
from phohang.logistics.routing.vrplib_plan import plan_instance  # noqa: E402

# ../shared/data/vrp beside the repository (a worktree may sit one level deeper).
SHARED = next(
    (
        p / "shared" / "data" / "vrp"
        for p in ROOT.parents
        if (p / "shared" / "data" / "vrp").is_dir()
    ),
    ROOT.parent / "shared" / "data" / "vrp",
)
SUFFIXES = {".vrp", ".vrptw", ".txt"}


def instance_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def cpu_seconds() -> float:
    """CPU time of this process and its finished worker processes."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def run_one(path: Path, args, out_dir: Path) -> dict | None:
    cpu_before = cpu_seconds()
    started = time.time()
    try:
        instance = read_instance(path, args.convention)
    except InstanceError as error:
        print(f"skip {path.name}: {error}", file=sys.stderr)
        return None
    plan = plan_instance(
        instance, time_limit=args.time_limit, seed=args.seed, workers=args.workers, started=started
    )
    solution_path = out_dir / f"{path.stem}.sol"
    write_solution(solution_path, plan.routes, plan.cost_text)
    wall = time.time() - started
    cpu = cpu_seconds() - cpu_before
    report = check_files(path, solution_path, convention=args.convention)
    best_known = read_best_known(path)
    gap = None
    if best_known:
        gap = round(100 * (report.cost - best_known) / best_known, 3)
    row = {
        "name": path.stem,
        "family": "solomon" if instance.has_time_windows else "x",
        "cost": report.cost,
        "best_known": best_known,
        "gap": gap,
        "routes": report.routes,
        "feasible": report.is_feasible,
        "violations": [f"{v.kind}: {v.detail}" for v in report.violations],
        "seconds": round(wall, 2),
        "cpu_s": round(cpu, 1),  # what the searches got of the machine, all processes
        "iterations": plan.iterations,
    }
    print(json.dumps(row), file=sys.stderr, flush=True)
    return row


def summary(rows: list[dict], args, load_before) -> dict:
    def mean(family):
        gaps = [r["gap"] for r in rows if r["family"] == family and r["gap"] is not None]
        return round(statistics.fmean(gaps), 3) if gaps else None

    gaps = {r["name"]: r["gap"] for r in rows}
    known = [g for g in gaps.values() if g is not None]
    return {
        "gaps": gaps,
        "mean_gap_x": mean("x"),
        "mean_gap_solomon": mean("solomon"),
        "max_gap": max(known) if known else None,
        "all_feasible": all(r["feasible"] for r in rows),
        "infeasible": [r["name"] for r in rows if not r["feasible"]],
        "routes": {r["name"]: r["routes"] for r in rows},
        "seconds": {r["name"]: r["seconds"] for r in rows},
        "max_seconds": max((r["seconds"] for r in rows), default=None),
        "cpu_s": {r["name"]: r["cpu_s"] for r in rows},
        "time_limit": args.time_limit,
        "workers": args.workers,
        "load_average_before": load_before,
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=Path, default=SHARED)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--routes-out", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--workers", type=int, default=None, help="parallel searches (default: cores, at most 2)"
    )
    parser.add_argument("--convention", choices=CONVENTIONS, default=None)
    args = parser.parse_args()
    out_dir = args.routes_out or Path(tempfile.mkdtemp(prefix="routing-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    load_before = [round(x, 2) for x in os.getloadavg()]
    rows = [row for path in instance_files(args.instances) if (row := run_one(path, args, out_dir))]
    print(json.dumps(summary(rows, args, load_before)))


if __name__ == "__main__":
    main()
