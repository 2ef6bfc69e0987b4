"""Order events are queued through the task API: a database queue's row commits or rolls back
with the order; another backend is asked only after the commit."""

import pytest
from django.db import transaction
from django.tasks.signals import task_enqueued

from phohang.orders.events import enqueue_after_commit, order_event_deliver, order_placed

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_task_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_database_queue_row_is_written_in_the_transaction(database_task_queue):
    from django_tasks_db.models import DBTaskResult

    payload = {"order_ids": [3, 5]}

    with transaction.atomic():
        enqueue_after_commit(order_event_deliver, "order_placed", payload)
        queued_inside = DBTaskResult.objects.count()

    assert queued_inside == 1
    row = DBTaskResult.objects.get()
    result = row.task_result
    assert result.task.module_path == "phohang.orders.events.order_event_deliver"
    assert result.args == ["order_placed", payload]
    assert list(DBTaskResult.objects.ready()) == [row]


def test_database_queue_row_rolls_back_with_the_transaction(database_task_queue):
    from django_tasks_db.models import DBTaskResult

    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_after_commit(order_event_deliver, "order_placed", {"order_ids": [1]})
        raise RuntimeError("checkout refused")

    assert not DBTaskResult.objects.exists()


def test_listeners_of_task_enqueued_hear_of_the_queued_task(database_task_queue):
    from django_tasks_db.models import DBTaskResult

    heard = []

    def listener(sender, task_result, **kwargs):
        heard.append((task_result.id, task_result.args))

    task_enqueued.connect(listener)
    try:
        with transaction.atomic():
            enqueue_after_commit(order_event_deliver, "order_placed", {"order_ids": [7]})
    finally:
        task_enqueued.disconnect(listener)

    assert heard == [(str(DBTaskResult.objects.get().pk), ["order_placed", {"order_ids": [7]}])]


def test_immediate_backend_runs_the_task_only_after_the_commit(django_capture_on_commit_callbacks):
    heard = []

    def receiver(sender, order_ids, **kwargs):
        heard.append(order_ids)

    order_placed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            enqueue_after_commit(order_event_deliver, "order_placed", {"order_ids": [9]})
        assert heard == []

        for callback in callbacks:
            callback()
    finally:
        order_placed.disconnect(receiver)

    assert heard == [[9]]


def test_immediate_backend_runs_nothing_when_the_transaction_rolls_back():
    heard = []

    def receiver(sender, order_ids, **kwargs):
        heard.append(order_ids)

    order_placed.connect(receiver)
    try:
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue_after_commit(order_event_deliver, "order_placed", {"order_ids": [4]})
            raise RuntimeError("checkout refused")
    finally:
        order_placed.disconnect(receiver)

    assert heard == []
