"""Domain events, one way: the owning app sends after commit; projections connect in `ready()`.

    # catalog/events.py: the owner declares the signal and one sender per event
    product_changed = Signal()  # product_id: int, action: str

    def product_changed_send(*, product_id: int, action: str) -> None:
        send_after_commit(product_changed, sender="catalog", product_id=product_id, action=action)

    # search/apps.py: the projection imports the signal by name, so a typo fails at start-up
    def ready(self) -> None:
        from phohang.catalog.events import product_changed

        from .receivers import on_product_changed

        connect(product_changed, on_product_changed)

A receiver that raises is logged with its traceback; the other receivers still run, and the
request whose transaction already committed still succeeds. Nothing is sent on rollback.
"""

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger("phohang.events")


def _name(receiver: Any) -> str:
    return f"{getattr(receiver, '__module__', '?')}.{getattr(receiver, '__qualname__', receiver)}"


def send_robustly(signal: Signal, *, sender: str, **payload: Any) -> None:
    """Call every receiver of `signal` now; log, never raise, a receiver's failure."""
    for receiver, result in signal.send_robust(sender=sender, **payload):
        if isinstance(result, Exception):
            logger.error(
                "event receiver %s failed (sender %s)", _name(receiver), sender, exc_info=result
            )


def send_after_commit(signal: Signal, *, sender: str, **payload: Any) -> None:
    """Send `signal` when the surrounding transaction commits (at once outside a transaction)."""
    transaction.on_commit(partial(send_robustly, signal, sender=sender, **payload))


def connect(signal: Signal, receiver: Callable[..., Any]) -> None:
    """Subscribe `receiver` once, however often `ready()` runs (by its dotted name; a nested
    function or a lambda by identity, and the caller keeps it alive: the signal holds it weakly)."""
    name = _name(receiver)
    signal.connect(receiver, dispatch_uid=None if "<" in name else name)
