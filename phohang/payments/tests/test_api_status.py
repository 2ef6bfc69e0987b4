"""GET /api/v1/payments/checkouts/{id}: what each order of a checkout has captured, refunded and
kept, for its buyer only, in a number of queries that does not grow with the orders."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from phohang.orders.tests.factories import UserFactory, VariantFactory, place
from phohang.payments.services import payment_capture, payment_start, refund_issue
from phohang.payments.tests.test_reliability import api_client

pytestmark = pytest.mark.django_db


def paid_checkout(buyer, sellers: int):
    """A VietQR checkout with one order per seller, captured in full."""
    variants = [
        VariantFactory(price_vnd=100_000 + 10_000 * n, stock_on_hand=5) for n in range(sellers)
    ]
    checkout = place(buyer, [(variant, 1) for variant in variants], method="vietqr")
    payment = payment_start(checkout=checkout, method="vietqr")
    payment_capture(payment_id=payment.pk, source="test")
    return checkout


def status(client, checkout):
    return client.get(f"/api/v1/payments/checkouts/{checkout.public_id}")


def test_buyer_sees_each_orders_money_after_a_partial_refund():
    buyer = UserFactory()
    checkout = paid_checkout(buyer, sellers=2)
    refunded, untouched = checkout.orders.order_by("pk")
    refund_issue(order=refunded, amount_vnd=25_000, idempotency_key="partial-1")

    response = status(api_client(buyer), checkout)

    assert response.status_code == 200
    body = response.json()
    assert body["payment_status"] == "captured"
    money = {
        order["number"]: (order["captured_vnd"], order["refunded_vnd"], order["paid_vnd"])
        for order in body["orders"]
    }
    assert money == {
        refunded.number: (refunded.total_vnd, 25_000, refunded.total_vnd - 25_000),
        untouched.number: (untouched.total_vnd, 0, untouched.total_vnd),
    }


def test_another_buyer_gets_not_found():
    checkout = paid_checkout(UserFactory(), sellers=1)

    response = status(api_client(UserFactory()), checkout)

    assert response.status_code == 404


def test_queries_do_not_grow_with_the_orders_of_a_checkout():
    buyer = UserFactory()
    client = api_client(buyer)
    small, large = paid_checkout(buyer, sellers=1), paid_checkout(buyer, sellers=4)
    status(client, small)  # warm the token and session caches alike for both reads

    counts = []
    for checkout in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert status(client, checkout).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
