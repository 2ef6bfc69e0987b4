"""Trade matching speed: one new demand ranked against 100,000 offers, on both databases.

    .venv/bin/python bench/matching.py [--runs 60] [--offers 100000] [--skip-postgres]

For each database (SQLite in a temp file; PostgreSQL in a throwaway database created next to
postgres://postgres@127.0.0.1:5432 and dropped afterwards) a child process migrates a fresh
database, loads `--offers` offers written like the labelled set's (bench/trade/build_set.py:
company names in titles, prices per tấn, seasons, certificates), then times matching one new
demand (rank with `phohang.trade.matching.rank_offers` and store the 20 matches, as the
background task does) `--runs` times, the demands taken from the hand-written needs. Ranking
quality is measured by bench/trade/relevance.py. The last line printed is one JSON object.
"""

import argparse
import gc
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "trade"))

PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()


def _offer_data(row: dict, loader):
    from postings import UNITS, months

    from phohang.trade.services.postings import OfferData

    codes, stars = loader._certifications(row["certifications"])
    return OfferData(
        title=row["title"],
        description=row["description"],
        category_id=loader.category(row["category"]),
        quantity=int(row["quantity_per_month"]),
        unit=UNITS[row["unit"]],
        period="month",
        season_months=months(row["season_months"]),
        origin_province_id=loader.province(row["origin_province"]),
        price_min_vnd=int(row["price_min_vnd"]),
        price_max_vnd=int(row["price_max_vnd"]),
        certifications=codes,
        ocop_stars=stars,
        minimum_order=int(row["min_order"] or 0),
    )


def _load_offers(count: int, loader, rng: random.Random) -> None:
    """Insert `count` offers in bulk (the services' own derivation, without a form per row)."""
    from build_set import _offer
    from truth import PRODUCTS

    from phohang.trade.models import Offer
    from phohang.trade.services.postings import _apply_offer

    products = sorted(PRODUCTS)
    batch = []
    for number in range(count):
        row, _truth = _offer(rng, number, products[number % len(products)])
        data = _offer_data(row, loader)
        offer = Offer(seller=loader._seller(data.origin_province_id), created_by=loader.user)
        _apply_offer(offer, data)
        batch.append(offer)
        if len(batch) == 5000:
            _insert_offers(batch)
            batch = []
    _insert_offers(batch)


def _insert_offers(batch) -> None:
    from django.db import connection, transaction

    from phohang.trade.matching import index_terms
    from phohang.trade.models import Offer, OfferTerm

    with transaction.atomic():
        Offer.objects.bulk_create(batch)
        rows = [
            (offer.pk, term, weight, offer.category_id)
            for offer in batch
            for term, weight in index_terms(offer.title, offer.description).items()
        ]
        table = OfferTerm._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (offer_id, term, weight, category_id) VALUES (%s, %s, %s, %s)",  # noqa: S608
                rows,
            )


