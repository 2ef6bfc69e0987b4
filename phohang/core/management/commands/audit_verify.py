from typing import Any

from django.core.management.base import BaseCommand, CommandError

from phohang.core.audit import audit_chain_verify


class Command(BaseCommand):
    help = "Check the audit log's hash chain; exits non-zero if any record was altered or removed."

    def handle(self, *args: Any, **options: Any) -> None:
        broken = audit_chain_verify()
        if broken:
            raise CommandError(f"Audit chain broken at record ids: {broken[:20]}")
        self.stdout.write(self.style.SUCCESS("Audit chain intact."))
