"""Insights' entries in the personal-data inventory (see `phohang.core.privacy`)."""

from phohang.core.privacy import inventory_register, retained

PROJECTION = "sales totals rebuilt from orders; they hold no one's personal data"


def register() -> None:
    inventory_register(
        "insights",
        retained(
            "StatisticsImport", "imported_by", "original_name created_at rows_imported",
            "who imported official statistics (accountability)",
        ),
        untracked=dict.fromkeys(
            ("SellerMonthFact", "SellerActivityFact", "SellerReachFact"), PROJECTION
        ),
    )  # fmt: skip
