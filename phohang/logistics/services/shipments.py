"""Shipments: handed to a carrier once per idempotency key, moved only by verified carrier events."""

import json
import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import Conflict, DomainError, Forbidden
from phohang.core.transitions import StateMachine, history_row, history_start, transition
from phohang.orders.models import Order
from phohang.orders.services import IllegalTransition, order_mark_delivered, order_ship
from phohang.orders.services.state import Actor
from phohang.payments.services import cod_collect
from phohang.trade.models import Delivery
from phohang.trade.services import delivery_mark_shipped

from ..carriers import ParcelRequest, Party, TrackingEvent, adapter_for, configured_carriers
from ..models import Carrier, CarrierWebhook, Shipment, ShipmentEvent
from ..models import ShipmentStatus as S

if TYPE_CHECKING:
    from phohang.accounts.models import User

logger = logging.getLogger("phohang.logistics")

CARRIER, SELLER, STAFF = "carrier", "seller", "staff"
_MOVING = (S.CREATED, S.PICKED_UP, S.IN_TRANSIT, S.OUT_FOR_DELIVERY, S.FAILED)
_FORWARD = {
    S.CREATED: (S.PICKED_UP, S.IN_TRANSIT, S.OUT_FOR_DELIVERY, S.DELIVERED, S.FAILED, S.RETURNING),
    S.PICKED_UP: (S.IN_TRANSIT, S.OUT_FOR_DELIVERY, S.DELIVERED, S.FAILED, S.RETURNING),
    S.IN_TRANSIT: (S.OUT_FOR_DELIVERY, S.DELIVERED, S.FAILED, S.RETURNING),
    S.OUT_FOR_DELIVERY: (S.IN_TRANSIT, S.DELIVERED, S.FAILED, S.RETURNING),
    S.FAILED: (S.IN_TRANSIT, S.OUT_FOR_DELIVERY, S.DELIVERED, S.RETURNING),
    S.RETURNING: (S.RETURNED,),
}
MOVES: dict[tuple[str, str], frozenset[str]] = {
    (origin, target): frozenset({CARRIER})
    for origin, targets in _FORWARD.items()
    for target in targets
}
# The carrier cancels on its side; the seller cancels before pickup (then we tell the carrier).
MOVES |= {(origin, S.CANCELLED): frozenset({CARRIER}) for origin in _MOVING}
MOVES[(S.CREATED, S.CANCELLED)] = frozenset({CARRIER, SELLER, STAFF})
SHIPMENT = StateMachine(
    name="logistics.shipment", moves=MOVES, history=history_row(ShipmentEvent, "shipment")
)


class WebhookRefused(DomainError):
    """A callback that is not from the carrier (forged, unsigned) or not in its shape."""

    status = 403

    def __init__(self) -> None:
        super().__init__("webhook_refused", _("This callback is not signed by the carrier."))


def _is_seller_member(user: "User", seller_id: int) -> bool:
    return bool(
        user.is_authenticated
        and user.seller_memberships.filter(seller_id=seller_id, is_active=True).exists()
    )


def _party_of_order(order: Order) -> tuple[Party, Party]:
    seller = order.seller
    address = order.address
    pickup = seller.address
    sender = Party(
        name=seller.name,
        phone=seller.contact_phone,
        street=pickup.street,
        ward_code=pickup.ward.code,
        ward_name=pickup.ward.name,
        province_name=pickup.province.name,
    )
    recipient = Party(
        name=order.recipient_name,
        phone=order.recipient_phone,
        street=address.street,
        ward_code=address.ward.code,
        ward_name=address.ward.name,
        province_name=address.province.name,
    )
    return sender, recipient


def _parcel_of_order(order: Order) -> ParcelRequest:
    sender, recipient = _party_of_order(order)
    is_cod = order.payment_method == "cod"
    return ParcelRequest(
        reference=order.number,
        sender=sender,
        recipient=recipient,
        weight_grams=max(order.weight_grams, 100),
        cod_vnd=order.total_vnd if is_cod else 0,
        value_vnd=order.subtotal_vnd,
        content=", ".join(str(line) for line in order.lines.all()[:3])[:200],
    )


