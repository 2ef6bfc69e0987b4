"""Viettel Post: a login gives the token, upper-case fields, the shop's secret token inside the
webhook body."""

import hmac
import json

from ..models import ShipmentStatus as S
from .base import (
    Adapter,
    CarrierUnavailable,
    Created,
    ParcelRequest,
    Quote,
    TrackingEvent,
    moment,
)

DATE = "%d/%m/%Y %H:%M:%S"


def status_of(code: int) -> S | None:
    """Viettel Post's numeric statuses, by range as its documentation groups them."""
    exact = {
        -100: S.CREATED,
        -108: S.CREATED,
        100: S.CREATED,
        102: S.CREATED,
        103: S.CREATED,
        104: S.CREATED,
        105: S.PICKED_UP,
        107: S.CANCELLED,
        201: S.CANCELLED,
        500: S.OUT_FOR_DELIVERY,
        501: S.DELIVERED,
        502: S.RETURNING,
        503: S.CANCELLED,
        504: S.RETURNED,
        505: S.RETURNING,
        506: S.FAILED,
        507: S.FAILED,
        508: S.OUT_FOR_DELIVERY,
        515: S.RETURNING,
        550: S.FAILED,
    }
    if code in exact:
        return exact[code]
    if 200 <= code < 500:
        return S.IN_TRANSIT
    return None


class ViettelPost(Adapter):
    code = "viettelpost"

    def _token(self) -> str:
        answer = self.transport(
            "POST",
            self.settings["base_url"] + "/user/Login",
            {},
            {"USERNAME": self.settings["username"], "PASSWORD": self.settings["password"]},
        )
        if answer.get("error") or not (answer.get("data") or {}).get("token"):
            raise CarrierUnavailable(str(answer.get("message", "")))
        return answer["data"]["token"]

    def _call(self, path: str, payload: dict) -> dict:
        headers = {"Token": self._token()}
        answer = self.transport("POST", self.settings["base_url"] + path, headers, payload)
        if answer.get("error") or answer.get("status") != 200:
            raise CarrierUnavailable(str(answer.get("message", "")))
        return answer.get("data") or {}

    def _order(self, request: ParcelRequest) -> dict:
        sender, recipient = request.sender, request.recipient
        return {
            "SENDER_FULLNAME": sender.name,
            "SENDER_PHONE": sender.phone,
            "SENDER_ADDRESS": sender.address,
            "RECEIVER_FULLNAME": recipient.name,
            "RECEIVER_PHONE": recipient.phone,
            "RECEIVER_ADDRESS": recipient.address,
            "PRODUCT_WEIGHT": request.weight_grams,
            "PRODUCT_PRICE": request.value_vnd,
            "MONEY_COLLECTION": request.cod_vnd,
            "ORDER_SERVICE": "VCN",
            "ORDER_PAYMENT": 3 if request.cod_vnd else 1,
        }

    def quote(self, request: ParcelRequest) -> Quote:
        return Quote(int(self._call("/order/getPrice", self._order(request))["MONEY_TOTAL"]))

    def create(self, request: ParcelRequest, *, idempotency_key: str) -> Created:
        payload = self._order(request) | {
            "ORDER_REFERENCE": idempotency_key,
            "PRODUCT_NAME": request.content,
        }
        data = self._call("/order/createOrder", payload)
        return Created(str(data["ORDER_NUMBER"]), int(data["MONEY_TOTAL"]))

    def cancel(self, tracking_code: str) -> None:
        self._call("/order/UpdateOrder", {"TYPE": 4, "ORDER_NUMBER": tracking_code, "NOTE": ""})

    def track(self, tracking_code: str) -> TrackingEvent:
        data = self._call("/order/getOrderStatus", {"ORDER_NUMBER": tracking_code})
        code = int(data["ORDER_STATUS"])
        return TrackingEvent(
            tracking_code, status_of(code), str(code), moment(data["ORDER_STATUSDATE"], DATE)
        )

    def verify_webhook(self, headers, query, body) -> bool:
        expected = self.settings.get("webhook_token", "")
        try:
            token = str(json.loads(body).get("TOKEN", ""))
        except (ValueError, AttributeError):
            return False
        return bool(expected) and hmac.compare_digest(token, expected)

    def parse_webhook(self, body: bytes) -> TrackingEvent:
        data = json.loads(body)["DATA"]
        code = int(data["ORDER_STATUS"])
        status = status_of(code)
        cod = data.get("MONEY_COLLECTION")
        return TrackingEvent(
            str(data["ORDER_NUMBER"]),
            status,
            str(code),
            moment(str(data["ORDER_STATUSDATE"]), DATE),
            int(cod) if status == S.DELIVERED and cod is not None else None,
        )
