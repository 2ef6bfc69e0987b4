"""Giao Hàng Tiết Kiệm: a `Token` header, addresses by name, weights in kg, a secret on the
webhook URL (`?hash=`)."""

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

STATUSES = {
    -1: S.CANCELLED,
    1: S.CREATED,
    2: S.CREATED,
    12: S.CREATED,
    3: S.PICKED_UP,
    123: S.PICKED_UP,
    4: S.IN_TRANSIT,
    10: S.IN_TRANSIT,
    410: S.IN_TRANSIT,
    5: S.DELIVERED,
    45: S.DELIVERED,
    6: S.DELIVERED,
    9: S.FAILED,
    49: S.FAILED,
    20: S.RETURNING,
    13: S.RETURNING,
    11: S.RETURNED,
    21: S.RETURNED,
}


def _kg(grams: int) -> float:
    return round(grams / 1000, 3)


class Ghtk(Adapter):
    code = "ghtk"

    def _call(self, method: str, path: str, payload: dict | None = None) -> dict:
        headers = {"Token": self.settings["token"]}
        answer = self.transport(method, self.settings["base_url"] + path, headers, payload)
        if not answer.get("success"):
            raise CarrierUnavailable(str(answer.get("message", "")))
        return answer

    def _order(self, request: ParcelRequest) -> dict:
        sender, recipient = request.sender, request.recipient
        return {
            "pick_name": sender.name,
            "pick_tel": sender.phone,
            "pick_address": sender.street,
            "pick_ward": sender.ward_name,
            "pick_province": sender.province_name,
            "name": recipient.name,
            "tel": recipient.phone,
            "address": recipient.street,
            "ward": recipient.ward_name,
            "province": recipient.province_name,
            "hamlet": "Khác",
            "pick_money": request.cod_vnd,
            "value": request.value_vnd,
            "weight_option": "kilogram",
            "total_weight": _kg(request.weight_grams),
        }

    def quote(self, request: ParcelRequest) -> Quote:
        order = self._order(request)
        answer = self._call("POST", "/services/shipment/fee", order)
        return Quote(int(answer["fee"]["fee"]))

    def create(self, request: ParcelRequest, *, idempotency_key: str) -> Created:
        payload = {
            "products": [
                {"name": request.content, "weight": _kg(request.weight_grams), "quantity": 1}
            ],
            "order": self._order(request) | {"id": idempotency_key, "is_freeship": 1},
        }
        order = self._call("POST", "/services/shipment/order", payload)["order"]
        return Created(str(order["label"]), int(order["fee"]))

    def cancel(self, tracking_code: str) -> None:
        self._call("POST", f"/services/shipment/cancel/{tracking_code}")

    def track(self, tracking_code: str) -> TrackingEvent:
        order = self._call("GET", f"/services/shipment/v2/{tracking_code}")["order"]
        code = int(order["status"])
        return TrackingEvent(
            tracking_code, STATUSES.get(code), str(code), moment(order["modified"])
        )

    def verify_webhook(self, headers, query, body) -> bool:
        expected = self.settings.get("webhook_secret", "")
        return bool(expected) and hmac.compare_digest(query.get("hash", ""), expected)

    def parse_webhook(self, body: bytes) -> TrackingEvent:
        data = json.loads(body)
        code = int(data["status_id"])
        status = STATUSES.get(code)
        cod = data.get("pick_money")
        return TrackingEvent(
            str(data["label_id"]),
            status,
            str(code),
            moment(str(data["action_time"])),
            int(cod) if status == S.DELIVERED and cod is not None else None,
        )