def shipment_quote(*, order: Order, carrier: str) -> int:
    """The carrier's fee for the order's parcel, in đồng."""
    return adapter_for(carrier).quote(_parcel_of_order(order)).fee_vnd


def _key_checked(idempotency_key: str) -> str:
    key = (idempotency_key or "").strip()[:100]
    if len(key) < 8:
        raise DomainError("idempotency_key", _("The request lacks its idempotency key."))
    return key


def _book(
    *,
    carrier: str,
    parcel: ParcelRequest,
    key: str,
    seller_id: int,
    buyer_id: int,
    user: "User",
    context: AuditContext,
    mark_shipped: Callable[[str], None],
    order: Order | None = None,
    delivery: Delivery | None = None,
) -> Shipment:
    """Hand the parcel to the carrier, store the shipment and move its order or delivery on."""
    created = adapter_for(carrier).create(parcel, idempotency_key=key)
    try:
        with transaction.atomic():
            shipment = Shipment.objects.create(
                carrier=carrier,
                tracking_code=created.tracking_code,
                seller_id=seller_id,
                buyer_id=buyer_id,
                order=order,
                contract_delivery=delivery,
                recipient_name=parcel.recipient.name[:120],
                recipient_phone=parcel.recipient.phone[:16],
                address_text=parcel.recipient.address[:300],
                weight_grams=parcel.weight_grams,
                fee_vnd=created.fee_vnd,
                cod_vnd=parcel.cod_vnd,
                idempotency_key=key,
                created_by=user,
            )
            history_start(SHIPMENT, shipment, actor=user)
            mark_shipped(created.tracking_code)
            audit_record(
                context=context,
                action="logistics.shipment.created",
                obj=shipment,
                after={"carrier": carrier, "tracking_code": created.tracking_code},
            )
    except IntegrityError:
        # A concurrent request with the same key won: answer with its shipment.
        return Shipment.objects.get(seller_id=seller_id, idempotency_key=key)
    return shipment


def _booked_before(
    *, seller_id: int, carrier: str, idempotency_key: str
) -> tuple[str, Shipment | None]:
    """The checked key and the seller's shipment already booked with it, if any."""
    if carrier not in configured_carriers():
        raise DomainError("carrier", _("Choose one of the carriers offered."), "carrier")
    key = _key_checked(idempotency_key)
    return key, Shipment.objects.filter(seller_id=seller_id, idempotency_key=key).first()


def _same_request(existing: Shipment, same_parcel: bool, carrier: str) -> Shipment:
    """A replayed key gives its shipment; the key reused for another parcel is refused."""
    if not same_parcel or existing.carrier != carrier:
        raise Conflict("idempotency_key_reused", _("This key was used for another request."))
    return existing


def shipment_create_for_order(
    *, order: Order, carrier: str, user: "User", idempotency_key: str, context: AuditContext
) -> Shipment:
    """Book the packed order with `carrier` and mark it shipped; the same key gives the same
    shipment, and the carrier gets the key as its client order code (no second parcel)."""
    if not _is_seller_member(user, order.seller_id):
        raise Forbidden("not_seller", _("Only the seller's team can ship this order."))
    key, existing = _booked_before(
        seller_id=order.seller_id, carrier=carrier, idempotency_key=idempotency_key
    )
    if existing is not None:
        return _same_request(existing, existing.order_id == order.pk, carrier)
    if order.status != Order.Status.PACKED:
        raise Conflict("not_packed", _("Pack the order before handing it to a carrier."))

    def mark_shipped(tracking_code: str) -> None:
        order_ship(
            order=order,
            actor=user,
            carrier=Carrier(carrier).label,
            tracking_number=tracking_code,
            context=context,
        )

    try:
        return _book(
            carrier=carrier,
            parcel=_parcel_of_order(order),
            key=key,
            seller_id=order.seller_id,
            buyer_id=order.buyer_id,
            user=user,
            context=context,
            mark_shipped=mark_shipped,
            order=order,
        )
    except IllegalTransition as error:
        raise Conflict("not_packed", _("Pack the order before handing it to a carrier.")) from error


