"""Payment status, starting a payment and refunds over /api/v1/payments/."""

from typing import Literal
from uuid import UUID

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Header, Router, Schema

from phohang.accounts.models import Role
from phohang.api.errors import ApiError
from phohang.orders import selectors as order_selectors
from phohang.orders.models import Order

from . import selectors, services, vietqr, vnpay
from .services.ledger import ledger_totals

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
    orders = []
    for order in order_selectors.orders_for_checkout(checkout):
        totals = ledger_totals(order.pk)
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


@router.post(
    "/checkouts/{public_id}/pay", response=PayOut, summary="Start paying a checkout online"
)
def checkout_pay(request, public_id: UUID, payload: PayIn):
    checkout = order_selectors.checkout_get_for_buyer(request.user, public_id)
    try:
        payment = services.payment_start(checkout=checkout, method=payload.method)
    except services.PaymentError as error:
        raise ApiError(409, "payment_refused", str(error), str(error)) from error
    out = {
        "reference": payment.reference,
        "amount_vnd": payment.amount_vnd,
        "method": payment.method,
    }
    if payment.method == "vietqr":
        out["vietqr_payload"] = vietqr.transfer_payload(
            bank_bin=getattr(settings, "PLATFORM_BANK_BIN", "970436"),
            account=getattr(settings, "PLATFORM_BANK_ACCOUNT", "0011004455667"),
            amount_vnd=payment.amount_vnd,
            reference=payment.reference,
        )
    else:
        out["redirect_url"] = vnpay.payment_url(
            creds=vnpay.credentials(),
            txn_ref=payment.reference,
            amount_vnd=payment.amount_vnd,
            order_info=f"Thanh toan don hang {checkout.reference}",
            return_url=request.build_absolute_uri(reverse("payments:vnpay_return")),
            ip_address=request.META.get("REMOTE_ADDR", ""),
            now=timezone.now(),
        )
    return out


@router.post(
    "/orders/{public_id}/refunds",
    response=RefundOut,
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
        raise Http404
    try:
        return services.refund_issue(
            order=order,
            amount_vnd=payload.amount_vnd,
            idempotency_key=f"api-{request.user.pk}-{idempotency_key}",
            actor=request.user,
            reason=payload.reason,
        )
    except services.RefundError as error:
        raise ApiError(422, "refund_refused", str(error), str(error)) from error
    except services.GatewayTimeout as error:
        raise ApiError(
            503, "gateway_timeout", "Cổng thanh toán không trả lời.", "The gateway did not answer."
        ) from error
