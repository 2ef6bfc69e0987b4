"""An independent check of a schedule against the raw instance (shares no code with the solver).

It reads the JSON forms directly and reports every broken rule: unknown or unrequested pairs,
a pair met twice, slots outside the event or a person's availability, a person or a table used
twice in one slot, tables outside the room, meeting caps exceeded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

PRIORITY_WEIGHTS = {"must": 5, "high": 3, "normal": 1}


@dataclass
class CheckReport:
    objective: int = 0
    meetings: int = 0
    violations: list[str] = field(default_factory=list)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _index_people(instance: Mapping) -> dict[str, Mapping]:
    people: dict[str, Mapping] = {}
    for person in instance.get("participants") or []:
        if isinstance(person, Mapping) and isinstance(person.get("id"), str):
            people.setdefault(person["id"], person)
    return people


def _pair_weights(instance: Mapping, people: Mapping[str, Mapping]) -> dict[frozenset, int]:
    weights: dict[frozenset, int] = {}
    for request in instance.get("requests") or []:
        if not isinstance(request, Mapping):
            continue
        a, b = request.get("a"), request.get("b")
        weight = PRIORITY_WEIGHTS.get(request.get("priority", "normal"))
        if a in people and b in people and a != b and weight is not None:
            pair = frozenset((a, b))
            weights[pair] = max(weight, weights.get(pair, 0))
    return weights


def _available(person: Mapping, slots: int) -> set[int]:
    wanted = person.get("available_slots") or []
    return {s for s in wanted if _is_int(s) and 0 <= s < slots}


def _cap(person: Mapping, slots: int) -> int:
    cap = person.get("max_meetings", slots)
    return cap if _is_int(cap) and cap >= 0 else 0


def check_schedule(instance: Mapping, schedule: Mapping) -> CheckReport:
    """Objective and violations of `schedule` ({"meetings": [...]}) for `instance`."""
    report = CheckReport()
    slots, tables = instance.get("slots"), instance.get("tables")
    if not _is_int(slots) or not _is_int(tables):
        report.violations.append("instance: slots and tables must be integers")
        return report
    people = _index_people(instance)
    weights = _pair_weights(instance, people)
    meetings = schedule.get("meetings")
    if not isinstance(meetings, list):
        report.violations.append("schedule: meetings must be a list")
        return report
    seen_pairs: set[frozenset] = set()
    seat: set[tuple[str, int]] = set()
    table_use: set[tuple[int, int]] = set()
    count: Counter[str] = Counter()
    for number, meeting in enumerate(meetings):
        where = f"meeting {number}"
        if not isinstance(meeting, Mapping):
            report.violations.append(f"{where}: not an object")
            continue
        a, b, slot, table = (meeting.get(k) for k in ("a", "b", "slot", "table"))
        pair = frozenset((a, b)) if isinstance(a, str) and isinstance(b, str) else None
        if pair is None or pair not in weights:
            report.violations.append(f"{where}: {a!r}–{b!r} was not requested")
            continue
        if pair in seen_pairs:
            report.violations.append(f"{where}: {a}–{b} meet twice")
            continue
        seen_pairs.add(pair)
        if not _is_int(slot) or not 0 <= slot < slots:
            report.violations.append(f"{where}: slot {slot!r} outside the event")
            continue
        if not _is_int(table) or not 0 <= table < tables:
            report.violations.append(f"{where}: table {table!r} does not exist")
        elif (slot, table) in table_use:
            report.violations.append(f"{where}: table {table} used twice in slot {slot}")
        else:
            table_use.add((slot, table))
        for pid in (a, b):
            if slot not in _available(people[pid], slots):
                report.violations.append(f"{where}: {pid} is not available in slot {slot}")
            if (pid, slot) in seat:
                report.violations.append(f"{where}: {pid} is double-booked in slot {slot}")
            seat.add((pid, slot))
            count[pid] += 1
        report.objective += weights[pair]
        report.meetings += 1
    for pid, meetings_held in sorted(count.items()):
        cap = _cap(people[pid], slots)
        if meetings_held > cap:
            report.violations.append(f"{pid}: {meetings_held} meetings, cap {cap}")
    return report
