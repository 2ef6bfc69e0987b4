"""Pages of the orders context: cart and checkout, orders, the address book, shipping fees."""

from .addresses import (
    address_book,
    address_delete,
    address_edit,
    address_make_default,
)
from .cart import (
    cart,
    cart_update,
    checkout,
    checkout_done,
    checkout_summary,
    merge_cart_at_login,
)
from .orders import (
    order_complete,
    order_detail,
    order_list,
    packing_slip,
    return_photo,
    return_request,
    review_create,
    seller_order_action,
    seller_order_list,
)

__all__ = [
    "address_book",
    "address_delete",
    "address_edit",
    "address_make_default",
    "cart",
    "cart_update",
    "checkout",
    "checkout_done",
    "checkout_summary",
    "merge_cart_at_login",
    "order_complete",
    "order_detail",
    "order_list",
    "packing_slip",
    "return_photo",
    "return_request",
    "review_create",
    "seller_order_action",
    "seller_order_list",
]
