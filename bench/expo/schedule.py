"""B2B meeting scheduler benchmark: run the production scheduler on one instance and check it.

    .venv/bin/python bench/expo/schedule.py --instance FILE.json --time-limit SECONDS \
        --out SCHEDULE.json [--workers 2] [--everyone-meets] [--must-first]

The time limit bounds the whole run from process start (imports, parsing, greedy, LP bound,
CP-SAT search, tables, writing the schedule). The schedule is validated with the independent
checker (`phohang.expo.scheduling.checker`), which also computes the objective printed here.
Entries of the instance that cannot be scheduled (duplicate requests, a request to oneself,
unknown ids, slots outside the event) are skipped and counted under `skipped`.

The last line printed is one JSON object: meetings, objective, violations, solve_s, lp_bound
(the LP relaxation of the time-indexed model), ratio (objective / lp_bound), and the greedy
objective, status and table changes for context.
"""

import time

STARTED = time.monotonic()

import json  # noqa: E402
import sys  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "expo"))

from _cli import instance_parser  # noqa: E402

from phohang.expo.scheduling import (  # noqa: E402
    InstanceError,
    Options,
    check_schedule,
    schedule_instance,
)

# Time kept after the scheduler returns: writing and checking the schedule.
OUTPUT_RESERVE_S = 0.4


def main() -> int:
    parser = instance_parser(__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--everyone-meets", action="store_true")
    parser.add_argument("--must-first", action="store_true")
    args = parser.parse_args()
    try:
        instance = json.loads(args.instance.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(json.dumps({"error": f"cannot read the instance: {error}"}))
        return 2
    options = Options(
        time_limit_s=args.time_limit,
        workers=args.workers,
        seed=args.seed,
        everyone_meets=args.everyone_meets,
        must_first=args.must_first,
        wait_for_lp_bound=True,
    )
    deadline = STARTED + args.time_limit - OUTPUT_RESERVE_S
    try:
        result = schedule_instance(instance, options, deadline=deadline)
    except InstanceError as error:
        args.out.write_text(json.dumps({"meetings": []}))
        print(json.dumps({"error": str(error), "meetings": 0, "violations": 0}))
        return 2
    solve_s = time.monotonic() - STARTED
    schedule = {
        "meetings": [
            {"a": m.a, "b": m.b, "slot": m.slot, "table": m.table} for m in result.meetings
        ]
    }
    args.out.write_text(json.dumps(schedule))
    report = check_schedule(instance, schedule)
    for violation in report.violations[:20]:
        print(f"violation: {violation}", file=sys.stderr)
    lp_bound = result.lp_bound
    ratio = None
    if lp_bound is not None:
        ratio = round(report.objective / lp_bound, 5) if lp_bound > 0 else 1.0
    summary = {
        "meetings": report.meetings,
        "objective": report.objective,
        "violations": len(report.violations),
        "solve_s": round(solve_s, 2),
        "lp_bound": round(lp_bound, 4) if lp_bound is not None else None,
        "ratio": ratio,
        "greedy_objective": result.greedy_objective,
        "status": result.status,
        "table_changes": result.table_changes,
        "people_with_meetings": result.covered,
        "skipped": dict(Counter(issue.code for issue in result.issues)),
        "wall_s": round(time.monotonic() - STARTED, 2),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
