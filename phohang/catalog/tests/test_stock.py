import pytest

from phohang.catalog.models import StockMovement
from phohang.catalog.services import (
    OutOfStock,
    stock_commit_sale,
    stock_release,
    stock_reserve,
    stock_return,
    stock_set,
)

from .factories import VariantFactory

pytestmark = pytest.mark.django_db


def _stock(variant):
    variant.refresh_from_db()
    return (variant.stock_on_hand, variant.stock_reserved)


def test_stock_reserve_holds_units_and_writes_a_movement():
    variant = VariantFactory(stock_on_hand=5)

    stock_reserve(variant_id=variant.pk, quantity=3, reference="order:1")

    assert _stock(variant) == (5, 3)
    movement = StockMovement.objects.get(variant=variant)
    assert (
        movement.reason,
        movement.delta_on_hand,
        movement.delta_reserved,
        movement.reference,
    ) == (
        "reserved",
        0,
        3,
        "order:1",
    )


def test_stock_reserve_refuses_more_than_available():
    variant = VariantFactory(stock_on_hand=5, stock_reserved=3)

    with pytest.raises(OutOfStock):
        stock_reserve(variant_id=variant.pk, quantity=3, reference="order:2")

    assert _stock(variant) == (5, 3)
    assert StockMovement.objects.count() == 0


def test_stock_reserve_rejects_non_positive_quantity():
    variant = VariantFactory(stock_on_hand=5)

    for quantity in (0, -1):
        with pytest.raises(ValueError):
            stock_reserve(variant_id=variant.pk, quantity=quantity, reference="x")

    assert _stock(variant) == (5, 0)


def test_stock_release_and_commit_and_return():
    variant = VariantFactory(stock_on_hand=10)
    stock_reserve(variant_id=variant.pk, quantity=4, reference="o")

    stock_release(variant_id=variant.pk, quantity=1, reference="o")
    stock_commit_sale(variant_id=variant.pk, quantity=3, reference="o")
    stock_return(variant_id=variant.pk, quantity=2, reference="o")

    assert _stock(variant) == (9, 0)
    assert list(
        StockMovement.objects.order_by("id").values_list(
            "reason", "delta_on_hand", "delta_reserved"
        )
    ) == [("reserved", 0, 4), ("released", 0, -1), ("sold", -3, -3), ("returned", 2, 0)]


def test_stock_release_more_than_reserved_changes_nothing():
    variant = VariantFactory(stock_on_hand=10, stock_reserved=2)

    with pytest.raises(OutOfStock):
        stock_release(variant_id=variant.pk, quantity=3, reference="o")
    with pytest.raises(OutOfStock):
        stock_commit_sale(variant_id=variant.pk, quantity=3, reference="o")

    assert _stock(variant) == (10, 2)
    assert StockMovement.objects.count() == 0


def test_stock_set_cannot_go_below_reserved():
    variant = VariantFactory(stock_on_hand=10, stock_reserved=6)

    with pytest.raises(OutOfStock):
        stock_set(variant_id=variant.pk, on_hand=5)

    assert _stock(variant) == (10, 6)


def test_stock_set_records_adjustment_and_audit():
    from phohang.core.models import AuditRecord

    variant = VariantFactory(stock_on_hand=10, stock_reserved=2)

    stock_set(variant_id=variant.pk, on_hand=4)

    assert _stock(variant) == (4, 2)
    assert StockMovement.objects.get().delta_on_hand == -6
    assert AuditRecord.objects.filter(action="catalog.stock.set").count() == 1


def test_stock_reserve_sends_product_changed_when_sold_out(django_capture_on_commit_callbacks):
    from phohang.catalog.events import product_changed

    received = []

    def listener(sender, product_id, action, **kwargs):
        received.append((product_id, action))

    product_changed.connect(listener)
    try:
        variant = VariantFactory(stock_on_hand=2)
        with django_capture_on_commit_callbacks(execute=True):
            stock_reserve(variant_id=variant.pk, quantity=1, reference="a")
        with django_capture_on_commit_callbacks(execute=True):
            stock_reserve(variant_id=variant.pk, quantity=1, reference="b")
    finally:
        product_changed.disconnect(listener)

    assert received == [(variant.product_id, "updated")]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_reservations_never_oversell():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    variant = VariantFactory(stock_on_hand=5)

    def buy(_):
        try:
            stock_reserve(variant_id=variant.pk, quantity=1, reference="race")
            return True
        except OutOfStock:
            return False
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(buy, range(20)))

    assert results.count(True) == 5
    assert _stock(variant) == (5, 5)
