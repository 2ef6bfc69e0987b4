"""VNPay IPN: verify, then capture once; every call is logged with our reply."""

import logging

from django.db import transaction

from .. import vnpay
from ..models import GatewayCallback, Payment
from .capture import payment_capture

logger = logging.getLogger("phohang.payments")
R = vnpay.RspCode


def _log(params: dict, code: str) -> None:
    safe = {k: v for k, v in params.items() if k not in vnpay.HASH_FIELDS}
    GatewayCallback.objects.create(
        txn_ref=str(params.get("vnp_TxnRef", ""))[:64],
        transaction_no=str(params.get("vnp_TransactionNo", ""))[:64],
        rsp_code=code,
        params=safe,
    )
    if code not in (R.SUCCESS, R.ALREADY_CONFIRMED):
        logger.warning("vnpay ipn refused: %s txn_ref=%s", code, safe.get("vnp_TxnRef", ""))


def _decide(params: dict[str, str], creds: vnpay.Credentials) -> str:
    if not vnpay.signature_is_valid(params, creds.hash_secret):
        return R.INVALID_CHECKSUM
    if params.get("vnp_TmnCode") != creds.tmn_code:
        return R.INVALID_CHECKSUM
    payment = Payment.objects.filter(
        reference=params.get("vnp_TxnRef", ""), method=Payment.Method.VNPAY
    ).first()
    if payment is None:
        return R.ORDER_NOT_FOUND
    if vnpay.amount_from_field(params.get("vnp_Amount", "")) != payment.amount_vnd:
        return R.INVALID_AMOUNT
    if payment.status != Payment.Status.PENDING:
        return R.ALREADY_CONFIRMED
    # Both codes must say success (VNPay: ResponseCode for the buyer, TransactionStatus for us).
    if params.get("vnp_ResponseCode") == "00" and params.get("vnp_TransactionStatus") == "00":
        captured = payment_capture(
            payment_id=payment.pk,
            provider_transaction=params.get("vnp_TransactionNo", ""),
            source="vnpay-ipn",
        )
        return R.SUCCESS if captured else R.ALREADY_CONFIRMED
    updated = Payment.objects.filter(pk=payment.pk, status=Payment.Status.PENDING).update(
        status=Payment.Status.FAILED
    )
    return R.SUCCESS if updated else R.ALREADY_CONFIRMED


def vnpay_ipn_handle(params: dict[str, str] | None, *, duplicated: bool = False) -> dict[str, str]:
    """The JSON body VNPay expects: {"RspCode": ..., "Message": ...}."""
    params = params or {}
    creds = vnpay.credentials()
    try:
        code = R.INVALID_CHECKSUM if duplicated else _decide(params, creds)
    except Exception:
        logger.exception("vnpay ipn failed")
        code = R.UNKNOWN_ERROR
    with transaction.atomic():
        _log(params, code)
    return {"RspCode": code, "Message": vnpay.RSP_MESSAGES[code]}
