from dataclasses import replace

import pytest

from phohang.logistics.routing import (
    HANOI_TRUCK_RULES,
    HaversineProvider,
    Hub,
    Plan,
    PlannedRoute,
    Stop,
    TimeWindow,
    Unserved,
    UnservedReason,
    Vehicle,
    Visit,
    clock,
    verify_plan,
)

HUB = Hub("hoai-duc", 21.0350, 105.6950)
TRUCK = Vehicle(
    "truck", "hoai-duc", 5000, 24.0, 8000, TimeWindow(clock("18:00"), clock("06:00", 1))
)
INNER_STOP = Stop(
    "inner", 21.0287, 105.8524, 300, 1.5, TimeWindow(clock("08:00"), clock("23:00")), 600
)


def route_at(depart: int, hub=HUB, stop=INNER_STOP, vehicle=TRUCK) -> PlannedRoute:
    metres, seconds = HaversineProvider().matrices([(hub.lat, hub.lon), (stop.lat, stop.lon)])
    arrival = depart + int(seconds[0, 1])
    departure = arrival + stop.service_s
    visit = Visit(stop.id, arrival, arrival, departure, True, 0, 0)
    return PlannedRoute(
        vehicle.id,
        hub.id,
        depart,
        departure + int(seconds[1, 0]),
        int(metres[0, 1] + metres[1, 0]),
        (visit,),
    )


def check(plan, stops=(INNER_STOP,), vehicles=(TRUCK,), hubs=(HUB,)):
    found = verify_plan(plan, hubs=hubs, vehicles=vehicles, stops=stops, rules=HANOI_TRUCK_RULES)
    return {violation.kind for violation in found}


def night_plan() -> Plan:
    return Plan((route_at(clock("21:00")),), (), 1.0)


def test_consistent_night_plan_has_no_violation():
    assert check(night_plan()) == set()


@pytest.mark.parametrize(
    ("change", "kind"),
    [
        (lambda p, s, v: (Plan((route_at(clock("11:00")),), (), 1.0), s, v), "truck_rule"),
        (
            lambda p, s, v: (
                p,
                [replace(INNER_STOP, window=TimeWindow(clock("08:00"), clock("20:00")))],
                v,
            ),
            "time_window",
        ),
        (lambda p, s, v: (p, [replace(INNER_STOP, demand_kg=6000)], v), "capacity"),
        (
            lambda p, s, v: (
                p,
                s,
                [replace(TRUCK, shift=TimeWindow(clock("21:00"), clock("22:00")))],
            ),
            "shift",
        ),
        (lambda p, s, v: (p, [*s, replace(INNER_STOP, id="forgotten")], v), "silent_drop"),
        (
            lambda p, s, v: (
                replace(p, unserved=(Unserved("inner", UnservedReason.FLEET_FULL),)),
                s,
                v,
            ),
            "duplicate_stop",
        ),
        (
            lambda p, s, v: (
                replace(p, routes=(replace(p.routes[0], distance_m=p.routes[0].distance_m + 1),)),
                s,
                v,
            ),
            "distance",
        ),
        (
            lambda p, s, v: (
                replace(
                    p,
                    routes=(
                        replace(
                            p.routes[0],
                            visits=(replace(p.routes[0].visits[0], arrival_s=clock("21:01")),),
                        ),
                    ),
                ),
                s,
                v,
            ),
            "schedule",
        ),
        (
            lambda p, s, v: (
                replace(p, unserved=(Unserved("ghost", UnservedReason.UNREACHABLE),)),
                s,
                v,
            ),
            "unknown_stop",
        ),
    ],
)
def test_verifier_catches_each_kind_of_violation(change, kind):
    plan, stops, vehicles = change(night_plan(), [INNER_STOP], [TRUCK])

    assert kind in check(plan, stops, vehicles)


def test_heavy_truck_leaving_a_hub_inside_the_zone_by_day_breaks_the_rule():
    market = Hub("long-bien", 21.0405, 105.8520)
    truck = replace(TRUCK, hub_id="long-bien", shift=TimeWindow(0, clock("12:00", 1)))
    outer = replace(INNER_STOP, lat=21.0600, lon=105.6700)

    plan = Plan((route_at(clock("12:00"), hub=market, stop=outer, vehicle=truck),), (), 1.0)

    assert check(plan, [outer], [truck], [market]) == {"truck_rule"}
