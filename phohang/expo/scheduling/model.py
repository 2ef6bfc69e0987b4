"""The scheduling problem, its cleaned compiled form, and the result types."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

WEIGHTS: Mapping[str, int] = {"must": 5, "high": 3, "normal": 1}
ROLES = ("buyer", "exhibitor")


class InstanceError(ValueError):
    """The instance is not a scheduling problem at all (not recoverable by skipping entries)."""


@dataclass(frozen=True)
class Participant:
    id: str
    role: str
    available_slots: tuple[int, ...]
    max_meetings: int


@dataclass(frozen=True)
class Request:
    a: str
    b: str
    priority: str

    @property
    def weight(self) -> int:
        return WEIGHTS[self.priority]


@dataclass(frozen=True)
class Problem:
    slots: int
    tables: int
    participants: tuple[Participant, ...]
    requests: tuple[Request, ...]


@dataclass(frozen=True)
class Meeting:
    a: str
    b: str
    slot: int
    table: int


@dataclass(frozen=True)
class Issue:
    """An entry of the input that was skipped or corrected, said in one line."""

    code: str
    detail: str


@dataclass(frozen=True)
class Options:
    time_limit_s: float = 20.0
    workers: int = 2
    everyone_meets: bool = False
    # Never give up a must-meet for any number of other meetings (lexicographic, no LP bound).
    must_first: bool = False
    # Keep solving the LP relaxation for `Result.lp_bound` after a schedule is proven optimal.
    wait_for_lp_bound: bool = False
    seed: int = 0


@dataclass(frozen=True)
class Progress:
    """What the scheduler is doing now: the best objective so far and the best upper bound."""

    phase: str
    elapsed_s: float
    time_limit_s: float
    objective: int | None = None
    bound: float | None = None

    @property
    def fraction(self) -> float:
        if self.phase == "done" or self.time_limit_s <= 0:
            return 1.0
        return min(1.0, self.elapsed_s / self.time_limit_s)


ProgressCallback = Callable[[Progress], None]


@dataclass
class Result:
    meetings: list[Meeting]
    objective: int
    lp_bound: float | None
    status: str
    greedy_objective: int
    solve_s: float
    table_changes: int
    covered: int
    issues: list[Issue] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.lp_bound is None:
            return None
        if self.lp_bound <= 0:
            return 1.0
        return self.objective / self.lp_bound


@dataclass
class Compiled:
    """The problem on integer indices: only requests that may be scheduled at all."""

    problem: Problem
    slots: int
    tables: int
    caps: list[int]
    roles: list[str]
    person_ids: list[str]
    req_a: list[int]
    req_b: list[int]
    req_w: list[int]  # weight the solver maximises
    req_points: list[int]  # the priority's weight (5 / 3 / 1), which results report
    req_slots: list[tuple[int, ...]]
    req_mask: list[int]  # bit s set: both people can meet in slot s
    req_source: list[Request]
    person_reqs: list[list[int]]

    @property
    def request_count(self) -> int:
        return len(self.req_a)


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    return value if isinstance(value, int) else None


def _participant_from(raw: object, slots: int, issues: list[Issue]) -> Participant | None:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("id"), str) or not raw["id"]:
        issues.append(Issue("participant_invalid", f"participant without an id: {raw!r:.80}"))
        return None
    pid = raw["id"]
    role = raw.get("role")
    if role not in ROLES:
        issues.append(Issue("role_unknown", f"{pid}: role {role!r:.40} taken as buyer"))
        role = "buyer"
    cap = _as_int(raw.get("max_meetings", slots))
    if cap is None or cap < 0:
        issues.append(
            Issue("cap_invalid", f"{pid}: max_meetings {raw.get('max_meetings')!r:.40} taken as 0")
        )
        cap = 0
    wanted = raw.get("available_slots", [])
    if not isinstance(wanted, list | tuple):
        issues.append(Issue("availability_invalid", f"{pid}: available_slots is not a list"))
        wanted = []
    available = set()
    for value in wanted:
        slot = _as_int(value)
        if slot is None or not 0 <= slot < slots:
            issues.append(Issue("slot_out_of_range", f"{pid}: slot {value!r:.40} ignored"))
        else:
            available.add(slot)
    if not available:
        issues.append(Issue("availability_empty", f"{pid}: no available slot"))
    return Participant(pid, role, tuple(sorted(available)), cap)


def problem_from_dict(data: object) -> tuple[Problem, list[Issue]]:
    """Parse the benchmark/JSON form; skip and report entries that cannot be scheduled."""
    if not isinstance(data, Mapping):
        raise InstanceError("the instance must be a JSON object")
    slots, tables = _as_int(data.get("slots")), _as_int(data.get("tables"))
    if slots is None or tables is None or slots < 0 or tables < 0:
        raise InstanceError("slots and tables must be non-negative integers")
    issues: list[Issue] = []
    participants: dict[str, Participant] = {}
    for raw in data.get("participants") or []:
        person = _participant_from(raw, slots, issues)
        if person is None:
            continue
        if person.id in participants:
            issues.append(Issue("participant_duplicate", f"{person.id}: later entry ignored"))
            continue
        participants[person.id] = person
    requests: dict[frozenset[str], Request] = {}
    for raw in data.get("requests") or []:
        request = _request_from(raw, participants, issues)
        if request is None:
            continue
        pair = frozenset((request.a, request.b))
        earlier = requests.get(pair)
        if earlier is not None:
            issues.append(Issue("request_duplicate", f"{request.a}–{request.b}: merged"))
            if request.weight > earlier.weight:
                requests[pair] = Request(earlier.a, earlier.b, request.priority)
            continue
        requests[pair] = request
    problem = Problem(slots, tables, tuple(participants.values()), tuple(requests.values()))
    return problem, issues


def _request_from(
    raw: object, participants: Mapping[str, Participant], issues: list[Issue]
) -> Request | None:
    if not isinstance(raw, Mapping):
        issues.append(Issue("request_invalid", f"not a request: {raw!r:.80}"))
        return None
    a, b, priority = raw.get("a"), raw.get("b"), raw.get("priority", "normal")
    label = f"{a!r:.40}–{b!r:.40}"
    if not isinstance(a, str) or not isinstance(b, str):
        issues.append(Issue("request_invalid", f"{label}: ids must be strings"))
        return None
    if a == b:
        issues.append(Issue("request_self", f"{label}: a request to oneself"))
        return None
    unknown = [pid for pid in (a, b) if pid not in participants]
    if unknown:
        issues.append(Issue("request_unknown_id", f"{label}: unknown {', '.join(unknown)}"))
        return None
    if priority not in WEIGHTS:
        issues.append(Issue("priority_unknown", f"{label}: priority {priority!r:.40}"))
        return None
    return Request(a, b, priority)


def compile_problem(problem: Problem, *, must_first: bool = False) -> Compiled:
    """Index people and keep the requests both sides can attend in at least one common slot.

    Entries a parsed problem never has (slots outside the event, unknown people or priorities,
    a request to oneself, a pair asked twice) are left out here too. With `must_first`, a
    must-meet weighs more than all other requests together.
    """
    index = {person.id: i for i, person in enumerate(problem.participants)}
    people = problem.participants
    available = [
        frozenset(s for s in person.available_slots if 0 <= s < problem.slots) for person in people
    ]
    caps = [
        max(0, min(person.max_meetings, len(slots)))
        for person, slots in zip(people, available, strict=True)
    ]
    compiled = Compiled(
        problem=problem,
        slots=problem.slots,
        tables=problem.tables,
        caps=caps,
        roles=[person.role for person in people],
        person_ids=[person.id for person in people],
        req_a=[],
        req_b=[],
        req_w=[],
        req_points=[],
        req_slots=[],
        req_mask=[],
        req_source=[],
        person_reqs=[[] for _ in people],
    )
    if problem.tables <= 0:
        return compiled
    seen: dict[frozenset[int], int] = {}
    for request in problem.requests:
        a, b = index.get(request.a), index.get(request.b)
        if a is None or b is None or a == b or request.priority not in WEIGHTS:
            continue
        common = tuple(sorted(available[a] & available[b]))
        if not common or caps[a] == 0 or caps[b] == 0:
            continue
        earlier = seen.get(frozenset((a, b)))
        if earlier is not None:
            if request.weight > compiled.req_w[earlier]:
                compiled.req_w[earlier] = compiled.req_points[earlier] = request.weight
                compiled.req_source[earlier] = request
            continue
        r = len(compiled.req_a)
        seen[frozenset((a, b))] = r
        compiled.req_a.append(a)
        compiled.req_b.append(b)
        compiled.req_w.append(request.weight)
        compiled.req_points.append(request.weight)
        compiled.req_slots.append(common)
        compiled.req_mask.append(sum(1 << s for s in common))
        compiled.req_source.append(request)
        compiled.person_reqs[a].append(r)
        compiled.person_reqs[b].append(r)
    if must_first:
        must = WEIGHTS["must"]
        heavy = sum(w for w in compiled.req_w if w != must) + 1
        compiled.req_w = [heavy if w == must else w for w in compiled.req_w]
    return compiled
