"""The one place that runs PyVRP: a wall-clock deadline, optional extra seeds in worker
processes, and progress reports for the task worker.

Every caller (the city planner and the VRPLIB benchmark) builds a `pyvrp.ProblemData` and
calls `solve_problem`; the best solution over all seeds is returned, feasible ones first.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyvrp
from pyvrp import IteratedLocalSearchCallbacks, IteratedLocalSearchParams, SolveParams
from pyvrp.search import NeighbourhoodParams

# Extra searches run as fresh interpreters (`python -m ...routing.worker FILE`), never forks (the task
# worker may hold threads and database connections) nor multiprocessing spawns (those re-import
# the caller's main module, which a script without a main guard cannot survive).
_PACKAGE_ROOT = Path(__file__).resolve().parents[3]
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
    # A short late-acceptance history (PyVRP's default is 300) accepts fewer worse solutions:
    # in 8-CPU-second runs on X-n101, X-n251 and RC101 it roughly halved the gap.
    ils = IteratedLocalSearchParams(history_length=100, callbacks=callbacks)
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


def _start_worker(arguments: tuple) -> tuple[subprocess.Popen, str]:
    with tempfile.NamedTemporaryFile(prefix="routing-", suffix=".pickle", delete=False) as handle:
        pickle.dump(arguments, handle, protocol=pickle.HIGHEST_PROTOCOL)
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(_PACKAGE_ROOT), environment.get("PYTHONPATH")])
    )
    command = [sys.executable, "-m", "phohang.logistics.routing.worker", handle.name]
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module, no shell
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=environment
    )
    return process, handle.name


def _collect_worker(process: subprocess.Popen, path: str, wait: float):
    """(solution, iterations) from a worker, or None if it failed or is late (then killed)."""
    try:
        output, _ = process.communicate(timeout=wait)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        output = b""
    finally:
        Path(path).unlink(missing_ok=True)
    if process.returncode != 0 or not output:
        return None
    # The bytes come from the child this function started, never from outside.
    return pickle.loads(output)  # noqa: S301


def worker_main(path: str) -> None:
    """One extra search: arguments from the pickle at `path`, the result to stdout."""
    with open(path, "rb") as handle:
        data, deadline, seed, initial, max_iterations = pickle.load(handle)  # noqa: S301
    result = _search(data, deadline, seed, initial, max_iterations=max_iterations)
    sys.stdout.buffer.write(pickle.dumps((result.best, result.num_iterations)))


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
    alternative: pyvrp.ProblemData | None = None,
) -> SolveOutcome:
    """Best solution of `workers` searches that all stop `time_limit` seconds after `started`.

    `started` (a `time.time()` value) lets a caller count its own set-up against the limit;
    `max_iterations` stops each search earlier, for reproducible results. `alternative`, a
    tighter version of `data` with the same clients, vehicle types and distances (e.g. fewer
    vehicles), is what the first extra search works on: its solutions are solutions of `data`.
    """
    started = time.time() if started is None else started
    deadline = started + time_limit - solve_margin(time_limit)
    workers = default_workers() if workers is None else max(1, workers)
    children = [
        _start_worker(
            (alternative if offset == 1 and alternative else data, deadline, seed + offset)
            + (initial, max_iterations)
        )
        for offset in range(1, workers)
    ]

    reporter = _Reporter(started, deadline, progress)
    result = _search(data, deadline, seed, initial, reporter, max_iterations)
    candidates = [(result.best, result.num_iterations)]
    for process, path in children:
        # Results are due at the deadline; a child that is late is abandoned, never waited for.
        wait = max(0.05, deadline + solve_margin(time_limit) / 2 - time.time())
        answer = _collect_worker(process, path, wait)
        if answer is not None:
            candidates.append(answer)

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
