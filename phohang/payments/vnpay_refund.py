"""VNPay 2.1.0 merchant web API, command "refund": signed JSON request, signed JSON answer.

Unlike the payment URL, these checksums are HMAC-SHA512 over the field *values* joined by "|" in
the fixed order VNPay documents (sandbox.vnpayment.vn/apis/docs/truy-van-hoan-tien/), not over
sorted key=value pairs. A field missing from an answer takes part as an empty string.
"""

import hashlib
import hmac
import json
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from .vnpay import (
    SANDBOX_PATH,
    VERSION,
    VIETNAM,
    Credentials,
    amount_field,
    amount_from_field,
    sandbox_is_enabled,
)

COMMAND = "refund"
FULL_REFUND = "02"
PARTIAL_REFUND = "03"
REQUEST_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TransactionType",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_TransactionNo",
    "vnp_TransactionDate",
    "vnp_CreateBy",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
RESPONSE_FIELDS = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
)
SANDBOX_API_PATH = SANDBOX_PATH + "merchant_webapi/api/transaction"
TIMEOUT_SECONDS = 15


class ResponseCode:
    """vnp_ResponseCode values of the refund API."""

    SUCCESS = "00"
    INVALID_MERCHANT = "02"
    INVALID_FORMAT = "03"
    NOT_FOUND = "91"
    ALREADY_REQUESTED = "94"
    REFUSED = "95"
    INVALID_CHECKSUM = "97"
    OTHER = "99"


RESPONSE_MESSAGES = {
    ResponseCode.SUCCESS: "Refund success",
    ResponseCode.INVALID_MERCHANT: "Invalid TmnCode",
    ResponseCode.INVALID_FORMAT: "Invalid data format",
    ResponseCode.NOT_FOUND: "Transaction not found",
    ResponseCode.ALREADY_REQUESTED: "Refund already requested, being processed",
    ResponseCode.REFUSED: "Transaction not successful at VNPAY, refund refused",
    ResponseCode.INVALID_CHECKSUM: "Invalid Checksum",
    ResponseCode.OTHER: "Other error",
}


class TransportError(Exception):
    """No usable answer from the API (timeout, connection refused, not JSON)."""


@dataclass(frozen=True)
class OriginalTransaction:
    """What the sandbox knows about a captured payment (the real gateway keeps its own record)."""

    txn_ref: str
    transaction_no: str
    amount_vnd: int


def api_url() -> str:
    return settings.VNPAY_API_URL


def checksum(body: dict, fields: tuple[str, ...], secret: str) -> str:
    data = "|".join(str(body.get(name) if body.get(name) is not None else "") for name in fields)
    return hmac.new(secret.encode(), data.encode("utf-8"), hashlib.sha512).hexdigest()


def _signature_matches(body: dict, fields: tuple[str, ...], secret: str) -> bool:
    received = body.get("vnp_SecureHash", "")
    if not isinstance(received, str) or len(received) != 128:
        return False
    return hmac.compare_digest(received.lower().encode(), checksum(body, fields, secret).encode())


def request_signature_is_valid(body: dict, secret: str) -> bool:
    return _signature_matches(body, REQUEST_FIELDS, secret)


def response_signature_is_valid(body: dict, secret: str) -> bool:
    return _signature_matches(body, RESPONSE_FIELDS, secret)


def _vietnam_time(moment: datetime) -> str:
    return moment.astimezone(VIETNAM).strftime("%Y%m%d%H%M%S")


def refund_request(
    *,
    creds: Credentials,
    request_id: str,
    txn_ref: str,
    amount_vnd: int,
    is_full: bool,
    transaction_no: str,
    transaction_date: datetime,
    create_by: str,
    ip_address: str,
    order_info: str,
    now: datetime,
) -> dict[str, str]:
    """The signed JSON body for one refund request."""
    body = {
        "vnp_RequestId": request_id[:32],
        "vnp_Version": VERSION,
        "vnp_Command": COMMAND,
        "vnp_TmnCode": creds.tmn_code,
        "vnp_TransactionType": FULL_REFUND if is_full else PARTIAL_REFUND,
        "vnp_TxnRef": txn_ref,
        "vnp_Amount": amount_field(amount_vnd),
        "vnp_TransactionNo": transaction_no,
        "vnp_TransactionDate": _vietnam_time(transaction_date),
        "vnp_CreateBy": create_by[:250],
        "vnp_CreateDate": _vietnam_time(now),
        "vnp_IpAddr": ip_address or "127.0.0.1",
        "vnp_OrderInfo": order_info[:255],
    }
    body["vnp_SecureHash"] = checksum(body, REQUEST_FIELDS, creds.hash_secret)
    return body


