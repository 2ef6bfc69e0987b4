"""Reads of the logistics context, with the per-object rules shared by pages and the API."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from phohang.core.errors import NotFound

from .models import (
    CodFee,
    Hub,
    PlanRun,
    Shipment,
    ShipmentStatus,
    ShippingRate,
    Stop,
    TruckZone,
    Vehicle,
)
from .routing import DailyWindow, TruckRules, VehicleClassRule
from .routing.truck_rules import HANOI_TRUCK_RULES

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from phohang.accounts.models import User
    from phohang.catalog.models import Product, ProductVariant
    from phohang.geo.models import Province, Ward
    from phohang.orders.models import Order
    from phohang.trade.models import Delivery

    AnyUser = User | AnonymousUser


def _is_platform_admin(user: "AnyUser") -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def hub_list_for(user: "AnyUser") -> QuerySet[Hub]:
    """Hubs `user` manages (every hub for a platform admin)."""
    if not user.is_authenticated or not user.is_active:
        return Hub.objects.none()
    hubs = Hub.objects.select_related("ward__province")
    return hubs.all() if _is_platform_admin(user) else hubs.filter(managers=user)


def hub_get_for(user: "AnyUser", public_id: UUID | str) -> Hub:
    """The hub if `user` manages it; NotFound otherwise (the same answer as a missing hub)."""
    hub = hub_list_for(user).filter(public_id=public_id).first()
    if hub is None:
        raise NotFound()
    return hub


def is_hub_manager(user: "AnyUser") -> bool:
    return hub_list_for(user).exists()


def vehicle_list(hub: Hub) -> QuerySet[Vehicle]:
    return hub.vehicles.order_by("name")


def vehicle_get_for(user: "AnyUser", public_id: UUID | str) -> Vehicle:
    vehicle = Vehicle.objects.filter(hub__in=hub_list_for(user), public_id=public_id).first()
    if vehicle is None:
        raise NotFound()
    return vehicle


def stop_list(hub: Hub, run_date: date) -> QuerySet[Stop]:
    return (
        hub.stops.filter(run_date=run_date)
        .select_related("ward")
        .order_by("window_start", "name", "id")
    )


def stop_days(hub: Hub, *, limit: int = 7) -> list[date]:
    """The next days (from yesterday on) that have stops, for the day picker."""
    yesterday = timezone.localdate() - timedelta(days=1)
    days = hub.stops.filter(run_date__gte=yesterday).order_by("run_date")
    return list(days.values_list("run_date", flat=True).distinct()[:limit])


def stop_get_for(user: "AnyUser", public_id: UUID | str) -> Stop:
    stop = (
        Stop.objects.filter(hub__in=hub_list_for(user), public_id=public_id)
        .select_related("hub", "ward")
        .first()
    )
    if stop is None:
        raise NotFound()
    return stop


def plan_get_for(user: "AnyUser", public_id: UUID | str) -> PlanRun:
    plan = (
        PlanRun.objects.filter(hub__in=hub_list_for(user), public_id=public_id)
        .select_related("hub")
        .first()
    )
    if plan is None:
        raise NotFound()
    return plan


def plan_latest(hub: Hub, run_date: date) -> PlanRun | None:
    return hub.plans.filter(run_date=run_date).order_by("-created_at", "-id").first()


def _clock(value: time) -> str:
    return value.strftime("%H:%M")


def plan_input_digest(hub: Hub, run_date: date) -> str:
    """A fingerprint of what a plan of the day depends on: stops and active vehicles."""
    stops = [
        [
            str(s.public_id),
            s.latitude,
            s.longitude,
            str(s.demand_kg),
            str(s.volume_m3),
            _clock(s.window_start),
            _clock(s.window_end),
            s.window_ends_next_day,
            s.service_minutes,
            s.kind,
        ]
        for s in stop_list(hub, run_date).exclude(status=Stop.Status.DONE)
    ]
    vehicles = [
        [
            str(v.public_id),
            v.capacity_kg,
            str(v.capacity_m3),
            v.gross_weight_kg,
            _clock(v.shift_start),
            _clock(v.shift_end),
        ]
        for v in vehicle_list(hub).filter(is_active=True)
    ]
    payload = json.dumps([stops, vehicles], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def plan_is_stale(plan: PlanRun) -> bool:
    """The day's stops or vehicles changed after the plan was made."""
    return plan.input_digest != plan_input_digest(plan.hub, plan.run_date)


