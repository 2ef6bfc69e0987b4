"""Checkout prices parcels from the logistics rate table, or a carrier's live quote."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from phohang.accounts.tests.factories import AuthorityFactory, login_verified
from phohang.core.audit import AuditContext
from phohang.core.models import AuditRecord
from phohang.logistics.carriers import CarrierUnavailable, simulator
from phohang.logistics.models import CodFee, ShippingRate
from phohang.logistics.services import rates
from phohang.orders.services import checkout_preview, shipping_fee_for
from phohang.orders.shipping import ParcelQuery
from phohang.orders.tests.factories import VariantFactory

pytestmark = pytest.mark.django_db
HANOI, HUE = "01", "46"
RATES = reverse("logistics:rates")


def band(origin, destination, grams, fee, volume=None):
    return ShippingRate.objects.create(
        origin_province_id=origin,
        destination_province_id=destination,
        max_weight_grams=grams,
        max_volume_cm3=volume,
        fee_vnd=fee,
    )


def parcel(grams, origin=HUE, destination=HANOI, ward=None, seller_id=0):
    return ParcelQuery(
        seller_id=seller_id,
        origin_province_id=origin,
        destination_province_id=destination,
        weight_grams=grams,
        destination_ward_id=ward,
    )


def test_checkout_charges_each_seller_from_the_logistics_table():
    band(HUE, HANOI, 2000, 25_000)
    band(None, None, 2000, 40_000)
    hue_tea = VariantFactory(product__seller__province_id=HUE, weight_grams=250, price_vnd=90_000)
    hanoi_tea = VariantFactory(product__seller__province_id=HANOI, weight_grams=250)

    preview = checkout_preview(
        items=[(hue_tea.pk, 2), (hanoi_tea.pk, 1)], destination_province_id=HANOI
    )

    fees = {group.seller.province_id: group.shipping_vnd for group in preview.groups}
    assert fees == {HUE: 25_000, HANOI: 40_000}


def test_volume_bands_take_bulky_parcels_to_the_next_band():
    band(HUE, HANOI, 2000, 25_000, volume=20_000)
    band(HUE, HANOI, 2000, 45_000)

    small, bulky = rates.shipping_fees_from_table(
        [parcel(1500), parcel(1500)], volumes_cm3=[10_000, 60_000]
    )

    assert (small, bulky) == (25_000, 45_000)


def test_heavier_than_every_band_pays_the_heaviest_band_per_started_multiple():
    band(None, None, 5000, 70_000)

    assert rates.shipping_fees_from_table([parcel(12_000)]) == [210_000]


def test_no_band_at_all_charges_the_default_fee(settings):
    settings.SHIPPING_DEFAULT_FEE_VND = 31_000

    assert (
        shipping_fee_for(origin_province_id=HUE, destination_province_id=HANOI, weight_grams=1)
        == 31_000
    )


def test_cod_fee_is_a_percent_with_a_minimum_and_the_most_specific_zone_wins():
    CodFee.objects.create(percent=Decimal("1.5"), minimum_vnd=10_000)
    CodFee.objects.create(
        origin_province_id=HANOI, destination_province_id=HANOI, percent=0, minimum_vnd=0
    )

    assert (
        rates.cod_fee_for(origin_province_id=HUE, destination_province_id=HANOI, cod_vnd=400_000)
        == 10_000
    )
    assert (
        rates.cod_fee_for(origin_province_id=HUE, destination_province_id=HANOI, cod_vnd=2_000_000)
        == 30_000
    )
    assert (
        rates.cod_fee_for(
            origin_province_id=HANOI, destination_province_id=HANOI, cod_vnd=2_000_000
        )
        == 0
    )
    assert rates.cod_fee_for(origin_province_id=HUE, destination_province_id=HANOI, cod_vnd=0) == 0


def test_live_quote_of_the_configured_carrier_is_used_and_held(settings, django_assert_num_queries):
    settings.LOGISTICS_CHECKOUT_CARRIER = "ghn"
    cache.clear()
    band(None, None, 5000, 99_000)
    variant = VariantFactory(weight_grams=1800)
    seller = variant.product.seller
    ward_code = seller.address.ward_id

    first = rates.shipping_quote_parcels([parcel(1800, ward=ward_code, seller_id=seller.pk)])
    with django_assert_num_queries(1):  # the table; the carrier's price comes from the cache
        again = rates.shipping_quote_parcels([parcel(1800, ward=ward_code, seller_id=seller.pk)])
    without_ward = rates.shipping_quote_parcels([parcel(1800, seller_id=seller.pk)])

    assert first == again == [simulator._fee(1800)]
    assert without_ward == [99_000]


def test_carrier_outage_falls_back_to_the_table(settings, monkeypatch):
    settings.LOGISTICS_CHECKOUT_CARRIER = "ghn"
    cache.clear()
    band(None, None, 5000, 99_000)
    variant = VariantFactory(weight_grams=500)
    seller = variant.product.seller

    def down(*args, **kwargs):
        raise CarrierUnavailable("timeout")

    monkeypatch.setattr(simulator, "transport", lambda code: down)
    fees = rates.shipping_quote_parcels(
        [parcel(500, ward=seller.address.ward_id, seller_id=seller.pk)]
    )

    assert fees == [99_000]


@pytest.fixture
def officer(client):
    user = AuthorityFactory(is_city_authority=True)
    login_verified(client, user)
    return user


def cod(percent="1", minimum=10_000, origin="", destination=""):
    return {
        "cod": "1",
        "origin_province": origin,
        "destination_province": destination,
        "percent": percent,
        "minimum_vnd": minimum,
    }


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (cod(percent="-1"), "percent"),
        (cod(percent="101"), "percent"),
        (cod(percent="1.234"), "percent"),
        (cod(percent="một"), "percent"),
        (cod(minimum=-5), "minimum_vnd"),
        (cod(origin="99"), "origin_province"),
    ],
)
def test_bad_cod_fee_is_refused_with_a_message_and_changes_nothing(client, officer, data, field):
    response = client.post(RATES, data)

    assert response.status_code == 400
    assert response.context["cod_form"].errors[field]
    assert not CodFee.objects.exists()
    assert not AuditRecord.objects.filter(action__startswith="logistics.cod_fee").exists()


def test_staff_set_a_cod_fee_once_per_zone_and_it_is_audited(client, officer):
    created = client.post(RATES, cod(percent="1.5"))
    changed = client.post(RATES, cod(percent="2", minimum=12_000))

    assert created.status_code == changed.status_code == 302
    fee = CodFee.objects.get()
    assert (fee.percent, fee.minimum_vnd) == (Decimal("2.00"), 12_000)
    records = AuditRecord.objects.filter(action="logistics.cod_fee.set").order_by("id")
    assert [r.actor_id for r in records] == [officer.pk, officer.pk]
    assert records[1].before["percent"] == "1.50"

    deleted = client.post(reverse("logistics:cod_fee_delete", args=[fee.pk]))

    assert deleted.status_code == 302 and not CodFee.objects.exists()


def test_cod_fee_service_refuses_bad_numbers():
    with pytest.raises(rates.RateInvalid) as refused:
        rates.cod_fee_set(
            origin_province=None,
            destination_province=None,
            percent="NaN",
            minimum_vnd=True,
            context=AuditContext(),
        )

    assert set(refused.value.errors) == {"percent", "minimum_vnd"}
    assert not CodFee.objects.exists()
