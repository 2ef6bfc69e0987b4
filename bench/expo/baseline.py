"""The plain baseline: a time-indexed CP-SAT model seeded with the greedy schedule.

    .venv/bin/python bench/expo/baseline.py --instance FILE.json --time-limit 20 --out OUT.json

One Boolean per (request, slot) both people can attend; at most one slot per request, one
meeting per person and slot, the caps, the tables per slot; maximise the weight. The greedy of
the production scheduler is the solution hint, CP-SAT runs on two workers for the time limit
(model building not counted, so the baseline gets at least its full search time). Tables are
numbered in order within each slot. The last line printed is one JSON object like
bench/expo/schedule.py's, with the LP bound computed afterwards (not counted in solve_s).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ortools.sat.python import cp_model

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "expo"))

from _cli import instance_parser  # noqa: E402

from phohang.expo.scheduling import check_schedule, problem_from_dict  # noqa: E402
from phohang.expo.scheduling.greedy import greedy_schedule  # noqa: E402
from phohang.expo.scheduling.lp import solve_relaxation  # noqa: E402
from phohang.expo.scheduling.model import Compiled, compile_problem  # noqa: E402


@dataclass
class SolveOutcome:
    assignment: dict[int, int] | None  # request -> slot, None when no solution was found
    objective: int
    proven_optimal: bool


def solve_time_indexed(
    compiled: Compiled,
    *,
    hint: Mapping[int, int],
    time_limit_s: float,
    workers: int = 2,
) -> SolveOutcome:
    """Maximise the scheduled weight over all (request, slot) columns, starting from `hint`."""
    c = compiled
    columns = [(r, s) for r in range(c.request_count) for s in c.req_slots[r]]
    model = cp_model.CpModel()
    x = [model.new_bool_var("") for _ in columns]
    per_request: dict[int, list[int]] = {}
    person_slot: dict[tuple[int, int], list[int]] = {}
    per_person: list[list[int]] = [[] for _ in c.caps]
    per_slot: list[list[int]] = [[] for _ in range(c.slots)]
    for j, (r, s) in enumerate(columns):
        a, b = c.req_a[r], c.req_b[r]
        per_request.setdefault(r, []).append(j)
        person_slot.setdefault((a, s), []).append(j)
        person_slot.setdefault((b, s), []).append(j)
        per_person[a].append(j)
        per_person[b].append(j)
        per_slot[s].append(j)
    for group in (*per_request.values(), *person_slot.values()):
        if len(group) > 1:
            model.add_at_most_one(x[j] for j in group)
    for p, group in enumerate(per_person):
        if len(group) > c.caps[p]:
            model.add(sum(x[j] for j in group) <= c.caps[p])
    for group in per_slot:
        if len(group) > c.tables:
            model.add(sum(x[j] for j in group) <= c.tables)
    model.maximize(cp_model.LinearExpr.weighted_sum(x, [c.req_w[r] for r, _ in columns]))
    for j, (r, s) in enumerate(columns):
        model.add_hint(x[j], hint.get(r) == s)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = workers
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return SolveOutcome(None, 0, False)
    assignment = {columns[j][0]: columns[j][1] for j in range(len(columns)) if solver.value(x[j])}
    objective = sum(c.req_w[r] for r in assignment)
    return SolveOutcome(assignment, objective, status == cp_model.OPTIMAL)


def main() -> int:
    args = instance_parser(__doc__.splitlines()[0]).parse_args()
    instance = json.loads(args.instance.read_text(encoding="utf-8"))
    problem, _ = problem_from_dict(instance)
    c = compile_problem(problem)
    started = time.monotonic()
    seed = greedy_schedule(c, deadline=started + 1.0)
    outcome = solve_time_indexed(
        c, hint=seed.assignment(), time_limit_s=args.time_limit, workers=args.workers
    )
    solve_s = time.monotonic() - started
    assignment = outcome.assignment
    if assignment is None or outcome.objective < seed.objective:
        assignment = seed.assignment()
    used: dict[int, int] = {}
    meetings = []
    for r, s in sorted(assignment.items(), key=lambda item: item[1]):
        meetings.append(
            {"a": c.req_source[r].a, "b": c.req_source[r].b, "slot": s, "table": used.get(s, 0)}
        )
        used[s] = used.get(s, 0) + 1
    schedule = {"meetings": meetings}
    args.out.write_text(json.dumps(schedule))
    report = check_schedule(instance, schedule)
    relaxation = solve_relaxation(c, time.monotonic() + 300)
    bound = relaxation.bound if relaxation is not None else None
    print(
        json.dumps(
            {
                "meetings": report.meetings,
                "objective": report.objective,
                "violations": len(report.violations),
                "solve_s": round(solve_s, 2),
                "lp_bound": round(bound, 4) if bound is not None else None,
                "ratio": round(report.objective / bound, 5) if bound else None,
                "greedy_objective": seed.objective,
                "proven_optimal": outcome.proven_optimal,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
