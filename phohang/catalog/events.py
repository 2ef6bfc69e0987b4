"""Events the catalog sends after commit; projections (search, insights) subscribe to them."""

import logging

from django.db import transaction
from django.dispatch import Signal

from .selectors import listing_caches_forget

logger = logging.getLogger("phohang.catalog")

PRODUCT_ACTIONS = frozenset({"published", "updated", "hidden", "suspended", "deleted"})

# Sent with `product_id` (int) and `action` (one of PRODUCT_ACTIONS), only after commit.
product_changed = Signal()

# Sent with `product_ids` (list of int) and `action` after a bulk change such as an import.
# Receivers that can index in batches subscribe here; when nobody does, each id is sent
# through `product_changed` instead, so per-product subscribers still see every change.
# A receiver connected to both is therefore never called twice for the same change.
products_changed = Signal()


def _send(signal: Signal, **kwargs) -> None:
    # The change is already committed when this runs: a failing projection is logged, never
    # raised into the request that made the change, and the other receivers still run.
    for receiver, result in signal.send_robust(sender="catalog", **kwargs):
        if isinstance(result, Exception):
            logger.error(
                "catalog event receiver %s failed (action %s)",
                getattr(receiver, "__qualname__", repr(receiver)),
                kwargs.get("action"),
                exc_info=result,
            )


def product_changed_send(*, product_id: int, action: str) -> None:
    """Queue `product_changed` for when the surrounding transaction commits."""
    if action not in PRODUCT_ACTIONS:
        raise ValueError(action)
    transaction.on_commit(listing_caches_forget)
    transaction.on_commit(lambda: _send(product_changed, product_id=product_id, action=action))


def products_changed_send(*, product_ids: list[int], action: str) -> None:
    """Queue one bulk event (or one per product when no bulk receiver is connected)."""
    if action not in PRODUCT_ACTIONS:
        raise ValueError(action)
    ids = sorted(set(product_ids))
    if not ids:
        return

    def send():
        if products_changed.has_listeners():
            _send(products_changed, product_ids=ids, action=action)
        else:
            for product_id in ids:
                _send(product_changed, product_id=product_id, action=action)

    transaction.on_commit(listing_caches_forget)
    transaction.on_commit(send)
