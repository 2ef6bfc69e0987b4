"""Hubs, stops, route plans and shipments over /api/v1/logistics/.

Creating a stop, a plan or a shipment needs an Idempotency-Key: one key is one object, replayed
as first answered (`Idempotent-Replayed: true`). Every object is reachable only by the hub's
managers (route planning) or the parcel's buyer and seller (shipments); others get 404.
"""

import datetime
import json
from decimal import Decimal
from uuid import UUID

from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Field, Header, Router, Schema
from ninja.pagination import paginate

from phohang.core.api.pagination import CappedPageNumberPagination
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError, NotFound
from phohang.core.idempotency import idempotent_call
from phohang.geo.models import Ward
from phohang.orders.api import keyed_response

from . import selectors, services
from .models import Carrier, PlanRun, Shipment, Stop
from .services.planning import reason_text

router = Router(tags=["logistics"])
PUBLIC_OPERATIONS: frozenset[str] = frozenset()


class CarrierSignature:
    """Carriers have no session or token: a callback authenticates by its carrier's own proof.
    A forged one is refused with a clear 403 before anything is read or stored."""

    def __call__(self, request):
        carrier = str(request.resolver_match.kwargs.get("carrier", ""))
        if not services.shipment_webhook_verify(
            carrier=carrier, headers=request.headers, query=request.GET, body=request.body
        ):
            raise services.WebhookRefused()
        return carrier


def _found(getter, *args):
    try:
        return getter(*args)
    except NotFound as error:
        raise Http404 from error


class HubOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str
    kind: str
    street: str
    latitude: float
    longitude: float
    opens_at: datetime.time
    closes_at: datetime.time


class StopIn(Schema):
    date: datetime.date
    name: str = Field(max_length=120)
    kind: Stop.Kind = Stop.Kind.DELIVERY
    phone: str = Field("", max_length=16)
    street: str = Field("", max_length=200)
    ward_code: str | None = Field(None, max_length=5)
    latitude: float | None = None
    longitude: float | None = None
    demand_kg: Decimal = Field(ge=0, max_digits=8, decimal_places=1)
    volume_m3: Decimal = Field(Decimal(0), ge=0, max_digits=6, decimal_places=2)
    window_start: datetime.time
    window_end: datetime.time
    window_ends_next_day: bool = False
    service_minutes: int = Field(5, ge=0, le=600)
    note: str = Field("", max_length=300)


class StopPatch(Schema):
    latitude: float | None = None
    longitude: float | None = None
    demand_kg: Decimal | None = Field(None, ge=0, max_digits=8, decimal_places=1)
    window_start: datetime.time | None = None
    window_end: datetime.time | None = None
    window_ends_next_day: bool | None = None
    service_minutes: int | None = Field(None, ge=0, le=600)


class StopOut(Schema):
    id: UUID = Field(alias="public_id")
    date: datetime.date = Field(alias="run_date")
    name: str
    kind: str
    latitude: float | None
    longitude: float | None
    demand_kg: Decimal
    volume_m3: Decimal
    window_start: datetime.time
    window_end: datetime.time
    window_ends_next_day: bool
    service_minutes: int
    status: str


class PlanIn(Schema):
    date: datetime.date
    time_limit_s: int = Field(30, ge=1, le=600)


class UnservedOut(Schema):
    stop: UUID
    name: str
    reason: str
    message: str


class PlanOut(Schema):
    id: UUID = Field(alias="public_id")
    date: datetime.date = Field(alias="run_date")
    status: str
    progress: int
    time_limit_s: int
    is_stale: bool
    routes: list[dict]
    unserved: list[UnservedOut]
    distance_m: int | None


class ShipmentIn(Schema):
    carrier: Carrier


class ShipmentEventOut(Schema):
    status: str = Field(alias="to_status")
    note: str
    at: datetime.datetime = Field(alias="created_at")


class ShipmentOut(Schema):
    id: UUID = Field(alias="public_id")
    carrier: str
    tracking_code: str
    status: str
    order_number: str | None
    contract: UUID | None
    delivery_sequence: int | None
    cod_vnd: int
    cod_collected_vnd: int | None
    fee_vnd: int
    events: list[ShipmentEventOut]


def _plan_out(plan: PlanRun) -> dict:
    result = plan.result or {}
    return {
        "public_id": plan.public_id,
        "run_date": plan.run_date,
        "status": plan.status,
        "progress": plan.progress,
        "time_limit_s": plan.time_limit_s,
        "is_stale": plan.is_finished and selectors.plan_is_stale(plan),
        "routes": result.get("routes", []),
        "unserved": [
            {**item, "message": str(reason_text(item["reason"]))}
            for item in result.get("unserved", [])
        ],
        "distance_m": result.get("distance_m"),
    }