def truck_rules_current() -> TruckRules:
    """The rules in force: the active zones staff keep, or the Decision 01/2026 defaults."""
    zone = TruckZone.objects.filter(is_active=True).prefetch_related("classes").first()
    if zone is None:
        return HANOI_TRUCK_RULES
    classes = tuple(
        VehicleClassRule(
            name=rule.name,
            min_gross_kg=rule.min_gross_kg,
            max_gross_kg=rule.max_gross_kg,
            allowed=tuple(DailyWindow.of(start, end) for start, end in rule.allowed_windows),
        )
        for rule in zone.classes.all()
    )
    polygon = tuple((float(lat), float(lon)) for lat, lon in zone.polygon)
    return TruckRules(zone=polygon, classes=classes)


def shipment_list_for(user: "AnyUser") -> QuerySet[Shipment]:
    """Shipments `user` may follow: as the buyer or as an active member of the seller."""
    if not user.is_authenticated or not user.is_active:
        return Shipment.objects.none()
    shipments = Shipment.objects.select_related(
        "seller", "order", "contract_delivery__contract__organisation"
    )
    if _is_platform_admin(user):
        return shipments.all()
    # A contract delivery's parcel: every member of the buying organisation follows it.
    return shipments.filter(
        Q(buyer=user)
        | Q(seller__members__user=user, seller__members__is_active=True)
        | Q(contract_delivery__contract__organisation__members=user)
    ).distinct()


def shipment_get_for(user: "AnyUser", public_id: UUID | str) -> Shipment:
    shipment = shipment_list_for(user).filter(public_id=public_id).first()
    if shipment is None:
        raise NotFound()
    return shipment


def shipment_for_order(order: "Order") -> Shipment | None:
    return Shipment.objects.filter(order=order).exclude(status=ShipmentStatus.CANCELLED).first()


def cod_mismatch_list() -> QuerySet[Shipment]:
    """Delivered cash-on-delivery parcels whose collected amount differs from the order's."""
    return (
        Shipment.objects.filter(cod_collected_vnd__isnull=False, cod_reviewed_at__isnull=True)
        .exclude(cod_collected_vnd=F("cod_vnd"))
        .select_related("seller", "order")
    )


def _orders_of_seller_member(user: "AnyUser") -> "QuerySet[Order]":
    from phohang.orders.models import Order

    if not user.is_authenticated:
        return Order.objects.none()
    return Order.objects.filter(
        seller__members__user=user, seller__members__is_active=True
    ).select_related("seller", "address__ward", "address__province")


def packed_orders_for_seller_member(user: "AnyUser") -> "QuerySet[Order]":
    """Packed orders of the shops `user` works for, waiting for a carrier."""
    from phohang.orders.models import Order

    return _orders_of_seller_member(user).filter(status=Order.Status.PACKED).order_by("created_at")


def order_for_seller_member(
    user: "AnyUser", public_id: UUID | str, *, packed_only: bool = True
) -> "Order":
    """A packed order of the user's shop; with packed_only=False one of any status (the API's
    replay of a booking finds the order it shipped, and the service says why not otherwise)."""
    orders = (
        packed_orders_for_seller_member(user) if packed_only else _orders_of_seller_member(user)
    )
    order = orders.filter(public_id=public_id).first()
    if order is None:
        raise NotFound()
    return order


def deliveries_to_ship_for_seller_member(
    user: "AnyUser", *, scheduled_only: bool = True
) -> "QuerySet[Delivery]":
    """Scheduled deliveries of the contracts in force of the shops `user` works for (with
    scheduled_only=False, every delivery of every contract of those shops)."""
    from phohang.trade.models import Delivery, SupplyContract

    if not user.is_authenticated:
        return Delivery.objects.none()
    deliveries = Delivery.objects.filter(
        contract__seller__members__user=user,
        contract__seller__members__is_active=True,
    )
    if scheduled_only:
        deliveries = deliveries.filter(
            status=Delivery.Status.SCHEDULED, contract__status=SupplyContract.Status.ACTIVE
        )
    return deliveries.select_related(
        "contract__organisation",
        "contract__demand__delivery_ward__province",
        "contract__seller",
    ).order_by("due_date", "pk")


