"""Load realistic demo data once: accounts of every role, sellers from many provinces, applications."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from phohang.site.demo import DEMO_MARKER, demo_is_loaded, load_foundation_demo


class Command(BaseCommand):
    help = "Load the demo data set (idempotent: does nothing when it is already loaded)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, **options):
        if demo_is_loaded():
            if not options["quiet"]:
                self.stdout.write("Demo data already loaded.")
            return
        # Demo notifications would flood the console mail backend; nobody reads them.
        with (
            override_settings(
                MAILERS={"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
            ),
            transaction.atomic(),
        ):
            load_foundation_demo(stdout=self.stdout)
            for loader in demo_extensions():
                loader(stdout=self.stdout)
            DEMO_MARKER.mark()
        # Demo products are written in bulk, without per-product events: index them in one pass.
        call_command("search_reindex", stdout=self.stdout, stderr=self.stderr)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))


def demo_extensions():
    """Other apps' demo loaders, in dependency order; each module defines `load_demo(stdout)`."""
    from importlib import import_module

    loaders = []
    for module_path in (
        "phohang.catalog.demo",
        "phohang.orders.demo",
        "phohang.trade.demo",
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