def _shipment_out(shipment: Shipment) -> dict:
    delivery = shipment.contract_delivery
    return {
        "public_id": shipment.public_id,
        "carrier": shipment.carrier,
        "tracking_code": shipment.tracking_code,
        "status": shipment.status,
        "order_number": shipment.order.number if shipment.order_id else None,
        "contract": delivery.contract.public_id if delivery else None,
        "delivery_sequence": delivery.sequence if delivery else None,
        "cod_vnd": shipment.cod_vnd,
        "cod_collected_vnd": shipment.cod_collected_vnd,
        "fee_vnd": shipment.fee_vnd,
        "events": list(shipment.events.order_by("created_at", "id")),
    }


def _error_body(error: DomainError) -> dict:
    """The API's error shape (`core.api.errors`), stored with the key and replayed."""
    messages = {}
    for language in ("vi", "en"):
        with translation.override(language):
            messages[language] = str(error.message)
    return {"error": {"code": error.code, "message": messages, "field": error.field}}


def _keyed(request, *, scope: str, key: str, payload, create, out, status: int = 201):
    """Create once per Idempotency-Key (`create()` makes the object, `out(obj)` its body); a
    refusal is answered and nothing is kept."""

    def call() -> tuple[int, str]:
        try:
            created = create()
        except DomainError as error:
            return error.status, json.dumps(_error_body(error))
        body = out(created) | {"id": str(created.public_id)}
        return status, json.dumps(body, default=str)

    return keyed_response(
        idempotent_call, user=request.user, scope=scope, key=key, payload=payload, call=call
    )


@router.get("/hubs", response=list[HubOut], summary="Hubs you manage")
@paginate(CappedPageNumberPagination)
def hub_list(request):
    return selectors.hub_list_for(request.user)


@router.get("/hubs/{public_id}", response=HubOut, summary="One hub you manage")
def hub_get(request, public_id: UUID):
    return _found(selectors.hub_get_for, request.user, public_id)


@router.get("/hubs/{public_id}/stops", response=list[StopOut], summary="A hub's stops of a day")
@paginate(CappedPageNumberPagination)
def stop_list(request, public_id: UUID, date: datetime.date):
    hub = _found(selectors.hub_get_for, request.user, public_id)
    return selectors.stop_list(hub, date)


@router.post(
    "/hubs/{public_id}/stops",
    response={201: StopOut},
    summary="Add a stop (needs coordinates or a ward, and a window that ends after it starts)",
)
def stop_create(request, public_id: UUID, data: StopIn, idempotency_key: str = Header(...)):
    hub = _found(selectors.hub_get_for, request.user, public_id)
    fields = data.dict(exclude={"date", "ward_code"})
    if data.ward_code:
        ward = Ward.objects.filter(code=data.ward_code).first()
        if ward is None:
            raise DomainError("ward", _("Unknown ward code."), "ward_code")
        fields["ward"] = ward

    return _keyed(
        request,
        scope=f"logistics.stop:{hub.pk}",
        key=idempotency_key,
        payload=data.dict(),
        create=lambda: services.stop_create(
            hub=hub, run_date=data.date, data=fields, context=audit_context_from_request(request)
        ),
        out=lambda stop: StopOut.from_orm(stop).dict(by_alias=False),
    )


@router.patch("/stops/{public_id}", response=StopOut, summary="Move or change a stop")
def stop_update(request, public_id: UUID, data: StopPatch):
    stop = _found(selectors.stop_get_for, request.user, public_id)
    changes = data.dict(exclude_unset=True)
    return services.stop_update(
        stop=stop, data=changes, context=audit_context_from_request(request)
    )


@router.post(
    "/hubs/{public_id}/plans",
    response={202: PlanOut},
    summary="Plan the day's routes in the background; poll the plan for progress",
)
def plan_create(request, public_id: UUID, data: PlanIn, idempotency_key: str = Header(...)):
    hub = _found(selectors.hub_get_for, request.user, public_id)

    return _keyed(
        request,
        scope=f"logistics.plan:{hub.pk}",
        key=idempotency_key,
        payload=data.dict(),
        create=lambda: services.plan_start(
            hub=hub,
            run_date=data.date,
            time_limit_s=data.time_limit_s,
            user=request.user,
            context=audit_context_from_request(request),
        ),
        out=lambda plan: PlanOut(**_plan_out(plan)).dict(),
        status=202,
    )


@router.get("/plans/{public_id}", response=PlanOut, summary="A plan: progress, routes, unserved")
def plan_get(request, public_id: UUID):
    plan = _found(selectors.plan_get_for, request.user, public_id)
    return _plan_out(plan)


