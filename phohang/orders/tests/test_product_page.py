import datetime
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.http import urlencode

from phohang.accounts.tests.factories import UserFactory
from phohang.orders import services
from phohang.orders.models import CartLine

from .factories import VariantFactory, ward

pytestmark = pytest.mark.django_db


def _dates(fewest: int, most: int) -> str:
    # orders.delivery: one packing day, then the days on the road.
    today = timezone.localdate()
    earliest = (today + datetime.timedelta(days=1 + fewest)).strftime("%d/%m")
    latest = (today + datetime.timedelta(days=1 + most)).strftime("%d/%m")
    return f"Dự kiến giao {earliest} – {latest}"


@override_settings(SHIPPING_DEFAULT_FEE_VND=25_000)
def test_product_page_prices_shipping_to_the_buyers_default_address(client):
    variant = VariantFactory(product__seller__province_id="01")
    buyer = UserFactory()
    home = ward("01")
    services.saved_address_add(
        user=buyer, street="5 Hàng Bạc", ward=home, province=home.province,
        recipient_name="Lê Hoa", recipient_phone="0912345678", make_default=True,
    )  # fmt: skip
    client.force_login(buyer)

    body = client.get(variant.product.get_absolute_url()).content.decode()

    assert f"Tới {home.name}, Hà Nội" in body
    assert "25.000 ₫" in body
    assert _dates(1, 2) in body


def test_a_visitor_picks_a_ward_and_sees_the_fee_and_the_dates(client):
    variant = VariantFactory(product__seller__province_id="01")
    far = ward("79")
    url = reverse("orders:shipping_estimate", args=[variant.product.public_id])

    before = client.get(variant.product.get_absolute_url()).content.decode()
    picked = client.get(url, {"ward": far.pk}, headers={"HX-Request": "true"})
    again = client.get(variant.product.get_absolute_url()).content.decode()

    assert "Chọn nơi nhận để xem phí vận chuyển và ngày giao." in before
    assert picked.status_code == 200
    assert f"Tới {far.name}" in picked.content.decode()
    assert _dates(4, 6) in picked.content.decode()
    assert f"Tới {far.name}" in again


def test_a_malformed_ward_asks_for_a_ward_instead_of_failing(client):
    variant = VariantFactory()
    url = reverse("orders:shipping_estimate", args=[variant.product.public_id])

    responses = [client.get(url, {"ward": value}) for value in ("' OR 1=1", "99999", "1" * 300)]

    assert [response.status_code for response in responses] == [200, 200, 200]
    assert all("Chọn nơi nhận" in response.content.decode() for response in responses)


def test_buy_now_puts_the_variant_in_the_cart_and_opens_checkout(client):
    variant = VariantFactory()
    client.force_login(UserFactory())

    response = client.post(
        reverse("orders:cart_update"),
        {"mode": "add", "variant_id": variant.pk, "quantity": 2, "buy_now": "1"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("orders:checkout")
    assert CartLine.objects.get().quantity == 2


def test_product_page_offers_variant_buttons_and_a_chat_about_the_product(client):
    variant = VariantFactory(name="Hũ 500 g", price_vnd=150_000)
    VariantFactory(product=variant.product, name="Hũ 1 kg", price_vnd=280_000, stock_on_hand=0)

    body = client.get(variant.product.get_absolute_url()).content.decode()

    assert f'type="radio" name="variant_id" id="variant-{variant.pk}" value="{variant.pk}"' in body
    assert re.search(rf'id="variant-{variant.pk}"[^>]*data-price="150.000 ₫"[^>]*checked', body)
    assert "Còn 10 cái" in body
    assert "Hết hàng" in body and "disabled" in body
    assert "Mua ngay" in body and "Thêm vào giỏ" in body
    chat = (
        reverse("messaging:start")
        + "?"
        + urlencode(
            {"seller": variant.product.seller.public_id, "product": variant.product.public_id}
        )
    )
    assert f'<a class="button" href="{escape(chat)}">Chat với người bán</a>' in body
