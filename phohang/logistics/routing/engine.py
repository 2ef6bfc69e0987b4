"""The one place that runs PyVRP: a wall-clock deadline, optional extra seeds in worker
processes, and progress reports for the task worker.

Every caller (the city planner and the VRPLIB benchmark) builds a `pyvrp.ProblemData` and
calls `solve_problem`; the best solution over all seeds is returned, feasible ones first.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import pyvrp
from pyvrp import IteratedLocalSearchCallbacks, IteratedLocalSearchParams, SolveParams
from pyvrp.search import NeighbourhoodParams

# Worker processes are spawned, never forked: the task worker may hold threads and database
# connections that a fork would copy.
_SPAWN = multiprocessing.get_context("spawn")
# Seconds kept back from the caller's limit to collect worker results and decode routes.
_MIN_MARGIN = 0.05
_PROGRESS_EVERY = 0.5


@dataclass(frozen=True)
class Progress:
    """What the task worker shows while a plan is being computed."""

    fraction: float  # of the time limit used, 0..1
    elapsed_s: float
    best_cost: int | None  # best feasible cost found so far by the reporting search
    iterations: int


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True)
class SolveOutcome:
    solution: pyvrp.Solution
    cost: int  # PyVRP's objective of `solution` (distance plus fixed costs, minus prizes)
    is_feasible: bool
    seconds: float
    iterations: int
    seeds: int  # searches whose result was compared


def default_workers() -> int:
    """Searches to run side by side: one per core the process may use, at most two."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(2, cores))


def solve_margin(time_limit: float) -> float:
    """Seconds of `time_limit` reserved for set-up and result collection, not search."""
    return max(_MIN_MARGIN, min(0.1 * time_limit, 1.0 + 0.02 * time_limit))


def solve_params(data: pyvrp.ProblemData, callbacks: IteratedLocalSearchCallbacks | None = None):
    """Search parameters for short, wall-clock-bounded runs."""
    ils = IteratedLocalSearchParams(callbacks=callbacks)
    # Fewer neighbours than PyVRP's default (50) make each iteration about a third cheaper;
    # in 30-second runs on the X set that bought more than the wider neighbourhood found.
    neighbours = NeighbourhoodParams(num_neighbours=min(30, max(1, data.num_clients - 1)))
    return SolveParams(ils=ils, neighbourhood=neighbours)


class _Deadline:
    """Stopping criterion: an absolute wall-clock time (comparable across processes), or a
    number of iterations (for reproducible runs) if that comes first."""

    def __init__(self, deadline: float, max_iterations: int | None = None):
        self.deadline = deadline
        self.iterations_left = max_iterations

    def __call__(self, best_cost: float) -> bool:
        if self.iterations_left is not None:
            if self.iterations_left <= 0:
                return True
            self.iterations_left -= 1
        return time.time() >= self.deadline


class _Reporter(IteratedLocalSearchCallbacks):
    def __init__(self, started: float, deadline: float, callback: ProgressCallback | None):
        self.started = started
        self.span = max(deadline - started, 1e-9)
        self.callback = callback
        self.iterations = 0
        self.best_cost: int | None = None
        self.last_report = 0.0

    def on_start(self, ils):
        self.on_best(ils.initial_solution)

    def on_best(self, best):
        if best.is_feasible():
            self.best_cost = best.distance_cost() + best.fixed_vehicle_cost()

    def on_iteration(self, current, candidate, best, cost_evaluator):
        self.iterations += 1
        now = time.time()
        if self.callback is not None and now - self.last_report >= _PROGRESS_EVERY:
            self.last_report = now
            self.report(now)

    def report(self, now: float, done: bool = False) -> None:
        if self.callback is None:
            return
        elapsed = now - self.started
        fraction = 1.0 if done else min(1.0, elapsed / self.span)
        self.callback(Progress(fraction, round(elapsed, 3), self.best_cost, self.iterations))


def _search(data, deadline, seed, initial=None, reporter=None, max_iterations=None):
    params = solve_params(data, reporter)
    return pyvrp.solve(
        data,
        _Deadline(deadline, max_iterations),
        seed=seed,
        collect_stats=False,
        display=False,
        params=params,
        initial_solution=initial,
    )


def _worker(connection, data, deadline, seed, initial, max_iterations):
    try:
        result = _search(data, deadline, seed, initial, max_iterations=max_iterations)
        connection.send((result.best, result.num_iterations))
    except Exception as error:  # noqa: BLE001 - reported to the parent, which carries on
        connection.send(error)
    finally:
        connection.close()


def _rank(solution: pyvrp.Solution, evaluator: pyvrp.CostEvaluator) -> tuple[int, int]:
    return (0 if solution.is_feasible() else 1, evaluator.penalised_cost(solution))


def solve_problem(
    data: pyvrp.ProblemData,
    *,
    time_limit: float,
    seed: int = 1,
    workers: int | None = None,
    initial: pyvrp.Solution | None = None,
    progress: ProgressCallback | None = None,
    started: float | None = None,
    max_iterations: int | None = None,
) -> SolveOutcome:
    """Best solution of `workers` searches that all stop `time_limit` seconds after `started`.

    `started` (a `time.time()` value) lets a caller count its own set-up against the limit;
    `max_iterations` stops each search earlier, for reproducible results.
    """
    started = time.time() if started is None else started
    deadline = started + time_limit - solve_margin(time_limit)
    workers = default_workers() if workers is None else max(1, workers)
    children = []
    for offset in range(1, workers):
        receiver, sender = _SPAWN.Pipe(duplex=False)
        process = _SPAWN.Process(
            target=_worker,
            args=(sender, data, deadline, seed + offset, initial, max_iterations),
            daemon=True,
        )
        process.start()
        sender.close()
        children.append((process, receiver))

    reporter = _Reporter(started, deadline, progress)
    result = _search(data, deadline, seed, initial, reporter, max_iterations)
    candidates = [(result.best, result.num_iterations)]
    for process, receiver in children:
        # Results are due at the deadline; a child that is late is abandoned, never waited for.
        wait = max(0.0, deadline + solve_margin(time_limit) / 2 - time.time())
        if receiver.poll(wait):
            answer = receiver.recv()
            if not isinstance(answer, Exception):
                candidates.append(answer)
        receiver.close()
        if process.is_alive():
            process.terminate()
        process.join(timeout=1.0)

    # Feasible results first; infeasible ones (a fleet too small) by their penalised cost.
    evaluator = pyvrp.CostEvaluator([1000.0] * data.num_load_dimensions, 1000.0, 1000.0)
    best, _ = min(candidates, key=lambda item: _rank(item[0], evaluator))
    reporter.on_best(best)
    reporter.report(time.time(), done=True)
    return SolveOutcome(
        solution=best,
        cost=evaluator.cost(best) if best.is_feasible() else evaluator.penalised_cost(best),
        is_feasible=best.is_feasible(),
        seconds=round(time.time() - started, 3),
        iterations=sum(iterations for _, iterations in candidates),
        seeds=len(candidates),
    )
