import pytest

from phohang.logistics.routing import (
    HANOI_TRUCK_RULES,
    HaversineProvider,
    OsrmProvider,
    plan_routes,
    verify_plan,
)
from phohang.logistics.routing.distances import haversine_m, travel_seconds
from phohang.logistics.routing.synthetic import hanoi_city


def test_one_degree_of_latitude_is_about_111_km():
    assert haversine_m((21.0, 105.8), (22.0, 105.8)) == pytest.approx(111_195, rel=1e-3)


def test_haversine_provider_applies_road_factor_and_speed():
    metres, seconds = HaversineProvider(road_factor=1.5, speed_kmh=36).matrices(
        [(21.0, 105.8), (21.01, 105.8)]
    )

    straight = haversine_m((21.0, 105.8), (21.01, 105.8))
    assert metres[0, 1] == pytest.approx(straight * 1.5, abs=1)
    assert (
        seconds[0, 1] == travel_seconds(metres[0, 1], 36) == pytest.approx(metres[0, 1] / 10, abs=1)
    )
    assert metres[0, 0] == seconds[1, 1] == 0


def test_osrm_table_answer_is_parsed_without_a_server():
    answer = {
        "code": "Ok",
        "distances": [[0, 1234.5], [None, 0]],
        "durations": [[0, 99.2], [None, 0]],
    }

    metres, seconds = OsrmProvider("http://127.0.0.1:8185").parse(answer)

    assert metres.tolist()[0] == [0, 1235]
    assert seconds.tolist()[0] == [0, 100]
    assert metres[1, 0] > 10**9  # no route: far beyond any trip


def test_small_synthetic_day_is_planned_without_violations():
    city = hanoi_city(stops=60, vehicles=6, heavy=2, seed=3)

    plan = plan_routes(
        hubs=city.hubs,
        vehicles=city.vehicles,
        stops=city.stops,
        time_limit=20,
        workers=1,
        max_iterations=150,
    )

    violations = verify_plan(
        plan, hubs=city.hubs, vehicles=city.vehicles, stops=city.stops, rules=HANOI_TRUCK_RULES
    )
    assert violations == []
    assert len(plan.served_ids()) + len(plan.unserved) == 60
    assert len(plan.served_ids()) >= 50
