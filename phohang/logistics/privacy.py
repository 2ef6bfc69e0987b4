"""Logistics' entries in the personal-data inventory (see `phohang.core.privacy`)."""

from phohang.core.privacy import Erasure, holding_register

CARRIAGE = "record of a carriage and its cash on delivery (accounting: at least 10 years)"
ERASED_ADDRESS = "—"


def register() -> None:
    from .models import PlanRun, ProofOfDelivery, Shipment, ShipmentEvent

    holding_register(
        Shipment,
        path="buyer",
        fields=(
            "carrier",
            "tracking_code",
            "status",
            "recipient_name",
            "recipient_phone",
            "address_text",
            "fee_vnd",
            "cod_vnd",
            "created_at",
        ),
        erasure=Erasure.ANONYMISE,
        replace={"recipient_phone": "", "address_text": ERASED_ADDRESS},
        reason=CARRIAGE + "; the phone and the address are removed",
    )
    holding_register(
        Shipment,
        subject="seller",
        path="seller",
        fields=("carrier", "tracking_code", "status", "fee_vnd", "cod_vnd", "created_at"),
        erasure=Erasure.RETAIN,
        reason=CARRIAGE + " (the recipients' own data is not the shop owner's to export)",
    )
    holding_register(
        ShipmentEvent,
        path="actor",
        fields=("shipment", "from_status", "to_status", "note", "created_at"),
        erasure=Erasure.RETAIN,
        reason="a shipment's history (accountability, disputes)",
    )
    holding_register(
        ProofOfDelivery,
        path="recorded_by",
        fields=("outcome", "received_by", "note", "recorded_at"),
        erasure=Erasure.RETAIN,
        reason="proof that goods were handed over (disputes, cash on delivery)",
    )
    holding_register(
        PlanRun,
        path="created_by",
        fields=("hub", "run_date", "status", "created_at"),
        erasure=Erasure.RETAIN,
        reason="who planned a day's routes (accountability)",
    )
