"""A partial schedule with the occupancy needed to test and apply a placement in O(1)."""

from __future__ import annotations

from .model import Compiled


class State:
    """Slots of scheduled requests, with who is busy when, meeting counts and tables in use."""

    def __init__(self, compiled: Compiled) -> None:
        self.c = compiled
        people = len(compiled.caps)
        self.slot_of = [-1] * compiled.request_count
        self.busy = [0] * people  # bit s set: the person meets someone in slot s
        self.meeting_at: list[dict[int, int]] = [{} for _ in range(people)]
        self.count = [0] * people
        self.used = [0] * compiled.slots
        # Meetings in each slot by weight, to find the lightest one quickly.
        self.in_slot: list[dict[int, set[int]]] = [{} for _ in range(compiled.slots)]
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
        self.in_slot[s].setdefault(c.req_w[r], set()).add(r)
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
        self.in_slot[s][c.req_w[r]].discard(r)
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

    def meetings_in(self, s: int) -> list[int]:
        return [r for group in self.in_slot[s].values() for r in group]

    def lightest_in(self, s: int) -> int | None:
        """A meeting of the smallest weight in slot s."""
        weights = [w for w, group in self.in_slot[s].items() if group]
        return next(iter(self.in_slot[s][min(weights)])) if weights else None

    def score(self, everyone_meets: bool) -> int:
        """The objective, after the number of people with a meeting when everyone should meet."""
        if everyone_meets:
            return self.covered * (sum(self.c.req_w) + 1) + self.objective
        return self.objective

    def assignment(self) -> dict[int, int]:
        return {r: s for r, s in enumerate(self.slot_of) if s >= 0}
