"""Per-order ledger: captured and refunded sums; paid = captured − refunded."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum

from ..models import LedgerEntry


@dataclass(frozen=True)
class LedgerTotals:
    captured_vnd: int
    refunded_vnd: int

    @property
    def paid_vnd(self) -> int:
        return self.captured_vnd - self.refunded_vnd


_NOTHING = LedgerTotals(captured_vnd=0, refunded_vnd=0)


def ledger_totals_by_order(order_ids: Iterable[int]) -> dict[int, LedgerTotals]:
    """{order_id: totals} for many orders in one query; orders with no entries get zeros."""
    rows = (
        LedgerEntry.objects.filter(order_id__in=list(order_ids))
        .order_by()
        .values("order_id")
        .annotate(
            captured=Sum("amount_vnd", filter=Q(kind=LedgerEntry.Kind.CAPTURE)),
            refunded=Sum("amount_vnd", filter=Q(kind=LedgerEntry.Kind.REFUND)),
        )
        .values_list("order_id", "captured", "refunded")
    )
    totals = dict.fromkeys(order_ids, _NOTHING)
    for order_id, captured, refunded in rows:
        totals[order_id] = LedgerTotals(captured_vnd=captured or 0, refunded_vnd=refunded or 0)
    return totals


def ledger_totals(order_id: int) -> LedgerTotals:
    return ledger_totals_by_order([order_id])[order_id]


def ledger_for_order(order_id: int) -> QuerySet[LedgerEntry]:
    return LedgerEntry.objects.filter(order_id=order_id).select_related("payment").order_by("id")
