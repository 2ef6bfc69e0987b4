"""Catalog benchmark: page speed with N products and the time to import 10,000 CSV rows.

    .venv/bin/python bench/catalog.py --products 100000 [--backend sqlite|postgres] [--seconds 10]

Builds its own database (SQLite in a temp directory, or a throwaway PostgreSQL database next to
postgres://postgres@127.0.0.1:5432), migrates it, creates one seller per province and N
published products with the demo generator, times a 10,000-row import, then serves the site
with gunicorn (2 workers, DEBUG off, 127.0.0.1 only) and loads the home page, a category
listing, a province listing, product pages, product pages with published reviews (REVIEWED
products, 1 to 30 reviews each, bought through real order lines) and search results pages
(the index built from the catalog, the storefront's own cards) for a bounded time each, from
`--clients` processes (default 2, one per worker). The last line printed is one JSON object.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PG_BASE = "postgres://postgres@127.0.0.1:5432/test"
# Product pages are drawn from this many random products, so most are read from the database.
PRODUCT_SAMPLE = 5_000
# Products with published reviews (1 to 30 each, one delivered order line per review).
REVIEWED = 2_000
# What shoppers type (with and without accents), each page 1 and 2 and every sort.
SEARCH_QUERIES = (
    "cà phê",
    "che thai nguyen",
    "mật ong",
    "gạo st25",
    "nước mắm",
    "gốm bát tràng",
    "bưởi",
    "miến dong",
    "đặc sản hà giang",
    "tỏi lý sơn",
    "hat dieu",
    "nem chua",
)
SEARCH_SORTS = ("relevance", "price_asc", "newest")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(tmp: Path, database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(40),
        FIELD_ENCRYPTION_KEY=secrets.token_urlsafe(32),
        VNPAY_ENABLED="0",
        ALLOWED_HOSTS="127.0.0.1",
        HTTPS="0",
        SECURE_SSL_REDIRECT="0",
        PHOHANG_VAR_DIR=str(tmp),
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


# ---- child: build the database -------------------------------------------------------------


def setup(products: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    from phohang.catalog import demo
    from phohang.catalog.models import Category, Product
    from phohang.core.text import comparison_key, slugify_vi
    from phohang.geo.models import Address, Province, Ward
    from phohang.sellers.models import Seller

    sellers = []
    for province in Province.objects.all():
        ward = Ward.objects.filter(province=province).order_by("code").first()
        address = Address.objects.create(street="1 Đường Thử", ward=ward, province=province)
        name = f"HTX Đặc sản {province.short_name}"
        sellers.append(
            Seller.objects.create(
                slug=slugify_vi(name),
                name=name,
                name_key=comparison_key(name),
                seller_type="cooperative",
                address=address,
                province=province,
            )
        )
    started = time.perf_counter()
    demo.generate_products(count=products, sellers=sellers, sku_prefix="BENCH")
    build_seconds = time.perf_counter() - started
    import_seconds = _time_import(sellers[0])
    started = time.perf_counter()
    reviewed = _reviews(REVIEWED)
    reviews_seconds = time.perf_counter() - started
    started = time.perf_counter()
    from phohang.search.services import products_sync

    ids = list(Product.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 1000):
        products_sync(product_ids=ids[start : start + 1000])
    index_seconds = time.perf_counter() - started
    sample = list(
        Product.objects.published().order_by("?").values_list("slug", "public_id")[:PRODUCT_SAMPLE]
    )
    categories = list(
        Category.objects.filter(parent__isnull=False, products__isnull=False)
        .distinct()
        .values_list("slug", flat=True)
    )
    provinces = list(Province.objects.values_list("slug", flat=True))
    return {
        "build_seconds": round(build_seconds, 1),
        "import_10k_s": round(import_seconds, 2),
        "reviews_s": round(reviews_seconds, 1),
        "search_index_s": round(index_seconds, 1),
        "products": [f"/san-pham/{slug}-{public_id}/" for slug, public_id in sample],
        "reviewed": [f"/san-pham/{slug}-{public_id}/" for slug, public_id in reviewed],
        "categories": [f"/danh-muc/{slug}/" for slug in categories],
        "provinces": [f"/dac-san/{slug}/" for slug in provinces],
    }


def _reviews(products: int) -> list[tuple[str, str]]:
    """Published reviews for `products` random published products, each behind a delivered
    order line of its own, with the products' rating summaries as the review service keeps them."""
    from django.contrib.auth.hashers import make_password
    from django.db.models import Count, Sum
    from django.utils import timezone

    from phohang.accounts.models import User
    from phohang.catalog.models import Product, ProductVariant
    from phohang.catalog.services import rating_tenths
    from phohang.geo.models import Address
    from phohang.orders.models import Checkout, Order, OrderLine, Review

    rng = random.Random(17)
    chosen = list(
        Product.objects.published().order_by("?").values_list("pk", "slug", "public_id")[:products]
    )
    variants = {
        variant.product_id: variant
        for variant in ProductVariant.objects.filter(product_id__in=[pk for pk, *_ in chosen])
        .select_related("product")
        .order_by("-position")
    }
    buyers = User.objects.bulk_create(
        [
            User(email=f"danhgia{n}@example.vn", full_name=f"Người mua {n}",
                 password=make_password(None))
            for n in range(300)
        ]
    )  # fmt: skip
    address = Address.objects.order_by("pk").first()
    checkout = Checkout.objects.create(
        buyer=buyers[0], reference="BENCHREV0001", payment_method="cod", total_vnd=0
    )
    now = timezone.now()
    texts = ["Hàng đúng mô tả, đóng gói cẩn thận.", "Giao nhanh, vị ngon, sẽ mua lại.",
             "Tạm được so với giá.", "Chất lượng tốt, gia đình rất thích.", ""]  # fmt: skip
    plan = [
        variants[product_id]
        for product_id, _slug, _public_id in chosen
        for _ in range(rng.randint(1, 30))
    ]
    Order.objects.bulk_create(
        [
            Order(number=f"R{number:011d}", checkout=checkout, buyer=rng.choice(buyers),
                  seller_id=variant.seller_id, status=Order.Status.COMPLETED, stock_state="sold",
                  payment_method="cod", recipient_name="Người nhận", recipient_phone="0912345678",
                  address=address, subtotal_vnd=variant.price_vnd, shipping_vnd=30_000,
                  total_vnd=variant.price_vnd + 30_000, delivered_at=now)
            for number, variant in enumerate(plan)
        ],
        batch_size=2000,
    )  # fmt: skip
    orders = Order.objects.filter(checkout=checkout).order_by("pk").only("pk", "buyer_id")
    OrderLine.objects.bulk_create(
        [
            OrderLine(order=order, variant=variant, product_id=variant.product_id,
                      category_id=variant.product.category_id, title=variant.product.title,
                      sku=variant.sku, unit_price_vnd=variant.price_vnd, quantity=1)
            for order, variant in zip(orders, plan, strict=True)
        ],
        batch_size=2000,
    )  # fmt: skip
    lines = OrderLine.objects.filter(order__checkout=checkout).order_by("pk")
    Review.objects.bulk_create(
        [
            Review(order_line=line, product_id=line.product_id, buyer_id=line.order.buyer_id,
                   rating=rng.choices([5, 4, 3, 2, 1], weights=[60, 25, 9, 4, 2])[0],
                   body=rng.choice(texts), status=Review.Status.PUBLISHED, moderated_at=now)
            for line in lines.select_related("order").only("pk", "product_id", "order__buyer_id")
        ],
        batch_size=2000,
    )  # fmt: skip
    # The summaries review_publish keeps, computed once for all.
    totals = (
        Review.objects.filter(status=Review.Status.PUBLISHED)
        .values_list("product_id")
        .annotate(count=Count("id"), total=Sum("rating"))
        .order_by()
    )
    updated = []
    for product_id, count, total in totals:
        product = Product(pk=product_id, rating_count=count, rating_total=total,
                          rating_tenths=rating_tenths(count=count, total=total))  # fmt: skip
        updated.append(product)
    Product.objects.bulk_update(
        updated, ["rating_count", "rating_total", "rating_tenths"], batch_size=2000
    )
    return [(slug, public_id) for _pk, slug, public_id in chosen]


