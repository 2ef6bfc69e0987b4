"""Deterministic generator of B2B meeting-scheduling instances for bench/expo/schedule.py.

    .venv/bin/python bench/expo/generate.py --out-dir var/expo    # the standard suite
    .venv/bin/python bench/expo/generate.py --participants 300 --requests 2000 --slots 16 \
        --tables 40 --seed 3 --out one.json                       # one instance

Participants are trade buyers and exhibitors. Availability varies the way people register for a
fair: the whole event, one contiguous block, a half day (morning or afternoon), or the whole event
with random gaps; some people give no availability at all. Meeting caps run from 1 to 16.
Requests lean on popular exhibitors (a Zipf-like popularity), carry must / high / normal
priorities in varied mixes, and a few join two buyers or two exhibitors. `--dirty` adds the
mistakes real registration data has: duplicate and reversed requests, a request to oneself,
unknown ids, slots outside the event, an empty availability list.
"""

import argparse
import json
import random
from pathlib import Path

# name, participants, requests, slots, tables, uniform: the three sizes first; "u" names
# spread requests evenly and mix in same-role requests.
SUITE = [
    ("p300-r2000-t40", 300, 2000, 16, 40, False),
    ("p300-r2000-t100", 300, 2000, 16, 100, False),
    ("p1000-r8000-t150", 1000, 8000, 16, 150, False),
    ("p60-r300-t12", 60, 300, 8, 12, False),
    ("p120-r900-t30", 120, 900, 12, 30, False),
    ("p200-r1200-t80", 200, 1200, 10, 80, False),
    ("p500-r4000-t60", 500, 4000, 16, 60, False),
    ("p600-r3000-t200", 600, 3000, 16, 200, False),
    ("u300-r2000-t40", 300, 2000, 16, 40, True),
    ("u300-r2000-t100", 300, 2000, 16, 100, True),
    ("u1000-r8000-t150", 1000, 8000, 16, 150, True),
]
SUITE_SEEDS = (1, 2, 3)
TIME_LIMITS = {"p1000-": 60, "u1000-": 60}
DEFAULT_TIME_LIMIT = 20

PRIORITY_MIXES = [
    (0.10, 0.30, 0.60),
    (0.20, 0.30, 0.50),
    (0.05, 0.15, 0.80),
    (0.35, 0.35, 0.30),
]


