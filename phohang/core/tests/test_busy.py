"""STK-02: lock contention on the database is answered as 503 + Retry-After, never 500."""

import json

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import RequestFactory

from phohang.core.busy import DatabaseBusyMiddleware


def _middleware():
    return DatabaseBusyMiddleware(lambda request: None)


def test_busy_middleware_is_installed():
    assert "phohang.core.busy.DatabaseBusyMiddleware" in settings.MIDDLEWARE


def test_locked_database_on_a_page_is_503_with_retry_after_in_both_languages():
    request = RequestFactory().post("/gio-hang/")

    response = _middleware().process_exception(request, OperationalError("database is locked"))

    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    page = response.content.decode()
    assert "Vui lòng thử lại" in page and "try again" in page


def test_locked_database_on_the_api_is_a_json_503():
    request = RequestFactory().post("/api/v1/checkout")

    response = _middleware().process_exception(request, OperationalError("database is locked"))

    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    body = json.loads(response.content)
    assert body["error"]["code"] == "busy"
    assert body["error"]["message"]["vi"] and body["error"]["message"]["en"]


@pytest.mark.parametrize(
    "error",
    [OperationalError("no such table: catalog_product"), ValueError("database is locked")],
)
def test_other_errors_are_left_alone(error):
    request = RequestFactory().get("/")

    assert _middleware().process_exception(request, error) is None
