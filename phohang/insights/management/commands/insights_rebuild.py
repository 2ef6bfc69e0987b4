"""Recompute every insights rollup from the orders and trade data (a full, exact rebuild)."""

import sys
import time

from django.core.management.base import BaseCommand

from phohang.insights.rollups import rollups_rebuild


class Command(BaseCommand):
    help = "Rebuild the insights rollup tables from orders and contracts."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        started = time.monotonic()
        show = not options["no_progress"]

        def progress(done: int, total: int) -> None:
            if not show:
                return
            width = 30
            filled = int(width * done / total) if total else width
            bar = "#" * filled + "-" * (width - filled)
            sys.stderr.write(f"\r[{bar}] {done}/{total} orders")
            sys.stderr.flush()

        counts = rollups_rebuild(progress=progress)
        if show:
            sys.stderr.write("\n")
        for name, rows in counts.items():
            self.stdout.write(f"{name}: {rows} rows")
        self.stdout.write(
            self.style.SUCCESS(f"Rollups rebuilt in {time.monotonic() - started:.1f} s.")
        )
