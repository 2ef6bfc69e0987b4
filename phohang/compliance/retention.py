"""The retention job: purge or anonymise what has passed its period, and report what it did.

Periods (law 122/2025 and its decree): listings at least 1 year, orders and contracts at least
3 years, complaints 3 years; identification attempts are working data (1 day). What is under
its period is never touched here, and no user or staff path deletes it (a listing that was
public cannot be deleted within its period: `catalog.services.product_delete`).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from phohang.core.privacy import Erasure, holdings
from phohang.sellers.models import IdentificationAttempt

from .models import Complaint, RetentionRun, ReviewItem

ERASED = "—"


@dataclass(frozen=True)
class Step:
    holding: str
    action: str
    period_days: int
    rows: int


def retention_run(*, now: datetime.datetime | None = None) -> RetentionRun:
    """Run every step once; one RetentionRun row holds the report."""
    now = now or timezone.now()
    run = RetentionRun.objects.create(started_at=now)
    steps = []
    with transaction.atomic():
        cutoff = now - datetime.timedelta(days=1)
        deleted, _by_model = IdentificationAttempt.objects.filter(created_at__lt=cutoff).delete()
        steps.append(Step("sellers.IdentificationAttempt", Erasure.DELETE, 1, deleted))

        days = settings.RETENTION_COMPLAINT_DAYS
        cutoff = now - datetime.timedelta(days=days)
        old = Complaint.objects.filter(
            status=Complaint.Status.RESOLVED, resolved_at__lt=cutoff
        ).exclude(body=ERASED)
        for complaint in old.exclude(evidence=""):
            complaint.evidence.delete(save=False)
        anonymised = old.update(body=ERASED, seller_answer=ERASED, evidence="")
        steps.append(Step("compliance.Complaint", Erasure.ANONYMISE, days, anonymised))

        days = settings.RETENTION_LISTING_DAYS
        cutoff = now - datetime.timedelta(days=days)
        deleted, _by_model = ReviewItem.objects.filter(
            decided_at__lt=cutoff,
            status__in=[ReviewItem.Status.APPROVED, ReviewItem.Status.REJECTED],
        ).delete()
        steps.append(Step("compliance.ReviewItem", Erasure.DELETE, days, deleted))
    inventory = sorted({holding.label for holding in holdings() if holding.retention})
    run.report = [step.__dict__ for step in steps] + [
        {"holding": label, "action": "inventory", "period_days": 0, "rows": 0}
        for label in inventory
    ]
    run.finished_at = timezone.now()
    run.save(update_fields=["report", "finished_at"])
    return run
