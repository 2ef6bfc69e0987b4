"""Logistics' entries in the personal-data inventory (see `phohang.core.privacy`)."""

from phohang.core.privacy import anonymised, history, inventory_register, retained, shop_record

CARRIAGE = "record of a carriage and its cash on delivery (accounting: at least 10 years)"
ERASED_ADDRESS = "—"
PARCEL = "carrier tracking_code status"


def register() -> None:
    inventory_register(
        "logistics",
        anonymised(
            "Shipment", "buyer",
            f"{PARCEL} recipient_name recipient_phone address_text fee_vnd cod_vnd created_at",
            CARRIAGE + "; the phone and the address are removed",
            replace={"recipient_phone": "", "address_text": ERASED_ADDRESS},
        ),
        shop_record(
            "Shipment", f"{PARCEL} fee_vnd cod_vnd created_at",
            CARRIAGE + " (the recipients' own data is not the shop owner's to export)",
        ),
        history(
            "ShipmentEvent", "a shipment's history (accountability, disputes)", link="shipment"
        ),
        retained(
            "ProofOfDelivery", "recorded_by", "outcome received_by note recorded_at",
            "proof that goods were handed over (disputes, cash on delivery)",
        ),
        retained(
            "PlanRun", "created_by", "hub run_date status created_at",
            "who planned a day's routes (accountability)",
        ),
    )  # fmt: skip
