"""What a checkout writes, row by row, and that every write lands on both databases: two writes
to one row in one transaction both count, and a refusal leaves nothing behind."""

import json

import pytest
from django.db import transaction

from phohang.catalog.models import ProductVariant, StockMovement
from phohang.core.idempotency import idempotent_call
from phohang.core.models import IdempotencyKey
from phohang.orders import services
from phohang.orders.models import Cart, CartLine, Order, OrderEvent, OrderLine

from .factories import UserFactory, VariantFactory, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_task_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _shelf(variant) -> tuple[int, int]:
    variant = ProductVariant.objects.get(pk=variant.pk)
    return variant.stock_on_hand, variant.stock_reserved


def test_a_checkout_writes_its_orders_lines_history_movements_and_one_queued_event(
    database_task_queue,
):
    from django_tasks_db.models import DBTaskResult

    buyer = UserFactory()
    tea, rice = VariantFactory(price_vnd=120_000), VariantFactory(price_vnd=80_000, sku="ST25-1")
    cart = Cart.objects.create(user=buyer)
    CartLine.objects.create(cart=cart, variant=tea, quantity=2, price_seen_vnd=120_000)
    kept = CartLine.objects.create(
        cart=cart, variant=VariantFactory(), quantity=1, price_seen_vnd=100_000
    )

    checkout = place(buyer, [(tea, 2), (rice, 1)])

    orders = list(Order.objects.filter(checkout=checkout).order_by("number"))
    assert [order.number for order in orders] == [
        f"{checkout.reference}-1",
        f"{checkout.reference}-2",
    ]
    assert [order.pk for order in checkout.orders_placed] == [order.pk for order in orders]
    assert {order.address_id for order in orders} == {orders[0].address.pk}
    assert orders[0].address.street == "12 phố Hàng Bạc"
    lines = OrderLine.objects.filter(order__checkout=checkout).order_by("order__number")
    assert [(line.variant_id, line.quantity, line.unit_price_vnd) for line in lines] == [
        (tea.pk, 2, 120_000),
        (rice.pk, 1, 80_000),
    ]
    assert list(lines.values_list("sku", flat=True)) == [tea.sku, "ST25-1"]
    events = OrderEvent.objects.filter(order__checkout=checkout)
    assert sorted(events.values_list("to_status", "actor_id")) == [
        ("confirmed", buyer.pk),
        ("confirmed", buyer.pk),
    ]
    movements = StockMovement.objects.filter(reference__startswith=checkout.reference)
    assert sorted(movements.values_list("variant_id", "delta_reserved", "reason")) == sorted(
        [(tea.pk, 2, "reserved"), (rice.pk, 1, "reserved")]
    )
    assert list(CartLine.objects.filter(cart=cart)) == [kept]
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_result.args == ["order_placed", {"order_ids": [o.pk for o in orders]}]


def test_a_refused_checkout_leaves_no_row_and_no_queued_event(database_task_queue):
    from django_tasks_db.models import DBTaskResult

    buyer = UserFactory()
    tea, scarce = VariantFactory(), VariantFactory(stock_on_hand=1)
    counts_before = [model.objects.count() for model in (Order, OrderLine, StockMovement)]

    with pytest.raises(services.SoldOut):
        place(buyer, [(tea, 1), (scarce, 2)])

    assert [model.objects.count() for model in (Order, OrderLine, StockMovement)] == counts_before
    assert not DBTaskResult.objects.exists()
    assert (_shelf(tea), _shelf(scarce)) == ((10, 0), (1, 0))


def test_two_keyed_checkouts_in_one_transaction_both_land_on_one_variant():
    """Two updates to one row in one transaction (the variant's reservation, then its second)
    both count, and each key stores its own answer: nothing is batched and lost."""
    buyer = UserFactory()
    tea = VariantFactory(stock_on_hand=5)

    def checkout_call():
        checkout = place(buyer, [(tea, 2)], savepoint=False)
        return 201, json.dumps({"reference": checkout.reference})

    with transaction.atomic():
        answers = [
            idempotent_call(user=buyer, scope="checkout", key=key, payload=key, call=checkout_call)
            for key in ("key-first", "key-second")
        ]

    assert [status for status, _body, replayed in answers] == [201, 201]
    assert _shelf(tea) == (5, 4)
    assert StockMovement.objects.filter(variant=tea, delta_reserved=2).count() == 2
    stored = IdempotencyKey.objects.filter(user=buyer).order_by("key")
    assert [(key.key, key.state, key.response_body) for key in stored] == [
        ("key-first", "done", answers[0][1]),
        ("key-second", "done", answers[1][1]),
    ]
