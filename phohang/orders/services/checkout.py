"""Checkout: re-check prices and stock, split by seller, reserve every unit in one transaction."""

import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.services import notification_send
from phohang.catalog.selectors import variants_for_sale_brief
from phohang.catalog.services import OutOfStock, stock_reserve_many
from phohang.core import sql
from phohang.core.money import percent_of
from phohang.geo.models import Address

from ..events import order_placed_send
from ..models import (
    Cart,
    CartLine,
    Checkout,
    CommissionRate,
    Order,
    OrderEvent,
    OrderLine,
    PaymentMethod,
    ShippingRate,
)
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
    variant: object
    quantity: int
    unit_price_vnd: int
    price_seen_vnd: int | None
    weight_grams: int

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
    seller: object
    lines: list[PreviewLine] = field(default_factory=list)
    shipping_vnd: int = 0

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
    # {category_id: percent} for categories with their own rate, when read with the preview.
    commission_percents: dict[int, Decimal] | None = None

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


_RATE_FIELDS = sql.field_order(
    ShippingRate,
    ["id", "origin_province_id", "destination_province_id", "max_weight_grams", "fee_vnd"],
)


def _shipping_rates(*, origin_province_ids, destination_province_id: str) -> list[ShippingRate]:
    """Every zone row that can price a parcel from any of `origin_province_ids`: one query,
    written out because every checkout runs it (the ORM's compile cost was most of its CPU)."""
    origins = sorted(origin_province_ids)
    statement = (
        f"SELECT {sql.columns(ShippingRate, 'r', _RATE_FIELDS)} FROM {sql.table(ShippingRate)} r"  # noqa: S608
        f" WHERE (r.origin_province_id IN ({sql.placeholders(len(origins))})"
        " OR r.origin_province_id IS NULL)"
        " AND (r.destination_province_id = %s OR r.destination_province_id IS NULL)"
    )
    rows = sql.fetch_all(ShippingRate, statement, [*origins, destination_province_id])
    return [sql.instance_from_row(ShippingRate, _RATE_FIELDS, row) for row in rows]


def _rates_for_checkout(
    *, origin_province_ids, destination_province_id: str, category_ids
) -> tuple[list[ShippingRate], dict[int, Decimal]]:
    """The zone rows `_shipping_rates` reads and the percents `_commission_percents` reads, in
    one round trip: checkout needs both, and each statement cost more than its rows."""
    origins = sorted(origin_province_ids)
    categories = sorted(pk for pk in category_ids if pk is not None)
    rate_nulls = ", ".join(["NULL"] * len(_RATE_FIELDS))
    statement = (
        f"SELECT 's', {sql.columns(ShippingRate, 'r', _RATE_FIELDS)}, NULL, NULL"  # noqa: S608
        f" FROM {sql.table(ShippingRate)} r"
        f" WHERE (r.origin_province_id IN ({sql.placeholders(len(origins))})"
        " OR r.origin_province_id IS NULL)"
        " AND (r.destination_province_id = %s OR r.destination_province_id IS NULL)"
    )
    params = [*origins, destination_province_id]
    if categories:
        statement += (
            f" UNION ALL SELECT 'c', {rate_nulls},"  # noqa: S608
            f" {sql.columns(CommissionRate, 'c', _COMMISSION_FIELDS)}"
            f" FROM {sql.table(CommissionRate)} c"
            f" WHERE c.category_id IN ({sql.placeholders(len(categories))})"
        )
        params += categories
    rates, percents = [], {}
    cut = 1 + len(_RATE_FIELDS)
    for row in sql.fetch_all(ShippingRate, statement, params):
        if row[0] == "s":
            rates.append(sql.instance_from_row(ShippingRate, _RATE_FIELDS, row[1:cut]))
        else:
            category_id, percent = sql.values_from_row(
                CommissionRate, _COMMISSION_FIELDS, row[cut:]
            )
            percents[category_id] = percent
    return rates, percents


