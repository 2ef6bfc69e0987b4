import sys
import time

from django.core.management.base import BaseCommand

from phohang.compliance.retention import retention_preview, retention_run


class Command(BaseCommand):
    help = (
        "Purge or anonymise what passed its retention period (orders after RETENTION_ORDER_DAYS "
        "lose phone, note and street; old complaints are anonymised; working data is deleted) "
        "and report it; --dry-run only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args, **options):
        if options["dry_run"]:
            for holding, rows in retention_preview().items():
                self.stdout.write(f"would process {rows} rows of {holding}")
            return
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            width = 30
            filled = width * done // total if total else width
            sys.stderr.write(f"\r[{'#' * filled}{'-' * (width - filled)}] {done}/{total} orders")
            sys.stderr.flush()

        run = retention_run(progress=progress)
        self.stderr.write("")
        for step in run.report:
            if step["action"] != "inventory":
                self.stdout.write(f"{step['action']} {step['rows']} rows of {step['holding']}")
        self.stdout.write(f"done in {time.perf_counter() - started:.1f} s")
