"""Insights' entries in the personal-data inventory (see `phohang.core.privacy`)."""

from phohang.core.privacy import Erasure, holding_register, untracked_register

PROJECTION = "sales totals rebuilt from orders; they hold no one's personal data"


def register() -> None:
    from .models import SellerActivityFact, SellerMonthFact, SellerReachFact, StatisticsImport

    for model in (SellerMonthFact, SellerActivityFact, SellerReachFact):
        untracked_register(model, reason=PROJECTION)
    holding_register(
        StatisticsImport,
        path="imported_by",
        fields=("original_name", "created_at", "rows_imported"),
        erasure=Erasure.RETAIN,
        reason="who imported official statistics (accountability)",
    )
