"""Events orders sends after commit; projections (insights) subscribe, orders never imports them."""

from django.db import transaction
from django.dispatch import Signal

# Sent with `order_ids` (list[int]) after a checkout commits.
order_placed = Signal()
# Sent with `order_id`, `from_status`, `to_status` after a state change commits.
order_status_changed = Signal()


def order_placed_send(*, order_ids: list[int]) -> None:
    transaction.on_commit(lambda: order_placed.send(sender="orders", order_ids=order_ids))


def order_status_changed_send(*, order_id: int, from_status: str, to_status: str) -> None:
    transaction.on_commit(
        lambda: order_status_changed.send(
            sender="orders", order_id=order_id, from_status=from_status, to_status=to_status
        )
    )
