"""Events orders sends after commit; projections (insights) subscribe, orders never imports them."""

import logging

from django.db import transaction
from django.dispatch import Signal
from django.tasks import task
from django.tasks.signals import log_task_enqueued, task_enqueued
from django_tasks_db import DatabaseBackend
from django_tasks_db.compat import normalize_json

from phohang.core.events import send_robustly
from phohang.core.sql import insert_rows

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
    """Queue `task_to_run` so it runs only if the surrounding transaction commits."""
    backend = task_to_run.get_backend()
    if isinstance(backend, DatabaseBackend):
        # The queue is a table: the row commits (or rolls back) with the order, an outbox
        # that costs no extra commit and is never lost between commit and enqueue.
        _queue_row_write(backend, task_to_run, args)
    else:
        transaction.on_commit(lambda: task_to_run.enqueue(*args))


_validated_tasks: set[tuple[str, str]] = set()


def _queue_row_write(backend: DatabaseBackend, task_to_run, args: tuple) -> None:
    """The row `backend.enqueue` would create, written with the transaction's other deferred
    writes (every checkout queues one, and the ORM's create cost more CPU than the INSERT)."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    key = (backend.alias, task_to_run.module_path)
    if key not in _validated_tasks:
        backend.validate_task(task_to_run)  # depends on the task only: once per process
        _validated_tasks.add(key)
    row = DBTaskResult(
        id=backend._get_id(),
        args_kwargs=normalize_json({"args": args, "kwargs": {}}),
        priority=task_to_run.priority,
        task_path=task_to_run.module_path,
        queue_name=task_to_run.queue_name,
        # What the package's pre_save receiver stores for "run as soon as possible".
        run_after=task_to_run.run_after or get_date_max(),
        backend_name=backend.alias,
    )
    insert_rows([row], defer=True)
    # `enqueue` announces every task; Django's own listener only logs at DEBUG, so the result
    # object is built only when someone else listens or that log is on.
    if _enqueue_is_observed(type(backend)):
        task_enqueued.send(type(backend), task_result=row.task_result)


def _enqueue_is_observed(sender) -> bool:
    sync_receivers, async_receivers = task_enqueued._live_receivers(sender)
    return (
        bool(async_receivers)
        or any(receiver is not log_task_enqueued for receiver in sync_receivers)
        or logging.getLogger("django.tasks").isEnabledFor(logging.DEBUG)
    )


def order_placed_send(*, order_ids: list[int]) -> None:
    enqueue_after_commit(order_event_deliver, "order_placed", {"order_ids": order_ids})


def order_status_changed_send(*, order_id: int, from_status: str, to_status: str) -> None:
    payload = {"order_id": order_id, "from_status": from_status, "to_status": to_status}
    enqueue_after_commit(order_event_deliver, "order_status_changed", payload)
