"""Insights benchmark: dashboard speed over N order lines, and rollups = full recomputation.

    .venv/bin/python bench/insights.py --order-lines 1000000 [--backend sqlite|postgres|both]
                                      [--keep NAME]

For each backend it builds a throwaway database (SQLite in a temp directory; PostgreSQL: a new
database on postgres://postgres@127.0.0.1:5432, dropped at the end), migrates it, bulk-writes
sellers, products and N order lines over 24 months (with cancellations and partial refunds),
runs the full rebuild, then a burst of live events (new orders, cancellations, refunds) through
the event handlers, and compares the incrementally maintained rollups with a fresh full
recomputation. Every dashboard view is then requested in-process (Django test client, signed-in
authority user, templates rendered) with several filters. The last line printed is one JSON
object: order_lines, p95_ms per view, p95_ms_max, rollups_equal.

--keep NAME keeps the database (SQLite: $TMPDIR/NAME.sqlite3; PostgreSQL: database NAME) and a
later run with the same name reuses its orders instead of writing them again (for profiling).
"""

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def _child_env(database_url: str, tmp: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
        PHOHANG_VAR_DIR=tmp,
        PYTHONPATH=str(ROOT),
    )
    return env


def _run_backend(backend: str, lines: int, keep: str = "") -> dict:
    with tempfile.TemporaryDirectory(prefix="phohang-bench-insights-") as tmp:
        if backend == "sqlite":
            path = f"{tempfile.gettempdir()}/{keep}.sqlite3" if keep else f"{tmp}/bench.sqlite3"
            return _spawn(f"sqlite:///{path}", tmp, lines)
        import psycopg

        name = keep or f"phohang_bench_insights_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')
        try:
            return _spawn(f"{PG_SERVER}/{name}", tmp, lines)
        finally:
            if not keep:
                with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
                    connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _spawn(url: str, tmp: str, lines: int) -> dict:
    process = subprocess.run(
        [sys.executable, __file__, "--child", "--order-lines", str(lines)],
        env=_child_env(url, tmp),
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    output = process.stdout.strip().splitlines()
    for line in output[:-1]:
        print(line, flush=True)
    return json.loads(output[-1])


# ---- child: runs inside one configured Django process ------------------------------------


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fixtures(lines_wanted: int, seed: int = 7):
    import random
    from datetime import date, datetime, timedelta

    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from phohang.accounts.models import User
    from phohang.catalog.models import Category, Product, ProductVariant
    from phohang.geo.models import Address, Province, Ward
    from phohang.insights.rollups import _insert_many
    from phohang.orders.models import Checkout, Order, OrderLine, ReturnLine, ReturnRequest
    from phohang.sellers.models import Seller, SellerType

    generator = random.Random(seed)
    provinces = list(Province.objects.values_list("code", flat=True))
    wards = {}
    for code in provinces:
        wards[code] = Ward.objects.filter(province_id=code).order_by("code").first()
    addresses = {
        code: Address.objects.create(street="1 phố Thử", ward=wards[code], province_id=code)
        for code in provinces
    }
    seller_count = max(60, lines_wanted // 500)
    weights = [30 if code == "01" else (12 if code == "79" else 2) for code in provinces]
    types = list(SellerType.values)
    sellers = Seller.objects.bulk_create(
        [
            Seller(
                slug=f"bench-seller-{n}",
                name=f"Bench seller {n}",
                name_key=f"bench seller {n}",
                seller_type=generator.choice(types),
                address=addresses[code],
                province_id=code,
                created_at=timezone.now() - timedelta(days=generator.randrange(900)),
            )
            for n, code in enumerate(generator.choices(provinces, weights=weights, k=seller_count))
        ],
        batch_size=2000,
    )
    categories = list(Category.objects.filter(parent__isnull=False).values_list("pk", flat=True))
    today = timezone.localdate()
    products = Product.objects.bulk_create(
        [
            Product(
                seller=seller,
                title=f"Bench product {seller.pk}-{i}",
                slug=f"bench-product-{seller.pk}-{i}",
                category_id=generator.choice(categories),
                origin_province_id=seller.province_id,
                status=Product.Status.PUBLISHED,
                published_at=timezone.now(),
                ocop_stars=generator.choice([3, 4, 5]) if generator.random() < 0.3 else None,
                ocop_expires_on=today + timedelta(days=generator.randrange(400)),
                ocop_verified_at=timezone.now(),
            )
            for seller in sellers
            for i in range(3)
        ],
        batch_size=2000,
    )
    variants = ProductVariant.objects.bulk_create(
        [
            ProductVariant(
                product=product,
                seller_id=product.seller_id,
                name="1 kg",
                sku=f"B{product.pk}",
                price_vnd=generator.randrange(20, 900) * 1000,
                stock_on_hand=1_000_000,
            )
            for product in products
        ],
        batch_size=2000,
    )
    by_seller: dict[int, list] = {}
    for variant in variants:
        by_seller.setdefault(variant.seller_id, []).append(variant)
    buyers = User.objects.bulk_create(
        [
            User(
                email=f"bench{n}@example.vn",
                full_name=f"Người mua {n}",
                password=make_password(None),
            )
            for n in range(500)
        ],
        batch_size=500,
    )
    first_day = date(today.year - 2, today.month, 1)
    span = (today - first_day).days
    buyer_weights = [35 if code == "01" else (20 if code == "79" else 2) for code in provinces]
    lines_made = orders_made = 0
    started = time.monotonic()
    order_id = (Order.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    line_id = (OrderLine.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    checkout = Checkout.objects.create(
        buyer=buyers[0], reference="BENCH00001", payment_method="cod", total_vnd=0
    )
    order_fields = [
        "id",
        "public_id",
        "number",
        "checkout",
        "buyer",
        "seller",
        "status",
        "stock_state",
        "payment_method",
        "recipient_name",
        "recipient_phone",
        "address",
        "subtotal_vnd",
        "shipping_vnd",
        "total_vnd",
        "commission_vnd",
        "weight_grams",
        "carrier",
        "tracking_number",
        "cancel_reason",
        "note",
        "created_at",
        "updated_at",
    ]
    line_fields = [
        "id",
        "order",
        "variant",
        "product",
        "category",
        "title",
        "sku",
        "unit_price_vnd",
        "quantity",
        "weight_grams",
    ]
    adapt = connection.ops.adapt_datetimefield_value
    while lines_made < lines_wanted:
        orders, lines, partial = [], [], []
        for _ in range(5000):
            if lines_made >= lines_wanted:
                break
            seller = generator.choice(sellers)
            chosen = generator.sample(by_seller[seller.pk], generator.choice([1, 1, 2, 3]))
            items = [(v, generator.choice([1, 1, 2, 3, 5])) for v in chosen]
            items = items[: lines_wanted - lines_made]
            moment = timezone.make_aware(
                datetime.combine(
                    first_day + timedelta(days=generator.randrange(span + 1)), datetime.min.time()
                )
                + timedelta(minutes=generator.randrange(1440))
            )
            status = generator.choices(
                [Order.Status.COMPLETED, Order.Status.CANCELLED, Order.Status.REFUNDED],
                weights=[90, 6, 4],
            )[0]
            total = sum(v.price_vnd * q for v, q in items)
            address = addresses[generator.choices(provinces, weights=buyer_weights)[0]]
            orders.append(
                (
                    order_id,
                    uuid.uuid4().hex,
                    f"B{order_id:012d}",
                    checkout.pk,
                    generator.choice(buyers).pk,
                    seller.pk,
                    status,
                    "sold",
                    "cod",
                    "Người nhận",
                    "+84912345678",
                    address.pk,
                    total,
                    0,
                    total,
                    0,
                    0,
                    "",
                    "",
                    "",
                    "",
                    adapt(moment),
                    adapt(moment),
                )
            )
            first_line = line_id
            for variant, quantity in items:
                lines.append(
                    (
                        line_id,
                        order_id,
                        variant.pk,
                        variant.product_id,
                        variant.product.category_id,
                        "Bench",
                        variant.sku,
                        variant.price_vnd,
                        quantity,
                        0,
                    )
                )
                line_id += 1
            if status == Order.Status.REFUNDED and generator.random() < 0.5:
                partial.append((order_id, first_line))
            order_id += 1
            lines_made += len(items)
        # One commit per batch: thousands of autocommitted writes would each wait for the disk.
        with transaction.atomic():
            _insert_many(Order, order_fields, orders)
            _insert_many(OrderLine, line_fields, lines)
            for refunded_order, first_line in partial:
                request = ReturnRequest.objects.create(
                    order_id=refunded_order, reason="x", status=ReturnRequest.Status.ACCEPTED
                )
                ReturnLine.objects.create(
                    return_request=request, order_line_id=first_line, quantity=1
                )
        orders_made += len(orders)
        if orders_made % 50_000 < 5000:
            _log(f"  {lines_made} lines, {orders_made} orders ({time.monotonic() - started:.0f} s)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in (Order._meta.db_table, OrderLine._meta.db_table):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                )
    return sellers, by_seller, buyers, addresses


def _fixtures_existing():
    """The sellers, variants, buyers and addresses of a kept database, or None when it is new."""
    from phohang.accounts.models import User
    from phohang.catalog.models import ProductVariant
    from phohang.geo.models import Address
    from phohang.sellers.models import Seller

    sellers = list(Seller.objects.filter(slug__startswith="bench-seller-").order_by("pk"))
    if not sellers:
        return None
    _log(f"reusing {len(sellers)} sellers and their orders")
    by_seller: dict[int, list] = {}
    variants = ProductVariant.objects.filter(seller__in=sellers).select_related("product")
    for variant in variants:
        by_seller.setdefault(variant.seller_id, []).append(variant)
    buyers = list(User.objects.filter(email__startswith="bench").order_by("pk"))
    addresses = {}
    for address in Address.objects.filter(street="1 phố Thử").order_by("pk"):
        addresses.setdefault(address.province_id, address)
    return sellers, by_seller, buyers, addresses


def _events(generator, sellers, by_seller, buyers, addresses, count: int) -> None:
    """Live traffic through the event handlers: new orders, cancellations, refunds."""
    from django.utils import timezone

    from phohang.orders.events import order_placed, order_status_changed
    from phohang.orders.models import Checkout, Order, OrderLine, ReturnLine, ReturnRequest

    codes = list(addresses)
    run = uuid.uuid4().hex[:6].upper()
    checkout = Checkout.objects.create(
        buyer=buyers[0], reference=f"BLIVE{run}", payment_method="cod", total_vnd=0
    )
    for n in range(count):
        action = generator.choice(["place", "place", "cancel", "refund"])
        if action == "place":
            seller = generator.choice(sellers)
            items = [
                (v, generator.randint(1, 4)) for v in generator.sample(by_seller[seller.pk], 2)
            ]
            total = sum(v.price_vnd * q for v, q in items)
            order = Order.objects.create(
                number=f"L{run}{n:06d}",
                checkout=checkout,
                buyer=generator.choice(buyers),
                seller=seller,
                status=Order.Status.PAID,
                payment_method="cod",
                recipient_name="Người nhận",
                recipient_phone="+84912345678",
                address=addresses[generator.choice(codes)],
                subtotal_vnd=total,
                shipping_vnd=0,
                total_vnd=total,
                created_at=timezone.now(),
            )
            for variant, quantity in items:
                OrderLine.objects.create(
                    order=order,
                    variant=variant,
                    product_id=variant.product_id,
                    category_id=variant.product.category_id,
                    title="x",
                    sku=variant.sku,
                    unit_price_vnd=variant.price_vnd,
                    quantity=quantity,
                )
            order_placed.send(sender="orders", order_ids=[order.pk])
            continue
        order = (
            Order.objects.filter(status__in=[Order.Status.COMPLETED, Order.Status.PAID])
            .order_by("?" if n % 2 else "-pk")
            .first()
        )
        if action == "cancel":
            Order.objects.filter(pk=order.pk).update(status=Order.Status.CANCELLED)
            order_status_changed.send(
                sender="orders", order_id=order.pk, from_status=order.status, to_status="cancelled"
            )
        else:
            request = ReturnRequest.objects.create(
                order=order, reason="x", status=ReturnRequest.Status.ACCEPTED
            )
            ReturnLine.objects.create(
                return_request=request, order_line=order.lines.first(), quantity=1
            )
            Order.objects.filter(pk=order.pk).update(status=Order.Status.REFUNDED)
            order_status_changed.send(
                sender="orders", order_id=order.pk, from_status=order.status, to_status="refunded"
            )


def _digest() -> str:
    import hashlib

    from phohang.insights.rollups import ALL_TABLES

    digest = hashlib.sha256()
    for model, key_fields, measure_fields in ALL_TABLES:
        rows = model.objects.values_list(*key_fields, *measure_fields).order_by(*key_fields)
        for values in rows.iterator(chunk_size=20_000):
            if any(values[len(key_fields) :]):
                digest.update(repr(values).encode())
    return digest.hexdigest()


def _timings(samples: int) -> dict:
    import statistics
    from datetime import date

    from django.test import Client
    from django.urls import reverse

    from phohang.accounts.tests.factories import AuthorityFactory, login_verified

    client = Client()
    # A fresh address each run: a kept database still holds the last run's officer.
    login_verified(
        client, AuthorityFactory(email=f"bench-{uuid.uuid4().hex[:8]}@congthuong.gov.vn")
    )
    today = date.today()
    filters = [
        {},
        {
            "start": f"{today.year - 1}-01-01",
            "end": today.isoformat(),
            "grain": "quarter",
            "province": "01",
        },
        {
            "start": f"{today.year - 2}-{today.month:02d}-15",
            "end": today.isoformat(),
            "grain": "year",
        },
        {
            "start": f"{today.year - 1}-03-10",
            "end": f"{today.year - 1}-09-20",
            "grain": "month",
            "province": "79",
        },
    ]
    views = {
        name: reverse(f"insights:{name}")
        for name in ("overview", "sales", "flows", "ocop", "sellers", "trade")
    }
    views["export_xlsx"] = reverse("insights:export", args=["flows", "xlsx"])
    views["open_data"] = reverse("insights:open")
    views["api_flows"] = "/api/v1/stats/flows"
    result = {}
    for name, url in views.items():
        client.get(url)  # warm-up: template compilation and first-use imports are not measured
        times = []
        for n in range(samples):
            params = filters[n % len(filters)] if not name.startswith(("open", "api")) else {}
            started = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (name, response.status_code)
        result[name] = round(statistics.quantiles(times, n=20)[18], 1)
    return result


def child(lines: int) -> dict:
    import random

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    # Two log lines per rollup task would drown the progress lines.
    logging.getLogger("django.tasks").setLevel(logging.WARNING)
    from phohang.insights.rollups import rollups_rebuild

    if connection.vendor == "sqlite":
        # As the project's own SQLite settings: WAL and NORMAL sync.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    _log(
        f"{connection.vendor}: migrated in {time.monotonic() - started:.0f} s; writing {lines} order lines"
    )
    sellers, by_seller, buyers, addresses = _fixtures_existing() or _fixtures(lines)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    started = time.monotonic()
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        counts = profiler.runcall(rollups_rebuild)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    else:
        counts = rollups_rebuild()
    rebuild_seconds = round(time.monotonic() - started, 1)
    _log(f"{connection.vendor}: full rebuild {rebuild_seconds} s, rows {counts}")
    generator = random.Random(11)
    started = time.monotonic()
    _events(generator, sellers, by_seller, buyers, addresses, 400)
    event_ms = round((time.monotonic() - started) * 1000 / 400, 1)
    incremental = _digest()
    rollups_rebuild()
    equal = incremental == _digest()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    p95 = _timings(samples=20)
    return {
        "backend": connection.vendor,
        "rebuild_seconds": rebuild_seconds,
        "event_ms_mean": event_ms,
        "rollup_rows": counts,
        "p95_ms": p95,
        "rollups_equal": equal,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--order-lines", type=int, default=1_000_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--keep",
        default="",
        metavar="NAME",
        help="keep the database (SQLite: $TMPDIR/NAME.sqlite3, PostgreSQL: database NAME) and "
        "reuse its orders on the next run; for profiling",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(child(args.order_lines)))
        return
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    results = {backend: _run_backend(backend, args.order_lines, args.keep) for backend in backends}
    p95 = {
        f"{backend}.{view}": ms
        for backend, r in results.items()
        for view, ms in r["p95_ms"].items()
    }
    summary = {
        "order_lines": args.order_lines,
        "p95_ms": p95,
        "p95_ms_max": max(p95.values()),
        "rollups_equal": all(r["rollups_equal"] for r in results.values()),
        "details": {
            backend: {k: v for k, v in r.items() if k != "p95_ms"} for backend, r in results.items()
        },
    }
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
