"""Events the catalog sends after commit; projections (search, insights) subscribe to them."""

from django.db import transaction
from django.dispatch import Signal

PRODUCT_ACTIONS = frozenset({"published", "updated", "hidden", "suspended", "deleted"})

# Sent with `product_id` (int) and `action` (one of PRODUCT_ACTIONS), only after commit.
product_changed = Signal()


def product_changed_send(*, product_id: int, action: str) -> None:
    """Queue `product_changed` for when the surrounding transaction commits."""
    if action not in PRODUCT_ACTIONS:
        raise ValueError(action)
    transaction.on_commit(
        lambda: product_changed.send(sender="catalog", product_id=product_id, action=action)
    )
