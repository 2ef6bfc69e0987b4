"""Catalog's entries in the personal-data inventory (see `phohang.core.privacy`)."""

from phohang.core.holdings import file_erased
from phohang.core.privacy import Erasure, holding_register

CATALOGUE = "the shop's catalogue, which orders refer to; hidden once the shop closes"


def register() -> None:
    from .models import ImportJob, Product, ProductVariant, StockMovement

    holding_register(
        Product,
        subject="seller",
        path="seller",
        fields=("title", "status", "unit", "min_price_vnd", "created_at", "published_at"),
        erasure=Erasure.RETAIN,
        reason=CATALOGUE,
    )
    holding_register(
        ProductVariant,
        subject="seller",
        path="seller",
        fields=("product", "name", "sku", "price_vnd", "stock_on_hand"),
        erasure=Erasure.RETAIN,
        reason=CATALOGUE,
    )
    holding_register(
        StockMovement,
        path="actor",
        fields=("variant", "delta_on_hand", "reason", "reference", "created_at"),
        erasure=Erasure.RETAIN,
        reason="stock ledger (accounting of goods)",
    )
    holding_register(
        ImportJob,
        subject="seller",
        path="seller",
        fields=("original_name", "status", "total_rows", "created_count", "created_at"),
        erasure=Erasure.ANONYMISE,
        replace={"file": file_erased, "original_name": "—"},
        reason="the uploaded spreadsheet is deleted; the job's counts stay",
    )
