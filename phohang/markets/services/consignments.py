"""Consignments arriving at a market: registration with a traceability code, checks, sale."""

import secrets
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.core.audit import AuditContext, audit_record, snapshot
from phohang.core.errors import Conflict, DomainError
from phohang.core.transitions import StateMachine, history_row, history_start, transition
from phohang.trade.models import Delivery
from phohang.trade.services import delivery_received_at_market

from ..models import Certification, Consignment, ConsignmentEvent, Market, Unit

MANAGER = "manager"
S = Consignment.Status
CONSIGNMENT = StateMachine(
    name="markets.consignment",
    moves={
        (S.ARRIVED, S.PASSED): {MANAGER},
        (S.ARRIVED, S.REJECTED): {MANAGER},
        (S.PASSED, S.ON_SALE): {MANAGER},
        (S.PASSED, S.REJECTED): {MANAGER},
        (S.ON_SALE, S.SOLD_OUT): {MANAGER},
    },
    history=history_row(ConsignmentEvent, "consignment"),
)
# Crockford's base32 without I, L, O and U: codes read aloud or typed from a label stay unambiguous.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
KG_PER_UNIT = {Unit.KG: Decimal(1), Unit.TONNE: Decimal(1000), Unit.CRATE: Decimal(20)}
# A scale or a phone clock may run a little ahead of the server.
CLOCK_SLACK = timedelta(minutes=15)
# The stored name of a check result that came without one.
CHECK_NAME = "ket-qua-kiem-tra.pdf"
CONSIGNMENT_FIELDS = (
    "trader",
    "goods",
    "goods_group",
    "quantity",
    "unit",
    "origin_province",
    "origin_ward",
    "producer_seller",
    "producer_name",
    "harvest_date",
    "certifications",
    "ocop_stars",
    "contract_delivery",
    "arrived_at",
    "check_kind",
)


def trace_code_new(market: Market) -> str:
    """`LB-7K3Q9PXM`: the market's code and 40 random bits (not guessable, not sequential)."""
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{market.code}-{body}"


def _weight_kg(data: dict[str, Any]) -> Decimal:
    given = data.get("weight_kg")
    if given:
        return Decimal(given)
    per_unit = KG_PER_UNIT.get(data["unit"])
    if per_unit is None:
        raise DomainError(
            "weight_missing",
            _("Give the total weight in kg for goods counted in this unit."),
            "weight_kg",
        )
    return (Decimal(data["quantity"]) * per_unit).quantize(Decimal("0.1"))


def _check(market: Market, data: dict[str, Any]) -> None:
    arrived_at = data["arrived_at"]
    if arrived_at > timezone.now() + CLOCK_SLACK:
        raise DomainError(
            "arrival_in_future", _("The arrival time cannot be in the future."), "arrived_at"
        )
    if data["harvest_date"] > timezone.localtime(arrived_at).date():
        raise DomainError(
            "harvest_after_arrival",
            _("The harvest or production date cannot be after the consignment arrived."),
            "harvest_date",
        )
    if Decimal(data["quantity"]) <= 0:
        raise DomainError("quantity", _("The quantity must be more than zero."), "quantity")
    trader = data.get("trader")
    if trader is not None and trader.market_id != market.pk:
        raise DomainError("trader", _("This trader does not trade at this market."), "trader")
    ward = data.get("origin_ward")
    if ward is not None and ward.province_id != data["origin_province"].pk:
        raise DomainError("ward", _("This ward is not in the chosen province."), "origin_ward")
    stars = data.get("ocop_stars")
    if stars is not None and not 3 <= stars <= 5:
        raise DomainError("ocop_stars", _("OCOP ratings are 3, 4 or 5 stars."), "ocop_stars")
    unknown = set(data.get("certifications") or ()) - set(Certification.values)
    if unknown:
        raise DomainError("certifications", _("Unknown certification."), "certifications")
    delivery = data.get("contract_delivery")
    if delivery is not None:
        if delivery.contract.destination_province_id != market.ward.province_id:
            raise DomainError(
                "delivery_elsewhere",
                _("This contract delivery goes to another province than this market's."),
                "contract_delivery",
            )
        if delivery.status == Delivery.Status.RECEIVED:
            raise Conflict(
                "delivery_received", _("This contract delivery has already been received.")
            )
        if Consignment.objects.filter(contract_delivery=delivery).exists():
            raise Conflict(
                "delivery_taken",
                _("Another consignment already fulfils this contract delivery."),
            )
        producer = data.get("producer_seller")
        if producer is not None and producer.pk != delivery.contract.seller_id:
            raise DomainError(
                "delivery_seller",
                _("The contract delivery is from another seller than the producer."),
                "contract_delivery",
            )


