"""Staff page for the shipping rate table: who may use it, what it refuses, what it audits."""

import pytest
from django.urls import reverse

from phohang.accounts.tests.factories import AdminFactory, AuthorityFactory, login_verified
from phohang.core.audit import AuditContext
from phohang.core.models import AuditRecord
from phohang.logistics.models import ShippingRate
from phohang.logistics.services.rates import RateInvalid, shipping_rate_create
from phohang.orders.services import shipping_fee_for
from phohang.orders.tests.factories import UserFactory, seller_with_owner

pytestmark = pytest.mark.django_db
ZONES = reverse("logistics:rates")
HANOI, SAIGON = "01", "79"


def band(origin=HANOI, destination=SAIGON, grams=1000, fee=35_000):
    return {
        "origin_province": origin,
        "destination_province": destination,
        "max_weight_grams": grams,
        "fee_vnd": fee,
        "band": "1",
    }


def rates():
    return list(
        ShippingRate.objects.order_by("pk").values_list(
            "origin_province_id", "destination_province_id", "max_weight_grams", "fee_vnd"
        )
    )


def zone_audits():
    return list(
        AuditRecord.objects.filter(action__startswith="logistics.shipping_rate.")
        .order_by("id")
        .values_list("action", flat=True)
    )


@pytest.fixture
def officer(client):
    user = AuthorityFactory()
    login_verified(client, user)
    return user


def test_buyers_and_sellers_get_403_and_change_nothing(client):
    existing = ShippingRate.objects.create(
        origin_province_id=HANOI, destination_province_id=SAIGON, max_weight_grams=500, fee_vnd=1
    )
    _seller, owner = seller_with_owner()
    edit = reverse("logistics:rate_edit", args=[existing.pk])
    delete = reverse("logistics:rate_delete", args=[existing.pk])

    codes = []
    for user in (UserFactory(), owner):
        client.force_login(user)
        codes += [
            client.get(ZONES).status_code,
            client.post(ZONES, band()).status_code,
            client.post(edit, band(fee=0)).status_code,
            client.post(delete).status_code,
        ]

    assert codes == [403] * 8
    assert rates() == [(HANOI, SAIGON, 500, 1)]
    assert zone_audits() == []


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(ZONES)

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_authority_adds_band_and_checkout_uses_it(client, officer):
    response = client.post(ZONES, band(grams=2000, fee=42_000))

    assert response.status_code == 302
    assert rates() == [(HANOI, SAIGON, 2000, 42_000)]
    record = AuditRecord.objects.get(action="logistics.shipping_rate.created")
    assert (record.actor_id, record.after) == (
        officer.pk,
        {
            "origin_province": HANOI,
            "destination_province": SAIGON,
            "max_weight_grams": 2000,
            "max_volume_cm3": None,
            "fee_vnd": 42_000,
        },
    )
    fee = shipping_fee_for(
        origin_province_id=HANOI, destination_province_id=SAIGON, weight_grams=1500
    )
    assert fee == 42_000


def test_zone_table_lists_bands_by_zone(client, officer):
    ShippingRate.objects.create(
        origin_province_id=HANOI, destination_province_id=SAIGON, max_weight_grams=2000, fee_vnd=9
    )
    ShippingRate.objects.create(
        origin_province_id=HANOI, destination_province_id=SAIGON, max_weight_grams=500, fee_vnd=8
    )
    ShippingRate.objects.create(max_weight_grams=1000, fee_vnd=30_000)

    response = client.get(ZONES)

    assert response.status_code == 200
    zones = response.context["zones"]
    assert [[b.max_weight_grams for b in zone.bands] for zone in zones] == [[500, 2000], [1000]]
    assert zones[1].origin_province is None and zones[1].destination_province is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (band(fee=-1), "fee_vnd"),
        (band(fee="mười nghìn"), "fee_vnd"),
        (band(fee=""), "fee_vnd"),
        (band(grams=0), "max_weight_grams"),
        (band(grams=-500), "max_weight_grams"),
        (band(grams="1.5"), "max_weight_grams"),
        (band(grams=1_000_001), "max_weight_grams"),
        (band(origin="99"), "origin_province"),
        (band(destination="Atlantis"), "destination_province"),
    ],
)
def test_bad_band_is_refused_with_a_message_and_changes_nothing(client, officer, data, field):
    response = client.post(ZONES, data)

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert rates() == [] and zone_audits() == []


