"""Markets benchmark: the price board, a product's history and the authority's basket over years of
daily wholesale prices, and the import of one day's prices.

    .venv/bin/python bench/markets.py [--scale 1.0] [--backend sqlite|postgres|both]

For each backend it builds a throwaway database (SQLite in a temp directory; PostgreSQL: a new
database on postgres://postgres@127.0.0.1:5432, dropped at the end) and migrates it, so it needs
nothing but a checkout whose `migrate` runs. It writes 7 markets × 300 products × 3 years of
daily prices (about 2.3 million observations at --scale 1; fewer days at a smaller scale), the
city's roll-up of them, and 200,000 consignments (× scale). Each view is then requested
in-process (Django test client, templates rendered): the city's and a market's board on several
days, a product's history over 30, 90 and 365 days, and the authority's basket over 30 and 90
days (signed in, second factor confirmed). Finally one day's 2,100 prices (7 markets × 300) are
imported from a CSV file as the upload job does, corrections, roll-up and alerts included.

With --keep the databases are kept (SQLite in var/bench-markets/, PostgreSQL as
phohang_bench_markets_keep) and a later run with --keep migrates them and measures again without
writing the data anew (today's imported prices are removed first).

The last line printed is one JSON object: observations, p95_ms per view (the worse backend),
p95_ms_max, import_day_s (the worse backend), and the figures per backend (with cpu_p95_ms:
the benchmark process's own CPU time per request, the Python side without the wait for a core).
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
MARKETS = 7
PRODUCTS = 300
ESSENTIALS = 8
YEARS_DAYS = 3 * 365
CONSIGNMENTS = 200_000
REQUESTS_PER_VIEW = 40
BATCH = 5_000


def _child_env(database_url: str, tmp: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
        PHOHANG_VAR_DIR=tmp,
        PYTHONPATH=str(ROOT),
    )
    return env


KEEP_DIR = ROOT / "var" / "bench-markets"
KEEP_DATABASE = "phohang_bench_markets_keep"
# Emptied, children first, before the data is written.
WIPED_TABLES = (
    "markets_pricecorrection",
    "markets_pricealert",
    "markets_pricereport",
    "markets_cityprice",
    "markets_consignmentevent",
    "markets_consignment",
    "markets_priceupload",
    "markets_trader_users",
    "markets_trader",
    "markets_market_managers",
    "markets_market",
    "markets_priceproduct",
)


def _spawn(url: str, tmp: str, scale: float) -> dict:
    process = subprocess.run(
        [sys.executable, __file__, "--child", "--scale", str(scale)],
        env=_child_env(url, tmp),
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    output = process.stdout.strip().splitlines()
    for line in output[:-1]:
        print(line, flush=True)
    return json.loads(output[-1])


def _run_kept(backend: str, scale: float) -> dict:
    KEEP_DIR.mkdir(parents=True, exist_ok=True)
    if backend == "sqlite":
        return _spawn(f"sqlite:///{KEEP_DIR}/bench.sqlite3", str(KEEP_DIR), scale)
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [KEEP_DATABASE]
        ).fetchone()
        if not found:
            connection.execute(f'CREATE DATABASE "{KEEP_DATABASE}"')
    return _spawn(f"{PG_SERVER}/{KEEP_DATABASE}", str(KEEP_DIR), scale)


def _run_backend(backend: str, scale: float, keep: bool = False) -> dict:
    if keep:
        return _run_kept(backend, scale)
    with tempfile.TemporaryDirectory(prefix="phohang-bench-markets-") as tmp:
        if backend == "sqlite":
            return _spawn(f"sqlite:///{tmp}/bench.sqlite3", tmp, scale)
        import psycopg

        name = f"phohang_bench_markets_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        try:
            return _spawn(f"{PG_SERVER}/{name}", tmp, scale)
        finally:
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return round(ordered[max(0, int(len(ordered) * 0.95 + 0.5) - 1)], 1)


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class Data:
    """Writes the markets, products, prices, city roll-up and consignments in bulk."""

    def __init__(self, scale: float) -> None:
        self.scale = scale
        self.days = max(60, round(YEARS_DAYS * scale)) if scale < 1 else YEARS_DAYS
        self.rng = random.Random(2026)

    def markets(self):
        from phohang.geo.models import Ward
        from phohang.markets.models import GoodsGroup, Market

        wards = list(Ward.objects.filter(province_id="01").order_by("code")[:MARKETS])
        return Market.objects.bulk_create(
            Market(
                slug=f"cho-{number}",
                code=f"B{number}",
                name=f"Chợ đầu mối số {number}",
                kind=Market.Kind.OFFICIAL if number < 2 else Market.Kind.WHOLESALE_TYPE,
                street=f"Số {number} đường Bench",
                ward=wards[number],
                area_m2=30_000,
                opens_at=clock(20),
                closes_at=clock(8),
                goods_groups=list(GoodsGroup.values),
            )
            for number in range(MARKETS)
        )

    def products(self):
        from phohang.core.text import search_fold
        from phohang.markets.models import GoodsGroup, PriceProduct, Unit

        groups = list(GoodsGroup.values)
        products = []
        for number in range(PRODUCTS):
            name = f"Mặt hàng thử {number:03d}"
            products.append(
                PriceProduct(
                    slug=f"mat-hang-{number:03d}",
                    name=name,
                    name_key=search_fold(name),
                    unit=Unit.KG,
                    goods_group=groups[number % len(groups)],
                    is_essential=number < ESSENTIALS,
                    sort_order=number,
                )
            )
        return PriceProduct.objects.bulk_create(products)

    def _dialect(self):
        """(a day `n` days before %(end)s, a moment `n` days and `h` hours after it, now, JSON
        list) in the connection's SQL."""
        from django.db import connection

        if connection.vendor == "postgresql":
            return (
                "(CAST(%(end)s AS date) - {n})",
                "(CAST(%(end)s AS date) - {n} + make_interval(hours => CAST({h} AS int)))"
                " AT TIME ZONE 'Asia/Ho_Chi_Minh'",
                "now()",
                "CAST('[]' AS jsonb)",
            )
        return (
            "date(%(end)s, '-' || ({n}) || ' days')",
            "datetime(%(end)s, '-' || ({n}) || ' days', '+' || ({h}) || ' hours', '-7 hours')",
            "datetime('now')",
            "'[]'",
        )

    def prices(self, markets, products, end: date) -> int:
        """Every product at every market every day, written by the database itself (one
        INSERT … SELECT per market: Python objects took two hours on the loaded machine): a
        seasonal wave of ±15 % per product, each market a few per cent apart, a small daily
        wobble; the city's roll-up is the markets' lowest, mean and highest."""
        from django.db import connection

        day, _moment, now, _json = self._dialect()
        days = self.days
        n_day = day.format(n="n.d")
        # Integer arithmetic only (SQLite and PostgreSQL divide integers the same way).
        typical = (
            "((CAST(8000 AS bigint) + (p.sort_order * 7919) %% 293 * 1000)"
            " * (85 + abs((n.d + p.sort_order * 7) %% 60 - 30))"
            " * (100 + (m.id * 3) %% 7 - 3 + (n.d * 31 + p.sort_order * 17) %% 5 - 2)"
            " / 10000 / 100 * 100)"
        )
        with connection.cursor() as cursor:
            for number, market in enumerate(markets, start=1):
                cursor.execute(
                    "WITH RECURSIVE n(d) AS (SELECT 0 UNION ALL SELECT d + 1 FROM n"
                    " WHERE d < %(last)s)"
                    " INSERT INTO markets_pricereport (market_id, product_id, day, min_vnd,"
                    " typical_vnd, max_vnd, source, revision, updated_at)"
                    " SELECT market_id, product_id, day, v - v / 12 / 100 * 100 - 100, v,"
                    f" v + v / 12 / 100 * 100 + 100, 'upload', 1, {now} FROM ("
                    f" SELECT m.id AS market_id, p.id AS product_id, {n_day} AS day,"
                    f" {typical} AS v"
                    " FROM n CROSS JOIN markets_market m CROSS JOIN markets_priceproduct p"
                    " WHERE m.id = %(market)s) AS r",
                    {"end": end, "last": days - 1, "market": market.pk},
                )
                _say(f"  prices of market {number}/{len(markets)} written")
            cursor.execute(
                "INSERT INTO markets_cityprice (product_id, day, min_vnd, typical_vnd, max_vnd,"
                " markets) SELECT product_id, day, MIN(min_vnd), CAST(AVG(typical_vnd) AS bigint),"
                " MAX(max_vnd), COUNT(*) FROM markets_pricereport GROUP BY product_id, day"
            )
        return len(markets) * len(products) * days

    def consignments(self, markets, end: date) -> int:
        """Lots spread over the days, markets, goods groups and provinces (one INSERT …
        SELECT)."""
        from django.db import connection

        from phohang.geo.models import Province
        from phohang.markets.models import GoodsGroup

        day, moment, now, json_list = self._dialect()
        count = round(CONSIGNMENTS * self.scale)
        provinces = list(Province.objects.order_by("code").values_list("code", flat=True))
        groups = list(GoodsGroup.values)

        def case(values, modulo_of: str) -> str:
            branches = " ".join(
                f"WHEN {index} THEN '{value}'"
                if isinstance(value, str)
                else f"WHEN {index} THEN {value}"
                for index, value in enumerate(values)
            )
            return f"CASE ({modulo_of}) %% {len(values)} {branches} END"

        public_id = (
            "gen_random_uuid()"
            if connection.vendor == "postgresql"
            else "lower(hex(randomblob(16)))"
        )
        n_day = day.format(n=f"n.d %% {self.days}")
        with connection.cursor() as cursor:
            cursor.execute(
                "WITH RECURSIVE n(d) AS (SELECT 0 UNION ALL SELECT d + 1 FROM n"
                " WHERE d < %(last)s)"
                " INSERT INTO markets_consignment (public_id, code, market_id, goods, goods_group,"
                " quantity, unit, weight_kg, origin_province_id, producer_name, harvest_date,"
                " certifications, arrived_at, arrived_on, check_kind, check_document, status,"
                " created_at)"
                f" SELECT {public_id}, 'B-' || CAST(10000000 + n.d AS text),"
                f" {case([market.pk for market in markets], 'n.d')}, 'Hàng thử',"
                f" {case(groups, 'n.d / 7')}, 500 + (n.d * 37) %% 19500, 'kg',"
                f" 500 + (n.d * 37) %% 19500, {case(provinces, 'n.d / 3')}, 'Hợp tác xã thử',"
                f" {n_day}, {json_list}, {moment.format(n=f'n.d %% {self.days}', h='n.d %% 24')},"
                f" {n_day}, 'food_safety', '', 'sold_out', {now} FROM n",
                {"end": end, "last": count - 1},
            )
        return count