def _availability(rng: random.Random, slots: int, style: str) -> list[int]:
    half = slots // 2
    if style == "full":
        chosen = range(slots)
    elif style == "block":
        length = rng.randint(max(1, slots // 4), slots)
        start = rng.randint(0, slots - length)
        chosen = range(start, start + length)
    elif style == "half":
        chosen = range(half) if rng.random() < 0.5 else range(half, slots)
    elif style == "gaps":
        keep = rng.uniform(0.5, 0.9)
        chosen = [s for s in range(slots) if rng.random() < keep]
    else:
        chosen = []
    return sorted(chosen)


def _cap(rng: random.Random, slots: int, style: str) -> int:
    if style == "low":
        return rng.randint(1, 4)
    if style == "high":
        return rng.randint(8, 16)
    return rng.randint(1, 16) if rng.random() < 0.4 else rng.randint(4, 10)


def generate(
    *,
    participants: int,
    requests: int,
    slots: int,
    tables: int,
    seed: int,
    dirty: bool = False,
    uniform: bool = False,
) -> dict:
    """One instance as the benchmark's JSON structure.

    `uniform` spreads requests evenly over people (no popular exhibitors) and lets up to a
    fifth of them join two people of the same role.
    """
    rng = random.Random(seed * 1_000_003 + participants * 7 + requests * 13 + tables)
    buyer_share = rng.uniform(0.4, 0.6)
    styles = ["full", "block", "half", "gaps", "none"]
    style_weights = [rng.uniform(0.2, 0.5), 0.2, rng.uniform(0.1, 0.25), 0.25, 0.01]
    cap_style = rng.choice(["mixed", "mixed", "low", "high"])
    people = []
    for index in range(participants):
        role = "buyer" if rng.random() < buyer_share else "exhibitor"
        style = rng.choices(styles, weights=style_weights)[0]
        people.append(
            {
                "id": f"p{index + 1}",
                "role": role,
                "available_slots": _availability(rng, slots, style),
                "max_meetings": min(16, _cap(rng, slots, cap_style)),
            }
        )
    buyers = [p["id"] for p in people if p["role"] == "buyer"] or [people[0]["id"]]
    exhibitors = [p["id"] for p in people if p["role"] == "exhibitor"] or [people[-1]["id"]]
    # Popularity: a few exhibitors (and active buyers) attract most requests.
    exponent = 0.0 if uniform else rng.uniform(0.6, 1.1)
    exhibitor_weight = [1.0 / (rank + 1) ** exponent for rank in range(len(exhibitors))]
    buyer_weight = [1.0 / (rank + 1) ** (exponent / 2) for rank in range(len(buyers))]
    rng.shuffle(exhibitor_weight)
    rng.shuffle(buyer_weight)
    mix = rng.choice(PRIORITY_MIXES)
    same_role_share = rng.choice([0.05, 0.1, 0.2] if uniform else [0.0, 0.0, 0.03, 0.08])
    seen: set[frozenset] = set()
    out_requests = []
    attempts = 0
    while len(out_requests) < requests and attempts < requests * 50:
        attempts += 1
        if rng.random() < same_role_share:
            pool = buyers if rng.random() < 0.5 else exhibitors
            a, b = rng.sample(pool, 2) if len(pool) > 1 else (pool[0], pool[0])
        else:
            a = rng.choices(buyers, weights=buyer_weight)[0]
            b = rng.choices(exhibitors, weights=exhibitor_weight)[0]
            if rng.random() < 0.3:
                a, b = b, a
        pair = frozenset((a, b))
        if a == b or pair in seen:
            continue
        seen.add(pair)
        priority = rng.choices(["must", "high", "normal"], weights=mix)[0]
        out_requests.append({"a": a, "b": b, "priority": priority})
    instance = {"slots": slots, "tables": tables, "participants": people, "requests": out_requests}
    if dirty:
        _add_dirt(rng, instance)
    return instance


def _add_dirt(rng: random.Random, instance: dict) -> None:
    people = instance["participants"]
    requests = instance["requests"]
    for request in rng.sample(requests, min(5, len(requests))):
        requests.append(dict(request))
        requests.append({"a": request["b"], "b": request["a"], "priority": "must"})
    requests.append({"a": people[0]["id"], "b": people[0]["id"], "priority": "must"})
    requests.append({"a": "nobody", "b": people[1]["id"], "priority": "high"})
    people[2]["available_slots"] = people[2]["available_slots"] + [-1, instance["slots"], 99]
    people[3]["available_slots"] = []
    rng.shuffle(requests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, help="write the standard suite here")
    parser.add_argument("--out", type=Path, help="write one instance here")
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--slots", type=int, default=16)
    parser.add_argument("--tables", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dirty", action="store_true")
    parser.add_argument("--uniform", action="store_true")
    args = parser.parse_args()
    if args.out_dir:
        args.out_dir.mkdir(parents=True, exist_ok=True)
        for name, participants, requests, slots, tables, uniform in SUITE:
            for seed in SUITE_SEEDS:
                instance = generate(
                    participants=participants,
                    requests=requests,
                    slots=slots,
                    tables=tables,
                    seed=seed,
                    dirty=seed == SUITE_SEEDS[-1] and participants < 250,
                    uniform=uniform,
                )
                path = args.out_dir / f"{name}-s{seed}.json"
                path.write_text(json.dumps(instance))
        print(json.dumps({"written": len(SUITE) * len(SUITE_SEEDS), "dir": str(args.out_dir)}))
    elif args.out:
        instance = generate(
            participants=args.participants,
            requests=args.requests,
            slots=args.slots,
            tables=args.tables,
            seed=args.seed,
            dirty=args.dirty,
            uniform=args.uniform,
        )
        args.out.write_text(json.dumps(instance))
        print(json.dumps({"written": 1, "file": str(args.out)}))
    else:
        parser.error("give --out-dir or --out")


if __name__ == "__main__":
    main()