def test_overlapping_band_in_the_same_zone_is_refused(client, officer):
    client.post(ZONES, band(grams=1000, fee=30_000))

    same_limit = client.post(ZONES, band(grams=1000, fee=25_000))
    other_zone = client.post(ZONES, band(destination=HANOI, grams=1000, fee=20_000))

    assert same_limit.status_code == 400
    assert "không được chồng lấn" in same_limit.context["form"].errors["max_weight_grams"][0]
    assert other_zone.status_code == 302
    assert rates() == [(HANOI, SAIGON, 1000, 30_000), (HANOI, HANOI, 1000, 20_000)]


def test_overlap_is_caught_for_any_province_zones_too():
    admin = AdminFactory()
    shipping_rate_create(
        context=AuditContext(actor=admin),
        origin_province=None,
        destination_province=None,
        max_weight_grams=1000,
        fee_vnd=30_000,
    )

    with pytest.raises(RateInvalid) as refused:
        shipping_rate_create(
            context=AuditContext(actor=admin),
            origin_province=None,
            destination_province=None,
            max_weight_grams=1000,
            fee_vnd=1,
        )

    assert set(refused.value.errors) == {"max_weight_grams"}
    assert rates() == [(None, None, 1000, 30_000)]


def test_admin_edits_band_and_the_change_is_audited(client):
    admin = AdminFactory()
    login_verified(client, admin)
    rate = ShippingRate.objects.create(
        origin_province_id=HANOI, destination_province_id=SAIGON, max_weight_grams=500, fee_vnd=1
    )
    edit = reverse("logistics:rate_edit", args=[rate.pk])

    page = client.get(edit)
    saved = client.post(edit, band(grams=750, fee=0))

    assert page.status_code == 200 and saved.status_code == 302
    assert rates() == [(HANOI, SAIGON, 750, 0)]
    record = AuditRecord.objects.get(action="logistics.shipping_rate.updated")
    assert record.before == {
        "origin_province": HANOI,
        "destination_province": SAIGON,
        "max_weight_grams": 500,
        "max_volume_cm3": None,
        "fee_vnd": 1,
    }
    assert (record.after["max_weight_grams"], record.after["fee_vnd"]) == (750, 0)


def test_edit_into_an_existing_band_is_refused(client, officer):
    ShippingRate.objects.create(
        origin_province_id=HANOI, destination_province_id=SAIGON, max_weight_grams=500, fee_vnd=1
    )
    heavier = ShippingRate.objects.create(
        origin_province_id=HANOI, destination_province_id=SAIGON, max_weight_grams=900, fee_vnd=2
    )

    response = client.post(
        reverse("logistics:rate_edit", args=[heavier.pk]), band(grams=500, fee=3)
    )

    assert response.status_code == 400
    assert rates() == [(HANOI, SAIGON, 500, 1), (HANOI, SAIGON, 900, 2)]
    assert zone_audits() == []


def test_delete_removes_band_and_is_audited(client, officer):
    rate = ShippingRate.objects.create(
        origin_province_id=HANOI, destination_province_id=SAIGON, max_weight_grams=500, fee_vnd=1
    )

    get = client.get(reverse("logistics:rate_delete", args=[rate.pk]))
    deleted = client.post(reverse("logistics:rate_delete", args=[rate.pk]))
    missing = client.post(reverse("logistics:rate_delete", args=[rate.pk]))

    assert (get.status_code, deleted.status_code, missing.status_code) == (405, 302, 404)
    assert rates() == []
    record = AuditRecord.objects.get(action="logistics.shipping_rate.deleted")
    assert (record.actor_id, record.before["fee_vnd"]) == (officer.pk, 1)