def _new_demand(number: int, loader, rng: random.Random):
    from build_set import _demand
    from postings import UNITS
    from truth import NEEDS

    from phohang.trade.models import Demand
    from phohang.trade.services.postings import DemandData, _apply_demand

    row, _truth = _demand(rng, number, NEEDS[number % len(NEEDS)])
    province = loader.province(row["delivery_province"])
    codes, stars = loader._certifications(row["certifications_required"])
    start, end = date.fromisoformat(row["window_start"]), date.fromisoformat(row["window_end"])
    demand = Demand(organisation=loader._organisation(province), created_by=loader.user)
    _apply_demand(
        demand,
        DemandData(
            title=row["title"],
            description=row["description"],
            category_id=loader.category(row["category"]),
            quantity=int(row["quantity"]),
            unit=UNITS[row["unit"]],
            frequency=row["frequency"],
            delivery_province_id=province,
            delivery_start=start,
            delivery_end=end,
            closing_date=start,
            min_ocop_stars=stars,
            certifications=codes,
            price_ceiling_vnd=int(row["price_ceiling_vnd"]) if row["price_ceiling_vnd"] else None,
        ),
    )
    demand.save()
    return demand


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            # A running server's WAL is checkpointed continually; right after a bulk load it is not.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def child(args) -> dict:
    """Runs inside the per-database process: migrate, fill, time."""
    _setup_django()
    from django.core.management import call_command
    from django.db import transaction
    from postings import Loader

    from phohang.trade import matching
    from phohang.trade.models import Offer
    from phohang.trade.services.matching_jobs import NOTIFY_TOP, _store_matches

    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(20261207)
    loader = Loader([])
    started = time.perf_counter()
    _load_offers(args.offers, loader, rng)
    load_seconds = time.perf_counter() - started
    _analyze()
    total = Offer.objects.count()
    gc.collect()
    gc.freeze()
    timings, cpu = [], []
    for number in range(args.runs + 3):
        demand = _new_demand(number, loader, rng)
        started, cpu_started = time.perf_counter(), time.process_time()
        with transaction.atomic():
            ranked = matching.rank_offers(demand)
            pairs = [(demand.pk, offer_id, score, bd) for offer_id, score, bd in ranked]
            _store_matches(pairs, read_back=NOTIFY_TOP)
        elapsed = (time.perf_counter() - started) * 1000
        if number >= 3:  # warm-up runs fill caches the way a running server has them
            timings.append(elapsed)
            cpu.append((time.process_time() - cpu_started) * 1000)
    timings.sort()
    cpu.sort()
    p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
    return {
        "offers": total,
        "load_seconds": round(load_seconds, 1),
        "runs": len(timings),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(p95, 1),
        # CPU time of this process (on SQLite the database's work too): what the code costs
        # when the machine's other load is taken out.
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "cpu_p95_ms": round(cpu[max(0, int(round(0.95 * len(cpu))) - 1)], 1),
    }


def _run_child(env: dict, args) -> dict:
    command = [
        sys.executable,
        __file__,
        "--child",
        "--runs",
        str(args.runs),
        "--offers",
        str(args.offers),
    ]
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit(f"benchmark child failed ({result.returncode})")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _base_env(var_dir: str) -> dict:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "FIELD_ENCRYPTION_KEY": secrets.token_urlsafe(32),
            "VNPAY_ENABLED": "0",
            "PHOHANG_VAR_DIR": var_dir,
        }
    )
    return env


def run_sqlite(args) -> dict:
    with tempfile.TemporaryDirectory(prefix="phohang-bench-trade-") as var_dir:
        print("sqlite: migrating, loading and matching …", file=sys.stderr)
        return _run_child(_base_env(var_dir), args)


def run_postgres(args) -> dict:
    import psycopg

    name = f"phohang_bench_trade_{os.getpid()}"
    admin = f"{PG_ADMIN_URL}/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory(prefix="phohang-bench-trade-") as var_dir:
            env = _base_env(var_dir)
            env["DATABASE_URL"] = f"{PG_ADMIN_URL}/{name}"
            print("postgres: migrating, loading and matching …", file=sys.stderr)
            return _run_child(env, args)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args)))
        return
    sqlite = None if args.skip_sqlite else run_sqlite(args)
    if sqlite:
        print("sqlite:", json.dumps(sqlite), file=sys.stderr)
    postgres = None if args.skip_postgres else run_postgres(args)
    if postgres:
        print("postgres:", json.dumps(postgres), file=sys.stderr)
    print(
        json.dumps(
            {
                "p95_ms_sqlite": sqlite["p95_ms"] if sqlite else None,
                "p95_ms_postgres": postgres["p95_ms"] if postgres else None,
                "p50_ms_sqlite": sqlite["p50_ms"] if sqlite else None,
                "p50_ms_postgres": postgres["p50_ms"] if postgres else None,
                "cpu_p95_ms_sqlite": sqlite["cpu_p95_ms"] if sqlite else None,
                "cpu_p95_ms_postgres": postgres["cpu_p95_ms"] if postgres else None,
                "offers": (sqlite or postgres)["offers"],
                "runs": (sqlite or postgres)["runs"],
                "load_avg": round(os.getloadavg()[0], 1),
            }
        )
    )


if __name__ == "__main__":
    main()