def _parcel_of_delivery(delivery: Delivery) -> ParcelRequest:
    contract = delivery.contract
    seller = contract.seller
    pickup = seller.address
    ward = contract.demand.delivery_ward
    if ward is None:
        raise DomainError(
            "no_address", _("The buyer's demand names no delivery ward; agree it with the buyer.")
        )
    buyer = contract.signed_by
    return ParcelRequest(
        reference=f"HD{contract.pk}-{delivery.sequence}",
        sender=Party(
            name=seller.name,
            phone=seller.contact_phone,
            street=pickup.street,
            ward_code=pickup.ward.code,
            ward_name=pickup.ward.name,
            province_name=pickup.province.name,
        ),
        recipient=Party(
            name=contract.organisation.name[:120],
            phone=buyer.phone or "",
            street=contract.organisation.name[:120],
            ward_code=ward.code,
            ward_name=ward.name,
            province_name=ward.province.name,
        ),
        weight_grams=max(delivery_weight_grams(delivery), 100),
        cod_vnd=0,
        value_vnd=contract.price_per_unit_vnd * delivery.quantity,
        content=str(contract.demand.title)[:200],
    )


def delivery_weight_grams(delivery: Delivery) -> int:
    """The delivery's weight from the contract's unit (about 1 kg for counted goods)."""
    from .imports import KG_PER_TRADE_UNIT

    return delivery.quantity * KG_PER_TRADE_UNIT.get(delivery.contract.unit, 1) * 1000


def shipment_create_for_delivery(
    *,
    delivery: Delivery,
    carrier: str,
    user: "User",
    idempotency_key: str,
    context: AuditContext,
) -> Shipment:
    """Book a scheduled contract delivery with `carrier` and mark it shipped (trade's
    transition); the buyer then confirms receipt in trade, as for any delivery."""
    contract = delivery.contract
    if not _is_seller_member(user, contract.seller_id):
        raise Forbidden("not_seller", _("Only the seller's team can ship this delivery."))
    key, existing = _booked_before(
        seller_id=contract.seller_id, carrier=carrier, idempotency_key=idempotency_key
    )
    if existing is not None:
        return _same_request(existing, existing.contract_delivery_id == delivery.pk, carrier)
    if delivery.status != Delivery.Status.SCHEDULED:
        raise Conflict("not_scheduled", _("This delivery has been shipped already."))

    def mark_shipped(_tracking_code: str) -> None:
        delivery_mark_shipped(user=user, delivery=delivery, context=context)

    return _book(
        carrier=carrier,
        parcel=_parcel_of_delivery(delivery),
        key=key,
        seller_id=contract.seller_id,
        buyer_id=contract.signed_by_id,
        user=user,
        context=context,
        mark_shipped=mark_shipped,
        delivery=delivery,
    )


def shipment_quote_for_delivery(*, delivery: Delivery, carrier: str) -> int:
    return adapter_for(carrier).quote(_parcel_of_delivery(delivery)).fee_vnd


def shipment_cancel(*, shipment: Shipment, user: "User", context: AuditContext) -> Shipment:
    """The seller calls the parcel off before the carrier picks it up."""
    if not _is_seller_member(user, shipment.seller_id):
        raise Forbidden("not_seller", _("Only the seller's team can cancel this shipment."))
    if shipment.status != S.CREATED:
        raise Conflict("picked_up", _("The carrier has the parcel already; ask it to return it."))
    adapter_for(shipment.carrier).cancel(shipment.tracking_code)
    with transaction.atomic():
        return transition(
            SHIPMENT, shipment, to=S.CANCELLED, actor_kind=SELLER, actor=user, context=context
        )


def _store_once(
    carrier: str, event: TrackingEvent, payload: dict[str, Any]
) -> CarrierWebhook | None:
    """The event's row, or None when the same event came before (a replay changes nothing)."""
    try:
        with transaction.atomic():
            return CarrierWebhook.objects.create(
                carrier=carrier, event_key=event.key, outcome="received", payload=payload
            )
    except IntegrityError:
        return None


def shipment_webhook_verify(
    *, carrier: str, headers: Mapping[str, str], query: Mapping[str, str], body: bytes
) -> bool:
    """Whether the callback carries `carrier`'s own proof (token header, ?hash= or body token)."""
    if carrier not in configured_carriers():
        return False
    return adapter_for(carrier).verify_webhook(headers, query, body)


