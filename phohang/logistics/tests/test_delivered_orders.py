"""A parcel the carrier marks delivered moves its order to delivered, by the orders' rules."""

import pytest

from phohang.logistics.selectors import cod_mismatch_list
from phohang.orders.models import Order
from phohang.payments.models import LedgerEntry, Payment

from .test_shipments import packed_order, send, ship

pytestmark = pytest.mark.django_db


def test_prepaid_parcel_delivered_by_the_carrier_delivers_the_order():
    order, owner = packed_order()
    Order.objects.filter(pk=order.pk).update(payment_method="vietqr")
    order.refresh_from_db()
    shipment = ship(order, owner)

    send(shipment, "in_transit", 10)
    order.refresh_from_db()
    assert order.status == Order.Status.SHIPPED
    send(shipment, "delivered", 30)

    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED
    assert order.delivered_at is not None
    assert list(order.events.values_list("to_status", flat=True))[-1] == "delivered"


def test_cash_on_delivery_is_delivered_through_payments_when_the_cash_matches():
    order, owner = packed_order()
    shipment = ship(order, owner)

    send(shipment, "delivered", 30, cod=order.total_vnd)

    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED
    payment = Payment.objects.get(reference=f"{order.number}C")
    assert (payment.status, payment.amount_vnd) == (Payment.Status.CAPTURED, order.total_vnd)
    assert LedgerEntry.objects.filter(order=order, kind=LedgerEntry.Kind.CAPTURE).count() == 1


def test_cash_on_delivery_with_the_wrong_amount_waits_for_review():
    order, owner = packed_order()
    shipment = ship(order, owner)

    send(shipment, "delivered", 30, cod=order.total_vnd - 10_000)

    order.refresh_from_db()
    assert order.status == Order.Status.SHIPPED
    assert not Payment.objects.filter(reference=f"{order.number}C").exists()
    assert list(cod_mismatch_list()) == [shipment]


def test_a_replayed_delivery_callback_delivers_once():
    order, owner = packed_order()
    shipment = ship(order, owner)

    first = send(shipment, "delivered", 30, cod=order.total_vnd)
    again = send(shipment, "delivered", 30, cod=order.total_vnd)

    order.refresh_from_db()
    assert (first, again) == ("applied", "replayed")
    assert order.events.filter(to_status="delivered").count() == 1
    assert LedgerEntry.objects.filter(order=order).count() == 1


def test_an_order_the_buyer_already_confirmed_is_left_as_it_is():
    order, owner = packed_order()
    Order.objects.filter(pk=order.pk).update(payment_method="vietqr")
    order.refresh_from_db()
    shipment = ship(order, owner)
    Order.objects.filter(pk=order.pk).update(status=Order.Status.COMPLETED)

    outcome = send(shipment, "delivered", 30)

    order.refresh_from_db()
    assert outcome == "applied"
    assert order.status == Order.Status.COMPLETED