def _fee_from_rates(
    rates: list[ShippingRate], *, origin_province_id: str, weight_grams: int
) -> int:
    """Most specific zone first, then the lightest band that fits."""
    rates = [r for r in rates if r.origin_province_id in (None, origin_province_id)]
    if not rates:
        return int(getattr(settings, "SHIPPING_DEFAULT_FEE_VND", 30_000))

    def specificity(rate: ShippingRate) -> int:
        return (2 if rate.origin_province_id else 0) + (1 if rate.destination_province_id else 0)

    best = max(specificity(rate) for rate in rates)
    zone = sorted((r for r in rates if specificity(r) == best), key=lambda r: r.max_weight_grams)
    for rate in zone:
        if weight_grams <= rate.max_weight_grams:
            return rate.fee_vnd
    heaviest = zone[-1]
    # Beyond the heaviest band: charge that band once per started multiple of its weight.
    multiples = -(-weight_grams // max(heaviest.max_weight_grams, 1))
    return heaviest.fee_vnd * multiples


def shipping_fee_for(
    *, origin_province_id: str, destination_province_id: str, weight_grams: int
) -> int:
    """Fee from the zone table: most specific zone first, then the lightest band that fits."""
    rates = _shipping_rates(
        origin_province_ids=[origin_province_id], destination_province_id=destination_province_id
    )
    return _fee_from_rates(rates, origin_province_id=origin_province_id, weight_grams=weight_grams)


def _clean_items(items) -> dict[int, int]:
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
    items,
    destination_province_id: str | None,
    prices_seen: dict[int, int] | None = None,
    with_commissions: bool = False,
) -> CheckoutPreview:
    """Current prices, stock and shipping per seller for `items` ((variant_id, quantity) pairs);
    `with_commissions` also reads the categories' commission rates (checkout needs them)."""
    wanted = _clean_items(items)
    variants = variants_for_sale_brief(wanted)
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
    commission_percents = None
    if destination_province_id and groups:
        origins = {group.seller.province_id for group in groups.values()}
        if with_commissions:
            rates, commission_percents = _rates_for_checkout(
                origin_province_ids=origins,
                destination_province_id=destination_province_id,
                category_ids={
                    line.variant.product.category_id
                    for group in groups.values()
                    for line in group.lines
                },
            )
        else:
            rates = _shipping_rates(
                origin_province_ids=origins, destination_province_id=destination_province_id
            )
        for group in groups.values():
            group.shipping_vnd = _fee_from_rates(
                rates, origin_province_id=group.seller.province_id, weight_grams=group.weight_grams
            )
    return CheckoutPreview(
        groups=sorted(groups.values(), key=lambda g: g.seller.pk),
        missing_variant_ids=sorted(set(wanted) - set(variants)),
        commission_percents=commission_percents,
    )


_COMMISSION_FIELDS = sql.field_order(CommissionRate, ["category_id", "percent"])


def _commission_percents(category_ids) -> dict[int, Decimal]:
    """{category_id: percent} for the categories with their own rate (one written-out query)."""
    category_ids = sorted(pk for pk in category_ids if pk is not None)
    if not category_ids:
        return {}
    statement = (
        f"SELECT {sql.columns(CommissionRate, 'c', _COMMISSION_FIELDS)}"  # noqa: S608
        f" FROM {sql.table(CommissionRate)} c"
        f" WHERE c.category_id IN ({sql.placeholders(len(category_ids))})"
    )
    rates = (
        sql.instance_from_row(CommissionRate, _COMMISSION_FIELDS, row)
        for row in sql.fetch_all(CommissionRate, statement, category_ids)
    )
    return {rate.category_id: rate.percent for rate in rates}


def _commissions(
    groups: list[SellerGroup], percents: dict[int, Decimal] | None = None
) -> list[int]:
    """Commission per group; round once per rate: sum the lines sharing a rate, then the percent.
    `percents` ({category_id: percent}) when already read, else read here."""
    default = Decimal(str(getattr(settings, "COMMISSION_DEFAULT_PERCENT", "5")))
    if percents is None:
        percents = _commission_percents(
            {line.variant.product.category_id for group in groups for line in group.lines}
        )
    rates = percents
    commissions = []
    for group in groups:
        by_rate: dict[Decimal, int] = defaultdict(int)
        for line in group.lines:
            by_rate[rates.get(line.variant.product.category_id, default)] += line.total_vnd
        commissions.append(sum(percent_of(amount, rate) for rate, amount in by_rate.items()))
    return commissions


def _commission(lines: list[PreviewLine]) -> int:
    """Commission for one seller's lines."""
    return _commissions([SellerGroup(seller=None, lines=list(lines))])[0]


