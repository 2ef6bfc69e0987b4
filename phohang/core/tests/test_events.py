"""The event style: sent after commit, never on rollback; a failing receiver is logged, not raised."""

import logging

import pytest
from django.db import transaction
from django.dispatch import Signal

from phohang.core.events import connect, send_after_commit

pytestmark = pytest.mark.django_db


def _failing(sender, **kwargs):
    raise RuntimeError("projection down")


def test_event_waits_for_the_commit_and_reaches_every_receiver(django_capture_on_commit_callbacks):
    signal = Signal()
    received = []

    def listener(sender, number, **kwargs):
        received.append((sender, number))

    connect(signal, listener)

    with django_capture_on_commit_callbacks(execute=True):
        send_after_commit(signal, sender="core", number=7)
        assert received == []

    assert received == [("core", 7)]


def test_event_of_a_rolled_back_transaction_is_never_sent(django_capture_on_commit_callbacks):
    signal = Signal()
    received = []

    def listener(sender, **kwargs):
        received.append(sender)

    connect(signal, listener)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            send_after_commit(signal, sender="core")
            raise RuntimeError("refused")
        send_after_commit(signal, sender="after")

    assert (len(callbacks), received) == (1, ["after"])


def test_failing_receiver_is_logged_and_the_others_still_run(
    django_capture_on_commit_callbacks, caplog
):
    signal = Signal()
    received = []

    def listener(sender, **kwargs):
        received.append(sender)

    connect(signal, _failing)
    connect(signal, listener)

    with (
        caplog.at_level(logging.ERROR, logger="phohang.events"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_after_commit(signal, sender="core", number=1)

    assert received == ["core"]
    [record] = [r for r in caplog.records if r.name == "phohang.events"]
    assert record.getMessage() == f"event receiver {__name__}._failing failed (sender core)"
    assert isinstance(record.exc_info[1], RuntimeError)


def test_connecting_twice_subscribes_once(django_capture_on_commit_callbacks):
    signal = Signal()
    received = []

    def listener(sender, **kwargs):
        received.append(sender)

    connect(signal, listener)
    connect(signal, listener)
    with django_capture_on_commit_callbacks(execute=True):
        send_after_commit(signal, sender="core")

    assert received == ["core"]


def test_projections_are_connected_at_start_up():
    from phohang.catalog.events import product_changed, products_changed
    from phohang.insights import handlers
    from phohang.orders.events import order_placed, order_status_changed
    from phohang.search.services import on_product_changed, on_products_changed
    from phohang.trade.events import contract_signed, contract_status_changed, delivery_received

    def receivers(signal, **payload):
        # Ids no row has: the receivers run, find nothing and change nothing.
        return [receiver for receiver, _result in signal.send_robust(sender="test", **payload)]

    assert on_product_changed in receivers(product_changed, product_id=0, action="updated")
    assert on_products_changed in receivers(products_changed, product_ids=[0], action="updated")
    assert handlers.on_order_placed in receivers(order_placed, order_ids=[0])
    assert handlers.on_order_status_changed in receivers(
        order_status_changed, order_id=0, from_status="paid", to_status="packed"
    )
    for signal in (contract_signed, contract_status_changed, delivery_received):
        assert handlers.on_contract_changed in receivers(signal, contract_id=0)
