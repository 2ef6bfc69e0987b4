import sys
import time

from django.core.management.base import BaseCommand

from phohang.search.services import index_clear, products_sync


class Command(BaseCommand):
    help = "Rebuild the product search index from the catalog (published products only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep", action="store_true", help="refresh in place instead of clearing first"
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, keep: bool = False, batch_size: int = 500, **options):
        from phohang.catalog.models import Product

        ids = list(Product.objects.order_by("pk").values_list("pk", flat=True))
        if not keep:
            index_clear()
        started = time.perf_counter()
        done = 0
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            products_sync(product_ids=batch)
            done += len(batch)
            self._progress(done, len(ids), started)
        self.stderr.write("")
        from phohang.search.models import SearchDocument

        self.stdout.write(
            f"Indexed {SearchDocument.objects.count()} published of {len(ids)} products"
            f" in {time.perf_counter() - started:.1f} s."
        )

    def _progress(self, done: int, total: int, started: float) -> None:
        width = 30
        filled = width * done // total if total else width
        rate = done / max(time.perf_counter() - started, 1e-6)
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r[{bar}] {done}/{total} ({rate:.0f}/s)")
        sys.stderr.flush()
