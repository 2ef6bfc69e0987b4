"""Stock reliability (RELIABILITY.md B1): STK-01 … STK-10 at CI size.

PHOHANG_RELIABILITY_FULL=1 runs the sizes RELIABILITY.md gives (STK-01 1,000 attempts, STK-02 8
processes × 400 attempts, STK-04 200 pairs, STK-05 8 threads × 25 rounds with a 0.3 s step).
Concurrency tests use real parallel connections: threads with their own PostgreSQL connection, or
separate processes on one SQLite file.
"""

import json
import os
import queue
import random
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from phohang.accounts.models import Notification
from phohang.catalog.models import ProductVariant, StockMovement
from phohang.catalog.services import stock_set
from phohang.orders import services
from phohang.orders.models import Checkout, Order, OrderLine
from phohang.orders.selectors import cart_for, cart_lines
from phohang.orders.services import checkout as checkout_module
from phohang.orders.services.state import Actor
from phohang.payments.models import Payment, Refund
from phohang.payments.services import (
    PaymentError,
    ledger_totals,
    order_cancel_with_refund,
    payment_capture,
    payment_start,
    vnpay_ipn_handle,
)

from .factories import UserFactory, VariantFactory, place, seller_with_owner, ward
from .invariants import NO_VIOLATIONS, movement_sums_by_variant, stock_invariant_violations

FULL = os.environ.get("PHOHANG_RELIABILITY_FULL") == "1"
ROOT = Path(__file__).resolve().parents[3]
LOSING = (services.SoldOut, services.CartError)


def size(ci: int, full: int) -> int:
    return full if FULL else ci


def received_variant(units: int, **kwargs) -> ProductVariant:
    """A variant whose shelf stock came in through a movement, so STK-10 can account for it."""
    variant = VariantFactory(stock_on_hand=0, **kwargs)
    stock_set(variant_id=variant.pk, on_hand=units)
    variant.refresh_from_db()
    return variant


def parallel(jobs, *, threads: int):
    """Run `jobs` (callables taking a worker number) on `threads` threads, each with its own
    database connection; returns (results, errors) in completion order."""
    pending: queue.Queue = queue.Queue()
    for job in jobs:
        pending.put(job)
    results, errors = [], []
    lock = threading.Lock()

    def worker(number):
        try:
            while True:
                try:
                    job = pending.get_nowait()
                except queue.Empty:
                    return
                try:
                    outcome = job(number)
                except Exception as error:  # noqa: BLE001 - collected and asserted by the test
                    with lock:
                        errors.append(error)
                else:
                    with lock:
                        results.append(outcome)
        finally:
            connection.close()

    workers = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return results, errors


def is_deadlock(error: Exception) -> bool:
    cause = error.__cause__ or error
    return getattr(cause, "sqlstate", None) in {"40P01", "40001"}


def unexpected(errors, allowed=LOSING) -> list[str]:
    return [repr(error) for error in errors if not isinstance(error, allowed)]


def vnpay_pay(checkout: Checkout) -> str:
    """Pay a checkout the way VNPay does: a signed success IPN for a fresh payment attempt."""
    from phohang.payments import vnpay

    payment = payment_start(checkout=checkout, method="vnpay")
    creds = vnpay.credentials()
    request = {
        "vnp_TmnCode": creds.tmn_code,
        "vnp_Amount": vnpay.amount_field(payment.amount_vnd),
        "vnp_TxnRef": payment.reference,
        "vnp_OrderInfo": "Thanh toan",
    }
    params = vnpay.callback_params(
        creds=creds,
        request_params=request,
        approved=True,
        transaction_no=f"{payment.pk:08d}",
        now=timezone.now(),
    )
    return vnpay_ipn_handle(params)["RspCode"]


