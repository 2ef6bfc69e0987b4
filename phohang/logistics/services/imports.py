"""A hub's day from the marketplace: packed orders and due contract deliveries of the sellers
the hub serves become stops, each once (a database constraint), with the ward's coordinates."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from phohang.core.audit import AuditContext, audit_record
from phohang.orders.models import Order
from phohang.trade.models import Delivery, SupplyContract

from ..models import Hub, Stop
from ..places import ward_point
from .replan import plan_refresh_after_change

if TYPE_CHECKING:
    from phohang.accounts.models import User

# Kilograms in one unit of a contract; goods counted in pieces, boxes or bags weigh about 1 kg
# each until the contract says more.
KG_PER_TRADE_UNIT = {"kg": 1, "yen": 10, "quintal": 100, "tonne": 1000, "l": 1}
ORDER_SERVICE_MINUTES = 5
DELIVERY_SERVICE_MINUTES = 15
MAX_IMPORT = 1000


@dataclass
class ImportResult:
    created: int = 0
    already: int = 0
    # (reference, why) for what could not become a stop.
    skipped: list[tuple[str, str]] = field(default_factory=list)


def _window(hub: Hub) -> dict[str, Any]:
    """The hub's opening hours: a stop imported without a window of its own takes them."""
    return {
        "window_start": hub.opens_at,
        "window_end": hub.closes_at,
        "window_ends_next_day": hub.closes_at <= hub.opens_at,
    }


def _importable_orders(hub: Hub) -> QuerySet[Order]:
    """Packed orders of the hub's sellers going to the hub's province, not booked elsewhere."""
    return (
        Order.objects.filter(
            seller__in=hub.sellers.all(),
            status=Order.Status.PACKED,
            address__province_id=hub.ward.province_id,
        )
        .select_related("address__ward__province")
        .order_by("pk")[:MAX_IMPORT]
    )


def _importable_deliveries(hub: Hub, run_date: date) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(
            contract__seller__in=hub.sellers.all(),
            contract__status=SupplyContract.Status.ACTIVE,
            contract__destination_province_id=hub.ward.province_id,
            status=Delivery.Status.SCHEDULED,
            due_date=run_date,
        )
        .select_related("contract__organisation", "contract__demand__delivery_ward__province")
        .order_by("pk")[:MAX_IMPORT]
    )


def stops_import(*, hub: Hub, run_date: date, user: "User", context: AuditContext) -> ImportResult:
    """Add the day's orders and contract deliveries as stops; what has no place is listed."""
    result = ImportResult()
    taken_orders = set(Stop.objects.filter(order__isnull=False).values_list("order_id", flat=True))
    taken_deliveries = set(
        Stop.objects.filter(contract_delivery__isnull=False).values_list(
            "contract_delivery_id", flat=True
        )
    )
    stops = []
    for order in _importable_orders(hub):
        if order.pk in taken_orders:
            result.already += 1
            continue
        point = ward_point(order.address.ward)
        if point is None:
            result.skipped.append((order.number, "no_coordinates"))
            continue
        stops.append(
            Stop(
                hub=hub,
                run_date=run_date,
                source=Stop.Source.ORDER,
                order=order,
                name=order.recipient_name[:120],
                phone=order.recipient_phone[:16],
                street=order.address.street[:200],
                ward=order.address.ward,
                latitude=point[0],
                longitude=point[1],
                demand_kg=(Decimal(order.weight_grams) / 1000).quantize(Decimal("0.1")),
                service_minutes=ORDER_SERVICE_MINUTES,
                note=order.number,
                **_window(hub),
            )
        )
    for delivery in _importable_deliveries(hub, run_date):
        contract = delivery.contract
        reference = f"{contract.organisation.name} #{delivery.sequence}"
        if delivery.pk in taken_deliveries:
            result.already += 1
            continue
        ward = contract.demand.delivery_ward
        point = ward_point(ward) if ward is not None else None
        if point is None:
            result.skipped.append((reference, "no_coordinates"))
            continue
        kilograms = delivery.quantity * KG_PER_TRADE_UNIT.get(contract.unit, 1)
        stops.append(
            Stop(
                hub=hub,
                run_date=run_date,
                source=Stop.Source.CONTRACT,
                contract_delivery=delivery,
                name=contract.organisation.name[:120],
                ward=ward,
                latitude=point[0],
                longitude=point[1],
                demand_kg=Decimal(kilograms),
                service_minutes=DELIVERY_SERVICE_MINUTES,
                note=reference[:300],
                **_window(hub),
            )
        )
    if not stops:
        return result
    try:
        with transaction.atomic():
            Stop.objects.bulk_create(stops)
            audit_record(
                context=context,
                action="logistics.stops.imported",
                obj=hub,
                after={"date": run_date.isoformat(), "stops": len(stops)},
            )
            plan_refresh_after_change(hub=hub, run_date=run_date)
    except IntegrityError:
        # Another manager imported the same orders a moment ago: theirs stand, nothing added.
        result.already += len(stops)
        return result
    result.created = len(stops)
    return result
