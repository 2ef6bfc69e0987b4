import pytest
from django.urls import reverse

from phohang.logistics.models import ShippingRate
from phohang.orders.services import checkout_preview
from phohang.orders.services.zones import item_weight_grams

from .factories import ProductFactory, UserFactory, VariantFactory, place, seller_with_owner

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("weight_grams", "name", "unit", "expected"),
    [
        (750, "Túi 2 kg", "bag", 750),
        (None, "Túi 2 kg", "bag", 2000),
        (None, "Chai 500 ml", "bottle", 500),
        (None, "Loại 1", "kg", 1000),
        (None, "Giỏ nhỏ", "piece", 500),
    ],
)
def test_item_weight_comes_from_the_variant(weight_grams, name, unit, expected):
    assert item_weight_grams(weight_grams=weight_grams, variant_name=name, unit=unit) == expected


def test_a_500_g_and_a_1_kg_bag_weigh_1500_g_and_pay_the_band_above_1_kg():
    seller, _owner = seller_with_owner()
    ShippingRate.objects.create(max_weight_grams=1000, fee_vnd=20_000)
    ShippingRate.objects.create(max_weight_grams=2000, fee_vnd=35_000)
    small = VariantFactory(product__seller=seller, name="Gói 500 g", weight_grams=None)
    large = VariantFactory(product__seller=seller, name="Gói 1 kg", weight_grams=None)

    preview = checkout_preview(items=[(small.pk, 1), (large.pk, 1)], destination_province_id="01")

    (group,) = preview.groups
    assert (group.weight_grams, group.shipping_vnd) == (1500, 35_000)


def test_packing_slip_shows_each_line_weight_from_its_variant(client):
    seller, owner = seller_with_owner()
    rice = VariantFactory(
        product=ProductFactory(seller=seller, title="Gạo ST25", unit="bag"),
        name="Túi 2 kg",
        weight_grams=None,
    )
    order = place(UserFactory(), [(rice, 2)]).orders.get()
    client.force_login(owner)

    slip = client.get(reverse("orders:packing_slip", args=[order.public_id]))

    text = slip.content.decode()
    assert order.weight_grams == 4000
    assert order.lines.get().weight_grams == 4000
    assert "<td>4 kg</td>" in text and "Tổng khối lượng: 4 kg" in text
