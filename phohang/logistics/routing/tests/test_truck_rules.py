import pytest

from phohang.logistics.routing.truck_rules import (
    HANOI_TRUCK_RULES,
    DailyWindow,
    clock,
    complement,
    intersect_daily,
    point_in_polygon,
)
from phohang.logistics.routing.verify_plan import allowed_throughout

RULES = HANOI_TRUCK_RULES
LIGHT, HEAVY = 1950, 8000


@pytest.mark.parametrize(
    ("place", "lat", "lon", "inside"),
    [
        ("Hoàn Kiếm lake", 21.0287, 105.8524, True),
        ("Long Biên market", 21.0405, 105.8520, True),
        ("Mỹ Đình stadium", 21.0205, 105.7640, True),
        ("Hà Đông", 20.9710, 105.7760, True),
        ("Linh Đàm", 20.9650, 105.8300, True),
        ("Nội Bài airport", 21.2187, 105.8042, False),
        ("Sơn Tây", 21.1380, 105.5050, False),
        ("Hòa Lạc", 21.0130, 105.5270, False),
        ("Thường Tín", 20.8720, 105.8600, False),
    ],
)
def test_ring_road_zone_contains_the_centre_and_not_the_outskirts(place, lat, lon, inside):
    assert RULES.in_zone(lat, lon) is inside, place


def test_point_in_polygon_on_a_square():
    square = [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0)]

    assert point_in_polygon(0.5, 0.5, square)
    assert not point_in_polygon(1.5, 0.5, square)
    assert not point_in_polygon(0.5, -0.1, square)


def test_clock_parses_hours_past_midnight_and_refuses_garbage():
    assert clock("06:00") == 21_600
    assert clock("28:30") == 102_600
    assert clock("02:00", day=1) == 93_600
    with pytest.raises(ValueError):
        clock("25h")


def test_light_truck_inside_the_zone_avoids_both_peaks():
    windows = RULES.windows_in_zone(LIGHT, clock("05:00"), clock("20:00"))

    assert windows == [
        (clock("05:00"), clock("06:00")),
        (clock("09:00"), clock("16:00")),
        (clock("19:30"), clock("20:00")),
    ]


def test_heavy_truck_window_crosses_midnight():
    windows = RULES.windows_in_zone(HEAVY, clock("18:00"), clock("07:00", day=1))

    assert windows == [(clock("21:00"), clock("06:00", day=1))]


def test_heavy_truck_has_no_window_in_the_day():
    assert RULES.windows_in_zone(HEAVY, clock("07:00"), clock("20:59")) == []


def test_light_night_windows_merge_across_midnight():
    windows = RULES.windows_in_zone(LIGHT, clock("19:00"), clock("07:00", day=1))

    assert windows == [(clock("19:30"), clock("06:00", day=1))]


def test_daily_windows_repeat_on_the_next_day():
    night = (DailyWindow.of("21:00", "06:00"),)

    pieces = intersect_daily(night, clock("04:00"), clock("23:00", day=1))

    assert pieces == [(clock("04:00"), clock("06:00")), (clock("21:00"), clock("06:00", 1))] + [
        (clock("21:00", 1), clock("23:00", 1))
    ]


def test_complement_of_the_peak_hours():
    allowed = complement((DailyWindow.of("06:00", "09:00"), DailyWindow.of("16:00", "19:30")))

    assert [w.span() for w in allowed] == [
        (0, clock("06:00")),
        (clock("09:00"), clock("16:00")),
        (clock("19:30"), clock("24:00")),
    ]


def test_unrestricted_weight_class_gets_the_whole_window():
    rules = type(RULES)(zone=RULES.zone, classes=RULES.classes[1:])

    assert rules.windows_in_zone(LIGHT, 10, 20) == [(10, 20)]


@pytest.mark.parametrize(
    ("gross", "start", "end", "allowed"),
    [
        (HEAVY, "22:00", "23:00", True),
        (HEAVY, "23:30", "24:30", True),  # across midnight
        (HEAVY, "05:50", "06:10", False),
        (LIGHT, "15:50", "16:00", True),
        (LIGHT, "15:50", "16:05", False),
        (LIGHT, "23:50", "24:10", True),
        (LIGHT, "07:00", "07:10", False),
    ],
)
def test_verifier_rule_check_agrees_with_the_rules(gross, start, end, allowed):
    rule = RULES.class_for(gross)

    assert allowed_throughout(rule, clock(start), clock(end)) is allowed
