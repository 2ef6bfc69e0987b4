"""STK-07: the seller sets stock while 10 buyers check out.

"Set" semantics (catalog.services.stock_set): the seller counts the shelf, so N is the new stock
on hand, units already held by orders included; it is applied as one conditional update of the
same row the checkouts reserve on, so each checkout lands wholly before or wholly after it.
"""

import threading

import pytest
from django.db import connection
from django.db.models import Sum
from django.test import Client

from phohang.catalog.models import ProductVariant, StockMovement
from phohang.core import reliability
from phohang.orders import services

from .factories import UserFactory, place, seller_with_owner
from .test_reliability import parallel, received_variant

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def test_stk07_stock_set_during_checkouts_counts_every_unit_once():
    buyers_count, attempts_each, new_stock = 10, 8, 40
    seller, owner = seller_with_owner()
    variant = received_variant(100, product__seller=seller)
    buyers = [UserFactory() for _ in range(buyers_count)]
    seller_client = Client()
    seller_client.force_login(owner)
    url = f"/api/v1/catalog/my/products/{variant.product.public_id}/variants/{variant.pk}/stock"
    edit_done = threading.Event()

    def checkout(buyer):
        def job(_worker):
            place(buyer, [(variant, 1)])
            return "sold"

        return job

    def seller_edits(_worker):
        # Wait until some units are held, so the edit lands in the middle of the checkouts.
        while ProductVariant.objects.get(pk=variant.pk).stock_reserved < 10:
            pass
        response = seller_client.put(url, {"on_hand": new_stock}, content_type="application/json")
        edit_done.set()
        connection.close()
        return ("edit", response.status_code)

    jobs = [seller_edits] + [checkout(buyer) for buyer in buyers for _ in range(attempts_each)]
    results, errors = parallel(jobs, threads=buyers_count + 1)

    variant.refresh_from_db()
    movements = StockMovement.objects.filter(variant=variant).order_by("pk")
    edit = movements.get(reference="stock_set", delta_on_hand__lt=0)
    held_at_edit = movements.filter(pk__lt=edit.pk).aggregate(total=Sum("delta_reserved"))["total"]
    sold_after_edit = movements.filter(pk__gt=edit.pk).aggregate(total=Sum("delta_reserved"))[
        "total"
    ]
    units_won = results.count("sold")
    figures = {
        "buyers": buyers_count,
        "attempts": buyers_count * attempts_each,
        "set_to": new_stock,
        "held_at_edit": held_at_edit,
        "sold_after_edit": sold_after_edit,
        "final_on_hand": variant.stock_on_hand,
        "final_available": variant.stock_on_hand - variant.stock_reserved,
        "unexpected_errors": sum(1 for e in errors if not isinstance(e, services.SoldOut)),
    }
    reliability.record("STK-07", figures)
    assert ("edit", 200) in results and edit_done.is_set()
    assert figures["unexpected_errors"] == 0
    assert variant.stock_on_hand == new_stock
    assert figures["final_available"] == new_stock - held_at_edit - sold_after_edit == 0
    assert variant.stock_reserved == units_won == new_stock
