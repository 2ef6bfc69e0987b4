"""Tables for a slot assignment: each exhibitor keeps one home table wherever it can.

Every host (the exhibitor of a meeting, or its first person when neither side exhibits) gets a
home table; hosts whose meeting slots do not overlap may share one. In each slot a meeting sits
at its host's home table when that table is free there, otherwise at the table the host used
last if free, otherwise at the lowest free table. A slot never holds more meetings than tables,
so every meeting gets a distinct table.
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import Compiled


def host_of(compiled: Compiled, r: int) -> int:
    a, b = compiled.req_a[r], compiled.req_b[r]
    if compiled.roles[a] != "exhibitor" and compiled.roles[b] == "exhibitor":
        return b
    return a


def _home_tables(compiled: Compiled, assignment: Mapping[int, int]) -> dict[int, int]:
    slots_of: dict[int, int] = {}
    for r, s in assignment.items():
        host = host_of(compiled, r)
        slots_of[host] = slots_of.get(host, 0) | 1 << s
    occupied = [0] * compiled.tables
    home: dict[int, int] = {}
    for host in sorted(slots_of, key=lambda h: (-slots_of[h].bit_count(), h)):
        mask = slots_of[host]
        # Least overlap first; among equals pack onto the fullest table so empty ones stay empty.
        table = min(
            range(compiled.tables),
            key=lambda t: ((occupied[t] & mask).bit_count(), -occupied[t].bit_count(), t),
        )
        home[host] = table
        occupied[table] |= mask
    return home


def assign_tables(compiled: Compiled, assignment: Mapping[int, int]) -> tuple[dict[int, int], int]:
    """Table of each scheduled request, and how often a host had to change tables."""
    if not assignment:
        return {}, 0
    home = _home_tables(compiled, assignment)
    by_slot: dict[int, list[int]] = {}
    for r, s in assignment.items():
        by_slot.setdefault(s, []).append(r)
    table_of: dict[int, int] = {}
    last: dict[int, int] = {}
    changes = 0
    for s in sorted(by_slot):
        meetings = sorted(by_slot[s], key=lambda r: (host_of(compiled, r), r))
        if len(meetings) > compiled.tables:
            raise ValueError(f"slot {s} has {len(meetings)} meetings for {compiled.tables} tables")
        taken: set[int] = set()
        waiting = []
        for r in meetings:
            table = home[host_of(compiled, r)]
            if table in taken:
                waiting.append(r)
            else:
                taken.add(table)
                table_of[r] = table
        for r in waiting:
            previous = last.get(host_of(compiled, r))
            if previous is not None and previous not in taken:
                table = previous
            else:
                table = next(t for t in range(compiled.tables) if t not in taken)
            taken.add(table)
            table_of[r] = table
        for r in meetings:
            host = host_of(compiled, r)
            if host in last and last[host] != table_of[r]:
                changes += 1
            last[host] = table_of[r]
    return table_of, changes
