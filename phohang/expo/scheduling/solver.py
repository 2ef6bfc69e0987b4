"""The production pipeline: greedy, LP bound and rounding, then CP-SAT neighbourhood search.

1. A greedy schedule (heaviest requests first, each in the slot its people need least), repaired
   by moving blocking meetings. It is kept whenever nothing better is found in time.
2. The LP relaxation of the time-indexed model gives the upper bound; its solution, rounded and
   repaired, is usually a better start, and often already optimal (objective = floor of bound).
3. Reduced-cost fixing drops every (request, slot) that cannot be part of a better schedule.
4. Large-neighbourhood search with CP-SAT, started from the best schedule (solution hints),
   until the deadline or a proof of optimality.
5. Tables per slot (exhibitors keep theirs where they can).

The time limit is a wall-clock bound for all of it, model building and LP included.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping

from . import greedy, lns, lp, moves, tables
from .model import (
    Compiled,
    Issue,
    Meeting,
    Options,
    Problem,
    Progress,
    ProgressCallback,
    Result,
    compile_problem,
    problem_from_dict,
)

TABLE_RESERVE_S = 0.3


class _Clock:
    def __init__(self, options: Options, deadline: float | None, progress: ProgressCallback | None):
        self.started = time.monotonic()
        self.limit = options.time_limit_s
        self.deadline = deadline if deadline is not None else self.started + self.limit
        self.progress = progress
        self.bound: float | None = None

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def report(self, phase: str, objective: int | None) -> None:
        if self.progress is not None:
            elapsed = time.monotonic() - self.started
            self.progress(Progress(phase, elapsed, self.limit, objective, self.bound))


def schedule(
    problem: Problem,
    options: Options | None = None,
    progress: ProgressCallback | None = None,
    *,
    deadline: float | None = None,
    issues: list[Issue] | None = None,
) -> Result:
    """Assign requests to slots and tables within `options.time_limit_s` (or `deadline`)."""
    options = options or Options()
    clock = _Clock(options, deadline, progress)
    compiled = compile_problem(problem)
    work_deadline = clock.deadline - TABLE_RESERVE_S
    everyone = options.everyone_meets

    clock.report("greedy", None)
    order = greedy.greedy_order(compiled, options.seed)
    best = greedy.construct(compiled, order, everyone_meets=everyone)
    repair_until = time.monotonic() + max(0.0, min(1.0, 0.05 * clock.remaining()))
    moves.repair(best, order, repair_until, everyone_meets=everyone)
    greedy_objective = best.objective
    clock.report("bound", best.objective)

    relaxation = None
    if clock.remaining() > 0.5:
        relaxation = lp.solve_relaxation(compiled, 0.5 * (work_deadline - time.monotonic()))
    ceiling = None
    allowed = None
    if relaxation is not None:
        clock.bound = relaxation.bound
        ceiling = math.floor(relaxation.bound + 1e-6)
        rounded = greedy.round_relaxation(
            compiled, relaxation.keys, relaxation.values, relaxation.reduced_costs
        )
        moves.repair(rounded, order, time.monotonic() + min(1.0, 0.05 * clock.remaining()))
        if rounded.score(everyone) > best.score(everyone):
            best = rounded
        allowed = _reduced_cost_survivors(relaxation, best.objective)
    clock.report("search", best.objective)

    proven = ceiling is not None and best.objective >= ceiling and not everyone
    if not proven and compiled.request_count:
        proven = lns.improve(
            compiled,
            best,
            deadline=work_deadline,
            relaxation=relaxation,
            allowed=None if everyone else allowed,
            ceiling=ceiling,
            seed=options.seed,
            workers=options.workers,
            everyone_meets=everyone,
            listener=lambda objective: clock.report("search", objective),
        )
    clock.report("tables", best.objective)
    result = _result(compiled, best.assignment(), relaxation, greedy_objective, clock)
    result.status = (
        "optimal" if proven else "improved" if result.objective > greedy_objective else "greedy"
    )
    result.issues = list(issues or [])
    clock.report("done", result.objective)
    return result


def schedule_instance(
    data: Mapping,
    options: Options | None = None,
    progress: ProgressCallback | None = None,
    *,
    deadline: float | None = None,
) -> Result:
    """Parse the JSON form (skipping and reporting bad entries) and schedule it."""
    problem, issues = problem_from_dict(data)
    return schedule(problem, options, progress, deadline=deadline, issues=issues)


def _reduced_cost_survivors(relaxation: lp.Relaxation, incumbent: int) -> set[tuple[int, int]]:
    """Columns that may still appear in a schedule better than `incumbent`.

    A schedule using column j is worth at most bound + reduced_cost[j] (weak duality), so
    columns with reduced cost below incumbent - bound can only appear in worse schedules.
    """
    threshold = incumbent - relaxation.bound - 1e-6
    return {
        key
        for key, reduced in zip(relaxation.keys, relaxation.reduced_costs, strict=True)
        if reduced >= threshold
    }


def _result(
    compiled: Compiled,
    assignment: dict[int, int],
    relaxation: lp.Relaxation | None,
    greedy_objective: int,
    clock: _Clock,
) -> Result:
    table_of, changes = tables.assign_tables(compiled, assignment)
    meetings = [
        Meeting(compiled.req_source[r].a, compiled.req_source[r].b, s, table_of[r])
        for r, s in sorted(assignment.items(), key=lambda item: (item[1], table_of[item[0]]))
    ]
    people = {p for r in assignment for p in (compiled.req_a[r], compiled.req_b[r])}
    return Result(
        meetings=meetings,
        objective=sum(compiled.req_w[r] for r in assignment),
        lp_bound=relaxation.bound if relaxation is not None else None,
        status="",
        greedy_objective=greedy_objective,
        solve_s=time.monotonic() - clock.started,
        table_changes=changes,
        covered=len(people),
    )
