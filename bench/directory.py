"""Industry-directory benchmark: park directory, capability search and craft-village pages.

    .venv/bin/python bench/directory.py [--entries 10000] [--backend sqlite|postgres|both]

For each backend it builds a throwaway database (SQLite in a temp directory; PostgreSQL: a new
database on postgres://postgres@127.0.0.1:5432, dropped at the end), migrates it, bulk-writes
`--entries` parks, manufacturers (with processes and certifications) and craft villages spread
over the 34 provinces, then requests each page in-process (Django test client, templates
rendered, several filters and queries each) and reports the 95th percentile. Needs nothing but a
migrated checkout (`make migrate`). The last line printed is one JSON object: entries, p95_ms per
page, p95_ms_max.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
SAMPLES = 40


def _child_env(database_url: str, tmp: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
        PHOHANG_VAR_DIR=tmp,
        PYTHONPATH=str(ROOT),
    )
    return env


def _run_backend(backend: str, entries: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="phohang-bench-directory-") as tmp:
        if backend == "sqlite":
            return _spawn(f"sqlite:///{tmp}/bench.sqlite3", tmp, entries)
        import psycopg

        name = f"phohang_bench_directory_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        try:
            return _spawn(f"{PG_SERVER}/{name}", tmp, entries)
        finally:
            with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _spawn(url: str, tmp: str, entries: int) -> dict:
    process = subprocess.run(
        [sys.executable, __file__, "--child", "--entries", str(entries)],
        env=_child_env(url, tmp),
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(process.stdout.strip().splitlines()[-1])


# ---- child: runs inside one configured Django process ------------------------------------


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fixtures(entries: int) -> dict:
    import random
    from decimal import Decimal

    from django.db import transaction

    from phohang.core.text import collation_key
    from phohang.directory.demo import manufacturers_build, manufacturers_save, wards_by_province
    from phohang.directory.models import (
        CraftVillage,
        Manufacturer,
        Park,
        ParkOperator,
        Plot,
        Sector,
        sectors_to_mask,
    )
    from phohang.geo.models import Province

    rng = random.Random(23)
    provinces = list(Province.objects.values_list("code", flat=True))
    wards = wards_by_province(provinces)
    centres = dict(Province.objects.values_list("code", "latitude"))
    longitudes = dict(Province.objects.values_list("code", "longitude"))
    weights = [
        20 if code == "01" else (6 if code in ("79", "24", "31") else 1) for code in provinces
    ]
    sectors = Sector.values
    with transaction.atomic():
        operators = ParkOperator.objects.bulk_create(
            ParkOperator(name=f"Công ty Phát triển hạ tầng số {n}") for n in range(200)
        )
        parks = []
        for n in range(entries):
            province = rng.choices(provinces, weights)[0]
            total = Decimal(rng.randint(20, 1500))
            free = (total * Decimal(rng.randint(0, 60)) / 100).quantize(Decimal("0.01"))
            parks.append(
                Park(
                    slug=f"khu-cong-nghiep-bench-{n}",
                    name=f"Khu công nghiệp Thử nghiệm {n}",
                    kind=rng.choice(["park", "park", "cluster", "hi_tech"]),
                    operator=operators[n % len(operators)],
                    ward=rng.choice(wards[province]),
                    province_id=province,
                    total_area_ha=total,
                    free_area_ha=free,
                    occupancy_percent=(100 - free * 100 / total).quantize(Decimal("0.1")),
                    land_price_vnd_m2=rng.randint(15, 60) * 100_000,
                    factory_rent_vnd_m2_month=rng.randint(5, 15) * 10_000,
                    power_capacity_mva=Decimal(rng.choice([25, 63, 126, 189, 250, 500])),
                    water_m3_day=rng.randint(1, 50) * 1000,
                    wastewater_m3_day=rng.randint(1, 40) * 1000,
                    sectors_mask=sectors_to_mask(rng.sample(sectors, rng.randint(1, 4))),
                    description="Hạ tầng đồng bộ, gần cao tốc.",
                )
            )
        Park.objects.bulk_create(parks, batch_size=1000)
        park_ids = list(Park.objects.values_list("pk", flat=True)[:200])
        Plot.objects.bulk_create(
            Plot(
                park_id=pk,
                code=f"CN-{k}",
                kind="land",
                area_m2=Decimal(20000),
                price_vnd_m2=3_000_000,
            )
            for pk in park_ids
            for k in range(5)
        )
        _log(f"{entries} parks written")
        rows = manufacturers_build(entries, rng, wards)
        manufacturers_save(rows)
        _log(f"{entries} manufacturers written")
        villages = []
        for n in range(entries):
            province = rng.choices(provinces, weights)[0]
            name = f"Làng nghề {rng.choice(['gốm', 'mây tre', 'lụa', 'mộc', 'rèn'])} số {n}"
            villages.append(
                CraftVillage(
                    slug=f"lang-nghe-bench-{n}",
                    name=name,
                    crafts="Thủ công mỹ nghệ",
                    ward=rng.choice(wards[province]),
                    province_id=province,
                    latitude=(centres[province] or 21.0) + rng.uniform(-0.3, 0.3),
                    longitude=(longitudes[province] or 105.8) + rng.uniform(-0.3, 0.3),
                    households=rng.randint(50, 2000),
                    workers=rng.randint(100, 6000),
                    year_recognised=rng.randint(1995, 2024),
                )
            )
        for position, village in enumerate(sorted(villages, key=lambda v: collation_key(v.name))):
            village.sort_order = position
        CraftVillage.objects.bulk_create(villages, batch_size=1000)
        _log(f"{entries} craft villages written")
    return {
        "park": Park.objects.filter(pk__in=park_ids).values_list("slug", flat=True).first(),
        "maker": list(Manufacturer.objects.values_list("slug", flat=True)[:SAMPLES]),
        "village": list(CraftVillage.objects.values_list("slug", flat=True)[:SAMPLES]),
    }


def _timings(samples: dict) -> dict:
    import statistics

    from django.test import Client
    from django.urls import reverse

    client = Client()
    parks = reverse("directory:parks")
    makers = reverse("directory:manufacturers")
    villages = reverse("directory:villages")
    pages = {
        "park_directory": [
            (parks, {}),
            (parks, {"province": "01", "min_free_ha": "5"}),
            (parks, {"province": "01", "min_free_ha": "5", "sector": "electronics"}),
            (parks, {"max_price_vnd_m2": "3000000", "min_power_mva": "100", "page": "3"}),
            (parks, {"province": "79", "kind": "cluster"}),
        ],
        "park_page": [(reverse("directory:park", args=[samples["park"]]), {})],
        "capability_search": [
            (makers, {"q": "ep nhua", "certification": "iso9001"}),
            (makers, {"q": "Ép nhựa"}),
            (makers, {"q": "gia cong cnc", "province": "01"}),
            (makers, {"q": "die casting", "certification": "iatf16949"}),
            (makers, {"process": "pcb_assembly", "page": "2"}),
            (makers, {}),
        ],
        "manufacturer_page": [
            (reverse("directory:manufacturer", args=[slug]), {}) for slug in samples["maker"]
        ],
        "village_list": [
            (villages, {}),
            (villages, {"province": "01"}),
            (villages, {"province": "24", "page": "2"}),
        ],
        "village_page": [
            (reverse("directory:village", args=[slug]), {}) for slug in samples["village"]
        ],
    }
    result = {}
    for name, requests in pages.items():
        for url, params in requests:  # warm-up: template compilation, first-use imports
            assert client.get(url, params).status_code == 200, (name, url, params)
        times = []
        for n in range(SAMPLES):
            url, params = requests[n % len(requests)]
            started = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (name, url, response.status_code)
        result[name] = round(statistics.quantiles(times, n=20)[18], 1)
    return result


def child(entries: int) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    _log(f"{connection.vendor}: migrated in {time.monotonic() - started:.0f} s")
    samples = _fixtures(entries)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"backend": connection.vendor, "p95_ms": _timings(samples)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(child(args.entries)))
        return
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    results = {backend: _run_backend(backend, args.entries) for backend in backends}
    p95 = {
        f"{backend}.{page}": ms
        for backend, r in results.items()
        for page, ms in r["p95_ms"].items()
    }
    load = os.getloadavg()
    print(
        json.dumps(
            {
                "entries": args.entries,
                "p95_ms": p95,
                "p95_ms_max": max(p95.values()),
                "load_average": [round(value, 2) for value in load],
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
