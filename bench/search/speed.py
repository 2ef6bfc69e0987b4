"""Search latency at scale: builds N synthetic products (from the real titles plus regional
listings, with varied sizes, places, prices) in a throwaway database, then times in-process
searches with facets and autocomplete. Last line: JSON.

    speed.py --backend sqlite|postgres [--documents 100000] [--queries 1000]
"""

import argparse
import json
import os
import random
import statistics
import time

from _setup import throwaway_database
from corpus import regional_rows, shared_rows

PROVINCES = [
    ("01", "Thành phố Hà Nội"), ("79", "Thành phố Hồ Chí Minh"), ("66", "Tỉnh Đắk Lắk"),
    ("19", "Tỉnh Thái Nguyên"), ("24", "Tỉnh Bắc Ninh"), ("92", "Thành phố Cần Thơ"),
    ("68", "Tỉnh Lâm Đồng"), ("91", "Tỉnh An Giang"), ("46", "Thành phố Huế"),
    ("48", "Thành phố Đà Nẵng"), ("14", "Tỉnh Sơn La"), ("38", "Tỉnh Thanh Hóa"),
]  # fmt: skip
SIZES = ["", "500g", "1kg", "250 g", "2 kg", "500ml", "1 lít", "hộp 10 gói", "size M", "size XL"]
EXTRAS = ["", "loại 1", "cao cấp", "chính hãng", "mẫu mới 2026", "quà tặng", "giá sỉ", "màu đen"]
SELLER_TYPES = ["enterprise", "cooperative", "household", "individual"]
TYPOS = {"a": "s", "o": "i", "e": "r", "n": "m", "h": "j", "u": "y"}


def synthetic_rows(count: int, seed: int = 7):
    rng = random.Random(seed)
    base = [*shared_rows(), *regional_rows()]
    for number in range(count):
        source = base[number % len(base)]
        province_code, province_name = rng.choice(PROVINCES)
        title = " ".join(filter(None, [source["title"], rng.choice(SIZES), rng.choice(EXTRAS)]))
        yield {
            "id": number + 1,
            "title": title[:300],
            "category_name": source["category"],
            "category_slug": source["category"].lower().replace(" ", "-")[:100],
            "brand": source["brand"],
            "description": source["description"],
            "seller_name": f"Cửa hàng {number % 3000}",
            "seller_type": rng.choice(SELLER_TYPES),
            "province_code": province_code,
            "province_name": province_name,
            "min_price_vnd": rng.randrange(10, 5000) * 1000,
            "ocop_stars": rng.choice([0, 0, 0, 3, 4, 5]),
            "has_stock": rng.random() > 0.1,
        }


def query_mix(count: int, seed: int = 11) -> list[str]:
    """Shopper-like queries: listed queries, 1-3 title words, folded, with a typo, with a place."""
    from phohang.core.text import search_fold

    rng = random.Random(seed)
    titles = [row["title"] for row in [*shared_rows(), *regional_rows()]]
    queries = []
    while len(queries) < count:
        words = rng.choice(titles).split()
        start = rng.randrange(max(len(words) - 1, 1))
        query = " ".join(words[start : start + rng.randint(1, 3)])
        kind = rng.random()
        if kind < 0.3:
            query = search_fold(query)
        elif kind < 0.4 and len(query) > 4:
            position = rng.randrange(len(query))
            query = (
                query[:position]
                + TYPOS.get(query[position], query[position])
                + query[position + 1 :]
            )
        elif kind < 0.5:
            query += " " + rng.choice(["hà nội", "hcm", "đà lạt", "bmt", "bắc giang", "cần thơ"])
        queries.append(query)
    return queries


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000)
    args = parser.parse_args()
    with throwaway_database(args.backend):
        from phohang.search.engines import engine_for_connection
        from phohang.search.selectors import product_search, product_suggest
        from phohang.search.services import index_build

        started = time.perf_counter()
        built = [0]

        def progress(size: int) -> None:
            built[0] += size
            if built[0] % 10_000 == 0:
                print(f"indexed {built[0]}", flush=True)

        index_build(rows=synthetic_rows(args.documents), progress=progress)
        build_seconds = time.perf_counter() - started
        size = engine_for_connection().index_size_bytes()
        queries = query_mix(args.queries)
        for query in queries[:50]:
            product_search(query=query)
        search_ms, search_cpu_ms = [], []
        load_average = os.getloadavg()[0]
        for query in queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            product_search(query=query)
            search_ms.append((time.perf_counter() - started) * 1000)
            search_cpu_ms.append((time.process_time() - cpu_started) * 1000)
        prefixes = [query[: max(2, len(query) * 2 // 3)] for query in queries]
        suggest_ms = []
        for prefix in prefixes:
            started = time.perf_counter()
            product_suggest(query=prefix)
            suggest_ms.append((time.perf_counter() - started) * 1000)
    summary = {
        "backend": args.backend,
        "documents": args.documents,
        "queries": len(queries),
        "index_build_seconds": round(build_seconds, 1),
        "index_size_mb": round(size / 1_048_576, 1),
        "search_with_facets_ms": {"p50": round(statistics.median(search_ms), 2),
                                  "p95": round(percentile(search_ms, 0.95), 2),
                                  "max": round(max(search_ms), 2)},
        # CPU time of this process: on SQLite it includes the database's work; on PostgreSQL
        # the server's share is not counted.
        "search_cpu_ms": {"p50": round(statistics.median(search_cpu_ms), 2),
                          "p95": round(percentile(search_cpu_ms, 0.95), 2)},
        "load_average": round(load_average, 1),
        "autocomplete_ms": {"p50": round(statistics.median(suggest_ms), 2),
                            "p95": round(percentile(suggest_ms, 0.95), 2),
                            "max": round(max(suggest_ms), 2)},
    }  # fmt: skip
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