def _officer():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from phohang.accounts.models import User

    officer = User.objects.create_user(
        email=f"giamsat-{uuid.uuid4().hex[:8]}@bench.example.vn",
        password=None,
        full_name="Cán bộ giám sát",
        is_authority=True,
        is_city_authority=True,
    )
    return officer, TOTPDevice.objects.create(user=officer, name="bench", confirmed=True)


def _signed_in_client(officer, device):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    client = Client()
    client.force_login(officer)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _time(client, urls: list[str]) -> tuple[list[float], list[float]]:
    """Wall-clock and this process's CPU milliseconds per request (on a loaded machine the
    wall clock mostly measures the wait for a core)."""
    samples, cpu = [], []
    for url in urls:
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    return samples, cpu


def _views(markets, products, end: date) -> tuple[dict[str, float], dict[str, float]]:
    from django.test import Client

    rng = random.Random(7)
    public = Client()
    officer, device = _officer()
    staff = _signed_in_client(officer, device)
    days = [end - timedelta(days=rng.randrange(300)) for _ in range(REQUESTS_PER_VIEW)]
    urls = {
        "board": [f"/cho-dau-moi/bang-gia/?date={day}" for day in days],
        "market_board": [
            f"/cho-dau-moi/{rng.choice(markets).slug}/bang-gia/?date={day}" for day in days
        ],
        "product_history": [
            f"/cho-dau-moi/bang-gia/mat-hang/{rng.choice(products).slug}/?ngay={rng.choice([30, 90, 365])}"
            for _ in range(REQUESTS_PER_VIEW)
        ],
        "basket": [
            f"/cho-dau-moi/giam-sat/?ngay={rng.choice([30, 90])}" for _ in range(REQUESTS_PER_VIEW)
        ],
    }
    results, cpu_results = {}, {}
    for view, view_urls in urls.items():
        client = staff if view == "basket" else public
        _time(client, view_urls[:3])  # warm the connection and the template cache
        samples, cpu = _time(client, view_urls)
        results[view], cpu_results[view] = _p95(samples), _p95(cpu)
    return results, cpu_results


