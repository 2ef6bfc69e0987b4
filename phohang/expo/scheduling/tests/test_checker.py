from phohang.expo.scheduling import check_schedule

INSTANCE = {
    "slots": 3,
    "tables": 2,
    "participants": [
        {"id": "b1", "role": "buyer", "available_slots": [0, 1, 2], "max_meetings": 2},
        {"id": "b2", "role": "buyer", "available_slots": [0, 1], "max_meetings": 1},
        {"id": "e1", "role": "exhibitor", "available_slots": [0, 1, 2], "max_meetings": 3},
        {"id": "e2", "role": "exhibitor", "available_slots": [1, 2], "max_meetings": 3},
    ],
    "requests": [
        {"a": "b1", "b": "e1", "priority": "must"},
        {"a": "b1", "b": "e2", "priority": "high"},
        {"a": "b2", "b": "e1", "priority": "normal"},
        {"a": "b2", "b": "e2", "priority": "normal"},
    ],
}


def meeting(a, b, slot, table):
    return {"a": a, "b": b, "slot": slot, "table": table}


def check(*meetings):
    return check_schedule(INSTANCE, {"meetings": list(meetings)})


def test_valid_schedule_has_no_violation_and_its_weight():
    report = check(meeting("b1", "e1", 0, 0), meeting("e2", "b1", 1, 0), meeting("b2", "e1", 1, 1))

    assert report.violations == []
    assert (report.meetings, report.objective) == (3, 5 + 3 + 1)


def test_unrequested_pair_is_a_violation():
    report = check(meeting("b2", "b1", 0, 0))

    assert report.violations == ["meeting 0: 'b2'–'b1' was not requested"]
    assert report.objective == 0


def test_pair_met_twice_is_a_violation():
    report = check(meeting("b1", "e1", 0, 0), meeting("e1", "b1", 1, 0))

    assert report.violations == ["meeting 1: e1–b1 meet twice"]


def test_slot_outside_the_event_is_a_violation():
    report = check(meeting("b1", "e1", 3, 0))

    assert report.violations == ["meeting 0: slot 3 outside the event"]


def test_unavailable_person_is_a_violation():
    report = check(meeting("b2", "e2", 0, 0))

    assert report.violations == ["meeting 0: e2 is not available in slot 0"]


def test_double_booked_person_is_a_violation():
    report = check(meeting("b1", "e1", 1, 0), meeting("b1", "e2", 1, 1))

    assert report.violations == ["meeting 1: b1 is double-booked in slot 1"]


def test_table_used_twice_in_a_slot_is_a_violation():
    report = check(meeting("b1", "e1", 1, 1), meeting("b2", "e2", 1, 1))

    assert report.violations == ["meeting 1: table 1 used twice in slot 1"]


def test_table_outside_the_room_is_a_violation():
    report = check(meeting("b1", "e1", 0, 2))

    assert report.violations == ["meeting 0: table 2 does not exist"]


def test_cap_exceeded_is_a_violation():
    report = check(meeting("b2", "e1", 0, 0), meeting("b2", "e2", 1, 0))

    assert report.violations == ["b2: 2 meetings, cap 1"]


def test_more_meetings_than_tables_in_a_slot_is_a_violation():
    instance = dict(INSTANCE, tables=1)

    report = check_schedule(
        instance, {"meetings": [meeting("b1", "e1", 1, 0), meeting("b2", "e2", 1, 0)]}
    )

    assert report.violations == ["meeting 1: table 0 used twice in slot 1"]


def test_meetings_that_are_not_a_list_are_a_violation():
    report = check_schedule(INSTANCE, {"meetings": {"a": "b1"}})

    assert report.violations == ["schedule: meetings must be a list"]
