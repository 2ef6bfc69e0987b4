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

The last line printed is one JSON object: observations, p95_ms per view (the worse backend),
p95_ms_max, import_day_s (the worse backend), and the figures per backend.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
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


def _run_backend(backend: str, scale: float) -> dict:
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

    def prices(self, markets, products, end: date) -> int:
        """Every product at every market every day; the city's median alongside."""
        from phohang.markets.models import CityPrice, PriceReport

        start = end - timedelta(days=self.days - 1)
        bases = {product.pk: self.rng.randint(8, 300) * 1000 for product in products}
        walks = {product.pk: 1.0 for product in products}
        reports, cities, written = [], [], 0
        for offset in range(self.days):
            day = start + timedelta(days=offset)
            for product in products:
                walks[product.pk] = min(
                    1.3, max(0.75, walks[product.pk] * (1 + self.rng.gauss(0, 0.01)))
                )
                level = bases[product.pk] * walks[product.pk]
                typicals = []
                for market in markets:
                    typical = round(level * (1 + self.rng.uniform(-0.05, 0.05)) / 100) * 100
                    spread = max(100, round(typical * 0.08 / 100) * 100)
                    typicals.append(typical)
                    reports.append(
                        PriceReport(
                            market=market,
                            product=product,
                            day=day,
                            min_vnd=typical - spread,
                            typical_vnd=typical,
                            max_vnd=typical + spread,
                        )
                    )
                cities.append(
                    CityPrice(
                        product=product,
                        day=day,
                        min_vnd=min(typicals) - 100,
                        typical_vnd=round(statistics.median(typicals)),
                        max_vnd=max(typicals) + 100,
                        markets=len(typicals),
                    )
                )
            if len(reports) >= BATCH * 4:
                PriceReport.objects.bulk_create(reports, batch_size=BATCH)
                CityPrice.objects.bulk_create(cities, batch_size=BATCH)
                written += len(reports)
                reports, cities = [], []
                if offset % 90 == 0:
                    _say(f"  prices up to {day}: {written:,} observations")
        PriceReport.objects.bulk_create(reports, batch_size=BATCH)
        CityPrice.objects.bulk_create(cities, batch_size=BATCH)
        return written + len(reports)

    def consignments(self, markets, end: date) -> int:
        from django.utils import timezone

        from phohang.geo.models import Province
        from phohang.markets.models import Consignment, GoodsGroup, Unit

        count = round(CONSIGNMENTS * self.scale)
        provinces = list(Province.objects.all())
        groups = list(GoodsGroup.values)
        zone = timezone.get_current_timezone()
        lots = []
        for number in range(count):
            day = end - timedelta(days=self.rng.randrange(self.days))
            arrived = datetime.combine(day, clock(self.rng.randrange(24)), tzinfo=zone)
            kg = Decimal(self.rng.randint(500, 20_000))
            lots.append(
                Consignment(
                    code=f"B{number % MARKETS}-{number:08d}",
                    market=markets[number % MARKETS],
                    goods="Hàng thử",
                    goods_group=groups[number % len(groups)],
                    quantity=kg,
                    unit=Unit.KG,
                    weight_kg=kg,
                    origin_province=self.rng.choice(provinces),
                    producer_name="Hợp tác xã thử",
                    harvest_date=day,
                    arrived_at=arrived,
                    arrived_on=day,
                    status=Consignment.Status.SOLD_OUT,
                )
            )
            if len(lots) >= BATCH:
                Consignment.objects.bulk_create(lots)
                lots = []
        Consignment.objects.bulk_create(lots)
        return count


def _officer():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from phohang.accounts.models import User

    officer = User.objects.create_user(
        email="giamsat@bench.example.vn",
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


def _time(client, urls: list[str]) -> list[float]:
    samples = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    return samples


def _views(markets, products, end: date) -> dict[str, float]:
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
    results = {}
    for view, view_urls in urls.items():
        client = staff if view == "basket" else public
        _time(client, view_urls[:3])  # warm the connection and the template cache
        results[view] = _p95(_time(client, view_urls))
    return results


def _import_day(markets, products, day: date) -> float:
    from django.contrib.auth import get_user_model

    from phohang.core.audit import AuditContext
    from phohang.markets.services import price_import_file

    admin = get_user_model().objects.create_user(
        email="admin@bench.example.vn", password=None, full_name="Quản trị", is_superuser=True
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
    started = time.perf_counter()
    result = price_import_file(
        data=data,
        name="gia-mot-ngay.csv",
        user=admin,
        market=None,
        day=day,
        context=AuditContext(actor=admin),
    )
    seconds = time.perf_counter() - started
    if result["stored"] != len(lines) - 1:
        raise SystemExit(
            f"import stored {result['stored']} of {len(lines) - 1}: {result['errors'][:3]}"
        )
    return round(seconds, 2)


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
    markets, products = data.markets(), data.products()
    started = time.perf_counter()
    observations = data.prices(markets, products, end)
    _say(
        f"{connection.vendor}: {observations:,} observations in {time.perf_counter() - started:.0f} s"
    )
    started = time.perf_counter()
    lots = data.consignments(markets, end)
    _say(f"{connection.vendor}: {lots:,} consignments in {time.perf_counter() - started:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    p95 = _views(markets, products, end)
    import_day_s = _import_day(markets, products, today)
    result = {
        "backend": connection.vendor,
        "observations": observations,
        "consignments": lots,
        "p95_ms": p95,
        "import_day_s": import_day_s,
    }
    print(json.dumps(result), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the issue's size")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.scale)
        return
    backends = ["sqlite", "postgres"] if options.backend == "both" else [options.backend]
    results = {backend: _run_backend(backend, options.scale) for backend in backends}
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
