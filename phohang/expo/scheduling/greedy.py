"""A fast greedy schedule and a repair pass that makes room by moving meetings to other slots."""

from __future__ import annotations

import random
import time
from collections.abc import Sequence

from .model import Compiled


class State:
    """A partial schedule with the occupancy needed to test a placement in O(1)."""

    def __init__(self, compiled: Compiled) -> None:
        self.c = compiled
        people = len(compiled.caps)
        self.slot_of = [-1] * compiled.request_count
        self.busy = [0] * people  # bit s set: the person meets someone in slot s
        self.meeting_at: list[dict[int, int]] = [{} for _ in range(people)]
        self.count = [0] * people
        self.used = [0] * compiled.slots
        self.in_slot: list[set[int]] = [set() for _ in range(compiled.slots)]
        self.objective = 0
        self.covered = 0  # people with at least one meeting

    def fits(self, r: int, s: int) -> bool:
        c = self.c
        a, b = c.req_a[r], c.req_b[r]
        bit = 1 << s
        return (
            self.used[s] < c.tables
            and not (self.busy[a] | self.busy[b]) & bit
            and self.count[a] < c.caps[a]
            and self.count[b] < c.caps[b]
        )

    def place(self, r: int, s: int) -> None:
        c = self.c
        bit = 1 << s
        for p in (c.req_a[r], c.req_b[r]):
            self.busy[p] |= bit
            self.meeting_at[p][s] = r
            self.count[p] += 1
            self.covered += self.count[p] == 1
        self.used[s] += 1
        self.in_slot[s].add(r)
        self.slot_of[r] = s
        self.objective += c.req_w[r]

    def remove(self, r: int) -> int:
        c = self.c
        s = self.slot_of[r]
        bit = 1 << s
        for p in (c.req_a[r], c.req_b[r]):
            self.busy[p] &= ~bit
            del self.meeting_at[p][s]
            self.count[p] -= 1
            self.covered -= self.count[p] == 0
        self.used[s] -= 1
        self.in_slot[s].discard(r)
        self.slot_of[r] = -1
        self.objective -= c.req_w[r]
        return s

    def free_slots(self, r: int, exclude: int = -1) -> list[int]:
        c = self.c
        taken = self.busy[c.req_a[r]] | self.busy[c.req_b[r]]
        return [
            s
            for s in c.req_slots[r]
            if s != exclude and not taken >> s & 1 and self.used[s] < c.tables
        ]

    def score(self, everyone_meets: bool) -> int:
        """The objective, after the number of people with a meeting when everyone should meet."""
        if everyone_meets:
            return self.covered * (sum(self.c.req_w) + 1) + self.objective
        return self.objective

    def assignment(self) -> dict[int, int]:
        return {r: s for r, s in enumerate(self.slot_of) if s >= 0}


def greedy_order(compiled: Compiled, seed: int = 0, *, noise: float = 0.0) -> list[int]:
    """Heaviest first; among equals, the requests with the fewest slots and busiest people first."""
    rng = random.Random(seed)
    c = compiled
    load = [len(reqs) / max(1, cap) for reqs, cap in zip(c.person_reqs, c.caps, strict=True)]

    def key(r: int) -> tuple[float, float, float]:
        jitter = rng.random() * noise if noise else 0.0
        return (-c.req_w[r] - jitter, len(c.req_slots[r]), -(load[c.req_a[r]] + load[c.req_b[r]]))

    return sorted(range(c.request_count), key=key)


def construct(compiled: Compiled, order: Sequence[int], *, everyone_meets: bool = False) -> State:
    """Place requests in `order`, each in the slot its people and the other requests need least."""
    c = compiled
    state = State(c)
    # demand[p][s]: requests of p not yet considered that could use slot s.
    demand = [[0] * c.slots for _ in c.caps]
    slot_demand = [0] * c.slots
    for r in range(c.request_count):
        for s in c.req_slots[r]:
            demand[c.req_a[r]][s] += 1
            demand[c.req_b[r]][s] += 1
            slot_demand[s] += 1
    tables = max(1, c.tables)

    def consider(r: int) -> None:
        a, b = c.req_a[r], c.req_b[r]
        for s in c.req_slots[r]:
            demand[a][s] -= 1
            demand[b][s] -= 1
            slot_demand[s] -= 1
        if state.count[a] >= c.caps[a] or state.count[b] >= c.caps[b]:
            return
        options = state.free_slots(r)
        if not options:
            return
        da, db = demand[a], demand[b]
        best = min(
            options,
            key=lambda s: (
                da[s] + db[s] + slot_demand[s] / (tables - state.used[s]) / tables,
                s,
            ),
        )
        state.place(r, best)

    done = [False] * c.request_count
    if everyone_meets:
        for r in _first_meetings(c, order):
            done[r] = True
            consider(r)
    for r in order:
        if not done[r]:
            consider(r)
    return state


