import logging

import pytest

from phohang.catalog.events import (
    product_changed,
    product_changed_send,
    products_changed,
    products_changed_send,
)

pytestmark = pytest.mark.django_db


def _failing(sender, **kwargs):
    raise RuntimeError("projection down")


def test_failing_product_receiver_is_logged_and_others_still_run(
    django_capture_on_commit_callbacks, caplog
):
    received = []

    def listener(sender, product_id, action, **kwargs):
        received.append((product_id, action))

    product_changed.connect(_failing)
    product_changed.connect(listener)
    try:
        with (
            caplog.at_level(logging.ERROR, logger="phohang.events"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            product_changed_send(product_id=7, action="updated")
    finally:
        product_changed.disconnect(_failing)
        product_changed.disconnect(listener)

    assert received == [(7, "updated")]
    [record] = [r for r in caplog.records if r.name == "phohang.events"]
    assert record.getMessage() == f"event receiver {__name__}._failing failed (sender catalog)"
    assert isinstance(record.exc_info[1], RuntimeError)


def test_failing_bulk_receiver_is_logged_not_raised(django_capture_on_commit_callbacks, caplog):
    products_changed.connect(_failing)
    try:
        with (
            caplog.at_level(logging.ERROR, logger="phohang.events"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            products_changed_send(product_ids=[3, 1, 3], action="published")
    finally:
        products_changed.disconnect(_failing)

    messages = [r.getMessage() for r in caplog.records if r.name == "phohang.events"]
    assert messages == [f"event receiver {__name__}._failing failed (sender catalog)"]


def test_bulk_change_reaches_each_receiver_once(django_capture_on_commit_callbacks):
    bulk, single = [], []

    def on_bulk(sender, product_ids, action, **kwargs):
        bulk.append((product_ids, action))

    def on_single(sender, product_id, action, **kwargs):
        single.append((product_id, action))

    products_changed.connect(on_bulk)
    product_changed.connect(on_single)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            products_changed_send(product_ids=[3, 1, 3], action="published")
    finally:
        products_changed.disconnect(on_bulk)
        product_changed.disconnect(on_single)

    assert (bulk, single) == ([([1, 3], "published")], [])