def sellers_notify_new_orders(*, order_ids: list[int]) -> None:
    """Tell the active members of each order's shop about the new order (in-app and email)."""
    from phohang.sellers.models import SellerMember

    orders = list(Order.objects.filter(pk__in=order_ids).order_by("pk"))
    members = SellerMember.objects.filter(
        seller_id__in={order.seller_id for order in orders}, is_active=True
    ).select_related("user")
    users_by_seller: dict[int, list] = defaultdict(list)
    for member in members:
        users_by_seller[member.seller_id].append(member.user)
    for order in orders:
        for user in users_by_seller[order.seller_id]:
            notification_send(
                user=user,
                title=str(_("New order %(number)s") % {"number": order.number}),
                body=str(_("A buyer placed an order. Open it to prepare the parcel.")),
                link=order.get_absolute_url(),
            )


def checkout_place(
    *,
    buyer,
    items,
    street: str,
    ward,
    province,
    recipient_name: str,
    recipient_phone: str,
    payment_method: str,
    prices_seen: dict[int, int] | None = None,
    expected_total_vnd: int | None = None,
    note: str = "",
    now=None,
    savepoint: bool = True,
) -> Checkout:
    """Create one order per seller and reserve all units, or raise and change nothing.

    Inside a caller's transaction the work runs in a savepoint, so a refusal leaves the caller's
    transaction usable. A caller that rolls back its whole transaction on any refusal (the API's
    idempotent call) passes `savepoint=False` and saves two round trips on the hottest path.
    """
    now = now or timezone.now()
    if payment_method not in PaymentMethod.values:
        raise CheckoutError(_("Choose a payment method."))
    if ward is None or province is None or ward.province_id != province.pk:
        raise CheckoutError(_("This ward is not in the chosen province."))
    if not street.strip() or not recipient_name.strip() or not recipient_phone.strip():
        raise CheckoutError(_("Recipient name, phone and street address are required."))
    # The writes nobody reads back (lines, history, cart, queued task, stock movements) go out
    # together at the end of the block.
    with transaction.atomic(savepoint=savepoint), sql.deferred_writes(router.db_for_write(Order)):
        preview = checkout_preview(
            items=items,
            destination_province_id=province.pk,
            prices_seen=prices_seen,
            with_commissions=True,
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
        cod_limit = int(getattr(settings, "COD_LIMIT_VND", 5_000_000))
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


def _cart_lines_remove(*, buyer, variant_ids: list[int]) -> None:
    """Drop what was just bought from the buyer's cart: one deferred DELETE (CartLine has no
    dependants, so the ORM's collector, which cost more than the statement, has nothing to do)."""
    statement = (
        f"DELETE FROM {sql.table(CartLine)} WHERE cart_id IN"  # noqa: S608
        f" (SELECT id FROM {sql.table(Cart)} WHERE user_id = %s)"
        f" AND variant_id IN ({sql.placeholders(len(variant_ids))})"
    )
    sql.execute_deferred(CartLine, statement, [buyer.pk, *variant_ids])


def _orders_create(
    *,
    buyer,
    preview: CheckoutPreview,
    address: Address,
    payment_method: str,
    recipient_name: str,
    recipient_phone: str,
    note: str,
    now,
) -> tuple[Checkout, list[Order]]:
    """The checkout row and one order per seller group, with lines and first history rows;
    `address` (unsaved) is stored with the checkout row."""
    is_online = payment_method != PaymentMethod.COD
    minutes = int(getattr(settings, "RESERVATION_MINUTES", 15))
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
                _commissions(preview.groups, preview.commission_percents),
                strict=True,
            ),
            start=1,
        )
    ]
    # One statement on PostgreSQL: the orders take the new address's and checkout's ids.
    sql.insert_rows_each([address], [checkout], orders)
    sql.insert_values(
        OrderLine,
        [
            {
                "order_id": order.pk,
                "variant_id": line.variant.pk,
                "product_id": line.variant.product_id,
                "category_id": line.variant.product.category_id,
                "title": f"{line.variant.product.title} – {line.variant.name}",
                "sku": line.variant.sku,
                "unit_price_vnd": line.unit_price_vnd,
                "quantity": line.quantity,
                "weight_grams": line.weight_grams,
            }
            for order, group in zip(orders, preview.groups, strict=True)
            for line in group.lines
        ],
        defer=True,
    )
    sql.insert_values(
        OrderEvent,
        [
            {"order_id": order.pk, "to_status": status, "actor_id": buyer.pk, "created_at": now}
            for order in orders
        ],
        defer=True,
    )
    return checkout, list(orders)
