"""A fast greedy schedule: heaviest requests first, each in the slot that is needed least."""

from __future__ import annotations

import random
import time
from collections.abc import Sequence

from .model import Compiled
from .moves import repair
from .state import State


def greedy_order(
    compiled: Compiled, seed: int = 0, *, wanted: Sequence[float] | None = None
) -> list[int]:
    """Heaviest first; among equals, the requests with the fewest slots and busiest people first.

    With `wanted` (how much of each request a relaxation schedules) the requests it wants most
    come first: weight alone fills people's caps with the wrong meetings.
    """
    rng = random.Random(seed)
    c = compiled
    load = [len(reqs) / max(1, cap) for reqs, cap in zip(c.person_reqs, c.caps, strict=True)]
    tiebreak = [rng.random() for _ in range(c.request_count)]

    def key(r: int) -> tuple[float, ...]:
        share = -round(wanted[r], 6) if wanted is not None else 0.0
        busy = load[c.req_a[r]] + load[c.req_b[r]]
        return (share, -c.req_w[r], len(c.req_slots[r]), -busy, tiebreak[r])

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
