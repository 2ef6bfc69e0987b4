import datetime
from decimal import Decimal

import pytest

from phohang.core.audit import AuditContext
from phohang.core.errors import DomainError
from phohang.core.models import AuditRecord
from phohang.logistics import services
from phohang.logistics.models import PlanRun, Stop, Vehicle
from phohang.logistics.routing.truck_rules import DAY, HANOI_TRUCK_RULES
from phohang.logistics.selectors import plan_is_stale, truck_rules_current

from .factories import (
    RUN_DATE,
    HeavyTruckFactory,
    StopFactory,
    VehicleFactory,
    hub_with_manager,
    stop_data,
    ward,
)

pytestmark = pytest.mark.django_db


def _context(user=None):
    return AuditContext(actor=user)


def test_stop_without_coordinates_or_ward_is_refused():
    hub, manager = hub_with_manager()

    with pytest.raises(DomainError) as refused:
        services.stop_create(
            hub=hub,
            run_date=RUN_DATE,
            data=stop_data(latitude=None, longitude=None, ward=None),
            context=_context(manager),
        )

    assert refused.value.code == "no_coordinates"
    assert Stop.objects.count() == 0


def test_stop_takes_its_wards_centre_when_no_coordinates_are_typed():
    hub, manager = hub_with_manager()
    hoan_kiem = ward("01").__class__.objects.get(name="Phường Hoàn Kiếm")

    stop = services.stop_create(
        hub=hub,
        run_date=RUN_DATE,
        data=stop_data(latitude=None, longitude=None, ward=hoan_kiem),
        context=_context(manager),
    )

    assert (round(stop.latitude, 2), round(stop.longitude, 2)) == (21.03, 105.85)


def test_time_window_ending_before_it_starts_is_refused_unless_it_runs_past_midnight():
    hub, manager = hub_with_manager()
    night = {"window_start": datetime.time(22, 0), "window_end": datetime.time(4, 30)}

    with pytest.raises(DomainError) as refused:
        services.stop_create(
            hub=hub, run_date=RUN_DATE, data=stop_data(**night), context=_context(manager)
        )
    stop = services.stop_create(
        hub=hub,
        run_date=RUN_DATE,
        data=stop_data(**night, window_ends_next_day=True),
        context=_context(manager),
    )

    assert refused.value.code == "empty_time_window"
    assert list(Stop.objects.values_list("pk", flat=True)) == [stop.pk]


def test_vehicle_with_capacity_zero_is_refused():
    hub, manager = hub_with_manager()
    data = {
        "name": "Xe ba gác",
        "plate": "29H-00001",
        "capacity_kg": 0,
        "capacity_m3": Decimal("2"),
        "gross_weight_kg": 500,
        "shift_start": datetime.time(6),
        "shift_end": datetime.time(18),
    }

    with pytest.raises(DomainError) as refused:
        services.vehicle_create(hub=hub, data=data, context=_context(manager))

    assert refused.value.field == "capacity_kg"
    assert Vehicle.objects.count() == 0


def test_more_demand_than_the_fleet_carries_is_refused_before_planning():
    hub, manager = hub_with_manager()
    VehicleFactory(hub=hub, capacity_kg=500)
    StopFactory.create_batch(3, hub=hub, demand_kg=Decimal("200"))

    with pytest.raises(DomainError) as refused:
        services.plan_start(
            hub=hub, run_date=RUN_DATE, time_limit_s=2, user=manager, context=_context(manager)
        )

    assert refused.value.code == "demand_above_fleet"
    assert "600" in str(refused.value.message) and "500" in str(refused.value.message)
    assert PlanRun.objects.count() == 0


def test_time_limit_outside_the_range_is_refused():
    hub, manager = hub_with_manager()
    VehicleFactory(hub=hub)
    StopFactory(hub=hub)

    with pytest.raises(DomainError) as refused:
        services.plan_start(
            hub=hub, run_date=RUN_DATE, time_limit_s=0, user=manager, context=_context(manager)
        )

    assert refused.value.field == "time_limit_s"
    assert PlanRun.objects.count() == 0


def _visits(plan: PlanRun) -> dict[str, dict]:
    return {
        visit["stop"]: {**visit, "vehicle": route["vehicle"]}
        for route in plan.result["routes"]
        for visit in route["visits"]
    }


def test_heavy_truck_serves_stops_inside_the_ring_only_at_night(plan_now):
    hub, manager = hub_with_manager()
    heavy = HeavyTruckFactory(hub=hub, capacity_kg=5000)
    light = VehicleFactory(hub=hub, capacity_kg=400)
    day = StopFactory.create_batch(3, hub=hub, demand_kg=Decimal("50"))
    night = StopFactory.create_batch(
        4,
        hub=hub,
        demand_kg=Decimal("600"),
        window_start=datetime.time(20, 0),
        window_end=datetime.time(5, 0),
        window_ends_next_day=True,
    )

    plan = plan_now(hub, manager, 2)

    visits = _visits(plan)
    assert plan.status == PlanRun.Status.DONE
    assert plan.result["unserved"] == []
    assert {str(s.public_id) for s in day + night} == set(visits)
    for stop in night:
        visit = visits[str(stop.public_id)]
        assert visit["vehicle"] == str(heavy.public_id)
        assert visit["in_zone"] is True
        start = visit["start_s"] % DAY
        assert start >= 21 * 3600 or start + stop.service_minutes * 60 <= 6 * 3600
    assert {visits[str(s.public_id)]["vehicle"] for s in day} == {str(light.public_id)}
    assert AuditRecord.objects.filter(action="logistics.plan.started").count() == 1


def test_unserved_stop_is_listed_with_its_reason(plan_now):
    hub, manager = hub_with_manager()
    HeavyTruckFactory(hub=hub)
    served = StopFactory(
        hub=hub,
        window_start=datetime.time(22, 0),
        window_end=datetime.time(4, 0),
        window_ends_next_day=True,
    )
    morning = StopFactory(hub=hub, window_start=datetime.time(7, 0), window_end=datetime.time(8, 0))

    plan = plan_now(hub, manager, 1)

    assert set(_visits(plan)) == {str(served.public_id)}
    assert plan.result["unserved"] == [
        {"stop": str(morning.public_id), "name": morning.name, "reason": "truck_rule"}
    ]
    assert "Vành đai 3,5" in str(services.reason_text("truck_rule"))


def test_moving_a_stop_makes_the_plan_stale_and_a_new_plan_serves_it_at_its_new_time(plan_now):
    hub, manager = hub_with_manager()
    VehicleFactory(hub=hub)
    stop = StopFactory(hub=hub)
    StopFactory(hub=hub)
    first = plan_now(hub, manager, 1)

    services.stop_update(
        stop=stop,
        data={"window_start": datetime.time(13, 0), "window_end": datetime.time(14, 0)},
        context=_context(manager),
    )
    second = plan_now(hub, manager, 1)

    assert plan_is_stale(first) is True
    assert plan_is_stale(second) is False
    start = _visits(second)[str(stop.public_id)]["start_s"]
    assert 13 * 3600 <= start <= 14 * 3600
    assert AuditRecord.objects.filter(action="logistics.stop.updated").count() == 1


def test_truck_rules_default_to_decision_01_2026():
    rules = truck_rules_current()

    assert rules.zone == HANOI_TRUCK_RULES.zone
    assert [(c.min_gross_kg, c.max_gross_kg) for c in rules.classes] == [(0, 2000), (2000, None)]
    assert rules.windows_in_zone(8000, 0, DAY) == [(0, 6 * 3600), (21 * 3600, DAY)]
