import pytest

from phohang.logistics.routing import (
    HANOI_TRUCK_RULES,
    Hub,
    PlanInputError,
    Stop,
    StopKind,
    TimeWindow,
    UnservedReason,
    Vehicle,
    clock,
    plan_routes,
    verify_plan,
)

OUTER_HUB = Hub("hoai-duc", 21.0350, 105.6950)
INNER = (21.0287, 105.8524)  # Hoàn Kiếm, inside Ring Road 3.5
OUTER = (21.0600, 105.6700)  # Hoài Đức, outside


def window(start: str, end: str, day: int = 0) -> TimeWindow:
    return TimeWindow(clock(start), clock(end, day))


def van(id="van", shift=window("05:00", "23:00"), capacity_kg=950):
    return Vehicle(id, "hoai-duc", capacity_kg, 6.0, 1950, shift)


def truck(id="truck", shift=window("00:00", "12:00", day=1)):
    return Vehicle(id, "hoai-duc", 5000, 24.0, 8000, shift)


def stop(id, point, time_window, service_min=10, kg=100, kind=StopKind.DELIVERY):
    lat, lon = point if point else (None, None)
    return Stop(id, lat, lon, kg, kg / 200, time_window, service_min * 60, kind)


def plan(vehicles, stops, **options):
    options.setdefault("time_limit", 10)
    result = plan_routes(
        hubs=[OUTER_HUB], vehicles=vehicles, stops=stops, workers=1, max_iterations=300, **options
    )
    violations = verify_plan(
        result, hubs=[OUTER_HUB], vehicles=vehicles, stops=stops, rules=HANOI_TRUCK_RULES
    )
    assert violations == []
    return result


def visits_by_stop(result):
    return {
        visit.stop_id: (route.vehicle_id, visit)
        for route in result.routes
        for visit in route.visits
    }


def test_heavy_truck_serves_an_inner_stop_only_at_night():
    stops = [
        stop("inner", INNER, window("08:00", "23:00")),
        stop("outer", OUTER, window("10:00", "12:00")),
    ]

    result = plan([truck()], stops)

    served = visits_by_stop(result)
    assert set(served) == {"inner", "outer"}
    assert clock("21:00") <= served["inner"][1].start_s <= clock("23:00")
    assert served["inner"][1].in_zone and not served["outer"][1].in_zone
    assert clock("10:00") <= served["outer"][1].start_s <= clock("12:00")


def test_light_van_waits_out_the_morning_peak_inside_the_zone():
    result = plan([van()], [stop("shop", INNER, window("06:00", "10:00"))])

    _, visit = visits_by_stop(result)["shop"]
    assert clock("09:00") <= visit.start_s <= clock("10:00")
    assert visit.arrival_s <= visit.start_s


def test_light_van_finishes_service_before_the_afternoon_peak():
    result = plan(
        [van(shift=window("14:00", "18:00"))], [stop("shop", INNER, window("15:00", "17:00"), 30)]
    )

    _, visit = visits_by_stop(result)["shop"]
    assert clock("15:00") <= visit.start_s <= clock("15:30")
    assert visit.departure_s <= clock("16:00")


def test_inner_day_stop_goes_to_the_van_and_night_stop_may_go_to_the_truck():
    stops = [
        stop("day", INNER, window("10:00", "14:00")),
        stop("night", INNER, window("22:00", "02:00", 1)),
    ]

    result = plan(
        [van(shift=window("08:00", "18:00")), truck(shift=window("20:00", "06:00", 1))], stops
    )

    served = visits_by_stop(result)
    assert served["day"][0] == "van"
    assert served["night"][0] == "truck"
    assert clock("22:00") <= served["night"][1].start_s <= clock("02:00", 1)


def test_every_unservable_stop_is_listed_with_its_reason():
    day_truck = truck(shift=window("08:00", "18:00"))
    stops = [
        stop("no-coordinates", None, window("09:00", "17:00")),
        stop("backwards", OUTER, window("10:00", "09:00")),
        stop("too-heavy", OUTER, window("09:00", "17:00"), kg=6000),
        stop("inner-by-day", INNER, window("10:00", "15:00")),
        stop("before-shift", OUTER, window("02:00", "03:00")),
        stop("fine", OUTER, window("09:00", "17:00")),
    ]

    result = plan([day_truck], stops)

    reasons = {item.stop_id: item.reason for item in result.unserved}
    assert reasons == {
        "no-coordinates": UnservedReason.NO_COORDINATES,
        "backwards": UnservedReason.EMPTY_TIME_WINDOW,
        "too-heavy": UnservedReason.ABOVE_CAPACITY,
        "inner-by-day": UnservedReason.TRUCK_RULE,
        "before-shift": UnservedReason.UNREACHABLE,
    }
    assert result.served_ids() == ["fine"]
    assert all(item.detail for item in result.unserved)


def test_stop_that_does_not_fit_with_the_others_is_reported_fleet_full():
    stops = [
        stop("a", OUTER, window("09:00", "17:00"), kg=600),
        stop("b", OUTER, window("09:00", "17:00"), kg=600),
    ]

    result = plan([van()], stops)

    assert len(result.served_ids()) == 1
    assert [(u.reason, u.stop_id in {"a", "b"}) for u in result.unserved] == [
        (UnservedReason.FLEET_FULL, True)
    ]


def test_without_vehicles_every_stop_is_reported():
    result = plan([], [stop("a", OUTER, window("09:00", "17:00"))])

    assert [(u.stop_id, u.reason) for u in result.unserved] == [("a", UnservedReason.NO_VEHICLE)]
    assert result.routes == ()


def test_pickup_is_loaded_after_the_deliveries_are_dropped():
    stops = [
        stop("deliver", OUTER, window("09:00", "10:00"), kg=800),
        stop(
            "collect", (21.0700, 105.6600), window("11:00", "12:00"), kg=800, kind=StopKind.PICKUP
        ),
    ]

    result = plan([van()], stops)

    served = visits_by_stop(result)
    assert served["deliver"][1].load_kg == 0
    assert served["collect"][1].load_kg == 800


@pytest.mark.parametrize(
    ("vehicles", "stops", "code"),
    [
        ([van(capacity_kg=0)], [], "capacity"),
        ([Vehicle("v", "nowhere", 100, 1.0, 1000)], [], "unknown_hub"),
        ([van(), van()], [], "duplicate_vehicle"),
        ([van(shift=window("18:00", "08:00"))], [], "shift"),
        ([van()], [stop("s", OUTER, window("09:00", "10:00"), kg=-1)], "negative"),
    ],
)
def test_bad_input_is_refused_as_a_whole(vehicles, stops, code):
    with pytest.raises(PlanInputError) as error:
        plan_routes(hubs=[OUTER_HUB], vehicles=vehicles, stops=stops, time_limit=1)

    assert error.value.code == code
    assert error.value.message


def test_progress_is_reported_up_to_completion():
    reports = []

    plan([van()], [stop("a", OUTER, window("09:00", "17:00"))], progress=reports.append)

    assert reports[-1].fraction == 1.0
    assert reports[-1].best_cost is not None
    assert all(0.0 <= r.fraction <= 1.0 for r in reports)
