"""Every write to the catalog: products, stock, images, imports."""

from .images import product_image_add, product_image_delete, product_image_make_cover
from .products import (
    description_render,
    gtin_validate,
    product_create,
    product_delete,
    product_duplicate,
    product_hide,
    product_ocop_revoke,
    product_ocop_verify,
    product_publish,
    product_reinstate,
    product_suspend,
    product_update,
)
from .ratings import product_rating_set, rating_tenths
from .stock import (
    OutOfStock,
    stock_commit_sale,
    stock_release,
    stock_reserve,
    stock_reserve_many,
    stock_return,
    stock_set,
)

__all__ = [
    "OutOfStock",
    "description_render",
    "gtin_validate",
    "product_create",
    "product_delete",
    "product_duplicate",
    "product_hide",
    "product_image_add",
    "product_image_delete",
    "product_image_make_cover",
    "product_ocop_revoke",
    "product_ocop_verify",
    "product_publish",
    "product_rating_set",
    "product_reinstate",
    "product_suspend",
    "product_update",
    "rating_tenths",
    "stock_commit_sale",
    "stock_release",
    "stock_reserve",
    "stock_reserve_many",
    "stock_return",
    "stock_set",
]
