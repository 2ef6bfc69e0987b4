import random
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from phohang.catalog.models import Category
from phohang.insights import rollups, tasks
from phohang.insights.models import (
    Grain,
    OrderLedger,
    SalesCategoryFact,
    SalesFlowFact,
    SalesSeriesFact,
    SellerActivityFact,
    SellerMonthFact,
)
from phohang.orders.events import order_placed, order_status_changed
from phohang.orders.models import Order

from .factories import SellerFactory, order_make, order_refund, product_of

pytestmark = pytest.mark.django_db


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=10))


def _placed(order) -> None:
    order_placed.send(sender="orders", order_ids=[order.pk])


def _moved(order, from_status, to_status) -> None:
    Order.objects.filter(pk=order.pk).update(status=to_status)
    order_status_changed.send(
        sender="orders", order_id=order.pk, from_status=from_status, to_status=to_status
    )


def test_order_placed_adds_net_sales_to_day_month_quarter_and_year_rows():
    seller = SellerFactory(province_code="08")
    tea = product_of(seller, ocop=True, price=150_000)
    order = order_make(variants=[(tea, 2)], buyer_province="01", created_at=_at(date(2026, 3, 14)))

    _placed(order)

    rows = SalesFlowFact.objects.order_by("grain").values_list(
        "grain", "period", "seller_province_id", "buyer_province_id", "orders", "units", "gmv_vnd"
    )
    assert list(rows) == [
        ("d", date(2026, 3, 14), "08", "01", 1, 2, 300_000),
        ("m", date(2026, 3, 1), "08", "01", 1, 2, 300_000),
        ("q", date(2026, 1, 1), "08", "01", 1, 2, 300_000),
        ("y", date(2026, 1, 1), "08", "01", 1, 2, 300_000),
    ]
    series = SalesSeriesFact.objects.order_by("grain").values_list(
        "grain", "seller_province_id", "gmv_vnd", "ocop_vnd"
    )
    assert list(series) == [
        ("d", "08", 300_000, 300_000),
        ("m", "08", 300_000, 300_000),
        ("q", "08", 300_000, 300_000),
        ("y", "08", 300_000, 300_000),
    ]
    activity = SellerActivityFact.objects.order_by("grain").values_list(
        "grain", "period", "gmv_vnd"
    )
    assert list(activity) == [
        ("m", date(2026, 3, 1), 300_000),
        ("q", date(2026, 1, 1), 300_000),
        ("y", date(2026, 1, 1), 300_000),
    ]
    category = SalesCategoryFact.objects.get(grain=Grain.MONTH)
    assert (category.is_ocop, category.units, category.gmv_vnd) == (True, 2, 300_000)
    assert SellerMonthFact.objects.get().orders == 1


def test_cancelled_order_leaves_net_sales_and_counts_as_cancelled():
    seller = SellerFactory()
    rice = product_of(seller, price=40_000)
    order = order_make(variants=[(rice, 5)], created_at=_at(date(2026, 1, 20)))
    _placed(order)

    _moved(order, Order.Status.PAID, Order.Status.CANCELLED)

    month = SalesFlowFact.objects.get(grain=Grain.MONTH)
    assert (month.orders, month.units, month.gmv_vnd) == (0, 0, 0)
    assert (month.placed_orders, month.placed_vnd) == (1, 200_000)
    assert (month.cancelled_orders, month.cancelled_vnd) == (1, 200_000)


def test_partial_refund_removes_only_the_returned_units():
    seller = SellerFactory()
    honey = product_of(seller, price=90_000)
    order = order_make(variants=[(honey, 4)], created_at=_at(date(2026, 2, 2)))
    _placed(order)

    order_refund(order, {order.lines.get(): 1})
    _moved(order, Order.Status.RETURN_ACCEPTED, Order.Status.REFUNDED)

    month = SalesFlowFact.objects.get(grain=Grain.MONTH)
    assert (month.orders, month.units, month.gmv_vnd, month.refunded_vnd) == (1, 3, 270_000, 90_000)


def test_the_same_event_twice_is_counted_once():
    seller = SellerFactory()
    variant = product_of(seller, price=10_000)
    order = order_make(variants=[(variant, 1)])

    _placed(order)
    _placed(order)

    assert SalesFlowFact.objects.get(grain=Grain.MONTH).gmv_vnd == 10_000
    assert OrderLedger.objects.count() == 1


