import os
import random

import pytest

from phohang.expo.scheduling import (
    InstanceError,
    Options,
    Participant,
    Problem,
    Request,
    problem_from_dict,
    schedule,
    schedule_instance,
)

from .instances import person, request

QUICK = Options(time_limit_s=5, wait_for_lp_bound=True)


def pairs(result):
    return sorted((m.a, m.b, m.slot) for m in result.meetings)


def test_scarce_table_goes_to_the_must_meeting(checked):
    instance = {
        "slots": 1,
        "tables": 1,
        "participants": [
            person("b1", [0]),
            person("e1", [0]),
            person("b2", [0]),
            person("e2", [0]),
        ],
        "requests": [request("b1", "e1", "normal"), request("b2", "e2", "must")],
    }

    result = schedule_instance(instance, QUICK)

    checked(instance, result)
    assert pairs(result) == [("b2", "e2", 0)]
    assert (result.objective, result.lp_bound, result.status) == (5, 5.0, "optimal")


def test_a_person_meets_one_counterpart_per_slot(checked):
    instance = {
        "slots": 2,
        "tables": 5,
        "participants": [person("b1", [0, 1]), *(person(e, [0, 1]) for e in ("e1", "e2", "e3"))],
        "requests": [
            request("b1", "e1", "normal"),
            request("b1", "e2", "must"),
            request("b1", "e3", "high"),
        ],
    }

    result = schedule_instance(instance, QUICK)

    checked(instance, result)
    assert sorted((m.a, m.b) for m in result.meetings) == [("b1", "e2"), ("b1", "e3")]
    assert result.objective == 8


def test_meeting_cap_keeps_the_heavier_request(checked):
    instance = {
        "slots": 3,
        "tables": 3,
        "participants": [
            person("b1", [0, 1, 2], cap=1),
            person("e1", [0, 1, 2]),
            person("e2", [2]),
        ],
        "requests": [request("b1", "e1", "normal"), request("b1", "e2", "high")],
    }

    result = schedule_instance(instance, QUICK)

    checked(instance, result)
    assert pairs(result) == [("b1", "e2", 2)]


def test_people_without_a_common_slot_do_not_meet(checked):
    instance = {
        "slots": 4,
        "tables": 2,
        "participants": [person("b1", [0, 1]), person("e1", [2, 3])],
        "requests": [request("b1", "e1", "must")],
    }

    result = schedule_instance(instance, QUICK)

    checked(instance, result)
    assert (result.meetings, result.objective, result.lp_bound) == ([], 0, 0.0)


def test_clash_is_resolved_by_moving_a_meeting_to_the_other_slot(checked):
    # b2 and b3 can only come in slot 0; e1 must see b1 in slot 1 to leave slot 0 for them.
    instance = {
        "slots": 2,
        "tables": 2,
        "participants": [
            person("b1", [0, 1]),
            person("b2", [0]),
            person("b3", [0]),
            person("e1", [0, 1]),
            person("e2", [0, 1]),
        ],
        "requests": [
            request("b1", "e1", "must"),
            request("b2", "e1", "high"),
            request("b3", "e2", "high"),
            request("b1", "e2", "normal"),
        ],
    }

    result = schedule_instance(instance, QUICK)

    checked(instance, result)
    assert pairs(result) == [("b1", "e1", 1), ("b2", "e1", 0), ("b3", "e2", 0)]
    assert result.objective == 11


def test_everyone_meets_mode_gives_each_person_a_meeting(checked):
    instance = {
        "slots": 2,
        "tables": 1,
        "participants": [
            person("b1", [0, 1]),
            person("b2", [0, 1]),
            person("b3", [0, 1]),
            person("e1", [0, 1]),
            person("e2", [0, 1]),
        ],
        "requests": [
            request("b1", "e1", "must"),
            request("b2", "e1", "must"),
            request("b3", "e2", "normal"),
        ],
    }

    weighted = schedule_instance(instance, QUICK)
    everyone = schedule_instance(
        instance, Options(time_limit_s=5, everyone_meets=True, wait_for_lp_bound=True)
    )

    checked(instance, weighted)
    checked(instance, everyone)
    assert (weighted.objective, weighted.covered) == (10, 3)
    assert (everyone.objective, everyone.covered) == (6, 4)
    assert ("b3", "e2") in {(m.a, m.b) for m in everyone.meetings}


