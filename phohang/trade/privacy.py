"""Trade's entries in the personal-data inventory (see `phohang.core.privacy`).

B2B postings, quotes and contracts belong to organisations and shops; the person who wrote or
signed them is recorded. They stay (contracts are accounting records) and name the person only
through the account, which erasure anonymises.
"""

from phohang.core.privacy import deleted, history, inventory_register, retained, shop_record

BUSINESS = "a business's trade record, kept for the contract's accounting (10 years)"
POSTING = "title description status created_at"


def register() -> None:
    inventory_register(
        "trade",
        retained("BuyerOrganisation", "created_by", "name kind tax_code created_at", BUSINESS),
        retained("Demand", "created_by", POSTING, BUSINESS),
        retained("Offer", "created_by", POSTING, BUSINESS),
        shop_record("Offer", "title status created_at", BUSINESS),
        retained(
            "Quote", "created_by", "demand price_per_unit_vnd quantity note status created_at",
            BUSINESS,
        ),
        retained(
            "QuoteMessage", "author", "quote body created_at",
            BUSINESS + "; negotiation between businesses",
        ),
        retained(
            "SupplyContract", "signed_by",
            "quantity unit price_per_unit_vnd total_vnd status signed_at", BUSINESS,
        ),
        history(
            "StatusChange", "history of postings and contracts (accountability)",
            link="object_type object_id",
        ),
        deleted("MatchNotice", "user", "match day created_at", "notices sent to the person"),
    )  # fmt: skip
