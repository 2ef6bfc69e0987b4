import io

import pytest

from phohang.orders.demo import load_demo
from phohang.orders.models import Order

from .factories import VariantFactory, seller_with_owner

pytestmark = pytest.mark.django_db


def test_demo_orders_in_several_states():
    for _ in range(3):
        seller, _owner = seller_with_owner()
        VariantFactory(product__seller=seller, stock_on_hand=20)
    out = io.StringIO()

    load_demo(out)
    load_demo(out)

    statuses = sorted(Order.objects.values_list("status", flat=True))
    assert statuses == ["awaiting_payment", "awaiting_payment", "cancelled", "confirmed", "shipped"]
