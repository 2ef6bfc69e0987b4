"""FUZ-08: random multi-seller baskets against a plain integer model (CI 300 baskets;
PHOHANG_RELIABILITY_FULL=1 runs the 10,000 of RELIABILITY.md)."""

import os
import random
from decimal import Decimal

import pytest

from phohang.core.money import percent_of
from phohang.logistics.models import ShippingRate
from phohang.orders.models import CommissionRate
from phohang.orders.services import checkout_preview
from phohang.orders.services.checkout import _commission
from phohang.orders.tests.factories import VariantFactory
from phohang.payments import vnpay

pytestmark = pytest.mark.django_db
BASKETS = 10_000 if os.environ.get("PHOHANG_RELIABILITY_FULL") == "1" else 300


def test_random_baskets_match_integer_model():
    rng = random.Random(8)
    variants = [
        VariantFactory(price_vnd=rng.randint(1, 50_000_000), weight_grams=rng.randint(1, 5000))
        for _ in range(9)
    ]
    CommissionRate.objects.create(category=variants[0].product.category, percent=Decimal("2.5"))
    ShippingRate.objects.create(max_weight_grams=2000, fee_vnd=25_000)
    ShippingRate.objects.create(max_weight_grams=10_000, fee_vnd=61_000)
    mismatches = 0
    for _ in range(BASKETS):
        basket = {v.pk: rng.randint(1, 999) for v in rng.sample(variants, rng.randint(1, 6))}
        preview = checkout_preview(items=list(basket.items()), destination_province_id="79")
        for group in preview.groups:
            subtotal = sum(
                v.price_vnd * basket[v.pk]
                for v in variants
                if v.pk in basket and v.seller_id == group.seller.pk
            )
            weight = sum(
                v.weight_grams * basket[v.pk]
                for v in variants
                if v.pk in basket and v.seller_id == group.seller.pk
            )
            fee = (
                25_000
                if weight <= 2000
                else 61_000
                if weight <= 10_000
                else 61_000 * -(-weight // 10_000)
            )
            rate = Decimal("2.5") if group.lines[0].variant.pk == variants[0].pk else Decimal("5")
            if len(group.lines) == 1 and _commission(group.lines) != percent_of(subtotal, rate):
                mismatches += 1
            if (group.subtotal_vnd, group.shipping_vnd, group.total_vnd) != (
                subtotal,
                fee,
                subtotal + fee,
            ):
                mismatches += 1
        if preview.total_vnd != sum(g.total_vnd for g in preview.groups):
            mismatches += 1
        total = preview.total_vnd
        if total <= vnpay.MAX_AMOUNT_VND:
            if (
                int(vnpay.amount_field(total)) != total * 100
                or vnpay.amount_from_field(vnpay.amount_field(total)) != total
            ):
                mismatches += 1
        else:
            with pytest.raises(ValueError):
                vnpay.amount_field(total)

    assert mismatches == 0


def test_percent_rounds_half_up_once():
    assert [percent_of(v, "7.5") for v in (99_999, 20, 6)] == [7_500, 2, 0]