def _import_day(markets, products, day: date) -> tuple[float, float]:
    from django.contrib.auth import get_user_model

    from phohang.core.audit import AuditContext
    from phohang.markets.services import price_import_file

    admin = get_user_model().objects.create_user(
        email=f"admin-{uuid.uuid4().hex[:8]}@bench.example.vn",
        password=None,
        full_name="Quản trị",
        is_superuser=True,
    )
    rng = random.Random(11)
    lines = ["ngày,chợ,mặt hàng,thấp nhất,phổ biến,cao nhất"]
    for market in markets:
        for product in products:
            typical = rng.randint(8, 300) * 1000
            lines.append(
                f"{day:%d/%m/%Y},{market.slug},{product.name},{typical - 1000},{typical},{typical + 1000}"
            )
    data = "\n".join(lines).encode()
    started, started_cpu = time.perf_counter(), time.process_time()
    result = price_import_file(
        data=data,
        name="gia-mot-ngay.csv",
        user=admin,
        market=None,
        day=day,
        context=AuditContext(actor=admin),
    )
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    if result["stored"] != len(lines) - 1:
        raise SystemExit(
            f"import stored {result['stored']} of {len(lines) - 1}: {result['errors'][:3]}"
        )
    return round(seconds, 2), round(cpu, 2)


