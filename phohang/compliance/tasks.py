"""Background work of compliance: escalation, identification expiry, the retention run."""

from django.tasks import task


@task
def complaints_escalate_task() -> int:
    """Complaints past the seller's deadline go to platform staff (run hourly)."""
    from .services import complaints_escalate_overdue

    return complaints_escalate_overdue()


@task
def identifications_lapse_task() -> int:
    """Sellers whose identification expired stop selling (run hourly)."""
    from phohang.core.audit import AuditContext
    from phohang.sellers.identification import identification_expired_ids, identification_lapse
    from phohang.sellers.models import Seller

    from .services import seller_listings_changed
    from .services.identity import identification_expiry_backfill

    identification_expiry_backfill()  # sellers verified before expiries existed get one first
    ids = identification_expired_ids()
    count = identification_lapse(
        seller_ids=ids, context=AuditContext(purpose="identification expiry")
    )
    for seller in Seller.objects.filter(pk__in=ids):
        seller_listings_changed(seller)
    return count


@task
def retention_task() -> int:
    """Purge or anonymise what passed its retention period (run daily)."""
    from .retention import retention_run

    return retention_run().pk
