"""Every write of the logistics context (`<noun>_<verb>`)."""

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
from .shipments import (
    WebhookRefused,
    shipment_cancel,
    shipment_cod_review,
    shipment_create_for_order,
    shipment_quote,
    shipment_webhook_receive,
    shipment_webhook_verify,
)

__all__ = [
    "WebhookRefused",
    "hub_create",
    "plan_run",
    "plan_start",
    "proof_record",
    "reason_text",
    "shipment_cancel",
    "shipment_cod_review",
    "shipment_create_for_order",
    "shipment_quote",
    "shipment_webhook_receive",
    "shipment_webhook_verify",
    "stop_create",
    "stop_delete",
    "stop_update",
    "vehicle_create",
    "vehicle_update",
]
