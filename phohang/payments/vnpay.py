"""VNPay payment protocol 2.1.0: signed redirect URL, return URL and IPN verification.

The secure hash is HMAC-SHA512 over the `vnp_*` parameters sorted by name and joined as a
URL-encoded query string (`quote_plus`, as VNPay's reference code does), without the hash fields.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import quote_plus, urlencode
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from phohang.core.client import client_address

if TYPE_CHECKING:
    from .models import Payment

VERSION = "2.1.0"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
HASH_FIELDS = ("vnp_SecureHash", "vnp_SecureHashType")
# vnp_Amount is a 12-digit field holding đồng × 100.
MAX_AMOUNT_VND = (10**12 - 1) // 100
SANDBOX_PATH = "/payments/vnpay-sandbox/"


class RspCode:
    """Replies VNPay expects from the IPN endpoint."""

    SUCCESS = "00"
    ORDER_NOT_FOUND = "01"
    ALREADY_CONFIRMED = "02"
    INVALID_AMOUNT = "04"
    INVALID_CHECKSUM = "97"
    UNKNOWN_ERROR = "99"


RSP_MESSAGES = {
    RspCode.SUCCESS: "Confirm Success",
    RspCode.ORDER_NOT_FOUND: "Order not found",
    RspCode.ALREADY_CONFIRMED: "Order already confirmed",
    RspCode.INVALID_AMOUNT: "Invalid amount",
    RspCode.INVALID_CHECKSUM: "Invalid Checksum",
    RspCode.UNKNOWN_ERROR: "Unknown error",
}


@dataclass(frozen=True)
class Credentials:
    tmn_code: str
    hash_secret: str
    pay_url: str


def sandbox_is_enabled() -> bool:
    """The local sandbox pages exist only when settings turned them on (DEBUG and VNPAY_SANDBOX)."""
    return settings.VNPAY_SANDBOX


def is_enabled() -> bool:
    return settings.VNPAY_ENABLED


def credentials() -> Credentials:
    return Credentials(
        tmn_code=settings.VNPAY_TMN_CODE,
        hash_secret=settings.VNPAY_HASH_SECRET,
        pay_url=settings.VNPAY_URL,
    )


def hash_data(params: dict[str, str]) -> str:
    items = sorted(
        (key, str(value))
        for key, value in params.items()
        if key.startswith("vnp_") and key not in HASH_FIELDS and value not in (None, "")
    )
    return "&".join(f"{quote_plus(key)}={quote_plus(value)}" for key, value in items)


def sign(params: dict[str, str], secret: str) -> str:
    return hmac.new(secret.encode(), hash_data(params).encode(), hashlib.sha512).hexdigest()


def signature_is_valid(params: dict[str, str], secret: str) -> bool:
    """Constant-time check of `vnp_SecureHash` against our own HMAC of the other fields."""
    received = params.get("vnp_SecureHash", "")
    if not isinstance(received, str) or len(received) != 128:
        return False
    return hmac.compare_digest(received.lower().encode(), sign(params, secret).encode())


def amount_field(amount_vnd: int) -> str:
    if amount_vnd <= 0 or amount_vnd > MAX_AMOUNT_VND:
        raise ValueError("amount does not fit VNPay's 12-digit field")
    return str(amount_vnd * 100)


def amount_from_field(value: str) -> int | None:
    """Whole đồng from `vnp_Amount`, or None when it is not a multiple of 100."""
    if not value or not value.isdigit() or len(value) > 12 or int(value) % 100:
        return None
    return int(value) // 100


def payment_url(
    *,
    creds: Credentials,
    txn_ref: str,
    amount_vnd: int,
    order_info: str,
    return_url: str,
    ip_address: str,
    now: datetime,
    expire_minutes: int = 15,
    locale: str = "vn",
) -> str:
    local_now = now.astimezone(VIETNAM)
    params = {
        "vnp_Version": VERSION,
        "vnp_Command": "pay",
        "vnp_TmnCode": creds.tmn_code,
        "vnp_Amount": amount_field(amount_vnd),
        "vnp_CurrCode": "VND",
        "vnp_TxnRef": txn_ref,
        "vnp_OrderInfo": order_info,
        "vnp_OrderType": "other",
        "vnp_Locale": locale,
        "vnp_ReturnUrl": return_url,
        "vnp_IpAddr": ip_address or "127.0.0.1",
        "vnp_CreateDate": local_now.strftime("%Y%m%d%H%M%S"),
        "vnp_ExpireDate": (local_now + timedelta(minutes=expire_minutes)).strftime("%Y%m%d%H%M%S"),
    }
    params["vnp_SecureHash"] = sign(params, creds.hash_secret)
    return f"{creds.pay_url}?{urlencode(params)}"


def checkout_payment_url(request: HttpRequest, payment: "Payment", checkout_reference: str) -> str:
    """The gateway page where the buyer pays `payment` for a checkout, back to our return page."""
    return payment_url(
        creds=credentials(),
        txn_ref=payment.reference,
        amount_vnd=payment.amount_vnd,
        order_info=f"Thanh toan don hang {checkout_reference}",
        return_url=request.build_absolute_uri(reverse("payments:vnpay_return")),
        ip_address=client_address(request),
        # vnp_CreateDate is what a refund later quotes as vnp_TransactionDate.
        now=payment.created_at,
        expire_minutes=settings.RESERVATION_MINUTES,
    )


def callback_params(
    *,
    creds: Credentials,
    request_params: dict[str, str],
    approved: bool,
    transaction_no: str,
    now: datetime,
) -> dict[str, str]:
    """What VNPay sends back (return URL and IPN) for a payment request; used by the sandbox."""
    code = "00" if approved else "24"
    params = {
        "vnp_TmnCode": request_params["vnp_TmnCode"],
        "vnp_Amount": request_params["vnp_Amount"],
        "vnp_BankCode": "NCB",
        "vnp_BankTranNo": f"VNP{transaction_no}",
        "vnp_CardType": "ATM",
        "vnp_OrderInfo": request_params.get("vnp_OrderInfo", ""),
        "vnp_PayDate": now.astimezone(VIETNAM).strftime("%Y%m%d%H%M%S"),
        "vnp_ResponseCode": code,
        "vnp_TransactionNo": transaction_no,
        "vnp_TransactionStatus": "00" if approved else "02",
        "vnp_TxnRef": request_params["vnp_TxnRef"],
    }
    params["vnp_SecureHash"] = sign(params, creds.hash_secret)
    return params
