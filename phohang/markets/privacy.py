"""The markets context's entries in the personal-data inventory (see `phohang.core.privacy`)."""

from phohang.core.privacy import deleted, history, inventory_register, retained, shop_record

TRACE = "food traceability record of a consignment (food safety law: kept for inspections)"
PRICE = "a published wholesale price (open data, the authority's price monitoring)"
FIGURES = "min_vnd typical_vnd max_vnd"


def register() -> None:
    inventory_register(
        "markets",
        shop_record(
            "Trader", "market stall name licence_number goods created_at",
            "the market board's register of its stalls (public directory)",
        ),
        shop_record(
            "Consignment", "code goods quantity unit harvest_date arrived_at status", TRACE,
            path="producer_seller",
        ),
        retained(
            "Consignment", "created_by", "code market goods created_at", TRACE + "; who registered it"
        ),
        history(
            "ConsignmentEvent", TRACE + "; who checked and released it", link="consignment"
        ),
        retained(
            "PriceReport", "reported_by", f"market product day {FIGURES} updated_at",
            PRICE + "; who reported it",
        ),
        retained(
            "PriceCorrection", "reported_by", f"report revision {FIGURES} replaced_at",
            PRICE + "; the figures a correction replaced",
        ),
        retained(
            "DailyNeed", "updated_by", "goods_group tonnes_per_day updated_at",
            "the authority's target table: who set a figure (accountability)",
        ),
        retained(
            "MonitoringSetting", "updated_by", "alert_threshold_percent updated_at",
            "the authority's alert threshold: who set it (accountability)",
        ),
        deleted("AlertSubscription", "user", "created_at", "price alerts the officer asked for"),
    )  # fmt: skip
