"""Giao Hàng Nhanh: `Token` and `ShopId` headers, ward codes, weights in grams."""

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
    "ready_to_pick": S.CREATED,
    "picking": S.CREATED,
    "money_collect_picking": S.CREATED,
    "picked": S.PICKED_UP,
    "storing": S.IN_TRANSIT,
    "transporting": S.IN_TRANSIT,
    "sorting": S.IN_TRANSIT,
    "delivering": S.OUT_FOR_DELIVERY,
    "money_collect_delivering": S.OUT_FOR_DELIVERY,
    "delivered": S.DELIVERED,
    "delivery_fail": S.FAILED,
    "waiting_to_return": S.RETURNING,
    "return": S.RETURNING,
    "return_transporting": S.RETURNING,
    "return_sorting": S.RETURNING,
    "returning": S.RETURNING,
    "return_fail": S.RETURNING,
    "returned": S.RETURNED,
    "cancel": S.CANCELLED,
}


class Ghn(Adapter):
    code = "ghn"

    def _call(self, path: str, payload: dict) -> dict:
        headers = {"Token": self.settings["token"], "ShopId": str(self.settings["shop_id"])}
        answer = self.transport("POST", self.settings["base_url"] + path, headers, payload)
        if answer.get("code") != 200:
            raise CarrierUnavailable(str(answer.get("message", "")))
        return answer.get("data") or {}

    def _parcel(self, request: ParcelRequest) -> dict:
        return {
            "to_name": request.recipient.name,
            "to_phone": request.recipient.phone,
            "to_address": request.recipient.address,
            "to_ward_code": request.recipient.ward_code,
            "weight": request.weight_grams,
            "cod_amount": request.cod_vnd,
            "insurance_value": request.value_vnd,
            "service_type_id": 2,
        }

    def quote(self, request: ParcelRequest) -> Quote:
        return Quote(int(self._call("/v2/shipping-order/fee", self._parcel(request))["total"]))

    def create(self, request: ParcelRequest, *, idempotency_key: str) -> Created:
        payload = self._parcel(request) | {
            "client_order_code": idempotency_key,
            "content": request.content,
            "required_note": "CHOXEMHANGKHONGTHU",
            "payment_type_id": 1,
        }
        data = self._call("/v2/shipping-order/create", payload)
        return Created(str(data["order_code"]), int(data["total_fee"]))

    def cancel(self, tracking_code: str) -> None:
        self._call("/v2/switch-status/cancel", {"order_codes": [tracking_code]})

    def track(self, tracking_code: str) -> TrackingEvent:
        data = self._call("/v2/shipping-order/detail", {"order_code": tracking_code})
        return TrackingEvent(
            tracking_code,
            STATUSES.get(data["status"]),
            data["status"],
            moment(data["updated_date"]),
        )

    def verify_webhook(self, headers, query, body) -> bool:
        # GHN posts to the callback URL registered for the shop with the shop's token header.
        expected = self.settings.get("webhook_token", "")
        return bool(expected) and hmac.compare_digest(headers.get("Token", ""), expected)

    def parse_webhook(self, body: bytes) -> TrackingEvent:
        data = json.loads(body)
        cod = data.get("CODAmount")
        status = STATUSES.get(str(data["Status"]))
        return TrackingEvent(
            str(data["OrderCode"]),
            status,
            str(data["Status"]),
            moment(str(data["Time"])),
            int(cod) if status == S.DELIVERED and cod is not None else None,
        )