def test_rollups_equal_a_full_recomputation_after_random_orders_cancellations_and_refunds():
    generator = random.Random(20260714)
    categories = list(Category.objects.filter(parent__isnull=False)[:4]) or list(
        Category.objects.all()[:4]
    )
    sellers = [
        SellerFactory(province_code=code, seller_type=kind)
        for code, kind in [("01", "household"), ("08", "cooperative"), ("79", "enterprise")]
    ]
    variants = [
        product_of(
            seller,
            ocop=generator.random() < 0.4,
            category=generator.choice(categories),
            price=generator.randrange(10_000, 500_000, 1_000),
        )
        for seller in sellers
        for _ in range(2)
    ]
    orders = []
    for _ in range(40):
        seller = generator.choice(sellers)
        own = [v for v in variants if v.seller_id == seller.pk]
        picked = generator.sample(own, generator.randint(1, len(own)))
        day = date(2025, 1, 1) + timedelta(days=generator.randrange(540))
        order = order_make(
            variants=[(v, generator.randint(1, 6)) for v in picked],
            buyer_province=generator.choice(["01", "79", "31", "48"]),
            created_at=_at(day),
        )
        _placed(order)
        orders.append(order)
        if generator.random() < 0.2:
            _placed(order)  # a redelivered event changes nothing
    for order in generator.sample(orders, 25):
        action = generator.choice(["cancel", "refund_all", "refund_part", "complete"])
        if action == "cancel":
            _moved(order, order.status, Order.Status.CANCELLED)
        elif action == "complete":
            _moved(order, order.status, Order.Status.COMPLETED)
        else:
            line = order.lines.first()
            order_refund(order, {line: 1} if action == "refund_part" else None)
            _moved(order, Order.Status.RETURN_ACCEPTED, Order.Status.REFUNDED)
    incremental = rollups.rollups_snapshot()

    rollups.rollups_rebuild()

    assert rollups.rollups_snapshot() == incremental
    assert (
        sum(incremental["SalesFlowFact"][k][3] for k in incremental["SalesFlowFact"] if k[0] == "m")
        == 40
    )


def test_one_sync_of_a_whole_checkout_equals_a_full_recomputation():
    """A checkout's orders are synced together: one transaction, one version bump."""
    sellers = [SellerFactory(province_code=code) for code in ("01", "08", "79", "48")]
    variants = [product_of(seller, price=90_000 + 1_000 * i) for i, seller in enumerate(sellers)]
    day = _at(date(2026, 2, 3))
    orders = [
        order_make(variants=[(variant, 2)], buyer_province="01", created_at=day)
        for variant in variants
    ]
    ids = [order.pk for order in orders]
    with CaptureQueriesContext(connection) as captured:
        assert rollups.order_sync(order_ids=ids) == 4
    statements = [query["sql"] for query in captured.captured_queries]
    # One read (FOR UPDATE where the database has it) of all four ledger rows.
    assert sum(sql.startswith("SELECT") and "orderledger" in sql for sql in statements) == 1
    assert sum(sql.startswith("UPDATE") and "rollupversion" in sql for sql in statements) == 1
    assert rollups.order_sync(order_ids=ids) == 0  # nothing moved since

    Order.objects.filter(pk=ids[0]).update(status=Order.Status.CANCELLED)
    order_refund(orders[1], {orders[1].lines.first(): 1})
    Order.objects.filter(pk=ids[1]).update(status=Order.Status.REFUNDED)
    assert rollups.order_sync(order_ids=ids) == 2
    incremental = rollups.rollups_snapshot()

    rollups.rollups_rebuild()

    assert rollups.rollups_snapshot() == incremental
    assert (
        sum(measures[3] for key, measures in incremental["SalesFlowFact"].items() if key[0] == "m")
        == 4
    )


def test_rebuild_replaces_drifted_rows_with_the_recomputed_ones():
    seller = SellerFactory()
    variant = product_of(seller, price=50_000)
    order = order_make(variants=[(variant, 2)])
    _placed(order)
    SalesFlowFact.objects.update(gmv_vnd=1)

    counts = rollups.rollups_rebuild()

    # One row for each of the day, month, quarter and year of the order.
    assert counts["SalesFlowFact"] == 4
    assert set(SalesFlowFact.objects.values_list("gmv_vnd", flat=True)) == {100_000}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_syncs_of_the_same_orders_equal_a_full_recomputation():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    seller = SellerFactory(province_code="08")
    variant = product_of(seller, price=70_000)
    orders = [order_make(variants=[(variant, 2)]) for _ in range(6)]
    Order.objects.filter(pk__in=[order.pk for order in orders[:3]]).update(
        status=Order.Status.CANCELLED
    )

    def sync(order_ids):
        try:
            return rollups.order_sync(order_ids=order_ids)
        finally:
            connection.close()

    # Workers race on the same ledger rows, first syncs included: each order must count once.
    batches = [[order.pk for order in orders]] * 4 + [[order.pk] for order in orders] * 2
    with ThreadPoolExecutor(max_workers=6) as pool:
        changed = sum(pool.map(sync, batches))
    incremental = rollups.rollups_snapshot()

    rollups.rollups_rebuild()

    assert changed == 6
    assert rollups.rollups_snapshot() == incremental
    month = SalesFlowFact.objects.get(grain=Grain.MONTH)
    assert (month.placed_orders, month.orders, month.gmv_vnd) == (6, 3, 420_000)


def test_order_event_only_queues_the_rollup_sync_so_checkout_does_not_wait(settings):
    from django.tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    seller = SellerFactory()
    order = order_make(variants=[(product_of(seller, price=25_000), 2)])

    _placed(order)

    queued = task_backends["default"].results
    assert [(r.task.name, r.kwargs) for r in queued] == [
        ("order_sync_task", {"order_ids": [order.pk]})
    ]
    assert not SalesFlowFact.objects.exists()

    tasks.order_sync_task.call(**queued[0].kwargs)

    assert SalesFlowFact.objects.get(grain=Grain.MONTH).gmv_vnd == 50_000
