"""Carts: anonymous ones live under the session key and merge into the account at login."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.catalog.selectors import variant_for_sale, variants_for_sale

from ..models import Cart, CartLine

MAX_LINE_QUANTITY = 999


class CartError(Exception):
    """The cart change was refused; the message is shown to the buyer."""


def cart_get_or_create(
    *, user: User | AnonymousUser | None = None, session_key: str | None = None
) -> Cart:
    owner: dict[str, Any] | None = (
        {"user": user} if user is not None and user.is_authenticated else None
    )
    if owner is None:
        if not session_key:
            raise ValueError("an anonymous cart needs a session key")
        owner = {"session_key": session_key}
    try:
        with transaction.atomic():
            cart, _created = Cart.objects.get_or_create(**owner)
    except IntegrityError:
        cart = Cart.objects.get(**owner)
    return cart


def _check_quantity(quantity: object) -> int:
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 0:
        raise CartError(_("Quantity must be a whole number of at least 1."))
    if quantity > MAX_LINE_QUANTITY:
        raise CartError(_("At most %(max)s units per product.") % {"max": MAX_LINE_QUANTITY})
    return quantity


def cart_line_set(
    *, cart: Cart, variant_id: int, quantity: int, add: bool = False
) -> CartLine | None:
    """Set (or with `add`, increase) a line's quantity, checked against available stock; 0 removes."""
    quantity = _check_quantity(quantity)
    variant = variant_for_sale(variant_id)
    if variant is None:
        raise CartError(_("This product is not on sale."))
    with transaction.atomic():
        line = CartLine.objects.filter(cart=cart, variant_id=variant.pk).first()
        wanted = quantity + (line.quantity if (add and line) else 0)
        if wanted == 0:
            if line:
                line.delete()
            return None
        if wanted > variant.available:
            raise CartError(
                _("Only %(count)s left in stock for %(item)s.")
                % {"count": max(variant.available, 0), "item": variant}
            )
        _check_quantity(wanted)
        if line is None:
            line = CartLine.objects.create(
                cart=cart, variant=variant, quantity=wanted, price_seen_vnd=variant.price_vnd
            )
        else:
            line.quantity = wanted
            line.price_seen_vnd = variant.price_vnd
            line.save(update_fields=["quantity", "price_seen_vnd"])
        Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now())
    return line


def cart_line_remove(*, cart: Cart, variant_id: int) -> int:
    deleted, _detail = CartLine.objects.filter(cart=cart, variant_id=variant_id).delete()
    return deleted


def cart_merge(*, session_key: str, user: User) -> Cart | None:
    """Move an anonymous cart's lines into the user's cart; quantities add up, capped by stock."""
    anonymous = Cart.objects.filter(session_key=session_key, user__isnull=True).first()
    if anonymous is None:
        return None
    with transaction.atomic():
        cart = cart_get_or_create(user=user)
        lines = list(anonymous.lines.all())
        variants = variants_for_sale([line.variant_id for line in lines]).in_bulk()
        existing = {line.variant_id: line for line in cart.lines.all()}
        for line in lines:
            variant = variants.get(line.variant_id)
            if variant is None:
                continue
            current = existing.get(line.variant_id)
            quantity = min(
                line.quantity + (current.quantity if current else 0),
                max(variant.available, 0),
                MAX_LINE_QUANTITY,
            )
            if quantity <= 0:
                continue
            CartLine.objects.update_or_create(
                cart=cart,
                variant=variant,
                defaults={"quantity": quantity, "price_seen_vnd": variant.price_vnd},
            )
        anonymous.delete()
    return cart
