import pytest

from phohang.logistics.demo import HUB_MANAGER_EMAIL, load_logistics_demo
from phohang.logistics.models import Hub, Stop
from phohang.logistics.routing.truck_rules import HANOI_TRUCK_RULES

pytestmark = pytest.mark.django_db


def test_demo_hub_has_a_mixed_fleet_and_tomorrows_sixty_stops_in_hanoi():
    load_logistics_demo()

    hub = Hub.objects.get()
    stops = list(Stop.objects.filter(hub=hub))
    inside = [s for s in stops if HANOI_TRUCK_RULES.in_zone(s.latitude, s.longitude)]
    assert hub.managers.filter(email=HUB_MANAGER_EMAIL).exists()
    assert sorted(v.is_heavy for v in hub.vehicles.all()) == [False, False, False, True]
    assert len(stops) == 60 and len({s.run_date for s in stops}) == 1
    assert all(s.ward.province_id == "01" for s in stops)
    assert 0 < len(inside) < 60
    assert sum(s.demand_kg for s in stops) < sum(v.capacity_kg for v in hub.vehicles.all())