def send(
    body: dict,
    *,
    url: str,
    creds: Credentials,
    sandbox_lookup: Callable[[str, str], OriginalTransaction | None] | None = None,
) -> dict:
    """POST the request and return the decoded answer; the local sandbox answers in-process."""
    if url.startswith(SANDBOX_PATH) and sandbox_is_enabled():
        if sandbox_lookup is None:
            raise TransportError("the local sandbox needs a transaction lookup")
        # A web worker calling its own server over HTTP can deadlock a single-threaded server.
        return sandbox_answer(body, creds=creds, lookup=sandbox_lookup, now=datetime.now(VIETNAM))
    if not url.startswith("https://"):
        raise TransportError("the refund API is only called over HTTPS")
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url,
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            answer = json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError) as error:  # URLError and timeouts are OSErrors
        raise TransportError(str(error)) from error
    if not isinstance(answer, dict):
        raise TransportError("answer is not a JSON object")
    return answer


def _answer(
    request: dict, code: str, *, creds: Credentials, now: datetime, transaction_no: str = ""
) -> dict[str, str]:
    body = {
        "vnp_ResponseId": str(request.get("vnp_RequestId", ""))[:32],
        "vnp_Command": COMMAND,
        "vnp_ResponseCode": code,
        "vnp_Message": RESPONSE_MESSAGES[code],
        "vnp_TmnCode": creds.tmn_code,
        "vnp_TxnRef": str(request.get("vnp_TxnRef", ""))[:100],
        "vnp_Amount": str(request.get("vnp_Amount", ""))[:12],
        "vnp_BankCode": "NCB",
        "vnp_PayDate": _vietnam_time(now),
        "vnp_TransactionNo": transaction_no,
        "vnp_TransactionType": str(request.get("vnp_TransactionType", ""))[:2],
        "vnp_TransactionStatus": "05" if code == ResponseCode.SUCCESS else "",
        "vnp_OrderInfo": str(request.get("vnp_OrderInfo", ""))[:255],
    }
    body["vnp_SecureHash"] = checksum(body, RESPONSE_FIELDS, creds.hash_secret)
    return body


def sandbox_answer(
    request: object,
    *,
    creds: Credentials,
    lookup: Callable[[str, str], OriginalTransaction | None],
    now: datetime,
) -> dict[str, str]:
    """What the gateway answers a refund request; the sandbox approves every valid one."""
    if not isinstance(request, dict) or any(
        not isinstance(request.get(name, ""), str) for name in REQUEST_FIELDS
    ):
        return _answer({}, ResponseCode.INVALID_FORMAT, creds=creds, now=now)
    if not request_signature_is_valid(request, creds.hash_secret):
        return _answer(request, ResponseCode.INVALID_CHECKSUM, creds=creds, now=now)
    if request.get("vnp_TmnCode") != creds.tmn_code:
        return _answer(request, ResponseCode.INVALID_MERCHANT, creds=creds, now=now)
    amount = amount_from_field(request.get("vnp_Amount", ""))
    if (
        request.get("vnp_Version") != VERSION
        or request.get("vnp_Command") != COMMAND
        or request.get("vnp_TransactionType") not in (FULL_REFUND, PARTIAL_REFUND)
        or not request.get("vnp_RequestId")
        or not amount
    ):
        return _answer(request, ResponseCode.INVALID_FORMAT, creds=creds, now=now)
    original = lookup(request.get("vnp_TxnRef", ""), request.get("vnp_TransactionNo", ""))
    if original is None:
        return _answer(request, ResponseCode.NOT_FOUND, creds=creds, now=now)
    is_full = request["vnp_TransactionType"] == FULL_REFUND
    if amount > original.amount_vnd or (is_full and amount != original.amount_vnd):
        return _answer(request, ResponseCode.INVALID_FORMAT, creds=creds, now=now)
    refund_no = str(int(hashlib.sha256(request["vnp_RequestId"].encode()).hexdigest(), 16))[:8]
    return _answer(request, ResponseCode.SUCCESS, creds=creds, now=now, transaction_no=refund_no)
