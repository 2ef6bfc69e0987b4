"""The product page's carrier quotes: the rate table, each carrier's live quote and the COD fee
for the chosen variant and quantity, to the ward picked or the buyer's default address."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from phohang.accounts.tests.factories import UserFactory
from phohang.logistics.carriers import CarrierUnavailable, simulator
from phohang.logistics.models import CodFee, ShippingRate
from phohang.orders import services as order_services
from phohang.orders.tests.factories import VariantFactory, ward

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _fresh_quotes():
    cache.clear()


def quote_url(variant):
    return reverse("logistics:product_quote", args=[variant.product.public_id])


def test_product_page_has_the_quote_slot_for_htmx(client):
    variant = VariantFactory()

    body = client.get(variant.product.get_absolute_url()).content.decode()

    assert f'hx-get="{quote_url(variant)}"' in body
    assert 'id="carrier-quotes"' in body


def test_a_picked_ward_gets_table_carrier_and_cod_fees_for_the_quantity(client):
    variant = VariantFactory(
        product__seller__province_id="46", product__unit="pack", weight_grams=700, price_vnd=120_000
    )
    ShippingRate.objects.create(
        origin_province_id="46", destination_province_id="01", max_weight_grams=3000,
        fee_vnd=41_000,
    )  # fmt: skip
    CodFee.objects.create(percent=Decimal("1"), minimum_vnd=5_000)
    hanoi = ward("01")

    response = client.get(
        quote_url(variant),
        {"ward": hanoi.pk, "variant_id": variant.pk, "quantity": "3"},
        headers=HTMX,
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "3 gói, 2,1 kg: 41.000 ₫ khi thanh toán" in body
    assert f"Giao tới {hanoi.name}, Hà Nội" in body
    carrier_fee = f"{simulator._fee(2100):,}".replace(",", ".") + " ₫"
    for label in ("Giao Hàng Nhanh", "Giao Hàng Tiết Kiệm", "Viettel Post"):
        assert f'<th scope="row">{label}</th><td class="pdp-quote-fee">{carrier_fee}</td>' in body
    assert "5.000 ₫ để thu hộ 360.000 ₫" in body


def test_checkout_carrier_prices_the_line_and_is_named(client, settings):
    settings.LOGISTICS_CHECKOUT_CARRIER = "ghtk"
    variant = VariantFactory(product__unit="pack", weight_grams=1500)
    hanoi = ward("01")

    body = client.get(quote_url(variant), {"ward": hanoi.pk}, headers=HTMX).content.decode()

    fee = f"{simulator._fee(1500):,}".replace(",", ".") + " ₫"
    assert f"1 gói, 1,5 kg: {fee} khi thanh toán (Giao Hàng Tiết Kiệm)" in body


def test_a_carrier_that_does_not_answer_is_said_and_the_table_still_prices(client, monkeypatch):
    def down(*args, **kwargs):
        raise CarrierUnavailable("timeout")

    monkeypatch.setattr(simulator, "transport", lambda code: down)
    variant = VariantFactory(weight_grams=500)

    body = client.get(quote_url(variant), {"ward": ward("01").pk}, headers=HTMX).content.decode()

    assert body.count("chưa báo được cước") == 3
    assert "khi thanh toán" in body


def test_the_buyers_default_address_is_used_without_a_ward(client):
    variant = VariantFactory(weight_grams=500)
    buyer = UserFactory()
    home = ward("79")
    order_services.saved_address_add(
        user=buyer, street="5 Lê Lợi", ward=home, province=home.province,
        recipient_name="Lê Hoa", recipient_phone="0912345678", make_default=True,
    )  # fmt: skip
    client.force_login(buyer)

    body = client.get(quote_url(variant), headers=HTMX).content.decode()

    assert f"Giao tới {home.name}" in body


@pytest.mark.parametrize(
    "query", [{}, {"ward": "abc"}, {"ward": "99999"}, {"ward": "<script>", "quantity": "-4"}]
)
def test_no_ward_known_or_a_bad_one_gives_an_empty_fragment(client, query):
    variant = VariantFactory()

    response = client.get(quote_url(variant), query, headers=HTMX)

    assert response.status_code == 200
    assert "khi thanh toán" not in response.content.decode()


def test_bad_quantity_or_variant_falls_back_to_one_unit_of_the_first_variant(client):
    variant = VariantFactory(product__unit="pack", weight_grams=400)

    body = client.get(
        quote_url(variant),
        {"ward": ward("01").pk, "quantity": "100000", "variant_id": "x"},
        headers=HTMX,
    ).content.decode()

    assert "1 gói, 400 g" in body


def test_unknown_product_is_404(client):
    url = reverse("logistics:product_quote", args=["00000000-0000-0000-0000-000000000000"])

    assert client.get(url).status_code == 404