def buy_one(buyer, variant, *, through_cart: bool, method: str = "vnpay") -> Checkout:
    """One single-unit checkout, by buy-now or through the cart (prices re-checked)."""
    if not through_cart:
        return place(buyer, [(variant, 1)], method=method)
    cart = services.cart_get_or_create(user=buyer)
    services.cart_line_set(cart=cart, variant_id=variant.pk, quantity=1)
    lines = list(cart_lines(cart_for(user=buyer)))
    return place(
        buyer,
        [(line.variant, line.quantity) for line in lines],
        method=method,
        prices_seen={line.variant_id: line.price_seen_vnd for line in lines},
    )


def units_paid(variant) -> int:
    return (
        OrderLine.objects.filter(variant=variant, order__status=Order.Status.PAID).aggregate(
            total=Sum("quantity")
        )["total"]
        or 0
    )


def full_stock_violations() -> dict[str, int]:
    """STK-10: the reserved rules plus 'on hand == received + adjustments − sold + returned'."""
    sums = movement_sums_by_variant()
    violations = stock_invariant_violations(sums)
    violations["on_hand_mismatch"] = sum(
        1
        for variant_id, on_hand in ProductVariant.objects.values_list("pk", "stock_on_hand")
        if sums.get(variant_id, (0, 0))[0] != on_hand
    )
    return violations


FULL_NO_VIOLATIONS = {**NO_VIOLATIONS, "on_hand_mismatch": 0}


# --- STK-01 -------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_stk01_oversell_storm_sells_exactly_the_stock_and_pays_every_winner():
    """STK-01: 20 parallel buyers fire single-unit checkouts (buy-now and cart) at 50 units."""
    attempts, stock = size(200, 1000), 50
    variant = received_variant(stock)
    buyers = [UserFactory() for _ in range(20)]

    def attempt(index):
        def run(worker):
            checkout = buy_one(buyers[worker], variant, through_cart=index % 2 == 1)
            return vnpay_pay(checkout)

        return run

    codes, errors = parallel([attempt(i) for i in range(attempts)], threads=20)

    variant.refresh_from_db()
    assert unexpected(errors) == []
    assert sum(is_deadlock(e) for e in errors) == 0
    assert (codes.count("00"), len(codes), len(errors)) == (stock, stock, attempts - stock)
    assert units_paid(variant) == stock
    assert Order.objects.filter(status=Order.Status.PAID).count() == stock
    assert (variant.stock_on_hand, variant.stock_reserved) == (stock, stock)
    assert full_stock_violations() == FULL_NO_VIOLATIONS


# --- STK-02 and STK-04 on SQLite: separate processes on one database file -----------------

SQLITE_CHILD = r"""
import json, os, sys, time
import django
django.setup()
from django.db import OperationalError
from phohang.accounts.models import User
from phohang.catalog.models import ProductVariant
from phohang.orders.services import SoldOut
from phohang.orders.tests.factories import place

variant_id, buyer_id, attempts, quantity = map(int, sys.argv[1:5])
variant = ProductVariant.objects.get(pk=variant_id)
buyer = User.objects.get(pk=buyer_id)
outcome = {"won": 0, "sold_out": 0, "locked": 0, "other": [], "ordered": 0}
for _ in range(attempts):
    try:
        place(buyer, [(variant, quantity)])
    except SoldOut:
        outcome["sold_out"] += 1
    except OperationalError as error:
        if "locked" in str(error):
            outcome["locked"] += 1
        else:
            outcome["other"].append(repr(error))
    except Exception as error:
        outcome["other"].append(repr(error))
    else:
        outcome["won"] += 1
        outcome["ordered"] += quantity
print(json.dumps(outcome))
"""


