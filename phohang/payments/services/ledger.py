"""Per-order ledger: captured and refunded sums; paid = captured − refunded."""

from dataclasses import dataclass

from django.db.models import Q, Sum

from ..models import LedgerEntry


@dataclass(frozen=True)
class LedgerTotals:
    captured_vnd: int
    refunded_vnd: int

    @property
    def paid_vnd(self) -> int:
        return self.captured_vnd - self.refunded_vnd


def ledger_totals(order_id: int) -> LedgerTotals:
    sums = LedgerEntry.objects.filter(order_id=order_id).aggregate(
        captured=Sum("amount_vnd", filter=Q(kind=LedgerEntry.Kind.CAPTURE)),
        refunded=Sum("amount_vnd", filter=Q(kind=LedgerEntry.Kind.REFUND)),
    )
    return LedgerTotals(captured_vnd=sums["captured"] or 0, refunded_vnd=sums["refunded"] or 0)


def ledger_for_order(order_id: int):
    return LedgerEntry.objects.filter(order_id=order_id).select_related("payment").order_by("id")