def test_bad_entries_are_skipped_and_reported(checked):
    instance = {
        "slots": 3,
        "tables": 2,
        "participants": [
            person("b1", [0, 1, 7, -1, "2"]),
            person("e1", [0, 1, 2]),
            person("e2", []),
            person("e1", [2]),
            {"role": "buyer"},
        ],
        "requests": [
            request("b1", "e1", "normal"),
            request("e1", "b1", "must"),
            request("b1", "b1", "must"),
            request("b1", "ghost", "high"),
            request("b1", "e2", "high"),
            request("e1", "e2", "urgent"),
        ],
    }

    result = schedule_instance(instance, QUICK)

    checked(instance, result)
    assert pairs(result) == [("b1", "e1", 0)] or pairs(result) == [("b1", "e1", 1)]
    assert result.objective == 5
    assert sorted(issue.code for issue in result.issues) == [
        "availability_empty",
        "participant_duplicate",
        "participant_invalid",
        "priority_unknown",
        "request_duplicate",
        "request_self",
        "request_unknown_id",
        "slot_out_of_range",
        "slot_out_of_range",
        "slot_out_of_range",
    ]


@pytest.mark.parametrize("data", [[], {"slots": -1, "tables": 2}, {"slots": 2, "tables": "3"}])
def test_an_instance_that_is_not_a_problem_is_refused(data):
    with pytest.raises(InstanceError):
        problem_from_dict(data)


@pytest.mark.parametrize(("slots", "tables"), [(0, 3), (3, 0)])
def test_no_slot_or_no_table_means_no_meeting(checked, slots, tables):
    instance = {
        "slots": slots,
        "tables": tables,
        "participants": [person("b1", [0]), person("e1", [0])],
        "requests": [request("b1", "e1", "must")],
    }

    result = schedule_instance(instance, QUICK)

    checked(instance, result)
    assert result.meetings == []


def test_exhibitors_keep_their_table_across_slots(checked):
    buyers = [person(f"b{i}", range(3)) for i in range(6)]
    exhibitors = [person(e, range(3)) for e in ("e1", "e2")]
    instance = {
        "slots": 3,
        "tables": 2,
        "participants": buyers + exhibitors,
        "requests": [request(f"b{i}", "e1") for i in range(3)]
        + [request("e2", f"b{i}") for i in range(3, 6)],
    }

    result = schedule_instance(instance, QUICK)

    checked(instance, result)
    tables = {e: {m.table for m in result.meetings if e in (m.a, m.b)} for e in ("e1", "e2")}
    assert len(result.meetings) == 6
    assert tables["e1"] != tables["e2"]
    assert (len(tables["e1"]), len(tables["e2"]), result.table_changes) == (1, 1, 0)


def test_exhibitors_with_disjoint_hours_share_a_table(checked):
    instance = {
        "slots": 4,
        "tables": 2,
        "participants": [
            person("b1", range(4)),
            person("b2", range(4)),
            person("e1", [0, 1]),
            person("e2", [0, 1]),
            person("e3", [2, 3]),
        ],
        "requests": [
            request("b1", "e1"),
            request("b2", "e1"),
            request("b1", "e2"),
            request("b2", "e2"),
            request("b1", "e3"),
            request("b2", "e3"),
        ],
    }

    result = schedule_instance(instance, QUICK)

    checked(instance, result)
    assert len(result.meetings) == 6
    assert result.table_changes == 0


