"""The production pipeline: greedy, LP bound and rounding, then CP-SAT neighbourhood search.

1. The LP relaxation of the time-indexed model starts solving in a thread (GLOP releases the
   GIL); it gives the upper bound, and its solution guides everything after it.
2. Meanwhile the slot-free relaxation (a b-matching: caps and all tables, no slots) is solved in
   a fraction of the time. It bounds the objective too, and it tells which requests a good
   schedule holds, so the greedy takes those first (heaviest first among equals), each in the
   slot its people need least; moves that shift, chain-swap or replace meetings repair it. The
   greedy schedule is kept whenever nothing better is found. Large-neighbourhood search with
   CP-SAT (solution hints from the best schedule) improves it until the LP is solved.
3. The LP solution, rounded and repaired, replaces the schedule when better. Reduced-cost
   fixing drops every (request, slot) that cannot be part of a better schedule, and the search
   goes on, aimed at the requests the LP schedules and the schedule does not, until the
   deadline or until the schedule reaches the floor of a bound (proven optimal).
4. Tables per slot (exhibitors keep theirs where they can).

The time limit is a wall-clock bound for all of it, model building and LP included.
"""

from __future__ import annotations

import math
import threading
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
from .state import State

# Seconds kept for tables and the result: a base and a share per request (measured under load).
RESERVE_S = 0.25
RESERVE_PER_REQUEST_S = 5e-5
LP_STOP_MARGIN_S = 0.5


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


class _Background:
    """The LP relaxation solved in a thread; `done` is set when it ends either way."""

    def __init__(self, compiled: Compiled, deadline: float) -> None:
        self.done = threading.Event()
        self.cancel = threading.Event()
        self.relaxation: lp.Relaxation | None = None
        self.thread = threading.Thread(target=self._run, args=(compiled, deadline), daemon=True)
        self.thread.start()

    def _run(self, compiled: Compiled, deadline: float) -> None:
        try:
            self.relaxation = lp.solve_relaxation(compiled, deadline, self.cancel)
        finally:
            self.done.set()

    def result(self, deadline: float) -> lp.Relaxation | None:
        """The relaxation if it is solved by `deadline` (and not cancelled); else GLOP stops."""
        if not self.cancel.is_set():
            self.done.wait(max(0.0, deadline - time.monotonic()))
        if not self.done.is_set():
            self.cancel.set()
            self.thread.join()
        return self.relaxation


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
    compiled = compile_problem(problem, must_first=options.must_first)
    work_deadline = clock.deadline - RESERVE_S - RESERVE_PER_REQUEST_S * compiled.request_count
    everyone = options.everyone_meets

    clock.report("greedy", None)
    # GLOP may take a few tenths of a second to stop, so it is asked to stop a little earlier.
    margin = min(LP_STOP_MARGIN_S, 0.1 * max(0.0, work_deadline - time.monotonic()))
    background = _Background(compiled, work_deadline - margin)
    aggregate = lp.solve_aggregate(
        compiled, time.monotonic() + max(0.05, 0.2 * (work_deadline - time.monotonic()))
    )
    wanted = aggregate.values if aggregate is not None else None
    order = greedy.greedy_order(compiled, options.seed, wanted=wanted)
    best = greedy.construct(compiled, order, everyone_meets=everyone)
    repair_until = time.monotonic() + max(0.0, min(1.0, 0.05 * clock.remaining()))
    moves.repair(best, order, repair_until, everyone_meets=everyone)
    greedy_score, greedy_points = best.score(everyone), _points(compiled, best)
    ceiling = None
    if aggregate is not None and not everyone:
        ceiling = math.floor(aggregate.bound + 1e-6)
        clock.bound = None if options.must_first else aggregate.bound
    clock.report("bound", greedy_points)

    def search(wanted, allowed, ceiling, workers, stop=None) -> bool:
        return lns.improve(
            compiled,
            best,
            deadline=work_deadline,
            wanted=wanted,
            allowed=None if everyone else allowed,
            ceiling=ceiling,
            seed=options.seed,
            workers=workers,
            everyone_meets=everyone,
            listener=lambda _: clock.report("search", _points(compiled, best)),
            stop=stop,
        )

    proven = ceiling is not None and best.objective >= ceiling
    if not proven and compiled.request_count and not background.done.is_set():
        # One core solves the LP; the search uses the rest until the LP is done.
        proven = search(wanted, None, ceiling, max(1, options.workers - 1), background.done)
    if proven and not options.wait_for_lp_bound:
        background.cancel.set()
    relaxation = background.result(work_deadline)
    allowed = None
    if relaxation is not None and not proven:
        ceiling = min(ceiling or math.inf, math.floor(relaxation.bound + 1e-6))
        best = _better_of_rounding(compiled, relaxation, best, order, clock, everyone)
        allowed = _reduced_cost_survivors(relaxation, best.objective)
        wanted = relaxation.per_request(compiled.request_count)
    if relaxation is not None and not options.must_first:
        clock.bound = relaxation.bound
    clock.report("search", _points(compiled, best))

    proven = proven or (ceiling is not None and not everyone and best.objective >= ceiling)
    if not proven and compiled.request_count:
        proven = search(wanted, allowed, ceiling, options.workers)
    clock.report("tables", _points(compiled, best))
    result = _result(compiled, best, greedy_points, clock)
    if relaxation is not None and not options.must_first:
        result.lp_bound = relaxation.bound
    result.status = (
        "optimal" if proven else "improved" if best.score(everyone) > greedy_score else "greedy"
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


def _better_of_rounding(
    compiled: Compiled,
    relaxation: lp.Relaxation,
    best: State,
    order: list[int],
    clock: _Clock,
    everyone: bool,
) -> State:
    """The LP solution rounded and repaired, when it beats `best`."""
    rounded = greedy.round_relaxation(
        compiled, relaxation.keys, relaxation.values, relaxation.reduced_costs
    )
    until = time.monotonic() + min(1.0, 0.05 * clock.remaining())
    moves.repair(rounded, order, until, everyone_meets=everyone)
    return rounded if rounded.score(everyone) > best.score(everyone) else best


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


def _points(compiled: Compiled, state: State) -> int:
    """The schedule's weight by priority (5 / 3 / 1), whatever weights the solver used."""
    return sum(compiled.req_points[r] for r, s in enumerate(state.slot_of) if s >= 0)


def _result(compiled: Compiled, best: State, greedy_points: int, clock: _Clock) -> Result:
    assignment = best.assignment()
    table_of, changes = tables.assign_tables(compiled, assignment)
    meetings = [
        Meeting(compiled.req_source[r].a, compiled.req_source[r].b, s, table_of[r])
        for r, s in sorted(assignment.items(), key=lambda item: (item[1], table_of[item[0]]))
    ]
    people = {p for r in assignment for p in (compiled.req_a[r], compiled.req_b[r])}
    return Result(
        meetings=meetings,
        objective=_points(compiled, best),
        lp_bound=None,
        status="",
        greedy_objective=greedy_points,
        solve_s=time.monotonic() - clock.started,
        table_changes=changes,
        covered=len(people),
    )
