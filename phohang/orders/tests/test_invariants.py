"""The STK-10 checks themselves: each one finds the damage it exists to find (a checker that
cannot fail would let every reliability test pass)."""

import pytest

from phohang.catalog.models import ProductVariant, StockMovement

from .factories import UserFactory
from .test_reliability import FULL_NO_VIOLATIONS, buy_one, full_stock_violations, received_variant

pytestmark = pytest.mark.django_db


def damaged(**counts) -> dict[str, int]:
    return {**FULL_NO_VIOLATIONS, **counts}


def test_consistent_stock_has_no_violations():
    variant = received_variant(5)
    buy_one(UserFactory(), variant, through_cart=False, method="cod")
    assert full_stock_violations() == FULL_NO_VIOLATIONS


def test_reserved_count_without_movements_is_found():
    variant = received_variant(5)
    ProductVariant.objects.filter(pk=variant.pk).update(stock_reserved=3)
    assert full_stock_violations() == damaged(movements_mismatch=1)


def test_shelf_count_that_movements_do_not_explain_is_found():
    variant = received_variant(5)
    ProductVariant.objects.filter(pk=variant.pk).update(stock_on_hand=3)
    assert full_stock_violations() == damaged(on_hand_mismatch=1)


def test_confirmed_order_without_its_reservation_is_found():
    variant = received_variant(5)
    checkout = buy_one(UserFactory(), variant, through_cart=False, method="cod")
    order = checkout.orders.get()
    StockMovement.objects.filter(reference=order.number, reason="reserved").update(
        reference="elsewhere"
    )
    assert full_stock_violations() == damaged(paid_without_movement=1)
