import datetime
import json

import pytest

from phohang.core.audit import AuditContext
from phohang.core.errors import Conflict, DomainError
from phohang.logistics import services
from phohang.logistics.carriers import simulator
from phohang.logistics.models import CarrierWebhook, Shipment, ShipmentEvent
from phohang.logistics.selectors import cod_mismatch_list
from phohang.orders.models import Order
from phohang.orders.services import order_pack
from phohang.orders.tests.factories import UserFactory, VariantFactory, place, seller_with_owner

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 3, 10, 8, 0, tzinfo=datetime.UTC)


def packed_order(method="cod"):
    """A cash-on-delivery order its seller has packed."""
    seller, owner = seller_with_owner()
    variant = VariantFactory(product__seller=seller, stock_on_hand=5, price_vnd=185_000)
    buyer = UserFactory()
    order = place(buyer, [(variant, 2)], method=method).orders.get()
    order_pack(order=order, actor=owner)
    order.refresh_from_db()
    return order, owner


def ship(order, owner, carrier="ghn", key="9a4f0c6e-key-1"):
    return services.shipment_create_for_order(
        order=order,
        carrier=carrier,
        user=owner,
        idempotency_key=key,
        context=AuditContext(actor=owner),
    )


def send(shipment, status, minutes, cod=0, carrier=None):
    carrier = carrier or shipment.carrier
    headers, query, body = simulator.webhook(
        carrier,
        tracking_code=shipment.tracking_code,
        status=status,
        at=START + datetime.timedelta(minutes=minutes),
        cod_vnd=cod,
    )
    return services.shipment_webhook_receive(
        carrier=carrier, headers=headers, query=query, body=body
    )


@pytest.mark.parametrize("carrier", ["ghn", "ghtk", "viettelpost"])
def test_packed_order_is_booked_once_per_key_and_marked_shipped(carrier):
    order, owner = packed_order()

    first = ship(order, owner, carrier)
    again = ship(order, owner, carrier)

    order.refresh_from_db()
    assert first.pk == again.pk
    assert Shipment.objects.count() == 1
    assert order.status == Order.Status.SHIPPED
    assert order.tracking_number == first.tracking_code
    assert first.cod_vnd == order.total_vnd
    assert first.fee_vnd >= 22_000


def test_only_the_sellers_team_ships_and_only_packed_orders():
    order, owner = packed_order()

    with pytest.raises(DomainError):
        ship(order, UserFactory())
    Order.objects.filter(pk=order.pk).update(status=Order.Status.CONFIRMED)
    order.refresh_from_db()
    with pytest.raises(Conflict):
        ship(order, owner)

    assert Shipment.objects.count() == 0


@pytest.mark.parametrize("carrier", ["ghn", "ghtk", "viettelpost"])
def test_carrier_webhooks_move_the_parcel_to_delivered_with_a_timeline(carrier):
    order, owner = packed_order()
    shipment = ship(order, owner, carrier)

    outcomes = [
        send(shipment, "picked_up", 10),
        send(shipment, "in_transit", 60),
        send(shipment, "delivered", 240, cod=order.total_vnd),
    ]

    shipment.refresh_from_db()
    assert outcomes == ["applied", "applied", "applied"]
    assert shipment.status == "delivered"
    assert shipment.cod_collected_vnd == order.total_vnd
    assert list(shipment.events.values_list("to_status", flat=True)) == [
        "created",
        "picked_up",
        "in_transit",
        "delivered",
    ]


def test_forged_webhook_changes_nothing():
    order, owner = packed_order()
    shipment = ship(order, owner)
    headers, query, body = simulator.webhook(
        "ghn", tracking_code=shipment.tracking_code, status="delivered", at=START
    )

    with pytest.raises(services.WebhookRefused):
        services.shipment_webhook_receive(
            carrier="ghn", headers={"Token": "guessed"}, query=query, body=body
        )
    with pytest.raises(services.WebhookRefused):
        services.shipment_webhook_receive(
            carrier="ghtk", headers={}, query={"hash": "wrong"}, body=b"{}"
        )
    forged = json.loads(
        simulator.webhook(
            "viettelpost", tracking_code=shipment.tracking_code, status="delivered", at=START
        )[2]
    )
    forged["TOKEN"] = "x"
    with pytest.raises(services.WebhookRefused):
        services.shipment_webhook_receive(
            carrier="viettelpost", headers={}, query={}, body=json.dumps(forged).encode()
        )

    shipment.refresh_from_db()
    assert shipment.status == "created"
    assert CarrierWebhook.objects.count() == 0
    assert ShipmentEvent.objects.filter(shipment=shipment).count() == 1


def test_replayed_and_late_webhooks_change_nothing():
    order, owner = packed_order()
    shipment = ship(order, owner)
    send(shipment, "out_for_delivery", 100)

    replay = send(shipment, "out_for_delivery", 100)
    late = send(shipment, "picked_up", 50)

    shipment.refresh_from_db()
    assert (replay, late) == ("replayed", "stale")
    assert shipment.status == "out_for_delivery"
    assert shipment.events.count() == 2


def test_cod_mismatch_is_listed_for_review_until_staff_close_it():
    order, owner = packed_order()
    shipment = ship(order, owner)
    send(shipment, "delivered", 30, cod=order.total_vnd - 50_000)
    admin = UserFactory(is_staff=True, is_superuser=True)

    listed = list(cod_mismatch_list())
    services.shipment_cod_review(shipment=shipment, user=admin, context=AuditContext(actor=admin))

    assert listed == [shipment]
    assert list(cod_mismatch_list()) == []


def test_prepaid_parcel_has_nothing_to_collect():
    order, owner = packed_order()
    Order.objects.filter(pk=order.pk).update(payment_method="vietqr")
    order.refresh_from_db()

    shipment = ship(order, owner)
    send(shipment, "delivered", 30)

    shipment.refresh_from_db()
    assert shipment.cod_vnd == 0 and shipment.cod_collected_vnd is None
    assert list(cod_mismatch_list()) == []