def delivery_for_seller_member(
    user: "AnyUser", contract_id: UUID | str, sequence: int, *, scheduled_only: bool = True
) -> "Delivery":
    delivery = (
        deliveries_to_ship_for_seller_member(user, scheduled_only=scheduled_only)
        .filter(contract__public_id=contract_id, sequence=sequence)
        .first()
    )
    if delivery is None:
        raise NotFound()
    return delivery


def has_shipments(user: "AnyUser") -> bool:
    return bool(user.is_authenticated and Shipment.objects.filter(buyer=user).exists())


@dataclass
class RateZone:
    origin_province: "Province | None"
    destination_province: "Province | None"
    bands: list[ShippingRate] = field(default_factory=list)


def _zone_order(pair: Iterable[str | None]) -> tuple[tuple[bool, str], ...]:
    return tuple((code is None, code or "") for code in pair)


def rate_zone_list() -> list[RateZone]:
    """Every zone with its bands, lightest first; zones by province code, "any" last."""
    zones: dict[tuple[str | None, str | None], RateZone] = {}
    rates = ShippingRate.objects.select_related("origin_province", "destination_province")
    for rate in rates.order_by("max_weight_grams", "max_volume_cm3", "pk"):
        key = (rate.origin_province_id, rate.destination_province_id)
        zone = zones.setdefault(key, RateZone(rate.origin_province, rate.destination_province))
        zone.bands.append(rate)
    return [zones[key] for key in sorted(zones, key=_zone_order)]


def cod_fee_list() -> list[CodFee]:
    fees = CodFee.objects.select_related("origin_province", "destination_province")
    return sorted(
        fees, key=lambda fee: _zone_order((fee.origin_province_id, fee.destination_province_id))
    )


@dataclass(frozen=True)
class CarrierFee:
    code: str
    label: str
    fee_vnd: int | None  # None: the carrier did not answer


@dataclass(frozen=True)
class ProductQuote:
    """What sending `quantity` units of a variant to a ward costs, by every way we know."""

    ward: "Ward"
    quantity: int
    weight_grams: int
    goods_vnd: int
    checkout_fee_vnd: int  # what checkout will charge (the checkout carrier's quote or the table)
    checkout_carrier: str  # the label of the carrier that priced it, "" for the rate table
    table_fee_vnd: int
    carriers: list[CarrierFee]
    cod_fee_vnd: int


def product_quote(
    *, product: "Product", variant: "ProductVariant", quantity: int, ward: "Ward"
) -> ProductQuote:
    """The product page's carrier quotes: the rate table, each configured carrier's live quote
    (cached) and the cash-on-delivery fee, for the chosen variant and quantity to `ward`."""
    from django.conf import settings

    from phohang.orders.services.zones import item_weight_grams
    from phohang.orders.shipping import ParcelQuery

    from .carriers import configured_carriers
    from .models import Carrier
    from .services.rates import carrier_quote, cod_fee_for, shipping_fees_from_table

    weight = quantity * item_weight_grams(
        weight_grams=variant.weight_grams, variant_name=variant.name, unit=product.unit
    )
    origin = product.seller.province_id
    parcel = ParcelQuery(
        seller_id=product.seller_id,
        origin_province_id=origin,
        destination_province_id=ward.province_id,
        weight_grams=weight,
        destination_ward_id=ward.pk,
    )
    table = shipping_fees_from_table([parcel])[0]
    carriers = [
        CarrierFee(
            code,
            Carrier(code).label,
            carrier_quote(
                carrier=code,
                seller_id=product.seller_id,
                destination_ward_id=ward.pk,
                weight_grams=weight,
            ),
        )
        for code in configured_carriers()
    ]
    checkout_code = settings.LOGISTICS_CHECKOUT_CARRIER
    live = next((c for c in carriers if c.code == checkout_code), None)
    if live is not None and live.fee_vnd is not None:
        checkout_fee, checkout_carrier = live.fee_vnd, live.label
    else:
        checkout_fee, checkout_carrier = table, ""
    goods = quantity * variant.price_vnd
    return ProductQuote(
        ward=ward,
        quantity=quantity,
        weight_grams=weight,
        goods_vnd=goods,
        checkout_fee_vnd=checkout_fee,
        checkout_carrier=checkout_carrier,
        table_fee_vnd=table,
        carriers=carriers,
        cod_fee_vnd=cod_fee_for(
            origin_province_id=origin,
            destination_province_id=ward.province_id,
            cod_vnd=goods,
        ),
    )
