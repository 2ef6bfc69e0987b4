import json

from django.core.management.base import BaseCommand, CommandError

from phohang.accounts.backends import user_for_identifier
from phohang.accounts.personal_data import (
    ErasureRefused,
    account_erase,
    personal_data_export,
)
from phohang.core.audit import AuditContext


class Command(BaseCommand):
    help = (
        "Carry out a verified written data-subject request (PDP-02): export a person's data as JSON,"
        " or erase it by the inventory's rules (docs/privacy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("identifier", help="the person's email or mobile number")
        parser.add_argument("--output", help="file for the export (default: standard output)")
        parser.add_argument(
            "--yes", action="store_true", help="confirm the erasure (it cannot be undone)"
        )

    def handle(self, *args, action, identifier, output=None, yes=False, **options):
        user = user_for_identifier(identifier)
        if user is None:
            raise CommandError(f"No account with the email or mobile number {identifier!r}.")
        context = AuditContext(purpose="PDP-02 written request")
        if action == "export":
            text = json.dumps(
                personal_data_export(user=user, context=context), ensure_ascii=False, indent=2
            )
            if output:
                with open(output, "w", encoding="utf-8") as handle:
                    handle.write(text + "\n")
                self.stderr.write(f"Written to {output}.")
            else:
                self.stdout.write(text)
            return
        if not yes:
            raise CommandError("Erasure cannot be undone: add --yes to confirm.")
        try:
            result = account_erase(user=user, password="", context=context, checked=True)
        except ErasureRefused as refused:
            raise CommandError(str(refused)) from refused
        summary = result.summary
        self.stdout.write(
            f"Erased in {result.milliseconds} ms: deleted {sum(summary.deleted.values())},"
            f" anonymised {sum(summary.anonymised.values())},"
            f" kept {sum(summary.retained.values())} rows."
        )
