"""Payment status, starting a payment and refunds over /api/v1/payments/.

Paying and refunding need an Idempotency-Key: one key is one payment or refund, replayed as
first answered (`Idempotent-Replayed: true`).
"""

import hashlib
import json
from typing import Literal
from uuid import UUID

from django.db.models import Q
from django.http import Http404
from ninja import Field, Header, Router, Schema

from phohang.accounts.models import Role
from phohang.core.api import ApiError, api_error
from phohang.core.idempotency import idempotent_call, idempotent_committing_call
from phohang.orders import selectors as order_selectors
from phohang.orders.api import keyed_response
from phohang.orders.models import Order

from . import selectors, services, vietqr, vnpay
from .services.gateway_refunds import GatewayRefundUnverified
from .services.ledger import ledger_totals_by_order
from .services.refunds import REFUND_NOT_ALLOWED

router = Router(tags=["payments"])
PUBLIC_OPERATIONS: frozenset[str] = frozenset()


class OrderLedgerOut(Schema):
    number: str
    status: str
    total_vnd: int
    captured_vnd: int
    refunded_vnd: int
    paid_vnd: int


class PaymentStatusOut(Schema):
    checkout_id: UUID
    reference: str
    total_vnd: int
    payment_status: str | None
    payment_method: str | None
    orders: list[OrderLedgerOut]


class PayIn(Schema):
    method: Literal["vietqr", "vnpay"]


class PayOut(Schema):
    reference: str
    amount_vnd: int
    method: str
    vietqr_payload: str | None = None
    redirect_url: str | None = None


class RefundIn(Schema):
    amount_vnd: int = Field(ge=1)
    reason: str = Field("", max_length=300)


class RefundOut(Schema):
    id: UUID = Field(alias="public_id")
    amount_vnd: int
    status: str


@router.get(
    "/checkouts/{public_id}", response=PaymentStatusOut, summary="Payment status of a checkout"
)
def checkout_status(request, public_id: UUID):
    checkout = order_selectors.checkout_get_for_buyer(request.user, public_id)
    payment = selectors.payment_latest_for_checkout(checkout.pk)
    checkout_orders = list(order_selectors.orders_for_checkout(checkout))
    totals_by_order = ledger_totals_by_order([order.pk for order in checkout_orders])
    orders = []
    for order in checkout_orders:
        totals = totals_by_order[order.pk]
        orders.append(
            {
                "number": order.number,
                "status": order.status,
                "total_vnd": order.total_vnd,
                "captured_vnd": totals.captured_vnd,
                "refunded_vnd": totals.refunded_vnd,
                "paid_vnd": totals.paid_vnd,
            }
        )
    return {
        "checkout_id": checkout.public_id,
        "reference": checkout.reference,
        "total_vnd": checkout.total_vnd,
        "payment_status": payment.status if payment else None,
        "payment_method": payment.method if payment else None,
        "orders": orders,
    }


def _json_error(status: int, code: str, error: Exception) -> tuple[int, str]:
    """A refusal as the stored response, in the shape and both languages of an ApiError."""
    rendered = api_error(status, code, error.args[0] if error.args else str(error))
    message = {"vi": rendered.message_vi, "en": rendered.message_en}
    return status, json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False)


def _pay(request, checkout, method: str) -> tuple[int, str]:
    try:
        payment = services.payment_start(checkout=checkout, method=method)
    except services.PaymentError as error:
        return _json_error(409, "payment_refused", error)
    out = {
        "reference": payment.reference,
        "amount_vnd": payment.amount_vnd,
        "method": payment.method,
        "vietqr_payload": None,
        "redirect_url": None,
    }
    if payment.method == "vietqr":
        bank_bin, account = vietqr.platform_account()
        out["vietqr_payload"] = vietqr.transfer_payload(
            bank_bin=bank_bin,
            account=account,
            amount_vnd=payment.amount_vnd,
            reference=payment.reference,
        )
    else:
        out["redirect_url"] = vnpay.checkout_payment_url(request, payment, checkout.reference)
    return 200, json.dumps(out)


@router.post(
    "/checkouts/{public_id}/pay",
    response={200: PayOut, 409: dict, 422: dict},
    summary="Start paying a checkout online; needs an Idempotency-Key (one key, one payment)",
)
def checkout_pay(
    request,
    public_id: UUID,
    payload: PayIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", min_length=8, max_length=100),
):
    # Someone else's checkout answers 404 before the key is claimed: nothing is stored for it.
    checkout = order_selectors.checkout_get_for_buyer(request.user, public_id)
    return keyed_response(
        idempotent_call,
        user=request.user,
        scope="pay",
        key=idempotency_key,
        # The checkout is part of the request: the same key for another checkout is a reuse.
        payload={"checkout": str(public_id), **payload.dict()},
        call=lambda: _pay(request, checkout, payload.method),
    )


def _refund_key(user, idempotency_key: str) -> str:
    """The refund's own key, per user as the API key is; it resumes the refund after a timeout.

    Refund keys hold 100 characters: a longer one is hashed, as a cut one would no longer be
    found by the retry (and two keys sharing a long prefix would meet).
    """
    key = f"api-{user.pk}-{idempotency_key}"
    if len(key) <= 100:
        return key
    return f"api-{user.pk}-sha256-{hashlib.sha256(idempotency_key.encode()).hexdigest()}"


def _refund(request, order: Order, payload: RefundIn, idempotency_key: str) -> tuple[int, str]:
    try:
        refund = services.refund_issue(
            order=order,
            amount_vnd=payload.amount_vnd,
            idempotency_key=_refund_key(request.user, idempotency_key),
            actor=request.user,
            reason=payload.reason,
        )
    except GatewayRefundUnverified:
        raise  # the refund stays pending: free the API key so that a retry asks again
    except services.RefundError as error:
        return _json_error(422, "refund_refused", error)
    body = {"id": str(refund.public_id), "amount_vnd": refund.amount_vnd, "status": refund.status}
    return 200, json.dumps(body)


@router.post(
    "/orders/{public_id}/refunds",
    response={200: RefundOut, 409: dict, 422: dict, 502: dict, 503: dict},
    summary="Refund (part of) an order; the shop's staff or admins; needs an Idempotency-Key",
)
def refund_create(
    request,
    public_id: UUID,
    payload: RefundIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", min_length=8, max_length=100),
):
    if request.user.has_role(Role.ADMIN):
        order = Order.objects.filter(public_id=public_id).first()
    else:
        seller_ids = order_selectors.seller_ids_for_user(request.user)
        order = Order.objects.filter(Q(seller_id__in=seller_ids), public_id=public_id).first()
    if order is None:
        raise Http404  # before the key is claimed: nothing is stored for others' orders
    try:
        services.refund_permission_check(order=order, actor=request.user)
    except services.NotAllowedToRefund as error:
        raise api_error(403, "refund_not_allowed", REFUND_NOT_ALLOWED) from error
    try:
        return keyed_response(
            idempotent_committing_call,
            user=request.user,
            scope="refund",
            key=idempotency_key,
            payload={"order": str(public_id), **payload.dict()},
            call=lambda: _refund(request, order, payload, idempotency_key),
        )
    except services.GatewayTimeout as error:
        raise ApiError(
            503, "gateway_timeout", "Cổng thanh toán không trả lời.", "The gateway did not answer."
        ) from error
    except GatewayRefundUnverified as error:
        raise api_error(502, "refund_unverified", error.args[0]) from error
