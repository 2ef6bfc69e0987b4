"""Every write to the catalog: products, stock, images, imports."""

from .stock import (
    OutOfStock,
    stock_commit_sale,
    stock_release,
    stock_reserve,
    stock_return,
    stock_set,
)

__all__ = [
    "OutOfStock",
    "stock_commit_sale",
    "stock_release",
    "stock_reserve",
    "stock_return",
    "stock_set",
]
