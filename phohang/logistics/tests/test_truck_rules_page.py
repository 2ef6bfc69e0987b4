"""Staff edit Hanoi's truck rules on a page; every change is audited, bad input changes nothing."""

import pytest
from django.urls import reverse

from phohang.accounts.tests.factories import AuthorityFactory, login_verified
from phohang.core.models import AuditRecord
from phohang.geo.models import Province
from phohang.logistics.models import TruckClassRule, TruckZone
from phohang.logistics.selectors import truck_rules_current
from phohang.orders.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NIGHT = [["21:00", "06:00"]]


@pytest.fixture
def rule():
    TruckZone.objects.all().delete()  # the seeded rules, replaced by these known ones
    zone = TruckZone.objects.create(
        name="Vành đai 3,5",
        legal_basis="Quyết định 01/2026/QĐ-UBND",
        polygon=[[21.1, 105.7], [21.1, 105.9], [20.9, 105.9], [20.9, 105.7]],
    )
    return TruckClassRule.objects.create(
        zone=zone, name="Từ 2 tấn", min_gross_kg=2000, allowed_windows=NIGHT
    )


@pytest.fixture
def officer(client):
    user = AuthorityFactory(is_city_authority=True)
    login_verified(client, user)
    return user


def klass(windows="22:00-05:00", low=2000, high="", name="Từ 2 tấn"):
    return {"name": name, "min_gross_kg": low, "max_gross_kg": high, "allowed_windows": windows}


def test_officer_changes_the_heavy_trucks_hours_and_the_planner_follows(client, officer, rule):
    page = client.get(reverse("logistics:truck_rules"))
    saved = client.post(reverse("logistics:truck_class", args=[rule.pk]), klass())

    assert page.status_code == 200 and "21:00–06:00" in page.content.decode()
    assert saved.status_code == 302
    rule.refresh_from_db()
    assert rule.allowed_windows == [["22:00", "05:00"]]
    record = AuditRecord.objects.get(action="logistics.truck_class.updated")
    assert record.actor_id == officer.pk
    assert "21:00" in str(record.before["allowed_windows"])
    heavy = truck_rules_current().class_for(7500)
    assert (heavy.allowed[0].start, heavy.allowed[0].end) == (22 * 3600, 5 * 3600)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (klass(windows="ban đêm"), "allowed_windows"),
        (klass(windows="25:00-06:00"), "allowed_windows"),
        (klass(windows="21:00"), "allowed_windows"),
        (klass(low=3000, high=2000), "max_gross_kg"),
        (klass(low=-1), "min_gross_kg"),
        (klass(name=""), "name"),
    ],
)
def test_bad_class_is_refused_with_a_message_and_changes_nothing(
    client, officer, rule, data, field
):
    response = client.post(reverse("logistics:truck_class", args=[rule.pk]), data)

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    rule.refresh_from_db()
    assert rule.allowed_windows == NIGHT
    assert not AuditRecord.objects.filter(action__startswith="logistics.truck").exists()


def test_zone_polygon_needs_three_points_on_earth(client, officer, rule):
    url = reverse("logistics:truck_zone", args=[rule.zone_id])
    base = {"name": "Vành đai 3,5", "legal_basis": "QĐ 01/2026", "is_active": "on"}

    too_few = client.post(url, base | {"polygon": "21.1, 105.7\n21.0, 105.8"})
    off_earth = client.post(url, base | {"polygon": "121, 105\n21, 106\n22, 106"})
    saved = client.post(url, base | {"polygon": "21.1, 105.7\n21.0, 105.9\n20.9, 105.7"})

    assert (too_few.status_code, off_earth.status_code, saved.status_code) == (400, 400, 302)
    rule.zone.refresh_from_db()
    assert rule.zone.polygon == [[21.1, 105.7], [21.0, 105.9], [20.9, 105.7]]
    assert AuditRecord.objects.filter(action="logistics.truck_zone.updated").count() == 1


def test_zone_out_of_force_leaves_the_planner_on_the_built_in_rules(client, officer, rule):
    url = reverse("logistics:truck_zone", args=[rule.zone_id])
    polygon = "\n".join(f"{lat}, {lon}" for lat, lon in rule.zone.polygon)

    client.post(url, {"name": "Vành đai 3,5", "legal_basis": "", "polygon": polygon})

    rule.zone.refresh_from_db()
    assert rule.zone.is_active is False
    heavy = truck_rules_current().class_for(7500)
    assert (heavy.allowed[0].start, heavy.allowed[0].end) == (21 * 3600, 6 * 3600)


def test_buyers_and_province_officers_cannot_edit_the_rules(client, rule):
    url = reverse("logistics:truck_class", args=[rule.pk])

    codes = []
    province_officer = AuthorityFactory(authority_province=Province.objects.get(code="01"))
    for user in (UserFactory(), province_officer):
        login_verified(client, user) if user.is_authority else client.force_login(user)
        codes.append(client.post(url, klass()).status_code)

    assert codes == [403, 403]
    rule.refresh_from_db()
    assert rule.allowed_windows == NIGHT
