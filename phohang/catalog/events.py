"""Events the catalog sends after commit; projections (search, insights) subscribe to them."""

from django.db import transaction
from django.dispatch import Signal

from phohang.core.events import send_after_commit, send_robustly

from .selectors import listing_caches_forget

PRODUCT_ACTIONS = frozenset({"published", "updated", "hidden", "suspended", "deleted"})

# Sent with `product_id` (int) and `action` (one of PRODUCT_ACTIONS), only after commit.
product_changed = Signal()

# Sent with `product_ids` (list of int) and `action` after a bulk change such as an import.
# Receivers that can index in batches subscribe here; when nobody does, each id is sent
# through `product_changed` instead, so per-product subscribers still see every change.
# A receiver connected to both is therefore never called twice for the same change.
products_changed = Signal()


def product_changed_send(*, product_id: int, action: str) -> None:
    """Queue `product_changed` for when the surrounding transaction commits."""
    if action not in PRODUCT_ACTIONS:
        raise ValueError(action)
    transaction.on_commit(listing_caches_forget)
    send_after_commit(product_changed, sender="catalog", product_id=product_id, action=action)


def products_changed_send(*, product_ids: list[int], action: str) -> None:
    """Queue one bulk event (or one per product when no bulk receiver is connected)."""
    if action not in PRODUCT_ACTIONS:
        raise ValueError(action)
    ids = sorted(set(product_ids))
    if not ids:
        return

    def send():
        if products_changed.has_listeners():
            send_robustly(products_changed, sender="catalog", product_ids=ids, action=action)
        else:
            for product_id in ids:
                send_robustly(
                    product_changed, sender="catalog", product_id=product_id, action=action
                )

    transaction.on_commit(listing_caches_forget)
    transaction.on_commit(send)
