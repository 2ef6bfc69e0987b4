"""Large-neighbourhood search: free parts of the schedule and re-solve them exactly with CP-SAT.

A part is a neighbourhood (see `neighbourhoods`) taken out of the schedule. The rest stays
fixed and only limits what the part may use: its people's free slots and remaining caps, and a
share of each slot's free tables. Up to `workers` parts are solved at the same time, one
CP-SAT worker each (CP-SAT releases the GIL), and parts being solved never share a person or a
table, so each result fits into the schedule whatever the others do. A part starts from the
current placement (solution hints) and is kept when it is no worse. Neighbourhoods that
CP-SAT solves to optimality within their effort grow; those that do not shrink.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .model import Compiled
from .neighbourhoods import Chooser
from .state import State


@dataclass
class _Part:
    before: dict[int, int]  # freed request -> its slot before (-1: it was not scheduled)
    involved: set[int]  # people of the freed requests, whom no other part may touch
    columns: list[tuple[int, int]]
    rooms: list[int]  # tables this part may fill in each slot
    cap_rooms: dict[int, int]  # meetings each involved person may still take
    uncovered: set[int]  # involved people left without a meeting outside this part
    effort: float  # CP-SAT deterministic time for this part
    most: int | None = None  # the most weight its requests can carry (from the LP bound)
    solver: cp_model.CpSolver | None = None  # while it is being solved


class Search:
    def __init__(
        self,
        compiled: Compiled,
        state: State,
        *,
        wanted: Sequence[float] | None,
        allowed: set[tuple[int, int]] | None,
        ceiling: int | None,
        seed: int = 0,
        workers: int = 2,
        everyone_meets: bool = False,
    ) -> None:
        self.c = compiled
        self.state = state
        self.allowed = allowed
        self.ceiling = None if everyone_meets else ceiling
        self.rng = random.Random(seed)
        self.chooser = Chooser(state, wanted, self.rng)
        self.workers = _parallel_parts(workers)
        self.everyone_meets = everyone_meets
        self.budget = 1500  # columns per neighbourhood
        self.started = 0
        self.proven = False  # the whole problem was solved to optimality
        self.inflight: list[_Part] = []

    def run(
        self,
        deadline: float,
        listener: Callable[[int], None] | None,
        stop: threading.Event | None = None,
    ) -> None:
        """Solve neighbourhoods, `workers` at a time, until the deadline, a proof or `stop`."""
        with ThreadPoolExecutor(self.workers) as pool:
            running: dict[Future, _Part] = {}
            while True:
                if stop is not None and stop.is_set():
                    for part in running.values():
                        if part.solver is not None:
                            part.solver.stop_search()
                while len(running) < self.workers and not self._finished(deadline, stop):
                    part = self._start()
                    if part is None:
                        break
                    future = pool.submit(_solve_part, self.c, part, deadline, self.everyone_meets)
                    running[future] = part
                if not running:
                    return
                done, _ = wait(running, timeout=0.1, return_when=FIRST_COMPLETED)
                for future in done:
                    part = running.pop(future)
                    if self._settle(part, future.result()) and listener is not None:
                        listener(self.objective)

    @property
    def objective(self) -> int:
        """Weight of the schedule, counting the meetings of parts still being solved."""
        c = self.c
        held = sum(c.req_w[r] for part in self.inflight for r, s in part.before.items() if s >= 0)
        return self.state.objective + held

    def _finished(self, deadline: float, stop: threading.Event | None) -> bool:
        if self.proven or time.monotonic() >= deadline - 0.1:
            return True
        if stop is not None and stop.is_set():
            return True
        return self.ceiling is not None and not self.inflight and self.objective >= self.ceiling

    def _start(self) -> _Part | None:
        """Choose a neighbourhood that shares no person with running ones, and free it."""
        self.started += 1
        if self.started % 25 == 0:
            self.chooser.refresh()
        blocked = {p for part in self.inflight for p in part.involved}
        if self.rng.random() < 0.25:
            freed = self.chooser.slots(self.budget, blocked)
        else:
            freed = self.chooser.people(self.budget, blocked)
        if not freed:
            return None
        c, state = self.c, self.state
        before = {r: state.slot_of[r] for r in sorted(freed)}
        own = [0] * c.slots
        for r, s in before.items():
            if s >= 0:
                state.remove(r)
                own[s] += 1
        reserved = [sum(part.rooms[s] for part in self.inflight) for s in range(c.slots)]
        rooms = []
        for s in range(c.slots):
            spare = max(0, c.tables - state.used[s] - reserved[s] - own[s])
            # Leave half of the spare tables to the part that starts next.
            rooms.append(own[s] + (spare if self.workers == 1 else (spare + 1) // 2))
        involved = {p for r in before for p in (c.req_a[r], c.req_b[r])}
        part = _Part(
            before=before,
            involved=involved,
            columns=self._columns(before, rooms),
            rooms=rooms,
            cap_rooms={p: c.caps[p] - state.count[p] for p in involved},
            uncovered={p for p in involved if state.count[p] == 0},
            effort=0.1 + self.budget / 20000,
        )
        if self.ceiling is not None:
            freed_weight = sum(c.req_w[r] for r, s in before.items() if s >= 0)
            part.most = freed_weight + self.ceiling - self.objective
        self.inflight.append(part)
        return part

    def _columns(self, before: dict[int, int], rooms: list[int]) -> list[tuple[int, int]]:
        c, state = self.c, self.state
        columns = []
        for r, placed in before.items():
            taken = state.busy[c.req_a[r]] | state.busy[c.req_b[r]]
            for s in c.req_slots[r]:
                if taken >> s & 1 or rooms[s] <= 0:
                    continue
                if self.allowed is None or (r, s) in self.allowed or placed == s:
                    columns.append((r, s))
        return columns

    def _settle(self, part: _Part, result: tuple[dict[int, int], bool] | None) -> bool:
        """Keep the part's new placement when it scores no worse; True when it scores better."""
        state = self.state
        self.inflight.remove(part)
        gain = 0
        if result is not None:
            assignment, optimal = result
            old = state.score(self.everyone_meets)
            _place(state, part.before)
            gain = -state.score(self.everyone_meets) + old
            _unplace(state, part.before)
            _place(state, assignment)
            gain += state.score(self.everyone_meets) - old
            if gain < 0:
                _unplace(state, assignment)
                _place(state, part.before)
            if optimal and len(part.before) == self.c.request_count:
                self.proven = True
        else:
            _place(state, part.before)
        grow = 1.15 if result is not None and result[1] else 0.85
        self.budget = min(20000, max(300, int(self.budget * grow)))
        return gain > 0


