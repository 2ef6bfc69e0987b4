"""Identification expiry for sellers verified before expiries existed (law 122/2025, duty 1)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from phohang.core.audit import AuditContext, audit_record
from phohang.sellers.models import IdentityLevel, Seller


@dataclass(frozen=True)
class ExpiryBackfill:
    """What one run set (or, in a dry run, would set)."""

    sellers: int
    already_expired: int


def identification_expiry_for(
    seller: Seller, last_check: datetime.datetime | None
) -> datetime.datetime:
    """The identification's date (its own, the last recorded check, or the seller's creation)
    plus IDENTIFICATION_VALIDITY_DAYS, whatever the level reached."""
    verified = seller.identity_verified_at or last_check or seller.created_at
    return verified + datetime.timedelta(days=settings.IDENTIFICATION_VALIDITY_DAYS)


def identification_expiry_backfill(
    *, dry_run: bool = False, now: datetime.datetime | None = None
) -> ExpiryBackfill:
    """Give every verified seller without an expiry one, so that "missing or expired cannot
    publish or sell" holds for them too; the hourly lapse then stops those already past it."""
    now = now or timezone.now()
    sellers = (
        Seller.objects.filter(is_verified=True, identity_expires_at__isnull=True)
        .exclude(identity_level=IdentityLevel.NONE)
        .annotate(last_check=Max("identifications__verified_at"))
        .order_by("pk")
    )
    count = expired = 0
    context = AuditContext(purpose="identification expiry backfill")
    for seller in sellers.iterator(chunk_size=500):
        expires_at = identification_expiry_for(seller, seller.last_check)
        count += 1
        expired += expires_at <= now
        if dry_run:
            continue
        with transaction.atomic():
            updated = Seller.objects.filter(pk=seller.pk, identity_expires_at__isnull=True).update(
                identity_expires_at=expires_at
            )
            if updated:
                audit_record(
                    context=context,
                    action="compliance.identification.expiry_set",
                    obj=seller,
                    after={"identity_expires_at": expires_at.isoformat()},
                )
    return ExpiryBackfill(sellers=count, already_expired=expired)
