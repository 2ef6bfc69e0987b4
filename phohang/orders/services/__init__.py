"""Every write in orders: cart, checkout, the order state machine, returns, reviews."""

from phohang.core.transitions import IllegalTransition

from .addresses import (
    AddressBookFull,
    saved_address_add,
    saved_address_delete,
    saved_address_make_default,
    saved_address_update,
)
from .cart import (
    CartError,
    cart_get_or_create,
    cart_line_remove,
    cart_line_set,
    cart_merge,
)
from .checkout import (
    CheckoutError,
    PriceChanged,
    SoldOut,
    checkout_place,
    checkout_preview,
    payment_methods_enabled,
    reference_is_well_formed,
    shipping_fee_for,
)
from .reviews import MAX_REVIEW_PHOTOS, review_publish, review_reject, review_submit
from .state import (
    order_cancel,
    order_mark_delivered,
    order_mark_paid,
    order_pack,
    order_refunded,
    order_return_decide,
    order_return_request,
    order_ship,
    order_transition,
    reservations_expire,
)

__all__ = [
    "AddressBookFull",
    "CartError",
    "CheckoutError",
    "IllegalTransition",
    "PriceChanged",
    "SoldOut",
    "cart_get_or_create",
    "cart_line_remove",
    "cart_line_set",
    "cart_merge",
    "checkout_place",
    "checkout_preview",
    "order_cancel",
    "order_mark_delivered",
    "order_mark_paid",
    "order_pack",
    "order_refunded",
    "order_return_decide",
    "order_return_request",
    "order_ship",
    "order_transition",
    "payment_methods_enabled",
    "reference_is_well_formed",
    "reservations_expire",
    "saved_address_add",
    "saved_address_delete",
    "saved_address_make_default",
    "saved_address_update",
    "MAX_REVIEW_PHOTOS",
    "review_publish",
    "review_reject",
    "review_submit",
    "shipping_fee_for",
]
