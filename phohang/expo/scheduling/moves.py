"""Local moves that make room for an unscheduled request, and the repair pass that uses them."""

from __future__ import annotations

import time
from collections.abc import Sequence

from .state import State

MAX_CHAIN = 40


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
    for q in state.meetings_in(s):
        if _relocate(state, q, s):
            moved.append((q, s))
            return True
    return False


def _undo(state: State, moved: list[tuple[int, int]]) -> None:
    for blocker, origin in reversed(moved):
        state.remove(blocker)
        state.place(blocker, origin)


def _kempe_chain(
    state: State, start: int, s1: int, s2: int, forbidden: int
) -> list[tuple[int, int]] | None:
    """Meetings to swap between slots s1 and s2 so that `start` becomes free in s1.

    `start` meets someone in s1 and no one in s2. Its s1 meeting moves to s2, the partner's s2
    meeting (if any) moves to s1, and so on along the alternating path; None when a moved
    meeting cannot take its new slot or the path reaches `forbidden`.
    """
    c = state.c
    moves: list[tuple[int, int]] = []
    person, origin, target = start, s1, s2
    while True:
        r = state.meeting_at[person].get(origin)
        if r is None:
            return moves
        if not c.req_mask[r] >> target & 1 or len(moves) >= MAX_CHAIN:
            return None
        moves.append((r, target))
        person = c.req_a[r] + c.req_b[r] - person
        if person == forbidden:
            return None
        origin, target = target, origin


def _kempe_insert(state: State, r: int) -> bool:
    """Place r in a slot where one of its people is busy, by swapping two slots along a chain."""
    c = state.c
    a, b = c.req_a[r], c.req_b[r]
    if state.count[a] >= c.caps[a] or state.count[b] >= c.caps[b]:
        return False
    for s1 in c.req_slots[r]:
        for free, busy in ((a, b), (b, a)):
            if state.busy[free] >> s1 & 1 or not state.busy[busy] >> s1 & 1:
                continue
            for s2 in range(c.slots):
                if s2 == s1 or state.busy[busy] >> s2 & 1:
                    continue
                chain = _kempe_chain(state, busy, s1, s2, free)
                if chain is None:
                    continue
                # An odd chain moves one meeting from s1 to s2; r then takes its place in s1.
                grows = s2 if len(chain) % 2 else s1
                if state.used[grows] >= c.tables:
                    continue
                for moved, _ in chain:
                    state.remove(moved)
                for moved, slot in chain:
                    state.place(moved, slot)
                state.place(r, s1)
                return True
    return False


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
        if _try_insert(state, r) or _kempe_insert(state, r):
            return True
        state.place(q, origin)
    return False


def _replace_lighter(state: State, r: int, everyone_meets: bool) -> bool:
    """Place r in a full slot where both its people are free, instead of a lighter meeting."""
    c = state.c
    a, b = c.req_a[r], c.req_b[r]
    if state.count[a] >= c.caps[a] or state.count[b] >= c.caps[b]:
        return False
    taken = state.busy[a] | state.busy[b]
    best, best_slot = None, -1
    for s in c.req_slots[r]:
        if taken >> s & 1:
            continue
        q = state.lightest_in(s)
        if q is None or c.req_w[q] >= c.req_w[r]:
            continue
        if everyone_meets and min(state.count[c.req_a[q]], state.count[c.req_b[q]]) == 1:
            continue
        if best is None or c.req_w[q] < c.req_w[best]:
            best, best_slot = q, s
    if best is None:
        return False
    state.remove(best)
    state.place(r, best_slot)
    return True


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
            if (
                _try_insert(state, r)
                or _kempe_insert(state, r)
                or _try_swap(state, r, everyone_meets)
                or _replace_lighter(state, r, everyone_meets)
            ):
                improved = True
            if time.monotonic() >= deadline:
                return