def run_sqlite_processes(tmp_path, variant, buyers, *, attempts_each: int, quantity: int = 1):
    """Copy the test database to a WAL file and let one process per buyer check out at once."""
    target = sqlite3.connect(tmp_path / "phohang.sqlite3")
    connection.ensure_connection()
    connection.connection.backup(target)
    target.close()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    # The default settings: WAL, IMMEDIATE transactions and a busy timeout, as in production.
    env.update(PHOHANG_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="config.settings.test")
    children = [
        subprocess.Popen(
            [sys.executable, "-c", SQLITE_CHILD]
            + [str(variant.pk), str(buyer.pk), str(attempts_each), str(quantity)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for buyer in buyers
    ]
    outcomes = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err[-2000:]
        outcomes.append(json.loads(out.strip().splitlines()[-1]))
    check = sqlite3.connect(tmp_path / "phohang.sqlite3")
    on_hand, reserved = check.execute(
        "SELECT stock_on_hand, stock_reserved FROM catalog_productvariant WHERE id = ?",
        (variant.pk,),
    ).fetchone()
    lines = check.execute(
        "SELECT COALESCE(SUM(quantity), 0) FROM orders_orderline WHERE variant_id = ?",
        (variant.pk,),
    ).fetchone()[0]
    movements = check.execute(
        "SELECT COALESCE(SUM(delta_reserved), 0) FROM catalog_stockmovement WHERE variant_id = ?",
        (variant.pk,),
    ).fetchone()[0]
    check.close()
    total = {key: sum(o[key] for o in outcomes) for key in ("won", "sold_out", "locked", "ordered")}
    total["other"] = [problem for o in outcomes for problem in o["other"]]
    return total, {"on_hand": on_hand, "reserved": reserved, "lines": lines, "moved": movements}


@pytest.mark.sqlite  # SQLite file locking is what this test is about
@pytest.mark.django_db(transaction=True)
def test_stk02_sqlite_oversell_storm_from_separate_processes(tmp_path):
    """STK-02: processes race on one SQLite file (CI 4 × 40 for 10 units; full 8 × 50 for 20)."""
    processes, attempts_each, stock = size(4, 8), size(40, 50), size(10, 20)
    variant = received_variant(stock)
    buyers = [UserFactory() for _ in range(processes)]

    total, shelf = run_sqlite_processes(tmp_path, variant, buyers, attempts_each=attempts_each)

    assert total["other"] == []
    assert total["won"] == stock
    assert total["won"] + total["sold_out"] + total["locked"] == processes * attempts_each
    # Lock contention must stay rare (the pass bar allows 5 %); IMMEDIATE + busy_timeout queue it.
    assert total["locked"] <= 0.05 * processes * attempts_each
    assert shelf == {"on_hand": stock, "reserved": stock, "lines": stock, "moved": stock}


@pytest.mark.sqlite  # the PostgreSQL variant is the threaded test below
@pytest.mark.django_db(transaction=True)
def test_stk04_sqlite_no_lost_updates_between_concurrent_processes(tmp_path):
    """STK-04 (SQ): two processes place 1-unit orders at once on ample stock; Δ stock == Σ ordered."""
    pairs = size(30, 200)
    variant = received_variant(10_000)
    buyers = [UserFactory(), UserFactory()]

    total, shelf = run_sqlite_processes(tmp_path, variant, buyers, attempts_each=pairs)

    assert (total["other"], total["locked"], total["sold_out"]) == ([], 0, 0)
    assert total["ordered"] == 2 * pairs
    assert shelf == {
        "on_hand": 10_000,
        "reserved": 2 * pairs,
        "lines": 2 * pairs,
        "moved": 2 * pairs,
    }


# --- STK-03, STK-04 (PG), STK-05 ------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_stk03_wide_window_between_check_and_reservation_does_not_oversell(monkeypatch):
    """STK-03: 200 ms between the availability check (preview) and the decrement changes nothing."""
    reserve = checkout_module.stock_reserve_many

    def slow_reserve(**kwargs):
        time.sleep(0.2)
        return reserve(**kwargs)

    monkeypatch.setattr(checkout_module, "stock_reserve_many", slow_reserve)
    attempts, stock = size(40, 200), 10
    variant = received_variant(stock)
    buyers = [UserFactory() for _ in range(20)]

    results, errors = parallel(
        [lambda w: place(buyers[w], [(variant, 1)]) for _ in range(attempts)], threads=20
    )

    variant.refresh_from_db()
    assert unexpected(errors) == []
    assert (len(results), len(errors)) == (stock, attempts - stock)
    assert (variant.stock_on_hand, variant.stock_reserved) == (stock, stock)
    assert full_stock_violations() == FULL_NO_VIOLATIONS


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_stk04_postgres_no_lost_updates_between_concurrent_pairs():
    """STK-04 (PG): pairs of concurrent 1-unit orders on ample stock; Δ stock == Σ ordered."""
    pairs = size(30, 200)
    variant = received_variant(10_000)
    buyers = [UserFactory(), UserFactory()]
    barrier = threading.Barrier(2)

    def order(worker):
        barrier.wait(timeout=30)  # both orders of a pair start together
        return place(buyers[worker], [(variant, 1)])

    results, errors = parallel([order] * (2 * pairs), threads=2)

    variant.refresh_from_db()
    assert errors == []
    assert len(results) == 2 * pairs
    assert variant.stock_reserved == 2 * pairs
    assert full_stock_violations() == FULL_NO_VIOLATIONS


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_stk05_one_statement_reservations_of_overlapping_variants_never_deadlock():
    """STK-05 on the reservation itself: 8 connections reserve random overlapping sets of the
    same 4 variants, listed in random order, as fast as they can (no slowed step, so lock
    acquisition inside the one UPDATE statement interleaves); none deadlocks, none is lost."""
    from django.db import transaction as db_transaction

    from phohang.catalog.services import stock_reserve_many

    threads, rounds = 8, size(40, 400)
    variants = [received_variant(1_000_000) for _ in range(4)]
    rng = random.Random(11)
    requests = []
    for index in range(threads * rounds):
        chosen = rng.sample(variants, rng.randint(2, 4))
        requests.append([(variant.pk, rng.randint(1, 3), f"R{index}") for variant in chosen])

    def job(items):
        def run(_worker):
            with db_transaction.atomic():
                stock_reserve_many(items=items)
            return items

        return run

    results, errors = parallel([job(items) for items in requests], threads=threads)

    assert sum(is_deadlock(e) for e in errors) == 0
    assert errors == [] and len(results) == threads * rounds
    expected = {variant.pk: 0 for variant in variants}
    for items in requests:
        for variant_id, quantity, _reference in items:
            expected[variant_id] += quantity
    reserved = dict(
        ProductVariant.objects.filter(pk__in=expected).values_list("pk", "stock_reserved")
    )
    assert reserved == expected
    assert full_stock_violations() == FULL_NO_VIOLATIONS


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_stk05_shared_baskets_in_random_line_order_never_deadlock(monkeypatch):
    """STK-05: 8 threads check out baskets of the same 2–5 SKUs from 3 sellers in random line
    order while the stock step is slowed (CI 8 × 4 rounds, 50 ms; full 8 × 25, 0.3 s)."""
    threads, rounds, step = 8, size(4, 25), 0.3 if FULL else 0.05
    reserve = checkout_module.stock_reserve_many

    def slow_reserve(**kwargs):
        result = reserve(**kwargs)
        time.sleep(step)  # the rows stay locked while the step is slow
        return result

    monkeypatch.setattr(checkout_module, "stock_reserve_many", slow_reserve)
    sellers = [seller_with_owner()[0] for _ in range(3)]
    variants = [received_variant(10_000, product__seller=sellers[i % 3]) for i in range(5)]
    buyers = [UserFactory() for _ in range(threads)]
    rng = random.Random(5)
    baskets = []
    for _ in range(threads * rounds):
        chosen = rng.sample(variants, rng.randint(2, 5))
        baskets.append([(variant, rng.randint(1, 3)) for variant in chosen])

    def job(basket):
        return lambda worker: place(buyers[worker], basket)

    results, errors = parallel([job(basket) for basket in baskets], threads=threads)

    assert sum(is_deadlock(e) for e in errors) == 0
    assert errors == [] and len(results) == threads * rounds
    expected = {variant.pk: 0 for variant in variants}
    for basket in baskets:
        for variant, quantity in basket:
            expected[variant.pk] += quantity
    reserved = dict(
        ProductVariant.objects.filter(pk__in=expected).values_list("pk", "stock_reserved")
    )
    assert reserved == expected
    assert full_stock_violations() == FULL_NO_VIOLATIONS


# --- STK-06 ---------------------------------------------------------------------------------


def three_seller_cart():
    variants = [received_variant(5, product__seller=seller_with_owner()[0]) for _ in range(2)]
    last = received_variant(1, product__seller=seller_with_owner()[0])
    return variants, last


def shelf(variants) -> list[tuple[int, int]]:
    return [
        ProductVariant.objects.values_list("stock_on_hand", "stock_reserved").get(pk=v.pk)
        for v in variants
    ]


@pytest.mark.django_db
def test_stk06_multi_seller_checkout_is_all_or_nothing_when_one_item_sells_out(monkeypatch):
    """STK-06: the preview still shows the third seller's last unit, but a rival has it: no order
    for any seller and no stock change."""
    variants, last = three_seller_cart()
    buyer, rival = UserFactory(), UserFactory()
    place(rival, [(last, 1)])
    # A preview read just before the rival's commit: it still sees the unit as available.
    monkeypatch.setattr(checkout_module.PreviewLine, "has_stock", property(lambda line: True))
    before = shelf([*variants, last])

    with pytest.raises(services.SoldOut):
        place(buyer, [(variants[0], 2), (variants[1], 1), (last, 1)])

    assert Order.objects.filter(buyer=buyer).count() == 0
    assert Checkout.objects.filter(buyer=buyer).count() == 0
    assert shelf([*variants, last]) == before == [(5, 0), (5, 0), (1, 1)]
    assert full_stock_violations() == FULL_NO_VIOLATIONS


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_stk06_concurrent_buyer_takes_the_last_unit_mid_checkout(monkeypatch):
    """STK-06 (PG): a concurrent buyer on its own connection takes the last unit mid-checkout."""
    variants, last = three_seller_cart()
    buyer, rival = UserFactory(), UserFactory()
    reserve = checkout_module.stock_reserve_many
    rival_done = threading.Event()

    def wait_for_rival(*, items):
        if len(items) > 1:  # the three-seller checkout; the rival's single line goes straight on
            rival_done.wait(timeout=30)
        return reserve(items=items)

    monkeypatch.setattr(checkout_module, "stock_reserve_many", wait_for_rival)
    before = shelf(variants)

    def checkout_three_sellers(worker):
        return place(buyer, [(variants[0], 2), (variants[1], 1), (last, 1)])

    def rival_buys_last(worker):
        time.sleep(0.1)  # let the buyer pass its availability check first
        try:
            return place(rival, [(last, 1)])
        finally:
            rival_done.set()

    results, errors = parallel([checkout_three_sellers, rival_buys_last], threads=2)

    assert [type(e) for e in errors] == [services.SoldOut] and len(results) == 1
    assert Order.objects.filter(buyer=buyer).count() == 0
    assert Order.objects.filter(buyer=rival).count() == 1
    assert shelf(variants) == before
    assert shelf([last]) == [(1, 1)]


# --- STK-08 ---------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_stk08_hundred_cancels_and_a_ship_restock_exactly_once():
    """STK-08: 99 seller cancels (with refund) and one ship race on a paid, packed order."""
    seller, owner = seller_with_owner()
    variant = received_variant(5, product__seller=seller)
    checkout = place(UserFactory(), [(variant, 2)], method="vietqr")
    payment = payment_start(checkout=checkout, method="vietqr")
    payment_capture(payment_id=payment.pk, source="test")
    order = checkout.orders.get()
    services.order_pack(order=order, actor=owner)

    def cancel(worker):
        return order_cancel_with_refund(
            order=order, actor=owner, actor_kind=Actor.SELLER, reason="hết hàng"
        )

    def ship(worker):
        return services.order_ship(order=order, actor=owner, carrier="GHN", tracking_number="1")

    jobs = [cancel] * 50 + [ship] + [cancel] * 49
    results, errors = parallel(jobs, threads=16)

    order.refresh_from_db()
    variant.refresh_from_db()
    movements = StockMovement.objects.filter(reference=order.number)
    assert unexpected(errors, allowed=services.IllegalTransition) == []
    assert (len(results), len(errors)) == (1, 99)
    assert movements.filter(reason__in=["released", "sold"]).count() == 1
    if order.status == Order.Status.SHIPPED:
        assert (variant.stock_on_hand, variant.stock_reserved) == (3, 0)
        assert Refund.objects.count() == 0
    else:
        assert order.status == Order.Status.CANCELLED
        assert (variant.stock_on_hand, variant.stock_reserved) == (5, 0)
        assert list(Refund.objects.values_list("amount_vnd", "status")) == [
            (order.total_vnd, "succeeded")
        ]
        assert ledger_totals(order.pk).paid_vnd == 0
    assert full_stock_violations() == FULL_NO_VIOLATIONS


@pytest.mark.django_db
def test_stk08_shipped_order_cannot_be_restocked_by_cancel():
    """STK-08: once shipped, no cancel (by anyone) releases stock again."""
    seller, owner = seller_with_owner()
    variant = received_variant(5, product__seller=seller)
    order = place(UserFactory(), [(variant, 2)]).orders.get()
    services.order_pack(order=order, actor=owner)
    services.order_ship(order=order, actor=owner, carrier="GHN", tracking_number="1")

    for actor_kind in (Actor.BUYER, Actor.SELLER, Actor.STAFF, Actor.SYSTEM):
        with pytest.raises(services.IllegalTransition):
            services.order_cancel(order=order, actor=owner, actor_kind=actor_kind, reason="x")

    variant.refresh_from_db()
    assert (variant.stock_on_hand, variant.stock_reserved) == (3, 0)
    assert StockMovement.objects.filter(reference=order.number, reason="released").count() == 0


# --- STK-09 ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_stk09_expired_reservation_frees_units_and_cannot_complete():
    """STK-09: the last units come back one sweep after the TTL; the first buyer cannot pay late."""
    variant = received_variant(2)
    first, second = UserFactory(), UserFactory()
    placed_at = timezone.now() - timedelta(minutes=16)
    stale = place(first, [(variant, 2)], method="vnpay", now=placed_at)
    timeline = [ProductVariant.objects.get(pk=variant.pk).available]

    with pytest.raises(services.SoldOut):
        place(second, [(variant, 1)])
    assert services.reservations_expire(now=placed_at + timedelta(minutes=14)) == 0
    timeline.append(ProductVariant.objects.get(pk=variant.pk).available)
    assert services.reservations_expire() == 1
    timeline.append(ProductVariant.objects.get(pk=variant.pk).available)
    fresh = place(second, [(variant, 2)], method="vnpay")

    assert timeline == [0, 0, 2]
    with pytest.raises(PaymentError):
        payment_start(checkout=stale, method="vnpay")
    assert stale.orders.get().status == Order.Status.CANCELLED
    assert fresh.orders.get().status == Order.Status.AWAITING_PAYMENT
    variant.refresh_from_db()
    assert (variant.stock_on_hand, variant.stock_reserved) == (2, 2)


@pytest.mark.django_db
def test_stk09_payment_started_before_expiry_but_paid_after_does_not_take_units_twice():
    """STK-09: a payment opened in time but captured after the sweep is held for review."""
    variant = received_variant(1)
    first, second = UserFactory(), UserFactory()
    placed_at = timezone.now() - timedelta(minutes=10)
    stale = place(first, [(variant, 1)], method="vietqr", now=placed_at)
    payment = payment_start(checkout=stale, method="vietqr")
    services.reservations_expire(now=placed_at + timedelta(minutes=16))
    place(second, [(variant, 1)], method="cod")

    payment_capture(payment_id=payment.pk, source="statement")

    payment.refresh_from_db()
    variant.refresh_from_db()
    assert payment.status == Payment.Status.NEEDS_REVIEW
    assert stale.orders.get().status == Order.Status.CANCELLED
    assert (variant.stock_on_hand, variant.stock_reserved) == (1, 1)
    assert full_stock_violations() == FULL_NO_VIOLATIONS


# --- STK-10 ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_stk10_stock_invariants_hold_after_every_kind_of_move():
    """STK-10: reserve, expire, cancel, ship, return and refund: 0 violations of any rule."""
    seller, owner = seller_with_owner()
    variant = received_variant(20, product__seller=seller)
    buyer = UserFactory()
    shipped = place(buyer, [(variant, 3)]).orders.get()
    cancelled = place(buyer, [(variant, 2)]).orders.get()
    expired_at = timezone.now() - timedelta(hours=1)
    place(buyer, [(variant, 1)], method="vnpay", now=expired_at)
    services.order_cancel(order=cancelled, actor=buyer, actor_kind=Actor.BUYER)
    services.reservations_expire()
    services.order_pack(order=shipped, actor=owner)
    services.order_ship(order=shipped, actor=owner, carrier="GHN", tracking_number="9")
    stock_set(variant_id=variant.pk, on_hand=15, actor=owner)

    violations = full_stock_violations()

    variant.refresh_from_db()
    assert violations == FULL_NO_VIOLATIONS
    assert (variant.stock_on_hand, variant.stock_reserved) == (15, 0)
    assert set(Order.objects.values_list("status", flat=True)) == {"shipped", "cancelled"}


@pytest.mark.django_db
def test_stk10_invariant_check_notices_a_broken_shelf():
    """STK-10: the audit itself catches reservations without movements and an unexplained shelf."""
    variant = received_variant(3)
    ProductVariant.objects.filter(pk=variant.pk).update(stock_reserved=1)
    VariantFactory(stock_on_hand=2)  # stock that never came in through a movement

    violations = full_stock_violations()

    # Negative stock and reserved > on hand are refused by the database's CHECK constraints.
    assert violations == {**FULL_NO_VIOLATIONS, "movements_mismatch": 1, "on_hand_mismatch": 1}


# --- Events and notifications leave through the task queue, with the order's own commit ------


@pytest.fixture
def database_task_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db
def test_checkout_queues_its_event_and_seller_notice_only_when_it_commits(database_task_queue):
    """DUR-03/STK-10 support: a placed checkout leaves exactly its tasks; a refused one none."""
    from django_tasks_db.models import DBTaskResult

    seller, _owner = seller_with_owner()
    variant = received_variant(1, product__seller=seller)

    place(UserFactory(), [(variant, 1)])
    queued = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    with pytest.raises(services.SoldOut):
        place(UserFactory(), [(variant, 1)])

    # One task carries the event to the projections and the sellers' notice.
    assert queued == ["phohang.orders.events.order_event_deliver"]
    assert DBTaskResult.objects.count() == 1
    queued_task = DBTaskResult.objects.get()
    queued_task.task.call(*queued_task.args_kwargs["args"], **queued_task.args_kwargs["kwargs"])
    assert Notification.objects.filter(user=_owner, title__contains=" PH").count() == 1


@pytest.mark.django_db
def test_four_seller_checkout_stays_within_its_query_budget(django_assert_max_num_queries):
    """Speed guard for the checkout benchmark: the query count does not grow with sellers."""
    sellers = [seller_with_owner()[0] for _ in range(4)]
    variants = [received_variant(10, product__seller=seller) for seller in sellers for _ in (0, 1)]
    buyer = UserFactory()
    destination = ward("01")
    province = destination.province

    # A savepoint and its release, 3 reads, 8 writes: the same on both databases.
    with django_assert_max_num_queries(13):
        checkout = services.checkout_place(
            buyer=buyer,
            items=[(variant.pk, 1) for variant in variants],
            street="12 phố Hàng Bạc",
            ward=destination,
            province=province,
            recipient_name="Lê Thị Hoa",
            recipient_phone="0912345678",
            payment_method="cod",
        )

    assert checkout.orders.count() == 4
    assert sorted(shelf(variants)) == [(10, 1)] * 8
