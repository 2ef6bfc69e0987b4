"""Every write in orders: cart, checkout, the order state machine, returns, reviews."""

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
    reference_is_well_formed,
    shipping_fee_for,
)
from .state import (
    IllegalTransition,
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
    review_submit,
)

__all__ = [
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
    "reference_is_well_formed",
    "reservations_expire",
    "review_submit",
    "shipping_fee_for",
]
