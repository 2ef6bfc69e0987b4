import time

from django.core.management.base import BaseCommand

from phohang.trade.matching import offer_terms_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the matching term index of stored offers (after a change to how postings are"
        " read, offers stored before it keep their old terms until rebuilt)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing", action="store_true", help="only offers that have no index terms yet"
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, missing: bool = False, batch_size: int = 500, **options):
        from phohang.trade.models import Offer, OfferTerm

        offers = Offer.objects.order_by("pk")
        if missing:
            offers = offers.exclude(pk__in=OfferTerm.objects.values("offer_id"))
        ids = list(offers.values_list("pk", flat=True))
        batch_size = max(batch_size, 1)
        started = time.perf_counter()
        done = terms = 0
        self._progress(done, len(ids), started)
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            terms += offer_terms_rebuild(offer_ids=batch)
            done += len(batch)
            self._progress(done, len(ids), started)
        self.stderr.write("")
        self.stdout.write(
            f"Rebuilt the terms of {done} offers ({terms} terms)"
            f" in {time.perf_counter() - started:.1f} s."
        )

    def _progress(self, done: int, total: int, started: float) -> None:
        width = 30
        filled = width * done // total if total else width
        rate = done / max(time.perf_counter() - started, 1e-6)
        bar = "#" * filled + "-" * (width - filled)
        self.stderr.write(f"\r[{bar}] {done}/{total} ({rate:.0f}/s)", ending="")
        self.stderr.flush()