def _parallel_parts(workers: int) -> int:
    """Parts to solve at the same time: one when other processes already keep the cores busy.

    Parts solved together must not share people or tables, which makes each neighbourhood a
    little worse; that pays off only when the extra thread gets a core of its own.
    """
    try:
        load = os.getloadavg()[0]
    except OSError:
        return max(1, workers)
    return max(1, workers) if load < (os.cpu_count() or 1) else 1


def _place(state: State, assignment: dict[int, int]) -> None:
    for r, s in assignment.items():
        if s >= 0:
            state.place(r, s)


def _unplace(state: State, assignment: dict[int, int]) -> None:
    for r, s in assignment.items():
        if s >= 0:
            state.remove(r)


def _solve_part(
    c: Compiled, part: _Part, deadline: float, everyone_meets: bool
) -> tuple[dict[int, int], bool] | None:
    """Best placement of the part's requests within its rooms, or None; runs in a thread."""
    if not part.columns:
        return None
    model = cp_model.CpModel()
    x = [model.new_bool_var("") for _ in part.columns]
    at_most_one: dict[tuple[int, int], list[int]] = {}
    per_person: dict[int, list[int]] = {}
    per_slot: dict[int, list[int]] = {}
    for j, (r, s) in enumerate(part.columns):
        a, b = c.req_a[r], c.req_b[r]
        # Request r once: key (-1 - r, 0); person p once in slot s: key (p, s).
        for key in ((-1 - r, 0), (a, s), (b, s)):
            at_most_one.setdefault(key, []).append(j)
        per_person.setdefault(a, []).append(j)
        per_person.setdefault(b, []).append(j)
        per_slot.setdefault(s, []).append(j)
    for group in at_most_one.values():
        if len(group) > 1:
            model.add_at_most_one(x[j] for j in group)
    for p, group in per_person.items():
        if len(group) > part.cap_rooms[p]:
            model.add(sum(x[j] for j in group) <= part.cap_rooms[p])
    for s, group in per_slot.items():
        if len(group) > part.rooms[s]:
            model.add(sum(x[j] for j in group) <= part.rooms[s])
    weights = [c.req_w[r] for r, _ in part.columns]
    objective = cp_model.LinearExpr.weighted_sum(x, weights)
    if part.most is not None:
        model.add(objective <= part.most)
    if everyone_meets:
        objective += _coverage_bonus(model, part, x, per_person, sum(weights) + 1)
    model.maximize(objective)
    for j, (r, s) in enumerate(part.columns):
        model.add_hint(x[j], part.before.get(r) == s)
    limit = deadline - time.monotonic()
    if limit <= 0.05:
        return None
    solver = part.solver = cp_model.CpSolver()
    # Neighbourhoods have a weak LP relaxation (slot choices are a colouring): the strongest
    # linearisation with its cuts proves most of them optimal in a fraction of a second, where
    # the default takes many seconds. Work is bounded in deterministic time, so a busy machine
    # slows the search down but does not change what it does.
    solver.parameters.linearization_level = 2
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = part.effort
    solver.parameters.max_time_in_seconds = limit
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    chosen = {part.columns[j][0]: part.columns[j][1] for j in range(len(x)) if solver.value(x[j])}
    return chosen, status == cp_model.OPTIMAL


def _coverage_bonus(
    model: cp_model.CpModel,
    part: _Part,
    x: list[cp_model.IntVar],
    per_person: dict[int, list[int]],
    big: int,
) -> cp_model.LinearExprT:
    """`big` for each person left without a fixed meeting who gets one in this part."""
    flags = []
    for p, group in per_person.items():
        if p in part.uncovered:
            flag = model.new_bool_var("")
            model.add_bool_or([x[j] for j in group]).only_enforce_if(flag)
            flags.append(flag)
    return big * sum(flags) if flags else 0


def improve(
    compiled: Compiled,
    state: State,
    *,
    deadline: float,
    wanted: Sequence[float] | None,
    allowed: set[tuple[int, int]] | None,
    ceiling: int | None,
    seed: int = 0,
    workers: int = 2,
    everyone_meets: bool = False,
    listener: Callable[[int], None] | None = None,
    stop: threading.Event | None = None,
) -> bool:
    """Improve `state` in place until `deadline` or `stop`; True when it is proven optimal."""
    search = Search(
        compiled,
        state,
        wanted=wanted,
        allowed=allowed,
        ceiling=ceiling,
        seed=seed,
        workers=workers,
        everyone_meets=everyone_meets,
    )
    search.run(deadline, listener, stop)
    return search.proven or (search.ceiling is not None and state.objective >= search.ceiling)
