"""STK-10 stock invariants, checked after the stock-changing tests.

Each rule is one set-based query over every variant and order, so a state machine can check them
after every step."""

from django.db.models import Count, Exists, F, OuterRef, Q, Sum

from phohang.catalog.models import ProductVariant, StockMovement
from phohang.orders.models import Order


def movement_sums_by_variant() -> dict[int, tuple[int, int]]:
    """{variant_id: (sum of delta_on_hand, sum of delta_reserved)} over every stock movement."""
    rows = (
        StockMovement.objects.order_by()
        .values("variant_id")
        .annotate(on_hand=Sum("delta_on_hand"), reserved=Sum("delta_reserved"))
        .values_list("variant_id", "on_hand", "reserved")
    )
    return {variant_id: (on_hand or 0, reserved or 0) for variant_id, on_hand, reserved in rows}


def stock_invariant_violations(sums: dict[int, tuple[int, int]] | None = None) -> dict[str, int]:
    sums = movement_sums_by_variant() if sums is None else sums
    counts = ProductVariant.objects.aggregate(
        negative_on_hand=Count("pk", filter=Q(stock_on_hand__lt=0)),
        negative_reserved=Count("pk", filter=Q(stock_reserved__lt=0)),
        reserved_over_on_hand=Count("pk", filter=Q(stock_reserved__gt=F("stock_on_hand"))),
    )
    violations = {
        "negative": counts["negative_on_hand"] + counts["negative_reserved"],
        "reserved_over_on_hand": counts["reserved_over_on_hand"],
        "movements_mismatch": sum(
            1
            for variant_id, reserved in ProductVariant.objects.values_list("pk", "stock_reserved")
            if sums.get(variant_id, (0, 0))[1] != reserved
        ),
        "paid_without_movement": Order.objects.exclude(
            status__in=[Order.Status.AWAITING_PAYMENT, Order.Status.CANCELLED]
        )
        .exclude(
            Exists(StockMovement.objects.filter(reference=OuterRef("number"), reason="reserved"))
        )
        .count(),
    }
    return violations


NO_VIOLATIONS = {
    "negative": 0,
    "reserved_over_on_hand": 0,
    "movements_mismatch": 0,
    "paid_without_movement": 0,
}
