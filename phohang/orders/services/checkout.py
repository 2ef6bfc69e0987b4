"""Checkout: re-check prices and stock, split by seller, reserve every unit in one transaction."""

import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import NotificationKind, User
from phohang.accounts.services import notification_send
from phohang.catalog.models import ProductVariant
from phohang.catalog.selectors import variants_for_sale
from phohang.catalog.services import OutOfStock, stock_reserve_many
from phohang.core.money import percent_of
from phohang.geo.models import Address, Province, Ward
from phohang.sellers.models import Seller

from ..events import order_placed_send
from ..models import (
    CartLine,
    Checkout,
    CommissionRate,
    Order,
    OrderEvent,
    OrderLine,
    PaymentMethod,
)
from ..shipping import ParcelQuery, shipping_quote_many
from .cart import MAX_LINE_QUANTITY
from .zones import item_weight_grams

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class CheckoutError(Exception):
    """Checkout refused; nothing was reserved or created."""


class SoldOut(CheckoutError):
    """A unit could not be reserved: someone else bought it first."""


class PriceChanged(CheckoutError):
    """Prices moved since the buyer looked; `preview` holds the current figures."""

    def __init__(self, preview: "CheckoutPreview"):
        super().__init__(str(_("Some prices have changed. Please check the new total.")))
        self.preview = preview


@dataclass
class PreviewLine:
    variant: ProductVariant
    quantity: int
    unit_price_vnd: int
    price_seen_vnd: int | None
    weight_grams: int
    # Filled by pages that show the line (cart, checkout); not used by the service.
    thumbnail_url: str = ""
    product_url: str = ""

    @property
    def total_vnd(self) -> int:
        return self.unit_price_vnd * self.quantity

    @property
    def price_changed(self) -> bool:
        return self.price_seen_vnd is not None and self.price_seen_vnd != self.unit_price_vnd

    @property
    def has_stock(self) -> bool:
        return self.variant.available >= self.quantity


@dataclass
class SellerGroup:
    seller: Seller
    lines: list[PreviewLine] = field(default_factory=list)
    shipping_vnd: int = 0
    # A DeliveryWindow when the destination is known; filled by the pages.
    delivery: object = None

    @property
    def subtotal_vnd(self) -> int:
        return sum(line.total_vnd for line in self.lines)

    @property
    def weight_grams(self) -> int:
        return sum(line.weight_grams for line in self.lines)

    @property
    def total_vnd(self) -> int:
        return self.subtotal_vnd + self.shipping_vnd


@dataclass
class CheckoutPreview:
    groups: list[SellerGroup]
    missing_variant_ids: list[int]

    @property
    def total_vnd(self) -> int:
        return sum(group.total_vnd for group in self.groups)

    @property
    def has_price_changes(self) -> bool:
        return any(line.price_changed for group in self.groups for line in group.lines)

    @property
    def variant_ids(self) -> list[int]:
        return [line.variant.pk for group in self.groups for line in group.lines]

    @property
    def has_stock_problems(self) -> bool:
        return any(not line.has_stock for group in self.groups for line in group.lines)


def payment_methods_enabled() -> list[str]:
    """The payment methods this deployment offers; settings switch VNPay and VietQR off."""
    switched_on: dict[str, bool] = {
        PaymentMethod.COD: True,
        PaymentMethod.VIETQR: settings.VIETQR_ENABLED,
        PaymentMethod.VNPAY: settings.VNPAY_ENABLED,
    }
    return [method for method in PaymentMethod.values if switched_on[method]]


def reference_new() -> str:
    """ "PH" + 7 random characters + a check character, so a mistyped memo never matches."""
    body = "PH" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(7))
    return body + _check_character(body)


def _check_character(body: str) -> str:
    total = sum((index + 1) * REFERENCE_ALPHABET.index(ch) for index, ch in enumerate(body[2:]))
    return REFERENCE_ALPHABET[total % len(REFERENCE_ALPHABET)]


def reference_is_well_formed(text: str) -> bool:
    return (
        len(text) == 10
        and text.startswith("PH")
        and all(ch in REFERENCE_ALPHABET for ch in text[2:])
        and _check_character(text[:9]) == text[9]
    )


def shipping_fee_for(
    *,
    origin_province_id: str,
    destination_province_id: str,
    weight_grams: int,
    destination_ward_id: str | None = None,
    seller_id: int = 0,
) -> int:
    """The fee of one parcel, from the registered quoter (logistics' rates and carriers)."""
    parcel = ParcelQuery(
        seller_id=seller_id,
        origin_province_id=origin_province_id,
        destination_province_id=destination_province_id,
        weight_grams=weight_grams,
        destination_ward_id=destination_ward_id,
    )
    return shipping_quote_many([parcel])[0]


