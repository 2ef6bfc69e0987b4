"""STK-10 stock invariants, checked after the stock-changing tests."""

from django.db.models import F, Sum

from phohang.catalog.models import ProductVariant, StockMovement
from phohang.orders.models import Order


def stock_invariant_violations() -> dict[str, int]:
    violations = {
        "negative": 0,
        "reserved_over_on_hand": 0,
        "movements_mismatch": 0,
        "paid_without_movement": 0,
    }
    violations["negative"] = (
        ProductVariant.objects.filter(stock_on_hand__lt=0).count()
        + ProductVariant.objects.filter(stock_reserved__lt=0).count()
    )
    violations["reserved_over_on_hand"] = ProductVariant.objects.filter(
        stock_reserved__gt=F("stock_on_hand")
    ).count()
    for variant in ProductVariant.objects.all():
        sums = StockMovement.objects.filter(variant=variant).aggregate(r=Sum("delta_reserved"))
        if (sums["r"] or 0) != variant.stock_reserved:
            violations["movements_mismatch"] += 1
    for order in Order.objects.exclude(status=Order.Status.AWAITING_PAYMENT).exclude(
        status=Order.Status.CANCELLED
    ):
        if not StockMovement.objects.filter(reference=order.number, reason="reserved").exists():
            violations["paid_without_movement"] += 1
    return violations


NO_VIOLATIONS = {
    "negative": 0,
    "reserved_over_on_hand": 0,
    "movements_mismatch": 0,
    "paid_without_movement": 0,
}
