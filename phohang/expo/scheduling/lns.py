"""Large-neighbourhood search: free part of the schedule and re-solve that part exactly with CP-SAT.

A neighbourhood frees every meeting of a group of people (grown from a seed along requests) or
every meeting in a few slots; the rest of the schedule stays fixed and only shrinks what the freed
part may use (slots, caps, tables). Seeds favour the people where the schedule and the LP
relaxation disagree, since that is where the missing weight is. Sub-problems that CP-SAT solves
to optimality quickly grow; those that time out shrink.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from .greedy import State
from .lp import Relaxation
from .model import Compiled


@dataclass
class _Neighbourhood:
    requests: list[int]
    columns: list[tuple[int, int]]


class Search:
    def __init__(
        self,
        compiled: Compiled,
        state: State,
        *,
        relaxation: Relaxation | None,
        allowed: set[tuple[int, int]] | None,
        seed: int,
        workers: int,
        everyone_meets: bool,
    ) -> None:
        self.c = compiled
        self.state = state
        self.allowed = allowed
        self.relaxation = relaxation
        self.rng = random.Random(seed)
        self.workers = workers
        self.everyone_meets = everyone_meets
        self.budget = 1500  # columns per sub-problem
        self.steps = 0
        self.proven = False  # the whole problem was solved to optimality
        self.focus = self._focus_people(relaxation)

    def _focus_people(self, relaxation: Relaxation | None) -> list[int]:
        """People on columns where the LP gives weight the schedule does not."""
        if relaxation is None:
            return []
        c, state = self.c, self.state
        people: set[int] = set()
        for (r, s), value in zip(relaxation.keys, relaxation.values, strict=True):
            if value > 0.05 and state.slot_of[r] != s:
                people.add(c.req_a[r])
                people.add(c.req_b[r])
        return sorted(people)

    def _grow(self, seeds: Sequence[int]) -> set[int]:
        """People reached from `seeds` along requests until the column budget is spent."""
        c = self.c
        chosen: set[int] = set()
        frontier = list(seeds)
        columns = 0
        while frontier and columns < self.budget:
            p = frontier.pop(0)
            if p in chosen:
                continue
            chosen.add(p)
            columns += sum(len(c.req_slots[r]) for r in c.person_reqs[p])
            partners = [c.req_a[r] + c.req_b[r] - p for r in c.person_reqs[p]]
            self.rng.shuffle(partners)
            frontier.extend(q for q in partners[:4] if q not in chosen)
            if not frontier and columns < self.budget:
                frontier.append(self.rng.randrange(len(c.caps)))
        return chosen

    def _people_neighbourhood(self) -> set[int]:
        c = self.c
        if self.focus and self.rng.random() < 0.6:
            seeds = self.rng.sample(self.focus, min(3, len(self.focus)))
        else:
            seeds = [self.rng.randrange(len(c.caps))]
        return {r for p in self._grow(seeds) for r in c.person_reqs[p]}

    def _slot_neighbourhood(self) -> set[int]:
        c, state = self.c, self.state
        count = max(1, min(c.slots, self.budget * c.slots // max(1, self._total_columns())))
        slots = set(self.rng.sample(range(c.slots), min(count, c.slots)))
        return {
            r
            for r in range(c.request_count)
            if (state.slot_of[r] in slots)
            or (state.slot_of[r] < 0 and any(s in slots for s in c.req_slots[r]))
        }

    def _total_columns(self) -> int:
        return sum(len(slots) for slots in self.c.req_slots)

    def _build(self, freed: set[int]) -> _Neighbourhood:
        """Take the freed requests out of the schedule; list the columns still open to them."""
        c, state = self.c, self.state
        requests = sorted(freed)
        placed = {r: state.slot_of[r] for r in requests}
        for r in requests:
            if placed[r] >= 0:
                state.remove(r)
        columns = []
        for r in requests:
            taken = state.busy[c.req_a[r]] | state.busy[c.req_b[r]]
            for s in c.req_slots[r]:
                if taken >> s & 1 or state.used[s] >= c.tables:
                    continue
                if self.allowed is None or (r, s) in self.allowed or placed[r] == s:
                    columns.append((r, s))
        return _Neighbourhood(requests, columns)

    def step(self, deadline: float) -> int:
        """One neighbourhood; returns the gain in score (0 when nothing better was found)."""
        self.steps += 1
        if self.steps % 25 == 0:
            self.focus = self._focus_people(self.relaxation)
        use_slots = self.rng.random() < 0.25
        freed = self._slot_neighbourhood() if use_slots else self._people_neighbourhood()
        state = self.state
        before = {r: state.slot_of[r] for r in freed}
        old = state.score(self.everyone_meets)
        hood = self._build(freed)
        limit = min(deadline - time.monotonic(), 2.0 + self.budget / 2000)
        result = _solve_part(self.c, state, hood, before, limit, self.workers, self.everyone_meets)
        if result is None:
            self.budget = max(300, int(self.budget * 0.8))
            _restore(state, before)
            return 0
        assignment, optimal = result
        for r, s in assignment.items():
            state.place(r, s)
        gain = state.score(self.everyone_meets) - old
        if gain < 0:
            _restore(state, before)
            return 0
        if optimal and len(freed) == self.c.request_count:
            self.proven = True
        grow = 1.15 if optimal else 0.85
        self.budget = min(20000, max(300, int(self.budget * grow)))
        return gain


def _restore(state: State, before: dict[int, int]) -> None:
    for r in before:
        if state.slot_of[r] >= 0:
            state.remove(r)
    for r, s in before.items():
        if s >= 0:
            state.place(r, s)


def _solve_part(
    c: Compiled,
    state: State,
    hood: _Neighbourhood,
    before: dict[int, int],
    limit: float,
    workers: int,
    everyone_meets: bool,
) -> tuple[dict[int, int], bool] | None:
    """Best placement of the freed requests given the rest of the schedule, or None."""
    if limit <= 0.05 or not hood.columns:
        return None
    model = cp_model.CpModel()
    x = [model.new_bool_var("") for _ in hood.columns]
    at_most_one: dict[tuple[int, int], list[int]] = {}
    per_person: dict[int, list[int]] = {}
    per_slot: dict[int, list[int]] = {}
    for j, (r, s) in enumerate(hood.columns):
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
        if len(group) > c.caps[p] - state.count[p]:
            model.add(sum(x[j] for j in group) <= c.caps[p] - state.count[p])
    for s, group in per_slot.items():
        if len(group) > c.tables - state.used[s]:
            model.add(sum(x[j] for j in group) <= c.tables - state.used[s])
    weights = [c.req_w[r] for r, _ in hood.columns]
    objective = cp_model.LinearExpr.weighted_sum(x, weights)
    if everyone_meets:
        objective += _coverage_bonus(model, state, x, per_person, sum(weights) + 1)
    model.maximize(objective)
    for j, (r, s) in enumerate(hood.columns):
        model.add_hint(x[j], before.get(r) == s)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = workers
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    chosen = {hood.columns[j][0]: hood.columns[j][1] for j in range(len(x)) if solver.value(x[j])}
    return chosen, status == cp_model.OPTIMAL


def _coverage_bonus(
    model: cp_model.CpModel,
    state: State,
    x: list[cp_model.IntVar],
    per_person: dict[int, list[int]],
    big: int,
) -> cp_model.LinearExprT:
    """`big` for each person left without a fixed meeting who gets one in this part."""
    flags = []
    for p, group in per_person.items():
        if state.count[p] == 0:
            flag = model.new_bool_var("")
            model.add_bool_or([x[j] for j in group]).only_enforce_if(flag)
            flags.append(flag)
    return big * sum(flags) if flags else 0


def improve(
    compiled: Compiled,
    state: State,
    *,
    deadline: float,
    relaxation: Relaxation | None,
    allowed: set[tuple[int, int]] | None,
    ceiling: int | None,
    seed: int = 0,
    workers: int = 2,
    everyone_meets: bool = False,
    listener: Callable[[int], None] | None = None,
) -> bool:
    """Improve `state` in place until `deadline`; True when it is proven optimal."""
    search = Search(
        compiled,
        state,
        relaxation=relaxation,
        allowed=allowed,
        seed=seed,
        workers=workers,
        everyone_meets=everyone_meets,
    )
    while time.monotonic() < deadline - 0.1:
        if ceiling is not None and state.objective >= ceiling and not everyone_meets:
            return True
        if search.step(deadline) > 0 and listener is not None:
            listener(state.objective)
        if search.proven:
            return True
    return False
