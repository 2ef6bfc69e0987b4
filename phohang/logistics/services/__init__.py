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

__all__ = [
    "hub_create",
    "plan_run",
    "plan_start",
    "proof_record",
    "reason_text",
    "stop_create",
    "stop_delete",
    "stop_update",
    "vehicle_create",
    "vehicle_update",
]
