"""The retention job: purge or anonymise what has passed its period, and report what it did.

Periods (law 122/2025 and its decree): listings at least 1 year, orders and contracts at least
3 years, complaints 3 years; identification attempts are working data (1 day). What is under
its period is never touched here, and no user or staff path deletes it (a listing that was
public cannot be deleted within its period: `catalog.services.product_delete`).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from phohang.core.privacy import Erasure, holdings
from phohang.geo.models import Address
from phohang.orders.models import Order
from phohang.sellers.models import IdentificationAttempt

from .models import Complaint, RetentionRun, ReviewItem

ERASED = "—"
# Orders past RETENTION_ORDER_DAYS lose the phone, the note and the street; the name, the ward
# and the amounts stay behind the invoice (accounting law: 10 years).
CLOSED_ORDERS = (
    Order.Status.COMPLETED,
    Order.Status.CANCELLED,
    Order.Status.REFUNDED,
    Order.Status.RETURN_REJECTED,
)
ORDER_BATCH = 500
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Step:
    holding: str
    action: str
    period_days: int
    rows: int


def orders_past_retention(now: datetime.datetime) -> list[int]:
    """Closed orders older than RETENTION_ORDER_DAYS whose contact details are still there."""
    cutoff = now - datetime.timedelta(days=settings.RETENTION_ORDER_DAYS)
    return list(
        Order.objects.filter(created_at__lt=cutoff, status__in=CLOSED_ORDERS)
        .exclude(recipient_phone="", note="", address__street=ERASED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def orders_anonymise(ids: list[int], *, progress: Progress | None = None) -> int:
    """Remove the phone, note and street of these orders, a batch per transaction."""
    done = 0
    for start in range(0, len(ids), ORDER_BATCH):
        batch = ids[start : start + ORDER_BATCH]
        with transaction.atomic():
            Order.objects.filter(pk__in=batch).update(recipient_phone="", note="")
            Address.objects.filter(
                pk__in=Order.objects.filter(pk__in=batch).values("address_id")
            ).update(street=ERASED)
        done += len(batch)
        if progress:
            progress(done, len(ids))
    return done


def retention_preview(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """What a run would purge or anonymise now (the command's --dry-run)."""
    now = now or timezone.now()
    complaint_cutoff = now - datetime.timedelta(days=settings.RETENTION_COMPLAINT_DAYS)
    listing_cutoff = now - datetime.timedelta(days=settings.RETENTION_LISTING_DAYS)
    return {
        "sellers.IdentificationAttempt": IdentificationAttempt.objects.filter(
            created_at__lt=now - datetime.timedelta(days=1)
        ).count(),
        "compliance.Complaint": Complaint.objects.filter(
            status=Complaint.Status.RESOLVED, resolved_at__lt=complaint_cutoff
        )
        .exclude(body=ERASED)
        .count(),
        "compliance.ReviewItem": ReviewItem.objects.filter(
            decided_at__lt=listing_cutoff,
            status__in=[ReviewItem.Status.APPROVED, ReviewItem.Status.REJECTED],
        ).count(),
        "orders.Order": len(orders_past_retention(now)),
    }


def retention_run(
    *, now: datetime.datetime | None = None, progress: Progress | None = None
) -> RetentionRun:
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
    anonymised = orders_anonymise(orders_past_retention(now), progress=progress)
    steps.append(Step("orders.Order", Erasure.ANONYMISE, settings.RETENTION_ORDER_DAYS, anonymised))
    inventory = sorted({holding.label for holding in holdings() if holding.retention})
    run.report = [step.__dict__ for step in steps] + [
        {"holding": label, "action": "inventory", "period_days": 0, "rows": 0}
        for label in inventory
    ]
    run.finished_at = timezone.now()
    run.save(update_fields=["report", "finished_at"])
    return run
