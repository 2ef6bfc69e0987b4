from django.core.management.base import BaseCommand

from phohang.compliance.tasks import (
    complaints_escalate_task,
    identifications_lapse_task,
    retention_task,
)


class Command(BaseCommand):
    help = (
        "Escalate complaints past the seller's deadline, stop sellers whose identification "
        "expired, and run the retention job (schedule hourly; the retention run is idempotent)."
    )

    def handle(self, *args, **options):
        escalated = complaints_escalate_task.enqueue()
        lapsed = identifications_lapse_task.enqueue()
        retention = retention_task.enqueue()
        self.stdout.write(
            f"queued: escalation {escalated.id}, identification expiry {lapsed.id}, "
            f"retention {retention.id}"
        )
