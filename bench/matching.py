"""Trade matching benchmark: quality on the labelled set, then speed against 100,000 offers.

    .venv/bin/python bench/matching.py [--runs 60] [--offers 100000] [--skip-postgres]

For each database (SQLite in a temp file; PostgreSQL in a throwaway database created next to
postgres://postgres@127.0.0.1:5432 and dropped afterwards) a child process migrates a fresh
database, loads bench/trade/labelled_set.json (220 demands, 5,000 offers, with the offers that
are truly suitable for each demand), and ranks offers for every demand with the production code
(`phohang.trade.matching.rank_offers`):

- precision@5 = mean over demands of |top 5 ∩ suitable| / 5 (every demand has ≥ 6 suitable);
- recall@20 = mean of |top 20 ∩ suitable| / |suitable| (standard; bounded by 20/|suitable|),
  and recall_at_20_capped with min(20, |suitable|) as the denominator.

It then adds unlabelled offers from the same generator up to `--offers` and times matching one
new demand (rank + store the 20 matches, as the background task does) `--runs` times. The last
line printed is one JSON object.
"""

import argparse
import gc
import json
import os
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


def _load(data: dict, extra: list[dict] | None = None, *, offset_sellers: int = 0):
    """Insert categories, sellers, organisations and offers; returns ref → pk maps."""
    from django.db import transaction

    from phohang.accounts.models import User
    from phohang.catalog.models import Category
    from phohang.geo.models import Address, Ward
    from phohang.sellers.models import Seller
    from phohang.trade.models import Offer
    from phohang.trade.services.postings import OfferData, _apply_offer

    with transaction.atomic():
        user, _ = User.objects.get_or_create(
            email="bench@phohang.vn", defaults={"full_name": "Bench"}
        )
        categories = {}
        for slug, parent, name_vi, name_en in data["categories"]:
            categories[slug], _ = Category.objects.get_or_create(
                slug=slug,
                defaults={
                    "name_vi": name_vi,
                    "name_en": name_en,
                    "parent": categories.get(parent),
                },
            )
        offers = data["offers"] + (extra or [])
        seller_numbers = sorted({offer["seller"] for offer in offers})
        existing = set(Seller.objects.values_list("slug", flat=True))
        wards = {}
        new_sellers = []
        names = {offer["seller"]: offer["seller_name"] for offer in offers}
        origin = {offer["seller"]: offer["origin_province"] for offer in offers}
        for number in seller_numbers:
            slug = f"bench-seller-{number}"
            if slug in existing:
                continue
            province = origin[number]
            if province not in wards:
                wards[province] = Ward.objects.filter(province_id=province).first()
            address = Address(street="Thôn 1", ward=wards[province], province_id=province)
            new_sellers.append((number, slug, address))
        Address.objects.bulk_create([item[2] for item in new_sellers], batch_size=2000)
        Seller.objects.bulk_create(
            [
                Seller(
                    slug=slug,
                    name=names[number],
                    name_key=slug,
                    seller_type="cooperative",
                    address=address,
                    province_id=address.province_id,
                )
                for number, slug, address in new_sellers
            ],
            batch_size=2000,
        )
        seller_pk = dict(Seller.objects.values_list("slug", "pk"))
        batch, offer_refs = [], []
        for row in offers:
            offer = Offer(seller_id=seller_pk[f"bench-seller-{row['seller']}"], created_by=user)
            _apply_offer(
                offer,
                OfferData(
                    title=row["title"],
                    description=row["description"],
                    category_id=categories[row["category"]].pk,
                    quantity=row["quantity"],
                    unit=row["unit"],
                    period=row["period"],
                    season_months=row["season_months"],
                    origin_province_id=row["origin_province"],
                    price_min_vnd=row["price_min_vnd"],
                    price_max_vnd=row["price_max_vnd"],
                    certifications=row["certifications"],
                    ocop_stars=row["ocop_stars"],
                    minimum_order=row["minimum_order"],
                ),
            )
            batch.append(offer)
            offer_refs.append(row["ref"])
            if len(batch) == 5000:
                _insert_offers(batch)
                batch = []
        _insert_offers(batch)
    return user, categories


def _insert_offers(batch) -> None:
    from django.db import connection

    from phohang.trade.matching import index_terms
    from phohang.trade.models import Offer, OfferTerm

    Offer.objects.bulk_create(batch)
    rows = [
        (offer.pk, term, weight, offer.category_id)
        for offer in batch
        for term, weight in index_terms(offer.title, offer.description).items()
    ]
    table = OfferTerm._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (offer_id, term, weight, category_id) VALUES (%s, %s, %s, %s)",
            rows,
        )