def _time_import(seller) -> float:
    """Validate and import 10,000 new rows for one seller, as the background task does."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from phohang.catalog.services import imports

    header = "Mã SKU,Tên sản phẩm,Phân loại,Danh mục,Tỉnh/thành xuất xứ,Đơn vị,Giá (đồng),Tồn kho"
    kinds = [
        ("Chè Tân Cương", "che-tra", "Thái Nguyên", "gói"),
        ("Gạo ST25", "gao-ngu-coc", "Cần Thơ", "túi"),
        ("Nước mắm Phú Quốc", "nuoc-mam-gia-vi", "An Giang", "chai"),
        ("Gốm Bát Tràng", "gom-su", "Hà Nội", "cái"),
    ]
    rows = [header]
    for number in range(10_000):
        title, category, province, unit = kinds[number % len(kinds)]
        price = f"{random.randint(20, 900) * 1000:,}".replace(",", ".")
        rows.append(
            f"IMP-{number},{title} lô {number // 2},Loại {number % 2 + 1},{category},"
            f'{province},{unit},"{price}",{number % 50}'
        )
    data = ("\r\n".join(rows) + "\r\n").encode("utf-8")
    # Measures the catalog's own work: projections (search) index the 5,000 new products
    # after commit through their own receivers, which are timed by their own benchmarks.
    from unittest import mock

    from phohang.catalog.events import product_changed, products_changed

    with (
        mock.patch.object(product_changed, "send_robust", return_value=[]),
        mock.patch.object(products_changed, "send_robust", return_value=[]),
    ):
        started = time.perf_counter()
        job = imports.import_job_create(
            seller=seller, user=None, upload=SimpleUploadedFile("bench.csv", data)
        )
        # With the immediate task backend, creating the job has validated it, as the upload
        # page does, and starting it runs the import to the end.
        job.refresh_from_db()
        imports.import_job_start(job=job, publish=True, context=None)
        job.refresh_from_db()
        elapsed = time.perf_counter() - started
    if job.created_count != 10_000:
        raise SystemExit(f"import created {job.created_count} rows: {job.problems[:3]}")
    return elapsed


# ---- load ----------------------------------------------------------------------------------


def _client(port: int, paths: list[str], deadline: float, queue) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    latencies, errors = [], 0
    rng = random.Random(os.getpid())
    while time.perf_counter() < deadline:
        path = rng.choice(paths)
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            continue
        latencies.append((time.perf_counter() - started) * 1000)
    queue.put((latencies, errors))


def _load(port: int, paths: list[str], seconds: float, clients: int) -> dict:
    # Warm up each worker's caches so the figures describe the steady state.
    for path in paths[:10]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        connection.getresponse().read()
    queue = multiprocessing.Queue()
    deadline = time.perf_counter() + seconds
    workers = [
        multiprocessing.Process(target=_client, args=(port, paths, deadline, queue))
        for _ in range(clients)
    ]
    for worker in workers:
        worker.start()
    latencies, errors = [], 0
    for _ in workers:
        part, failed = queue.get()
        latencies.extend(part)
        errors += failed
    for worker in workers:
        worker.join()
    latencies.sort()
    if not latencies:
        return {"rps": 0, "p50_ms": None, "p95_ms": None, "errors": errors}
    return {
        "rps": round(len(latencies) / seconds, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1], 1),
        "errors": errors,
    }


def _wait_for(port: int, seconds: float = 600) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seconds", type=float, default=10)
    # One client per gunicorn worker: on a 2-core machine more clients only measure the load
    # generator and the workers queueing for the same two cores.
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    # Keep the built database in DIR (SQLite only) and measure it again later with --reuse DIR,
    # migrated to the code under test, without building 100,000 products twice.
    parser.add_argument("--keep", metavar="DIR", help="build into DIR and keep it")
    parser.add_argument("--reuse", metavar="DIR", help="measure a database kept with --keep")
    args = parser.parse_args()
    if args.setup:
        print(json.dumps(setup(args.products)))
        return

    kept = args.keep or args.reuse
    if kept and args.backend != "sqlite":
        raise SystemExit("--keep and --reuse work with SQLite only")
    tmp = Path(kept) if kept else Path(tempfile.mkdtemp(prefix="phohang-bench-catalog-"))
    tmp.mkdir(parents=True, exist_ok=True)
    database_url, admin_url, name = "", "", ""
    if args.backend == "postgres":
        base = os.environ.get("DATABASE_URL", PG_BASE)
        parts = urlsplit(base)
        name = f"phohang_bench_catalog_{os.getpid()}"
        admin_url = parts._replace(path="/postgres").geturl()
        database_url = parts._replace(path=f"/{name}").geturl()
        _psql(admin_url, f'CREATE DATABASE "{name}"')
    env = _environment(tmp, database_url)
    server = None
    if kept:
        # The kept directory carries its own keys so its encrypted fields stay readable.
        keys = tmp / "keys.json"
        if not keys.exists():
            keys.write_text(json.dumps({k: env[k] for k in ("SECRET_KEY", "FIELD_ENCRYPTION_KEY")}))
        env.update(json.loads(keys.read_text()))
    try:
        info_file = tmp / "info.json"
        if args.reuse:
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
                env=env, cwd=ROOT, check=True, timeout=3600,
            )  # fmt: skip
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                env=env, cwd=ROOT, check=True, timeout=600,
            )  # fmt: skip
            info = json.loads(info_file.read_text())
        else:
            built = subprocess.run(
                [sys.executable, __file__, "--setup", "--products", str(args.products)],
                env=env,
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=3600,
            )
            if built.returncode != 0:
                print(built.stderr[-3000:], file=sys.stderr)
                raise SystemExit("setup failed")
            info = json.loads(built.stdout.strip().splitlines()[-1])
            if kept:
                info_file.write_text(json.dumps(info))
        print(
            f"built {args.products} products in {info['build_seconds']} s; "
            f"10k-row import {info['import_10k_s']} s; reviews {info['reviews_s']} s; "
            f"search index {info['search_index_s']} s",
            file=sys.stderr,
        )
        port = _free_port()
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "config.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],  # fmt: skip
            env=env,
            cwd=ROOT,
        )
        _wait_for(port)
        pages = {
            "home": ["/"],
            "category": [
                f"{path}?page={page}" for path in info["categories"] for page in (1, 2, 3)
            ],
            "province": [f"{path}?page={page}" for path in info["provinces"] for page in (1, 2, 3)],
            "product": info["products"],
            "product_reviewed": info["reviewed"],
            "search": [
                "/search/?" + urlencode({"q": query, "sort": sort, "page": page})
                for query in SEARCH_QUERIES
                for sort in SEARCH_SORTS
                for page in (1, 2)
            ],
        }
        figures = {}
        for page, paths in pages.items():
            figures[page] = _load(port, paths, args.seconds, args.clients)
            print(f"{page}: {figures[page]}", file=sys.stderr)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        if name:
            _psql(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not kept:
            shutil.rmtree(tmp, ignore_errors=True)
    print(
        json.dumps(
            {
                "products": args.products,
                "backend": args.backend,
                "clients": args.clients,
                "pages": figures,
                "import_10k_s": info["import_10k_s"],
                "build_s": info["build_seconds"],
                "reviews_s": info["reviews_s"],
                "search_index_s": info["search_index_s"],
            }
        )
    )


def _psql(admin_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(sql)


if __name__ == "__main__":
    main()
