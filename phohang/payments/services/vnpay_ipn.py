"""VNPay IPN: verify, then capture once. Only genuine (signed) calls are stored, with our reply;
unsigned ones are counted in the log and limited per source address."""

import logging
import re
from collections.abc import Mapping
from itertools import count

from django.conf import settings
from django.db import transaction

from phohang.core import ratelimit

from .. import vnpay
from ..models import GatewayCallback, Payment
from .capture import payment_capture

logger = logging.getLogger("phohang.payments")
R = vnpay.RspCode
STORED_VALUE_LENGTH = 255
_unsigned_seen = count(1)


class CallbackThrottled(Exception):
    """Too many unsigned callbacks from one address; answered 429 without being read."""


def unsigned_callback_limit() -> ratelimit.Limit:
    return ratelimit.Limit(
        "payment-callback-unsigned",
        settings.PAYMENT_CALLBACK_UNSIGNED_LIMIT,
        settings.PAYMENT_CALLBACK_WINDOW_SECONDS,
    )


def _store(params: Mapping[str, str], code: str) -> None:
    safe = {
        key[:40]: str(value)[:STORED_VALUE_LENGTH]
        for key, value in params.items()
        if key.startswith("vnp_") and key not in vnpay.HASH_FIELDS
    }
    with transaction.atomic():
        GatewayCallback.objects.create(
            txn_ref=safe.get("vnp_TxnRef", "")[:64],
            transaction_no=safe.get("vnp_TransactionNo", "")[:64],
            rsp_code=code,
            params=safe,
        )
    if code not in (R.SUCCESS, R.ALREADY_CONFIRMED):
        logger.warning("vnpay ipn refused: %s txn_ref=%s", code, safe.get("vnp_TxnRef", ""))


def _is_signed(params: dict[str, str], creds: vnpay.Credentials) -> bool:
    return (
        vnpay.signature_is_valid(params, creds.hash_secret)
        and params.get("vnp_TmnCode") == creds.tmn_code
    )


def _decide(params: dict[str, str]) -> str:
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


def _unsigned(source: str | None) -> None:
    """Count an unsigned callback: a log line with a running total, and the source's limit."""
    seen = next(_unsigned_seen)
    if source is not None:
        ratelimit.hit(unsigned_callback_limit(), source)
    logger.warning("vnpay ipn refused: unsigned, not stored (unsigned_total=%d)", seen)


def vnpay_ipn_handle(
    params: dict[str, str] | None, *, duplicated: bool = False, source: str | None = None
) -> dict[str, str]:
    """The JSON body VNPay expects: {"RspCode": ..., "Message": ...}.

    `source` is the caller's address bucket; a source over its limit of unsigned calls raises
    CallbackThrottled before anything is read.
    """
    if source is not None and not ratelimit.peek(unsigned_callback_limit(), source).allowed:
        raise CallbackThrottled
    params = params or {}
    if duplicated or not _is_signed(params, vnpay.credentials()):
        _unsigned(source)
        return {"RspCode": R.INVALID_CHECKSUM, "Message": vnpay.RSP_MESSAGES[R.INVALID_CHECKSUM]}
    try:
        code = _decide(params)
    except Exception:
        logger.exception("vnpay ipn failed")
        code = R.UNKNOWN_ERROR
    _store(params, code)
    return {"RspCode": code, "Message": vnpay.RSP_MESSAGES[code]}


def is_plausible_query(query: str) -> bool:
    """A real IPN is a short query of vnp_* fields; anything far larger is refused unread."""
    return len(query) <= 4096 and bool(re.fullmatch(r"[\x20-\x7e]*", query))