def shipment_webhook_receive(
    *, carrier: str, headers: Mapping[str, str], query: Mapping[str, str], body: bytes
) -> str:
    """Apply one carrier callback: verified, once, never backwards. Returns the outcome
    (applied, replayed, stale, unchanged, unknown); raises WebhookRefused for a forged one."""
    if not shipment_webhook_verify(carrier=carrier, headers=headers, query=query, body=body):
        logger.warning("refused an unsigned %s callback", carrier[:20])
        raise WebhookRefused()
    adapter = adapter_for(carrier)
    try:
        event = adapter.parse_webhook(body)
        payload = json.loads(body)
    except (ValueError, KeyError, TypeError) as error:
        raise DomainError(
            "webhook_shape", _("The callback is not in the carrier's format.")
        ) from error
    with transaction.atomic():
        receipt = _store_once(carrier, event, payload)
        if receipt is None:
            return "replayed"
        shipment = (
            Shipment.objects.select_for_update()
            .filter(carrier=carrier, tracking_code=event.tracking_code)
            .first()
        )
        outcome = _apply(shipment, event)
        CarrierWebhook.objects.filter(pk=receipt.pk).update(shipment=shipment, outcome=outcome)
    return outcome


def _apply(shipment: Shipment | None, event: TrackingEvent) -> str:
    if shipment is None:
        return "unknown"
    if shipment.carrier_updated_at and event.at <= shipment.carrier_updated_at:
        return "stale"  # an older event arriving late never moves the parcel back
    fields: dict[str, object] = {"carrier_updated_at": event.at}
    if event.status is None or event.status == shipment.status:
        Shipment.objects.filter(pk=shipment.pk).update(**fields)
        return "unchanged"
    if not SHIPMENT.allows(shipment, event.status, CARRIER):
        logger.warning(
            "%s %s: %s → %s not allowed",
            shipment.carrier,
            shipment.tracking_code,
            shipment.status,
            event.status,
        )
        Shipment.objects.filter(pk=shipment.pk).update(**fields)
        return "unchanged"
    if event.status == S.DELIVERED and shipment.cod_vnd:
        fields["cod_collected_vnd"] = event.cod_collected_vnd or 0
    transition(
        SHIPMENT,
        shipment,
        to=event.status,
        actor_kind=CARRIER,
        note=f"{shipment.get_carrier_display()}: {event.carrier_status}",
        fields=fields,
        audit_fields=["cod_collected_vnd"],
        now=timezone.now(),
    )
    if event.status == S.DELIVERED and shipment.order_id:
        _order_delivered(shipment, shipment.order_id, collected_vnd=fields.get("cod_collected_vnd"))
    return "applied"


def _order_delivered(shipment: Shipment, order_id: int, *, collected_vnd: object) -> None:
    """The carrier delivered the order's parcel: a prepaid order moves to delivered through the
    orders transition; a cash-on-delivery one through payments once the cash it reports matches
    (a mismatch waits in the COD review list). An order the buyer already confirmed stays."""
    order = Order.objects.get(pk=order_id)
    if order.status != Order.Status.SHIPPED:
        return
    try:
        if order.payment_method != "cod":
            order_mark_delivered(order=order, actor=None, actor_kind=Actor.CARRIER)
        elif collected_vnd == shipment.cod_vnd:
            cod_collect(order=order, actor=None)
    except IllegalTransition:
        logger.info("order %s was not moved to delivered", order.number)


def shipment_cod_review(*, shipment: Shipment, user: "User", context: AuditContext) -> Shipment:
    """Platform staff mark a cash-on-delivery mismatch as dealt with."""
    if not (user.is_authenticated and user.is_superuser):
        raise Forbidden("not_staff", _("Only platform staff review cash on delivery."))
    shipment.refresh_from_db()
    if not shipment.has_cod_mismatch or shipment.cod_reviewed_at:
        raise Conflict("no_mismatch", _("There is no open mismatch on this shipment."))
    with transaction.atomic():
        Shipment.objects.filter(pk=shipment.pk).update(cod_reviewed_at=timezone.now())
        audit_record(
            context=context,
            action="logistics.shipment.cod_reviewed",
            obj=shipment,
            before={"cod_vnd": shipment.cod_vnd, "cod_collected_vnd": shipment.cod_collected_vnd},
        )
    shipment.refresh_from_db()
    return shipment