@router.get(
    "/shipments",
    response=list[ShipmentOut],
    summary="Parcels you buy or your shop sends (?kind=order or delivery)",
)
@paginate(CappedPageNumberPagination)
def shipment_list(request, kind: str | None = None):
    shipments = selectors.shipment_list_for(request.user)
    if kind not in (None, "order", "delivery"):
        raise DomainError("kind", _("Kind is order or delivery."), "kind")
    if kind == "order":
        shipments = shipments.filter(order__isnull=False)
    elif kind == "delivery":
        shipments = shipments.filter(contract_delivery__isnull=False)
    return [_shipment_out(s) for s in shipments[:500]]


@router.get("/shipments/{public_id}", response=ShipmentOut, summary="One parcel and its timeline")
def shipment_get(request, public_id: UUID):
    return _shipment_out(_found(selectors.shipment_get_for, request.user, public_id))


def _shipment_keyed(request, *, scope: str, key: str, data: ShipmentIn, book):
    """Book a parcel once per Idempotency-Key; `book(carrier, key)` makes the shipment."""
    return _keyed(
        request,
        scope=scope,
        key=key,
        payload=data.dict(),
        create=lambda: book(data.carrier, key),
        out=lambda shipment: ShipmentOut(**_shipment_out(shipment)).dict(),
    )


@router.post(
    "/orders/{public_id}/shipment",
    response={201: ShipmentOut},
    summary="Book a packed order with a carrier (the order becomes shipped)",
)
def shipment_create(request, public_id: UUID, data: ShipmentIn, idempotency_key: str = Header(...)):
    # Any status: a replayed booking finds its order (now shipped) and gets its first answer.
    order = _found(
        lambda: selectors.order_for_seller_member(request.user, public_id, packed_only=False)
    )
    return _shipment_keyed(
        request,
        scope=f"logistics.shipment:{order.pk}",
        key=idempotency_key,
        data=data,
        book=lambda carrier, key: services.shipment_create_for_order(
            order=order,
            carrier=carrier,
            user=request.user,
            idempotency_key=key,
            context=audit_context_from_request(request),
        ),
    )


class DeliveryOut(Schema):
    contract: UUID
    sequence: int
    due_date: datetime.date
    quantity: int
    unit: str
    weight_kg: int
    buyer: str
    ward_code: str | None
    status: str


def _delivery_out(delivery) -> dict:
    contract = delivery.contract
    ward = contract.demand.delivery_ward
    return {
        "contract": contract.public_id,
        "sequence": delivery.sequence,
        "due_date": delivery.due_date,
        "quantity": delivery.quantity,
        "unit": contract.unit,
        "weight_kg": services.delivery_weight_grams(delivery) // 1000,
        "buyer": contract.organisation.name,
        "ward_code": ward.code if ward else None,
        "status": delivery.status,
    }


@router.get(
    "/deliveries",
    response=list[DeliveryOut],
    summary="Contract deliveries your shop has to send (scheduled, contract in force)",
)
@paginate(CappedPageNumberPagination)
def delivery_list(request):
    deliveries = selectors.deliveries_to_ship_for_seller_member(request.user)
    return [_delivery_out(d) for d in deliveries[:500]]


@router.post(
    "/contracts/{contract_id}/deliveries/{sequence}/shipment",
    response={201: ShipmentOut},
    summary="Book a scheduled contract delivery with a carrier (the delivery becomes shipped)",
)
def delivery_shipment_create(
    request, contract_id: UUID, sequence: int, data: ShipmentIn, idempotency_key: str = Header(...)
):
    delivery = _found(
        lambda: selectors.delivery_for_seller_member(
            request.user, contract_id, sequence, scheduled_only=False
        )
    )
    return _shipment_keyed(
        request,
        scope=f"logistics.delivery_shipment:{delivery.pk}",
        key=idempotency_key,
        data=data,
        book=lambda carrier, key: services.shipment_create_for_delivery(
            delivery=delivery,
            carrier=carrier,
            user=request.user,
            idempotency_key=key,
            context=audit_context_from_request(request),
        ),
    )


@router.get(
    "/contracts/{contract_id}/shipments",
    response=list[ShipmentOut],
    summary="A supply contract's parcels, for the seller's and the buyer's teams",
)
@paginate(CappedPageNumberPagination)
def contract_shipment_list(request, contract_id: UUID):
    shipments = selectors.shipment_list_for(request.user).filter(
        contract_delivery__contract__public_id=contract_id
    )
    return [_shipment_out(s) for s in shipments[:500]]


@router.post(
    "/carriers/{carrier}/webhook",
    auth=CarrierSignature(),
    response={200: dict},
    summary="A carrier's status callback (GHN token header, GHTK ?hash=, Viettel Post TOKEN)",
)
def carrier_webhook(request, carrier: str):
    """Verified by the carrier's own scheme and applied once; a forged one gets 403."""
    outcome = services.shipment_webhook_receive(
        carrier=carrier, headers=request.headers, query=request.GET, body=request.body
    )
    return {"outcome": outcome}
