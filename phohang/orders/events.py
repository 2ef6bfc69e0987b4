"""Events orders sends after commit; projections (insights) subscribe, orders never imports them."""

from django.db import transaction
from django.dispatch import Signal
from django.tasks import task
from django_tasks_db import DatabaseBackend

from phohang.core.events import send_robustly

# Sent with `order_ids` (list[int]) after a checkout commits.
order_placed = Signal()
# Sent with `order_id`, `from_status`, `to_status` after a state change commits.
order_status_changed = Signal()


@task
def order_event_deliver(name: str, payload: dict) -> None:
    """Deliver one event to its projections; with TASKS_BACKEND=database a worker runs this."""
    signal = {"order_placed": order_placed, "order_status_changed": order_status_changed}[name]
    send_robustly(signal, sender="orders", **payload)


def enqueue_after_commit(task_to_run, *args) -> None:
    """Queue `task_to_run` so that it runs only if the surrounding transaction commits.

    A database queue takes its row inside the transaction (an outbox: the row commits or rolls
    back with the order, and is never lost between the commit and the enqueue); any other
    backend is asked once the transaction has committed.
    """
    if isinstance(task_to_run.get_backend(), DatabaseBackend):
        task_to_run.enqueue(*args)
    else:
        transaction.on_commit(lambda: task_to_run.enqueue(*args))


def order_placed_send(*, order_ids: list[int]) -> None:
    enqueue_after_commit(order_event_deliver, "order_placed", {"order_ids": order_ids})


def order_status_changed_send(*, order_id: int, from_status: str, to_status: str) -> None:
    payload = {"order_id": order_id, "from_status": from_status, "to_status": to_status}
    enqueue_after_commit(order_event_deliver, "order_status_changed", payload)