def child(scale: float) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["testserver"]  # the in-process test client's host
    _say(f"{connection.vendor}: migrated in {time.perf_counter() - started:.0f} s")
    data = Data(scale)
    today = timezone.localdate()
    end = today - timedelta(days=1)
    from phohang.markets.models import (
        CityPrice,
        Consignment,
        Market,
        PriceAlert,
        PriceProduct,
        PriceReport,
    )

    expected = MARKETS * PRODUCTS * data.days
    kept = (
        Market.objects.filter(code="B0").exists()
        and PriceReport.objects.filter(day__lt=today).count() == expected
        and Consignment.objects.count() == round(CONSIGNMENTS * scale)
    )
    if not kept:  # a fresh database, or one a stopped run left half written
        with connection.cursor() as cursor:
            for table in WIPED_TABLES:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)
    if kept:  # a kept database: measure again
        markets = list(Market.objects.filter(slug__startswith="cho-").order_by("code"))
        products = list(PriceProduct.objects.order_by("sort_order"))
        PriceReport.objects.filter(day__gte=today).delete()
        CityPrice.objects.filter(day__gte=today).delete()
        PriceAlert.objects.filter(day__gte=today).delete()
        observations = PriceReport.objects.count()
        lots = Consignment.objects.count()
        _say(f"{connection.vendor}: kept data, {observations:,} observations, {lots:,} lots")
    else:
        markets, products = data.markets(), data.products()
        started = time.perf_counter()
        observations = data.prices(markets, products, end)
        _say(
            f"{connection.vendor}: {observations:,} observations "
            f"in {time.perf_counter() - started:.0f} s"
        )
        started = time.perf_counter()
        lots = data.consignments(markets, end)
        _say(f"{connection.vendor}: {lots:,} consignments in {time.perf_counter() - started:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    p95, cpu_p95 = _views(markets, products, end)
    import_day_s, import_cpu_s = _import_day(markets, products, today)
    result = {
        "backend": connection.vendor,
        "observations": observations,
        "consignments": lots,
        "p95_ms": p95,
        "cpu_p95_ms": cpu_p95,
        "import_day_s": import_day_s,
        "import_cpu_s": import_cpu_s,
    }
    print(json.dumps(result), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the issue's size")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--keep", action="store_true", help="keep the databases and reuse them")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.scale)
        return
    backends = ["sqlite", "postgres"] if options.backend == "both" else [options.backend]
    results = {backend: _run_backend(backend, options.scale, options.keep) for backend in backends}
    views = sorted({view for result in results.values() for view in result["p95_ms"]})
    p95 = {view: max(r["p95_ms"][view] for r in results.values()) for view in views}
    summary = {
        "observations": max(r["observations"] for r in results.values()),
        "p95_ms": p95,
        "p95_ms_max": max(p95.values()),
        "import_day_s": max(r["import_day_s"] for r in results.values()),
        "backends": results,
        "load_average": [round(value, 2) for value in os.getloadavg()],
    }
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
