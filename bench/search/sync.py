"""Index freshness: the time from a catalog commit (publish, suspend) to search answering with
the change, on an index of N synthetic documents. Last line: JSON.

    sync.py --backend sqlite|postgres [--documents 20000] [--rounds 50]

Each round publishes a hidden product and searches for it until it is found, then suspends it
and searches until it is gone; the clock starts just before the catalog's transaction commits
(the search projection runs on commit).
"""

import argparse
import json
import statistics
import time

from _setup import throwaway_database
from speed import percentile, synthetic_rows

GIVE_UP_SECONDS = 10


def _figures(values: list[float]) -> dict:
    return {
        "p50": round(statistics.median(values), 1),
        "p95": round(percentile(values, 0.95), 1),
        "max": round(max(values), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    with throwaway_database(args.backend):
        from django.core.management import call_command
        from django.db import transaction

        call_command("migrate", verbosity=0)  # the catalog, sellers and places, too

        from phohang.catalog.models import Category, Product, ProductVariant
        from phohang.catalog.services.products import product_publish, product_suspend
        from phohang.core.audit import AuditContext
        from phohang.core.text import comparison_key
        from phohang.geo.models import Address, Province, Ward
        from phohang.search.selectors import product_search
        from phohang.search.services import index_build
        from phohang.sellers.models import Seller

        print(f"indexing {args.documents} documents…", flush=True)
        index_build(rows=synthetic_rows(args.documents))
        province = Province.objects.get(name__contains="Tuyên Quang")  # Hà Giang's honey
        ward = Ward.objects.filter(province=province).order_by("code").first()
        category = Category.objects.get(slug="mat-ong")
        seller = Seller.objects.create(
            slug="htx-mat-ong-meo-vac",
            name="HTX Mật ong Mèo Vạc",
            name_key=comparison_key("HTX Mật ong Mèo Vạc"),
            seller_type="cooperative",
            address=Address.objects.create(street="Thị trấn Mèo Vạc", ward=ward, province=province),
            province=province,
            is_verified=True,
        )

        def found(query: str, key: str) -> bool:
            return key in {document.key for document in product_search(query=query).documents}

        def wait_until(query: str, key: str, present: bool, started: float) -> float:
            while found(query, key) is not present:
                if time.perf_counter() - started > GIVE_UP_SECONDS:
                    raise SystemExit(f"'{query}' still {'missing' if present else 'found'}")
            return (time.perf_counter() - started) * 1000

        product_search(query="mat ong bac ha")  # first-query start-up is not freshness
        publish_ms, suspend_ms = [], []
        for round_number in range(args.rounds):
            title = f"Mật ong bạc hà Mèo Vạc mẻ {round_number:03d}"
            query = f"mat ong bac ha meo vac me {round_number:03d}"
            product = Product.objects.create(
                seller=seller,
                title=title,
                slug=f"mat-ong-bac-ha-{round_number}",
                category=category,
                origin_province=province,
                status=Product.Status.HIDDEN,
            )
            ProductVariant.objects.create(
                product=product, seller=seller, name="500 ml", sku=f"MO-{round_number}",
                price_vnd=250_000, stock_on_hand=40,
            )  # fmt: skip
            with transaction.atomic():
                product_publish(product=product, context=AuditContext())
                started = time.perf_counter()
            publish_ms.append(wait_until(query, str(product.pk), True, started))
            with transaction.atomic():
                product_suspend(product=product, reason="Sai nhãn xuất xứ", context=AuditContext())
                started = time.perf_counter()
            suspend_ms.append(wait_until(query, str(product.pk), False, started))
    summary = {
        "backend": args.backend,
        "documents": args.documents,
        "rounds": args.rounds,
        "publish_to_findable_ms": _figures(publish_ms),
        "suspend_to_gone_ms": _figures(suspend_ms),
    }
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