def consignment_register(
    *,
    market: Market,
    data: dict[str, Any],
    check_document: File[bytes] | None = None,
    user: Any,
    context: AuditContext,
) -> Consignment:
    """Register a consignment arriving at `market` and give it its traceability code."""
    _check(market, data)
    fields = {k: data[k] for k in CONSIGNMENT_FIELDS if k in data}
    delivery = fields.get("contract_delivery")
    if delivery is not None and fields.get("producer_seller") is None:
        fields["producer_seller"] = delivery.contract.seller
    if not fields.get("producer_name") and fields.get("producer_seller") is not None:
        fields["producer_name"] = fields["producer_seller"].name
    if not fields.get("producer_name"):
        raise DomainError("producer", _("Name the producer."), "producer_name")
    with transaction.atomic():
        code = trace_code_new(market)
        while Consignment.objects.filter(code=code).exists():
            code = trace_code_new(market)
        consignment = Consignment(
            market=market,
            code=code,
            weight_kg=_weight_kg(data),
            arrived_on=timezone.localtime(fields["arrived_at"]).date(),
            created_by=user if getattr(user, "pk", None) else None,
            **fields,
        )
        if check_document is not None:
            consignment.check_document.save(
                check_document.name or CHECK_NAME, check_document, save=False
            )
        consignment.save()
        history_start(CONSIGNMENT, consignment, actor=user)
        if delivery is not None:
            # The buyer's contract counts the delivery as received here (the last one
            # completes the contract).
            delivery_received_at_market(
                delivery=delivery, user=user, market_name=market.name, context=context
            )
        audit_record(
            context=context,
            action="markets.consignment.registered",
            obj=consignment,
            after=snapshot(consignment, ["code", "goods", "quantity", "unit", "harvest_date"])
            | {"market": market.slug, "delivery": delivery.pk if delivery else None},
        )
    return consignment


@transaction.atomic
def consignment_move(
    *, consignment: Consignment, to: str, user: Any, note: str = "", context: AuditContext
) -> Consignment:
    """Checks passed or failed, on sale, sold out: one move of the consignment's status."""
    if to == S.PASSED and not consignment.check_document:
        raise DomainError(
            "check_document",
            _("Attach the check result before marking the checks as passed."),
            "check_document",
        )
    result = transition(
        CONSIGNMENT,
        consignment,
        to=to,
        actor_kind=MANAGER,
        actor=user,
        note=note,
        context=context,
    )
    assert isinstance(result, Consignment)
    return result


@transaction.atomic
def consignment_check_attach(
    *, consignment: Consignment, document: File[bytes], context: AuditContext
) -> Consignment:
    """Attach (or replace) the quarantine or food-safety result document."""
    consignment.check_document.save(document.name or CHECK_NAME, document, save=False)
    Consignment.objects.filter(pk=consignment.pk).update(check_document=consignment.check_document)
    audit_record(
        context=context, action="markets.consignment.check_attached", obj=consignment, after={}
    )
    return consignment


@transaction.atomic
def consignment_link_product(
    *, consignment: Consignment, product: Any, context: AuditContext
) -> Consignment:
    """Show this lot's trace on a marketplace product of its producer (None unlinks)."""
    if product is not None and product.seller_id != consignment.producer_seller_id:
        raise DomainError(
            "product_seller",
            _("Only a product of the lot's producer can show its trace."),
            "product",
        )
    before = {"product": consignment.product_id}
    Consignment.objects.filter(pk=consignment.pk).update(product=product)
    consignment.product = product
    audit_record(
        context=context,
        action="markets.consignment.product_linked",
        obj=consignment,
        before=before,
        after={"product": product.pk if product else None},
    )
    return consignment
