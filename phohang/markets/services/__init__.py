"""Every write of the markets context (`<noun>_<verb>`)."""

from .consignments import (
    CONSIGNMENT,
    MANAGER,
    consignment_check_attach,
    consignment_link_product,
    consignment_move,
    consignment_register,
)
from .monitoring import alert_subscription_set, need_save, threshold_save
from .places import market_create, trader_create
from .price_imports import price_import_file, price_upload_start
from .prices import (
    PriceRow,
    markets_reported_by,
    price_report,
    price_rollups_rebuild,
    prices_apply,
)

__all__ = [
    "CONSIGNMENT",
    "MANAGER",
    "PriceRow",
    "alert_subscription_set",
    "consignment_check_attach",
    "consignment_link_product",
    "consignment_move",
    "consignment_register",
    "market_create",
    "markets_reported_by",
    "need_save",
    "price_import_file",
    "price_report",
    "price_rollups_rebuild",
    "price_upload_start",
    "prices_apply",
    "threshold_save",
    "trader_create",
]
