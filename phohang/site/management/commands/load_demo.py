"""Load realistic demo data once: accounts of every role, sellers from every province, their
products, orders and reviews, B2B demands and offers, and two years of dashboard figures."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from phohang.site.demo import DEMO_MARKER, demo_is_loaded, load_foundation_demo

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Load the demo data set (idempotent: does nothing when it is already loaded)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, **options):
        if demo_is_loaded():
            if not options["quiet"]:
                self.stdout.write("Demo data already loaded.")
            return
        steps = [load_foundation_demo, *demo_extensions()]
        started = time.perf_counter()
        # Demo notifications would flood the console mail backend; nobody reads them.
        with (
            override_settings(
                MAILERS={"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
            ),
            transaction.atomic(),
        ):
            for index, loader in enumerate(steps):
                self._progress(index, len(steps), _step_name(loader), started)
                loader(stdout=self.stdout)
            DEMO_MARKER.mark()
        self._progress(len(steps), len(steps), "search index", started)
        # Demo products are written in bulk, without per-product events: index them in one pass.
        call_command("search_reindex", stdout=self.stdout, stderr=self.stderr)
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded in {seconds:.0f} s."))

    def _progress(self, done: int, total: int, name: str, started: float) -> None:
        filled = BAR_WIDTH * done // total
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"[{bar}] {done}/{total} {name} ({elapsed:.0f} s)")


def _step_name(loader) -> str:
    """`phohang.catalog.demo` → "catalog"."""
    parts = getattr(loader, "__module__", "").split(".")
    return parts[1] if len(parts) > 2 and parts[1] != "site" else "accounts and sellers"


def demo_extensions():
    """Other apps' demo loaders, in dependency order; each module defines `load_demo(stdout)`."""
    from importlib import import_module

    loaders = []
    for module_path in (
        "phohang.catalog.demo",
        "phohang.orders.demo",
        "phohang.trade.demo",
        "phohang.logistics.demo",
        "phohang.markets.demo",
        "phohang.expo.demo",
        "phohang.directory.demo",
        "phohang.livestream.demo",
        "phohang.compliance.demo",
        "phohang.insights.demo",
    ):
        try:
            module = import_module(module_path)
        except ModuleNotFoundError as error:
            if error.name != module_path:
                raise
            continue
        loaders.append(module.load_demo)
    return loaders