def _first_meetings(c: Compiled, order: Sequence[int]) -> list[int]:
    """One request per person, people with the fewest options first."""
    rank = {r: i for i, r in enumerate(order)}
    people = sorted(range(len(c.caps)), key=lambda p: (len(c.person_reqs[p]), p))
    chosen: list[int] = []
    covered = [False] * len(c.caps)
    for p in people:
        if covered[p] or not c.person_reqs[p]:
            continue
        # Prefer a counterpart who has no meeting yet either.
        r = min(
            c.person_reqs[p],
            key=lambda r: (covered[c.req_a[r]] and covered[c.req_b[r]], rank[r]),
        )
        chosen.append(r)
        covered[c.req_a[r]] = covered[c.req_b[r]] = True
    return chosen


def _relocate(state: State, r: int, avoid: int) -> bool:
    """Move meeting r to another slot that is free for both of its people."""
    options = state.free_slots(r, exclude=avoid)
    # The slot is still held by r itself, so `free_slots` sees its own people as free elsewhere.
    if not options:
        return False
    state.remove(r)
    state.place(r, options[0])
    return True


def _try_insert(state: State, r: int) -> bool:
    """Place r, moving at most the meetings that block one of its slots."""
    c = state.c
    a, b = c.req_a[r], c.req_b[r]
    if state.count[a] >= c.caps[a] or state.count[b] >= c.caps[b]:
        return False
    options = state.free_slots(r)
    if options:
        state.place(r, options[0])
        return True
    for s in c.req_slots[r]:
        blockers = {state.meeting_at[p][s] for p in (a, b) if s in state.meeting_at[p]}
        moved: list[tuple[int, int]] = []
        for blocker in blockers:
            origin = state.slot_of[blocker]
            if not _relocate(state, blocker, s):
                break
            moved.append((blocker, origin))
        else:
            if state.used[s] < c.tables or _make_table_room(state, s, moved):
                state.place(r, s)
                return True
        _undo(state, moved)
    return False


def _make_table_room(state: State, s: int, moved: list[tuple[int, int]]) -> bool:
    for q in list(state.in_slot[s]):
        if _relocate(state, q, s):
            moved.append((q, s))
            return True
    return False


def _undo(state: State, moved: list[tuple[int, int]]) -> None:
    for blocker, origin in reversed(moved):
        state.remove(blocker)
        state.place(blocker, origin)


def _try_swap(state: State, r: int, everyone_meets: bool) -> bool:
    """Make room for r by dropping one lighter meeting of a person who is at their cap."""
    c = state.c
    w = c.req_w[r]
    full = [p for p in (c.req_a[r], c.req_b[r]) if state.count[p] >= c.caps[p]]
    if len(full) != 1:
        return False
    p = full[0]
    lighter = sorted(
        (
            q
            for q in state.meeting_at[p].values()
            if c.req_w[q] < w
            and not (everyone_meets and state.count[c.req_a[q] + c.req_b[q] - p] == 1)
        ),
        key=lambda q: c.req_w[q],
    )
    for q in lighter:
        origin = state.remove(q)
        if _try_insert(state, r):
            return True
        state.place(q, origin)
    return False


def repair(
    state: State, order: Sequence[int], deadline: float, *, everyone_meets: bool = False
) -> None:
    """Insert unscheduled requests (heaviest first) by moving or replacing blocking meetings."""
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        for r in order:
            if state.slot_of[r] >= 0:
                continue
            if _try_insert(state, r) or _try_swap(state, r, everyone_meets):
                improved = True
            if time.monotonic() >= deadline:
                return


def greedy_schedule(
    compiled: Compiled,
    *,
    seed: int = 0,
    everyone_meets: bool = False,
    deadline: float | None = None,
) -> State:
    """The greedy construction followed by repair until `deadline`."""
    order = greedy_order(compiled, seed)
    state = construct(compiled, order, everyone_meets=everyone_meets)
    until = deadline if deadline is not None else time.monotonic() + 1.0
    repair(state, order, until, everyone_meets=everyone_meets)
    return state


def round_relaxation(compiled: Compiled, keys, values, reduced_costs) -> State:
    """Place LP columns from the largest value down, skipping those that no longer fit."""
    state = State(compiled)
    order = sorted(
        (j for j, value in enumerate(values) if value > 1e-6),
        key=lambda j: (-values[j], -reduced_costs[j], -compiled.req_w[keys[j][0]], j),
    )
    for j in order:
        r, s = keys[j]
        if state.slot_of[r] < 0 and state.fits(r, s):
            state.place(r, s)
    return state
