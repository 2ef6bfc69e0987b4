"""The order events' queue row is the row `DatabaseBackend.enqueue` writes, so the worker runs it."""

import pytest
from django.db import transaction
from django.tasks.signals import task_enqueued

from phohang.orders.events import enqueue_after_commit, order_event_deliver

pytestmark = pytest.mark.django_db

COMPARED = [
    "status",
    "args_kwargs",
    "priority",
    "task_path",
    "queue_name",
    "run_after",
    "backend_name",
    "worker_ids",
    "return_value",
    "started_at",
    "finished_at",
    "exception_class_path",
    "traceback",
]


@pytest.fixture
def database_task_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_queue_row_matches_the_backends_own(database_task_queue):
    from django_tasks_db.models import DBTaskResult

    payload = {"order_ids": [3, 5]}
    with transaction.atomic():
        enqueue_after_commit(order_event_deliver, "order_placed", payload)
    ours = DBTaskResult.objects.get()
    theirs_id = order_event_deliver.enqueue("order_placed", payload).id
    theirs = DBTaskResult.objects.get(pk=theirs_id)

    assert {f: getattr(ours, f) for f in COMPARED} == {f: getattr(theirs, f) for f in COMPARED}
    assert ours.enqueued_at is not None
    # The worker's view of the row: the task and its arguments come back.
    result = ours.task_result
    assert result.task.module_path == "phohang.orders.events.order_event_deliver"
    assert result.args == ["order_placed", payload]
    assert DBTaskResult.objects.ready().count() == 2


def test_queue_row_rolls_back_with_the_transaction(database_task_queue):
    from django_tasks_db.models import DBTaskResult

    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_after_commit(order_event_deliver, "order_placed", {"order_ids": [1]})
        raise RuntimeError("checkout refused")
    assert not DBTaskResult.objects.exists()


def test_listeners_of_task_enqueued_still_hear_of_the_row(database_task_queue):
    heard = []

    def listener(sender, task_result, **kwargs):
        heard.append((task_result.id, task_result.args))

    task_enqueued.connect(listener)
    try:
        with transaction.atomic():
            enqueue_after_commit(order_event_deliver, "order_placed", {"order_ids": [7]})
    finally:
        task_enqueued.disconnect(listener)
    from django_tasks_db.models import DBTaskResult

    assert heard == [(str(DBTaskResult.objects.get().pk), ["order_placed", {"order_ids": [7]}])]
