"""A local stand-in for GHN, GHTK and Viettel Post that speaks their shapes (development and
tests; never the real services). Tracking codes follow from the idempotency key, so a repeated
create gives the same parcel, as the carriers' client order codes do."""

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime

from ..models import ShipmentStatus as S

# Published on purpose: the simulator's credentials, accepted only with DEBUG on.
SETTINGS = {
    "ghn": {
        "base_url": "https://sim.ghn.local/shiip/public-api",
        "token": "sim-ghn-token",
        "shop_id": "885",
        "webhook_token": "sim-ghn-webhook",
    },
    "ghtk": {
        "base_url": "https://sim.ghtk.local",
        "token": "sim-ghtk-token",
        "webhook_secret": "sim-ghtk-hash",
    },
    "viettelpost": {
        "base_url": "https://sim.viettelpost.local/v2",
        "username": "0900000000",
        "password": "sim-password",
        "webhook_token": "sim-vtp-webhook",
    },
}
CARRIER_STATUS = {
    "ghn": {
        S.CREATED: "ready_to_pick",
        S.PICKED_UP: "picked",
        S.IN_TRANSIT: "transporting",
        S.OUT_FOR_DELIVERY: "delivering",
        S.DELIVERED: "delivered",
        S.FAILED: "delivery_fail",
        S.RETURNING: "returning",
        S.RETURNED: "returned",
        S.CANCELLED: "cancel",
    },
    "ghtk": {
        S.CREATED: 2,
        S.PICKED_UP: 3,
        S.IN_TRANSIT: 4,
        S.OUT_FOR_DELIVERY: 4,  # GHTK reports delivery rounds as "in transit"
        S.DELIVERED: 5,
        S.FAILED: 9,
        S.RETURNING: 20,
        S.RETURNED: 21,
        S.CANCELLED: -1,
    },
    "viettelpost": {
        S.CREATED: 100,
        S.PICKED_UP: 105,
        S.IN_TRANSIT: 200,
        S.OUT_FOR_DELIVERY: 500,
        S.DELIVERED: 501,
        S.FAILED: 550,
        S.RETURNING: 505,
        S.RETURNED: 504,
        S.CANCELLED: 107,
    },
}
PREFIX = {"ghn": "GHN", "ghtk": "S1.A1.", "viettelpost": "VTP"}


def _code(carrier: str, key: str) -> str:
    digits = int(hashlib.sha256(f"{carrier}|{key}".encode()).hexdigest()[:12], 16) % 10**9
    return f"{PREFIX[carrier]}{digits:09d}"


def _fee(grams: int) -> int:
    """A believable inner-city fee: 22,000 ₫ up to 500 g, then 5,000 ₫ per started kg."""
    extra = max(0, grams - 500)
    return 22_000 + 5_000 * -(-extra // 1000)


def transport(carrier: str):
    """A `Transport` for `carrier` that answers locally in its shapes."""

    def answer(method: str, url: str, headers: Mapping[str, str], payload: dict | None) -> dict:
        path = url.split(".local", 1)[1]
        payload = payload or {}
        if carrier == "ghn":
            if headers.get("Token") != SETTINGS["ghn"]["token"]:
                return {"code": 401, "message": "Token is not valid"}
            grams = int(payload.get("weight", 0))
            if path.endswith("/fee"):
                return {"code": 200, "data": {"total": _fee(grams)}}
            if path.endswith("/create"):
                code = _code("ghn", payload["client_order_code"])
                return {"code": 200, "data": {"order_code": code, "total_fee": _fee(grams)}}
            return {"code": 200, "data": {}}
        if carrier == "ghtk":
            if headers.get("Token") != SETTINGS["ghtk"]["token"]:
                return {"success": False, "message": "Token không hợp lệ"}
            if path.endswith("/fee") or path.endswith("/order"):
                order = payload.get("order", payload)
                grams = int(float(order.get("total_weight", 0)) * 1000)
                if path.endswith("/fee"):
                    return {"success": True, "fee": {"fee": _fee(grams)}}
                label = _code("ghtk", order["id"])
                return {"success": True, "order": {"label": label, "fee": _fee(grams)}}
            return {"success": True, "message": ""}
        if path.endswith("/user/Login"):
            return {"status": 200, "error": False, "data": {"token": "sim-vtp-session"}}
        if headers.get("Token") != "sim-vtp-session":
            return {"status": 401, "error": True, "message": "Token invalid"}
        grams = int(payload.get("PRODUCT_WEIGHT", 0))
        if path.endswith("/createOrder"):
            code = _code("viettelpost", payload["ORDER_REFERENCE"])
            return {
                "status": 200,
                "error": False,
                "data": {"ORDER_NUMBER": code, "MONEY_TOTAL": _fee(grams)},
            }
        return {"status": 200, "error": False, "data": {"MONEY_TOTAL": _fee(grams)}}

    return answer


def webhook(
    carrier: str, *, tracking_code: str, status: str, at: datetime, cod_vnd: int = 0
) -> tuple[dict, dict, bytes]:
    """(headers, query, body) of the callback `carrier` would send, signed with the simulator's
    secret."""
    code = CARRIER_STATUS[carrier][S(status)]
    if carrier == "ghn":
        body = {
            "OrderCode": tracking_code,
            "Status": code,
            "Type": "Switch_status",
            "Time": at.isoformat(),
            "CODAmount": cod_vnd,
            "ShopID": int(SETTINGS["ghn"]["shop_id"]),
        }
        return {"Token": SETTINGS["ghn"]["webhook_token"]}, {}, json.dumps(body).encode()
    if carrier == "ghtk":
        body = {
            "label_id": tracking_code,
            "status_id": code,
            "action_time": at.isoformat(),
            "pick_money": cod_vnd,
            "reason": "",
        }
        return {}, {"hash": SETTINGS["ghtk"]["webhook_secret"]}, json.dumps(body).encode()
    body = {
        "DATA": {
            "ORDER_NUMBER": tracking_code,
            "ORDER_STATUS": code,
            "ORDER_STATUSDATE": at.strftime("%d/%m/%Y %H:%M:%S"),
            "MONEY_COLLECTION": cod_vnd,
        },
        "TOKEN": SETTINGS["viettelpost"]["webhook_token"],
    }
    return {}, {}, json.dumps(body).encode()
