"""Events orders sends after commit; projections (insights) subscribe, orders never imports them."""

import logging

from django.db import transaction
from django.dispatch import Signal
from django.tasks import task
from django_tasks_db import DatabaseBackend

logger = logging.getLogger("phohang.orders")

# Sent with `order_ids` (list[int]) after a checkout commits.
order_placed = Signal()
# Sent with `order_id`, `from_status`, `to_status` after a state change commits.
order_status_changed = Signal()


def _log_failures(results) -> None:
    # A projection that fails must not turn a committed order into an error for the buyer.
    for receiver, outcome in results:
        if isinstance(outcome, Exception):
            logger.error("order event receiver %r failed: %r", receiver, outcome)


@task
def order_event_deliver(name: str, payload: dict) -> None:
    """Deliver one event to its projections; with TASKS_BACKEND=database a worker runs this."""
    signal = {"order_placed": order_placed, "order_status_changed": order_status_changed}[name]
    _log_failures(signal.send_robust(sender="orders", **payload))


def enqueue_after_commit(task_to_run, *args) -> None:
    """Queue `task_to_run` so it runs only if the surrounding transaction commits."""
    if isinstance(task_to_run.get_backend(), DatabaseBackend):
        # The queue is a table: the row commits (or rolls back) with the order, an outbox
        # that costs no extra commit and is never lost between commit and enqueue.
        task_to_run.enqueue(*args)
    else:
        transaction.on_commit(lambda: task_to_run.enqueue(*args))


def order_placed_send(*, order_ids: list[int]) -> None:
    enqueue_after_commit(order_event_deliver, "order_placed", {"order_ids": order_ids})


def order_status_changed_send(*, order_id: int, from_status: str, to_status: str) -> None:
    payload = {"order_id": order_id, "from_status": from_status, "to_status": to_status}
    enqueue_after_commit(order_event_deliver, "order_status_changed", payload)
