"""Catalog's entries in the personal-data inventory (see `phohang.core.privacy`)."""

from phohang.core.holdings import file_erased
from phohang.core.privacy import anonymised, inventory_register, retained, shop_record

CATALOGUE = "the shop's catalogue, which orders refer to; hidden once the shop closes"


def register() -> None:
    inventory_register(
        "catalog",
        shop_record("Product", "title status unit min_price_vnd created_at published_at", CATALOGUE),
        shop_record("ProductVariant", "product name sku price_vnd stock_on_hand", CATALOGUE),
        retained(
            "StockMovement", "actor", "variant delta_on_hand reason reference created_at",
            "stock ledger (accounting of goods)",
        ),
        anonymised(
            "ImportJob", "seller", "original_name status total_rows created_count created_at",
            "the uploaded spreadsheet is deleted; the job's counts stay",
            subject="seller", replace={"file": file_erased, "original_name": "—"},
        ),
    )  # fmt: skip
