"""The markets context's entries in the personal-data inventory (see `phohang.core.privacy`)."""

from phohang.core.privacy import Erasure, holding_register

TRACE = "food traceability record of a consignment (food safety law: kept for inspections)"
PRICE = "a published wholesale price (open data, the authority's price monitoring)"


def register() -> None:
    from .models import (
        AlertSubscription,
        Consignment,
        ConsignmentEvent,
        DailyNeed,
        MonitoringSetting,
        PriceCorrection,
        PriceReport,
        Trader,
    )

    holding_register(
        Trader,
        subject="seller",
        path="seller",
        fields=("market", "stall", "name", "licence_number", "goods", "created_at"),
        erasure=Erasure.RETAIN,
        reason="the market board's register of its stalls (public directory)",
    )
    holding_register(
        Consignment,
        subject="seller",
        path="producer_seller",
        fields=("code", "goods", "quantity", "unit", "harvest_date", "arrived_at", "status"),
        erasure=Erasure.RETAIN,
        reason=TRACE,
    )
    holding_register(
        Consignment,
        path="created_by",
        fields=("code", "market", "goods", "created_at"),
        erasure=Erasure.RETAIN,
        reason=TRACE + "; who registered it",
    )
    holding_register(
        ConsignmentEvent,
        path="actor",
        fields=("consignment", "from_status", "to_status", "note", "created_at"),
        erasure=Erasure.RETAIN,
        reason=TRACE + "; who checked and released it",
    )
    holding_register(
        PriceReport,
        path="reported_by",
        fields=("market", "product", "day", "min_vnd", "typical_vnd", "max_vnd", "updated_at"),
        erasure=Erasure.RETAIN,
        reason=PRICE + "; who reported it",
    )
    holding_register(
        PriceCorrection,
        path="reported_by",
        fields=("report", "revision", "min_vnd", "typical_vnd", "max_vnd", "replaced_at"),
        erasure=Erasure.RETAIN,
        reason=PRICE + "; the figures a correction replaced",
    )
    holding_register(
        DailyNeed,
        path="updated_by",
        fields=("goods_group", "tonnes_per_day", "updated_at"),
        erasure=Erasure.RETAIN,
        reason="the authority's target table: who set a figure (accountability)",
    )
    holding_register(
        MonitoringSetting,
        path="updated_by",
        fields=("alert_threshold_percent", "updated_at"),
        erasure=Erasure.RETAIN,
        reason="the authority's alert threshold: who set it (accountability)",
    )
    holding_register(
        AlertSubscription,
        path="user",
        fields=("created_at",),
        erasure=Erasure.DELETE,
        reason="price alerts the officer asked for",
    )
