from django.core.management.base import BaseCommand

from phohang.compliance.services.identity import identification_expiry_backfill


class Command(BaseCommand):
    help = (
        "Give verified sellers without an identification expiry one (the date they were "
        "identified plus IDENTIFICATION_VALIDITY_DAYS); --dry-run only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args, **options):
        result = identification_expiry_backfill(dry_run=options["dry_run"])
        verb = "would set" if options["dry_run"] else "set"
        self.stdout.write(
            f"{verb} an expiry for {result.sellers} sellers; "
            f"{result.already_expired} of them are past it and stop selling at the next lapse run"
        )
