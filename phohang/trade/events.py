"""Events trade sends after commit; projections (insights) subscribe, trade never imports them."""

from django.dispatch import Signal

from phohang.core.events import send_after_commit

# Sent with contract_id, origin_province, destination_province, total_vnd, quantity, unit.
contract_signed = Signal()
# Sent with contract_id and status when a contract is completed or cancelled.
contract_status_changed = Signal()
# Sent with delivery_id, contract_id, origin_province, destination_province, quantity, unit,
# value_vnd.
delivery_received = Signal()


def contract_signed_send(contract) -> None:
    payload = {
        "contract_id": contract.pk,
        "origin_province": contract.origin_province_id,
        "destination_province": contract.destination_province_id,
        "total_vnd": contract.total_vnd,
        "quantity": contract.quantity,
        "unit": contract.unit,
    }
    send_after_commit(contract_signed, sender="trade", **payload)


def delivery_received_send(delivery) -> None:
    contract = delivery.contract
    payload = {
        "delivery_id": delivery.pk,
        "contract_id": contract.pk,
        "origin_province": contract.origin_province_id,
        "destination_province": contract.destination_province_id,
        "quantity": delivery.quantity,
        "unit": contract.unit,
        "value_vnd": delivery.quantity * contract.price_per_unit_vnd,
    }
    send_after_commit(delivery_received, sender="trade", **payload)


def contract_status_changed_send(contract) -> None:
    payload = {"contract_id": contract.pk, "status": contract.status}
    send_after_commit(contract_status_changed, sender="trade", **payload)
