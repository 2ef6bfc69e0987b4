"""Sending a refund to the provider that took the money; only a verified "00" counts as refunded.

Bank transfers and cash are paid back by staff outside the platform, so they succeed at once.
VNPay refunds go through the merchant API (`vnpay_refund`): a definite refusal marks the refund
failed, an answer that cannot be trusted leaves it pending; in both cases the ledger is untouched.
"""

from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.core.audit import AuditContext, audit_record

from .. import vnpay, vnpay_refund
from ..models import Payment, Refund
from .refunds import GatewayTimeout, RefundError

R = vnpay_refund.ResponseCode


class GatewayRefundRefused(RefundError):
    """The gateway answered that it did not refund; the refund is marked failed."""


class GatewayRefundUnverified(RefundError):
    """The answer could not be trusted; the refund stays pending until staff check it."""


def sandbox_transaction_lookup(
    txn_ref: str, transaction_no: str
) -> vnpay_refund.OriginalTransaction | None:
    """The local sandbox's view of a captured VNPay payment (the real gateway has its own)."""
    payment = Payment.objects.filter(
        reference=txn_ref,
        method=Payment.Method.VNPAY,
        status__in=[Payment.Status.CAPTURED, Payment.Status.NEEDS_REVIEW],
    ).first()
    if payment is None or (transaction_no and payment.provider_transaction != transaction_no):
        return None
    return vnpay_refund.OriginalTransaction(
        txn_ref=payment.reference,
        transaction_no=payment.provider_transaction,
        amount_vnd=payment.amount_vnd,
    )


def gateway_refund_send(refund: Refund) -> str:
    """Ask the payment's provider to send `refund` back; its reference, or raise and record nothing."""
    if refund.payment.method == Payment.Method.VNPAY:
        return vnpay_refund_send(refund=refund)
    return f"RF{refund.pk:08d}"


def _refund_failed(refund: Refund, *, code: str) -> None:
    updated = Refund.objects.filter(pk=refund.pk, status=Refund.Status.PENDING).update(
        status=Refund.Status.FAILED
    )
    if updated:
        audit_record(
            context=AuditContext(actor=refund.created_by),
            action="payments.refund.failed",
            obj=refund,
            after={"amount_vnd": refund.amount_vnd, "order": refund.order_id, "code": code},
        )


def _answer_is_for(answer: dict[str, str], body: dict[str, str], creds: vnpay.Credentials) -> bool:
    return (
        vnpay_refund.response_signature_is_valid(answer, creds.hash_secret)
        and answer.get("vnp_TmnCode") == creds.tmn_code
        and answer.get("vnp_TxnRef") == body["vnp_TxnRef"]
        and answer.get("vnp_ResponseId", body["vnp_RequestId"]) == body["vnp_RequestId"]
    )


def vnpay_refund_send(*, refund: Refund, now: datetime | None = None) -> str:
    """Send one VNPay refund request; the refund transaction number on a verified success."""
    payment = refund.payment
    creds = vnpay.credentials()
    refunded_before = (
        Refund.objects.filter(payment=payment, status=Refund.Status.SUCCEEDED)
        .exclude(pk=refund.pk)
        .exists()
    )
    actor = refund.created_by
    body = vnpay_refund.refund_request(
        creds=creds,
        # The refund's own id: a retry after a timeout repeats the request instead of adding one.
        request_id=refund.public_id.hex,
        txn_ref=payment.reference,
        amount_vnd=refund.amount_vnd,
        is_full=refund.amount_vnd == payment.amount_vnd and not refunded_before,
        transaction_no=payment.provider_transaction,
        transaction_date=payment.created_at,
        # An opaque staff id: the gateway needs a name for the requester, not anyone's email.
        create_by=f"phohang-user-{actor.pk}" if actor else "phohang-system",
        ip_address=settings.VNPAY_SERVER_IP,
        order_info=f"Hoan tien don hang {refund.order.number}",
        now=now or timezone.now(),
    )
    try:
        answer = vnpay_refund.send(
            body,
            url=vnpay_refund.api_url(),
            creds=creds,
            sandbox_lookup=sandbox_transaction_lookup,
        )
    except vnpay_refund.TransportError as error:
        raise GatewayTimeout(str(error)) from error
    if not _answer_is_for(answer, body, creds):
        raise GatewayRefundUnverified(
            _(
                "VNPay's answer could not be verified (wrong checksum), so nothing was recorded. "
                "The refund stays pending: check it in the VNPay merchant portal before trying "
                "again."
            )
        )
    code = str(answer.get("vnp_ResponseCode", ""))
    if code == R.SUCCESS:
        return str(answer.get("vnp_TransactionNo", ""))[:64] or f"RF{refund.pk:08d}"
    if code == R.ALREADY_REQUESTED:
        raise GatewayRefundUnverified(
            _("VNPay is still processing this refund. Nothing was recorded yet; try again later.")
        )
    _refund_failed(refund, code=code)
    raise GatewayRefundRefused(
        _("VNPay refused the refund (code %(code)s: %(reason)s). Nothing was refunded or recorded.")
        % {"code": code, "reason": vnpay_refund.RESPONSE_MESSAGES.get(code, "unknown")}
    )