def _new_demand(row: dict, user, categories, organisation_cache: dict):
    from phohang.trade.models import BuyerOrganisation, Demand
    from phohang.trade.services.postings import DemandData, _apply_demand

    key = (row["organisation"], row["organisation_kind"], row["delivery_province"])
    if key not in organisation_cache:
        organisation = BuyerOrganisation.objects.create(
            name=row["organisation"],
            kind=row["organisation_kind"],
            province_id=row["delivery_province"],
            created_by=user,
        )
        organisation.members.add(user)
        organisation_cache[key] = organisation
    demand = Demand(organisation=organisation_cache[key], created_by=user)
    _apply_demand(
        demand,
        DemandData(
            title=row["title"],
            description=row["description"],
            category_id=categories[row["category"]].pk,
            quantity=row["quantity"],
            unit=row["unit"],
            frequency=row["frequency"],
            delivery_province_id=row["delivery_province"],
            delivery_start=date.fromisoformat(row["delivery_start"]),
            delivery_end=date.fromisoformat(row["delivery_end"]),
            closing_date=date.fromisoformat(row["closing_date"]),
            min_ocop_stars=row["min_ocop_stars"],
            certifications=row["certifications"],
            price_ceiling_vnd=row["price_ceiling_vnd"],
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
    """Runs inside the per-database process: migrate, evaluate, fill, time."""
    _setup_django()
    from django.core.management import call_command
    from django.db import transaction
    from generate import extra_offers  # bench/trade/generate.py

    from phohang.trade import matching
    from phohang.trade.models import Offer
    from phohang.trade.services.matching_jobs import _store_matches

    call_command("migrate", verbosity=0, interactive=False)
    data = json.loads((ROOT / "bench" / "trade" / "labelled_set.json").read_text())
    user, categories = _load(data)
    _analyze()
    ref_by_pk = dict(
        zip(
            Offer.objects.order_by("pk").values_list("pk", flat=True),
            [row["ref"] for row in data["offers"]],
            strict=True,
        )
    )
    organisations: dict = {}
    precisions, recalls, capped = [], [], []
    for row in data["demands"]:
        demand = _new_demand(row, user, categories, organisations)
        ranked = [ref_by_pk[offer_id] for offer_id, _s, _b in matching.rank_offers(demand)]
        suitable = set(data["suitable"][row["ref"]])
        precisions.append(len(set(ranked[:5]) & suitable) / 5)
        hits20 = len(set(ranked[:20]) & suitable)
        recalls.append(hits20 / len(suitable))
        capped.append(hits20 / min(20, len(suitable)))
    quality = {
        "precision_at_5": round(statistics.mean(precisions), 3),
        "recall_at_20": round(statistics.mean(recalls), 3),
        "recall_at_20_capped": round(statistics.mean(capped), 3),
    }

    extra = extra_offers(max(0, args.offers - len(data["offers"])))
    _load({"categories": data["categories"], "offers": []}, extra)
    _analyze()
    total = Offer.objects.count()
    timings = []
    rows = data["demands"]
    # Drop the loader's data and freeze what is left, so garbage collection during the timed
    # runs sees a server-sized heap rather than the 100,000 generated rows.
    del data, extra
    gc.collect()
    gc.freeze()
    for number in range(args.runs + 3):
        demand = _new_demand(rows[(number * 7) % len(rows)], user, categories, organisations)
        started = time.perf_counter()
        with transaction.atomic():
            ranked = matching.rank_offers(demand)
            _store_matches([(demand.pk, offer_id, score, bd) for offer_id, score, bd in ranked])
        elapsed = (time.perf_counter() - started) * 1000
        if number >= 3:  # warm-up runs fill caches the way a running server has them
            timings.append(elapsed)
    timings.sort()
    p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
    return {
        **quality,
        "offers": total,
        "runs": len(timings),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(p95, 1),
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
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args)))
        return
    sqlite = run_sqlite(args)
    print("sqlite:", json.dumps(sqlite), file=sys.stderr)
    postgres = None if args.skip_postgres else run_postgres(args)
    if postgres:
        print("postgres:", json.dumps(postgres), file=sys.stderr)
    print(
        json.dumps(
            {
                "precision_at_5": sqlite["precision_at_5"],
                "recall_at_20": sqlite["recall_at_20"],
                "recall_at_20_capped": sqlite["recall_at_20_capped"],
                "p95_ms_sqlite": sqlite["p95_ms"],
                "p95_ms_postgres": postgres["p95_ms"] if postgres else None,
                "p50_ms_sqlite": sqlite["p50_ms"],
                "p50_ms_postgres": postgres["p50_ms"] if postgres else None,
                "offers": sqlite["offers"],
                "labelled_demands": 220,
                "labelled_offers": 5000,
                "runs": sqlite["runs"],
            }
        )
    )


if __name__ == "__main__":
    main()
