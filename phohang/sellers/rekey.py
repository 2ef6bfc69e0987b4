"""Rewrite sellers' encrypted citizen IDs and their digests with the newest field key."""

from collections.abc import Callable

from phohang.core import crypto

from .models import Seller, SellerApplication

BATCH = 500


def _applications():
    return SellerApplication.objects.exclude(citizen_id_encrypted="").order_by("pk")


def _sellers():
    return Seller.objects.exclude(citizen_id_digest="").order_by("pk")


def identity_rows_count() -> int:
    return _applications().count() + _sellers().count()


def identity_rekey(progress: Callable[[int], None]) -> tuple[int, int]:
    """(rows rewritten, rows left on an older key); a row changed meanwhile is left alone."""
    rewritten = left = 0
    for application in _applications().only("pk", "citizen_id_encrypted", "citizen_id_digest"):
        citizen_id = crypto.decrypt(application.citizen_id_encrypted)
        digest = crypto.blind_index(citizen_id)
        if crypto.is_current(application.citizen_id_encrypted) and (
            application.citizen_id_digest == digest
        ):
            progress(1)
            continue
        updated = SellerApplication.objects.filter(
            pk=application.pk, citizen_id_encrypted=application.citizen_id_encrypted
        ).update(citizen_id_encrypted=crypto.encrypt(citizen_id), citizen_id_digest=digest)
        rewritten += updated
        left += 1 - updated
        progress(1)
    # A seller keeps only the digest; its plaintext is the approved application's.
    for seller in (
        _sellers()
        .select_related("application")
        .only("pk", "citizen_id_digest", "application__citizen_id_encrypted")
    ):
        application = seller.application
        if application is None or not application.citizen_id_encrypted:
            left += 1
            progress(1)
            continue
        digest = crypto.blind_index(crypto.decrypt(application.citizen_id_encrypted))
        if seller.citizen_id_digest != digest:
            rewritten += Seller.objects.filter(
                pk=seller.pk, citizen_id_digest=seller.citizen_id_digest
            ).update(citizen_id_digest=digest)
        progress(1)
    return rewritten, left
