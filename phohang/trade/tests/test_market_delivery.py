"""A contract delivery received at a wholesale market (the hook the markets context calls)."""

import pytest

from phohang.accounts.tests.factories import UserFactory
from phohang.core.errors import Conflict
from phohang.trade import events, services
from phohang.trade.models import Delivery, StatusChange, SupplyContract

pytestmark = pytest.mark.django_db


def test_each_delivery_received_at_a_market_and_the_last_completes_the_contract(
    quote, buyer, supplier
):
    _organisation, user = buyer
    _seller, owner = supplier
    contract = services.quote_accept(user=user, quote=quote)
    manager = UserFactory()
    deliveries = list(contract.deliveries.order_by("due_date"))
    services.delivery_mark_shipped(user=owner, delivery=deliveries[0])
    deliveries[0].refresh_from_db()
    received = []

    def listener(**kwargs):
        received.append(kwargs["delivery_id"])

    events.delivery_received.connect(listener)
    try:
        for delivery in deliveries:
            services.delivery_received_at_market(
                delivery=delivery, user=manager, market_name="Chợ đầu mối Long Biên"
            )
    finally:
        events.delivery_received.disconnect(listener)

    contract.refresh_from_db()
    assert contract.status == SupplyContract.Status.COMPLETED
    assert received == [delivery.pk for delivery in deliveries]
    assert set(contract.deliveries.values_list("status", flat=True)) == {"received"}
    assert all(delivery.received_at for delivery in contract.deliveries.all())
    moves = StatusChange.objects.filter(object_type="delivery", to_status="received")
    assert {(move.actor_id, move.note) for move in moves} == {(manager.pk, "Chợ đầu mối Long Biên")}


def test_a_delivery_of_a_contract_no_longer_in_force_is_refused(quote, buyer):
    _organisation, user = buyer
    contract = services.quote_accept(user=user, quote=quote)
    SupplyContract.objects.filter(pk=contract.pk).update(status=SupplyContract.Status.CANCELLED)
    delivery = contract.deliveries.first()
    delivery.refresh_from_db()

    with pytest.raises(Conflict):
        services.delivery_received_at_market(
            delivery=delivery, user=UserFactory(), market_name="Chợ đầu mối Long Biên"
        )

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SCHEDULED


def test_a_delivery_already_received_is_not_received_twice(quote, buyer):
    _organisation, user = buyer
    contract = services.quote_accept(user=user, quote=quote)
    delivery = contract.deliveries.first()
    services.delivery_mark_received(user=user, delivery=delivery)
    delivery.refresh_from_db()

    with pytest.raises(Conflict):
        services.delivery_received_at_market(
            delivery=delivery, user=UserFactory(), market_name="Chợ đầu mối Long Biên"
        )