def _clean_items(items: Iterable[tuple[int, int]]) -> dict[int, int]:
    merged: dict[int, int] = defaultdict(int)
    for variant_id, quantity in items:
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
            raise CheckoutError(_("Quantity must be a whole number of at least 1."))
        merged[int(variant_id)] += quantity
        if merged[int(variant_id)] > MAX_LINE_QUANTITY:
            raise CheckoutError(
                _("At most %(max)s units per product.") % {"max": MAX_LINE_QUANTITY}
            )
    if not merged:
        raise CheckoutError(_("Your cart is empty."))
    return dict(merged)


def checkout_preview(
    *,
    items: Iterable[tuple[int, int]],
    destination_province_id: str | None,
    prices_seen: dict[int, int] | None = None,
    destination_ward_id: str | None = None,
) -> CheckoutPreview:
    """Current prices, stock and shipping per seller for `items` ((variant_id, quantity) pairs)."""
    wanted = _clean_items(items)
    variants = variants_for_sale(wanted).in_bulk()
    groups: dict[int, SellerGroup] = {}
    for variant_id in sorted(wanted):
        variant = variants.get(variant_id)
        if variant is None:
            continue
        seller = variant.product.seller
        group = groups.setdefault(seller.pk, SellerGroup(seller=seller))
        quantity = wanted[variant_id]
        group.lines.append(
            PreviewLine(
                variant=variant,
                quantity=quantity,
                unit_price_vnd=variant.price_vnd,
                price_seen_vnd=(prices_seen or {}).get(variant_id),
                weight_grams=quantity
                * item_weight_grams(
                    weight_grams=variant.weight_grams,
                    variant_name=variant.name,
                    unit=variant.product.unit,
                ),
            )
        )
    if destination_province_id and groups:
        priced = list(groups.values())
        fees = shipping_quote_many(
            [
                ParcelQuery(
                    seller_id=group.seller.pk,
                    origin_province_id=group.seller.province_id,
                    destination_province_id=destination_province_id,
                    weight_grams=group.weight_grams,
                    destination_ward_id=destination_ward_id,
                )
                for group in priced
            ]
        )
        for group, fee in zip(priced, fees, strict=True):
            group.shipping_vnd = fee
    return CheckoutPreview(
        groups=sorted(groups.values(), key=lambda g: g.seller.pk),
        missing_variant_ids=sorted(set(wanted) - set(variants)),
    )


def _commission_percents(category_ids: Iterable[int | None]) -> dict[int, Decimal]:
    """{category_id: percent} for the categories with their own rate (one query)."""
    known = sorted(pk for pk in category_ids if pk is not None)
    if not known:
        return {}
    return dict(
        CommissionRate.objects.filter(category_id__in=known)
        .order_by()
        .values_list("category_id", "percent")
    )


def _commissions(groups: list[list[PreviewLine]]) -> list[int]:
    """Commission per group of lines; round once per rate: sum the lines sharing a rate, then
    the percent."""
    default = Decimal(str(settings.COMMISSION_DEFAULT_PERCENT))
    rates = _commission_percents(
        {line.variant.product.category_id for lines in groups for line in lines}
    )
    commissions = []
    for lines in groups:
        by_rate: dict[Decimal, int] = defaultdict(int)
        for line in lines:
            by_rate[rates.get(line.variant.product.category_id, default)] += line.total_vnd
        commissions.append(sum(percent_of(amount, rate) for rate, amount in by_rate.items()))
    return commissions


def _commission(lines: list[PreviewLine]) -> int:
    """Commission for one seller's lines."""
    return _commissions([list(lines)])[0]


def sellers_notify_new_orders(*, order_ids: list[int]) -> None:
    """Tell the active members of each order's shop about the new order (in-app and email)."""
    from phohang.sellers.models import SellerMember

    orders = list(Order.objects.filter(pk__in=order_ids).order_by("pk"))
    members = SellerMember.objects.filter(
        seller_id__in={order.seller_id for order in orders}, is_active=True
    ).select_related("user")
    users_by_seller: dict[int, list[User]] = defaultdict(list)
    for member in members:
        users_by_seller[member.seller_id].append(member.user)
    for order in orders:
        for user in users_by_seller[order.seller_id]:
            notification_send(
                user=user,
                title=str(_("New order %(number)s") % {"number": order.number}),
                body=str(_("A buyer placed an order. Open it to prepare the parcel.")),
                link=order.get_absolute_url(),
                kind=NotificationKind.ORDERS,
            )


