"""Which part of a schedule to free next in the large-neighbourhood search.

A people neighbourhood frees the requests of a group of people grown from seeds along requests;
seeds favour the people of requests that a relaxation schedules and the schedule does not,
since that is where the missing weight is. A slot neighbourhood frees every meeting in a few slots together with the
unscheduled requests that could use them. Requests that touch `blocked` people (those another
neighbourhood of the same round already involves) are left alone, so that neighbourhoods of one
round never share a person and can be solved at the same time.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence

from .state import State


class Chooser:
    def __init__(self, state: State, wanted: Sequence[float] | None, rng: random.Random) -> None:
        self.state = state
        self.c = state.c
        self.wanted = wanted
        self.rng = rng
        self.total_columns = sum(len(slots) for slots in self.c.req_slots)
        self.focus: list[int] = []
        self.refresh()

    def refresh(self) -> None:
        """People of the requests a relaxation schedules and the schedule does not."""
        if self.wanted is None:
            return
        c, state = self.c, self.state
        people: set[int] = set()
        for r, value in enumerate(self.wanted):
            if value > 0.05 and state.slot_of[r] < 0:
                people.add(c.req_a[r])
                people.add(c.req_b[r])
        self.focus = sorted(people)

    def people(self, budget: int, blocked: Collection[int]) -> set[int]:
        """Requests among a group of people reached from seeds, about `budget` columns in all."""
        c = self.c
        candidates = [p for p in self.focus if p not in blocked]
        if candidates and self.rng.random() < 0.6:
            seeds = self.rng.sample(candidates, min(3, len(candidates)))
        else:
            seeds = [self.rng.randrange(len(c.caps))]
        chosen = self._grow(seeds, budget, blocked)
        return {
            r
            for p in chosen
            for r in c.person_reqs[p]
            if c.req_a[r] not in blocked and c.req_b[r] not in blocked
        }

    def _grow(self, seeds: Sequence[int], budget: int, blocked: Collection[int]) -> set[int]:
        c = self.c
        chosen: set[int] = set()
        frontier = [p for p in seeds if p not in blocked]
        columns = 0
        tries = 0
        while frontier and columns < budget:
            p = frontier.pop(0)
            if p in chosen:
                continue
            chosen.add(p)
            columns += sum(len(c.req_slots[r]) for r in c.person_reqs[p])
            partners = [c.req_a[r] + c.req_b[r] - p for r in c.person_reqs[p]]
            self.rng.shuffle(partners)
            frontier.extend(q for q in partners[:4] if q not in chosen and q not in blocked)
            while not frontier and columns < budget and tries < 20:
                tries += 1
                q = self.rng.randrange(len(c.caps))
                if q not in blocked and q not in chosen:
                    frontier.append(q)
        return chosen

    def slots(self, budget: int, blocked: Collection[int]) -> set[int]:
        """Meetings in a few random slots, and the unscheduled requests that could use them."""
        c, state = self.c, self.state
        count = max(1, min(c.slots, budget * c.slots // max(1, self.total_columns)))
        mask = sum(1 << s for s in self.rng.sample(range(c.slots), count))
        return {
            r
            for r in range(c.request_count)
            if (
                (state.slot_of[r] >= 0 and mask >> state.slot_of[r] & 1)
                or (state.slot_of[r] < 0 and c.req_mask[r] & mask)
            )
            and c.req_a[r] not in blocked
            and c.req_b[r] not in blocked
        }
