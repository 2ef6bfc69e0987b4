"""Trade's entries in the personal-data inventory (see `phohang.core.privacy`).

B2B postings, quotes and contracts belong to organisations and shops; the person who wrote or
signed them is recorded. They stay (contracts are accounting records) and name the person only
through the account, which erasure anonymises.
"""

from phohang.core.privacy import Erasure, holding_register

BUSINESS = "a business's trade record, kept for the contract's accounting (10 years)"


def register() -> None:
    from .models import (
        BuyerOrganisation,
        Demand,
        MatchNotice,
        Offer,
        Quote,
        QuoteMessage,
        StatusChange,
        SupplyContract,
    )

    holding_register(
        BuyerOrganisation,
        path="created_by",
        fields=("name", "kind", "tax_code", "created_at"),
        erasure=Erasure.RETAIN,
        reason=BUSINESS,
    )
    for model in (Demand, Offer):
        holding_register(
            model,
            path="created_by",
            fields=("title", "description", "status", "created_at"),
            erasure=Erasure.RETAIN,
            reason=BUSINESS,
        )
    holding_register(
        Offer,
        subject="seller",
        path="seller",
        fields=("title", "status", "created_at"),
        erasure=Erasure.RETAIN,
        reason=BUSINESS,
    )
    holding_register(
        Quote,
        path="created_by",
        fields=("demand", "price_per_unit_vnd", "quantity", "note", "status", "created_at"),
        erasure=Erasure.RETAIN,
        reason=BUSINESS,
    )
    holding_register(
        QuoteMessage,
        path="author",
        fields=("quote", "body", "created_at"),
        erasure=Erasure.RETAIN,
        reason=BUSINESS + "; negotiation between businesses",
    )
    holding_register(
        SupplyContract,
        path="signed_by",
        fields=("quantity", "unit", "price_per_unit_vnd", "total_vnd", "status", "signed_at"),
        erasure=Erasure.RETAIN,
        reason=BUSINESS,
    )
    holding_register(
        StatusChange,
        path="actor",
        fields=("object_type", "object_id", "from_status", "to_status", "note", "created_at"),
        erasure=Erasure.RETAIN,
        reason="history of postings and contracts (accountability)",
    )
    holding_register(
        MatchNotice,
        path="user",
        fields=("match", "day", "created_at"),
        erasure=Erasure.DELETE,
        reason="notices sent to the person",
    )