def checkout_place(
    *,
    buyer: User,
    items: Iterable[tuple[int, int]],
    street: str,
    ward: Ward | None,
    province: Province | None,
    recipient_name: str,
    recipient_phone: str,
    payment_method: str,
    prices_seen: dict[int, int] | None = None,
    expected_total_vnd: int | None = None,
    note: str = "",
    now: datetime | None = None,
    savepoint: bool = True,
) -> Checkout:
    """Create one order per seller and reserve all units, or raise and change nothing.

    Inside a caller's transaction the work runs in a savepoint, so a refusal leaves the caller's
    transaction usable. A caller that rolls back its whole transaction on any refusal (the API's
    idempotent call) passes `savepoint=False` and saves two round trips on the hottest path.
    """
    now = now or timezone.now()
    if payment_method not in payment_methods_enabled():
        raise CheckoutError(_("Choose a payment method."))
    if ward is None or province is None or ward.province_id != province.pk:
        raise CheckoutError(_("This ward is not in the chosen province."))
    if not street.strip() or not recipient_name.strip() or not recipient_phone.strip():
        raise CheckoutError(_("Recipient name, phone and street address are required."))
    with transaction.atomic(savepoint=savepoint):
        preview = checkout_preview(
            items=items,
            destination_province_id=province.pk,
            prices_seen=prices_seen,
            destination_ward_id=ward.pk,
        )
        if preview.missing_variant_ids:
            raise CheckoutError(_("Some products in your cart are no longer on sale."))
        if preview.has_price_changes or (
            expected_total_vnd is not None and expected_total_vnd != preview.total_vnd
        ):
            raise PriceChanged(preview)
        if preview.has_stock_problems:
            # Refuse before writing anything; the locked reservation below re-checks anyway.
            raise SoldOut(_("Sorry, there is not enough stock left for one of the products."))
        cod_limit = settings.COD_LIMIT_VND
        if payment_method == PaymentMethod.COD and any(
            group.total_vnd > cod_limit for group in preview.groups
        ):
            from phohang.core.money import format_vnd

            raise CheckoutError(
                _("Cash on delivery is available for orders up to %(limit)s.")
                % {"limit": format_vnd(cod_limit)}
            )
        checkout, orders = _orders_create(
            buyer=buyer,
            preview=preview,
            address=Address(street=street.strip(), ward=ward, province=province),
            payment_method=payment_method,
            recipient_name=recipient_name.strip(),
            recipient_phone=recipient_phone.strip(),
            note=note[:300],
            now=now,
        )
        order_ids = [order.pk for order in orders]
        _cart_lines_remove(buyer=buyer, variant_ids=preview.variant_ids)
        # One queued task: the sellers' notice subscribes to the same event as the projections.
        order_placed_send(order_ids=order_ids)
        # Last, so the variant rows stay locked only until the commit that follows.
        try:
            stock_reserve_many(
                items=[
                    (line.variant.pk, line.quantity, order.number)
                    for order, group in zip(orders, preview.groups, strict=True)
                    for line in group.lines
                ]
            )
        except OutOfStock as error:
            raise SoldOut(
                _("Sorry, there is not enough stock left for one of the products.")
            ) from error
    # The orders just created, so callers answer without reading them back.
    checkout.orders_placed = orders
    return checkout


def _cart_lines_remove(*, buyer: User, variant_ids: list[int]) -> None:
    """Drop what was just bought from the buyer's cart."""
    CartLine.objects.filter(cart__user=buyer, variant_id__in=variant_ids).delete()


def _orders_create(
    *,
    buyer: User,
    preview: CheckoutPreview,
    address: Address,
    payment_method: str,
    recipient_name: str,
    recipient_phone: str,
    note: str,
    now: datetime,
) -> tuple[Checkout, list[Order]]:
    """The checkout row and one order per seller group, with lines and first history rows;
    `address` (unsaved) is stored with the checkout row."""
    is_online = payment_method != PaymentMethod.COD
    minutes = settings.RESERVATION_MINUTES
    checkout = Checkout(
        buyer=buyer,
        reference=reference_new(),
        payment_method=payment_method,
        total_vnd=preview.total_vnd,
        created_at=now,
        reserved_until=now + timedelta(minutes=minutes) if is_online else None,
    )
    status = Order.Status.AWAITING_PAYMENT if is_online else Order.Status.CONFIRMED
    orders = [
        Order(
            number=f"{checkout.reference}-{index}",
            checkout=checkout,
            buyer=buyer,
            seller=group.seller,
            status=status,
            payment_method=payment_method,
            recipient_name=recipient_name,
            recipient_phone=recipient_phone,
            address=address,
            subtotal_vnd=group.subtotal_vnd,
            shipping_vnd=group.shipping_vnd,
            total_vnd=group.total_vnd,
            commission_vnd=commission,
            weight_grams=group.weight_grams,
            note=note,
            created_at=now,
            updated_at=now,
        )
        for index, (group, commission) in enumerate(
            zip(
                preview.groups,
                _commissions([group.lines for group in preview.groups]),
                strict=True,
            ),
            start=1,
        )
    ]
    address.save()
    checkout.save()
    Order.objects.bulk_create(orders)
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            variant_id=line.variant.pk,
            product_id=line.variant.product_id,
            category_id=line.variant.product.category_id,
            title=f"{line.variant.product.title} – {line.variant.name}",
            sku=line.variant.sku,
            unit_price_vnd=line.unit_price_vnd,
            quantity=line.quantity,
            weight_grams=line.weight_grams,
        )
        for order, group in zip(orders, preview.groups, strict=True)
        for line in group.lines
    )
    OrderEvent.objects.bulk_create(
        OrderEvent(order=order, to_status=status, actor=buyer, created_at=now) for order in orders
    )
    return checkout, orders
