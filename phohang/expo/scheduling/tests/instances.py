"""Tiny instances and an exhaustive solver to compare the scheduler with."""

import itertools

from phohang.expo.scheduling import WEIGHTS


def person(pid, slots, cap=16, role=None):
    role = role or ("buyer" if pid.startswith("b") else "exhibitor")
    return {"id": pid, "role": role, "available_slots": list(slots), "max_meetings": cap}


def request(a, b, priority="normal"):
    return {"a": a, "b": b, "priority": priority}


def as_dict(result):
    return {
        "meetings": [
            {"a": m.a, "b": m.b, "slot": m.slot, "table": m.table} for m in result.meetings
        ]
    }


def brute_force_optimum(instance):
    """Best total weight by trying every slot (or none) for every request; tiny instances only."""
    people = {p["id"]: p for p in instance["participants"]}
    slots, tables = instance["slots"], instance["tables"]
    best_weight: dict[frozenset, int] = {}
    for r in instance["requests"]:
        if r["a"] in people and r["b"] in people and r["a"] != r["b"]:
            pair = frozenset((r["a"], r["b"]))
            best_weight[pair] = max(best_weight.get(pair, 0), WEIGHTS[r["priority"]])
    pairs = list(best_weight)
    options = []
    for pair in pairs:
        a, b = sorted(pair)
        common = set(people[a]["available_slots"]) & set(people[b]["available_slots"])
        options.append([None, *sorted(s for s in common if 0 <= s < slots)])
    best = 0
    for choice in itertools.product(*options):
        count: dict[str, int] = {}
        seat: set[tuple[str, int]] = set()
        used = [0] * slots
        weight = 0
        feasible = True
        for pair, slot in zip(pairs, choice, strict=True):
            if slot is None:
                continue
            used[slot] += 1
            weight += best_weight[pair]
            for pid in pair:
                count[pid] = count.get(pid, 0) + 1
                feasible &= (pid, slot) not in seat and count[pid] <= people[pid]["max_meetings"]
                seat.add((pid, slot))
            feasible &= used[slot] <= tables
            if not feasible:
                break
        if feasible:
            best = max(best, weight)
    return best