def test_progress_reports_every_phase_and_ends_done():
    seen = []
    instance = {
        "slots": 2,
        "tables": 1,
        "participants": [person("b1", [0, 1]), person("e1", [0, 1]), person("e2", [0, 1])],
        "requests": [request("b1", "e1", "must"), request("b1", "e2")],
    }

    result = schedule_instance(instance, QUICK, progress=seen.append)

    phases = [p.phase for p in seen]
    assert phases[0] == "greedy"
    assert phases[-1] == "done"
    assert {"bound", "search", "tables"} <= set(phases)
    assert (seen[-1].objective, seen[-1].bound, seen[-1].fraction) == (6, 6.0, 1.0)
    assert result.objective == 6


def random_instance(seed, people=80, requests=400, slots=8, tables=10):
    rng = random.Random(seed)
    participants = [
        person(
            f"{'b' if i % 2 else 'e'}{i}",
            sorted(rng.sample(range(slots), rng.randint(0, slots))),
            cap=rng.randint(1, slots),
        )
        for i in range(people)
    ]
    ids = [p["id"] for p in participants]
    pairs = {tuple(rng.sample(ids, 2)) for _ in range(requests)}
    return {
        "slots": slots,
        "tables": tables,
        "participants": participants,
        "requests": [request(a, b, rng.choice(["must", "high", "normal"])) for a, b in pairs],
    }


@pytest.mark.parametrize("load", [0.0, 99.0])
def test_parts_solved_together_or_one_by_one_give_valid_schedules(checked, monkeypatch, load):
    # Whether neighbourhoods run in parallel depends on the machine's load (lns._parallel_parts).
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    instance = random_instance(seed=7)

    result = schedule_instance(instance, Options(time_limit_s=3, workers=2, wait_for_lp_bound=True))

    checked(instance, result)
    assert result.objective >= result.greedy_objective
    assert result.objective <= result.lp_bound + 1e-6


def test_must_first_never_gives_up_a_must_meeting_for_others(checked):
    # b1–e1 (must) clashes with b1–e2 and b3–e1 (high): by weight 3 + 3 beats 5.
    instance = {
        "slots": 1,
        "tables": 2,
        "participants": [person(pid, [0]) for pid in ("b1", "b3", "e1", "e2")],
        "requests": [
            request("b1", "e1", "must"),
            request("b1", "e2", "high"),
            request("b3", "e1", "high"),
        ],
    }

    by_weight = schedule_instance(instance, QUICK)
    must_first = schedule_instance(instance, Options(time_limit_s=5, must_first=True))

    checked(instance, by_weight)
    checked(instance, must_first)
    assert pairs(by_weight) == [("b1", "e2", 0), ("b3", "e1", 0)]
    assert (by_weight.objective, by_weight.lp_bound) == (6, 6.0)
    assert pairs(must_first) == [("b1", "e1", 0)]
    assert (must_first.objective, must_first.lp_bound, must_first.status) == (5, None, "optimal")


@pytest.mark.parametrize(
    "instance",
    [
        {"slots": 4, "tables": 2, "participants": [], "requests": []},
        {"slots": 4, "tables": 2},
        {"slots": 4, "tables": 2, "participants": [person("b1", [0])], "requests": []},
    ],
)
def test_an_instance_without_requests_gives_an_empty_schedule(checked, instance):
    result = schedule_instance(instance, QUICK)

    checked(instance, result)
    assert (result.meetings, result.objective, result.status) == ([], 0, "optimal")


def test_a_problem_built_directly_is_cleaned_like_a_parsed_one():
    problem = Problem(
        slots=2,
        tables=2,
        participants=(
            Participant("b1", "buyer", (0, 1, 5), 2),
            Participant("e1", "exhibitor", (1, 7), 2),
        ),
        requests=(
            Request("b1", "e1", "normal"),
            Request("e1", "b1", "must"),
            Request("b1", "b1", "must"),
            Request("b1", "ghost", "high"),
        ),
    )

    result = schedule(problem, QUICK)

    assert [(m.slot, m.table) for m in result.meetings] == [(1, 0)]
    assert {result.meetings[0].a, result.meetings[0].b} == {"b1", "e1"}
    assert result.objective == 5
