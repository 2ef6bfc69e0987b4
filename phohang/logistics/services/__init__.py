"""Every write of the logistics context (`<noun>_<verb>`)."""

from .imports import ImportResult, stops_import
from .network import (
    hub_create,
    stop_create,
    stop_delete,
    stop_update,
    vehicle_create,
    vehicle_update,
)
from .planning import plan_run, plan_start, reason_text
from .proofs import proof_record
from .replan import plan_refresh, plan_refresh_after_change
from .shipments import (
    WebhookRefused,
    delivery_weight_grams,
    shipment_cancel,
    shipment_cod_review,
    shipment_create_for_delivery,
    shipment_create_for_order,
    shipment_quote,
    shipment_quote_for_delivery,
    shipment_webhook_receive,
    shipment_webhook_verify,
)

__all__ = [
    "ImportResult",
    "stops_import",
    "WebhookRefused",
    "hub_create",
    "plan_refresh",
    "plan_refresh_after_change",
    "plan_run",
    "plan_start",
    "proof_record",
    "reason_text",
    "shipment_cancel",
    "shipment_cod_review",
    "delivery_weight_grams",
    "shipment_create_for_delivery",
    "shipment_create_for_order",
    "shipment_quote_for_delivery",
    "shipment_quote",
    "shipment_webhook_receive",
    "shipment_webhook_verify",
    "stop_create",
    "stop_delete",
    "stop_update",
    "vehicle_create",
    "vehicle_update",
]
