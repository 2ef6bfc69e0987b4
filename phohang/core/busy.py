"""A database that is momentarily busy is a reason to retry, not a server error.

SQLite allows one writer at a time; when a write waits longer than its busy timeout the
driver raises "database is locked" (PostgreSQL's equivalents are lock and statement timeouts).
Nothing was written, because the transaction rolled back, so the honest answer is 503 with a
Retry-After header and a message in both languages.
"""

import logging
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse

logger = logging.getLogger("phohang.core")

RETRY_AFTER_SECONDS = 2
BUSY_SIGNS = ("database is locked", "database table is locked", "lock timeout", "statement timeout")
MESSAGE_VI = "Hệ thống đang bận, chưa có gì được lưu. Vui lòng thử lại sau giây lát."
MESSAGE_EN = "The system is busy and nothing was saved. Please try again in a moment."


def is_database_busy(error: BaseException) -> bool:
    return isinstance(error, OperationalError) and any(
        sign in str(error).lower() for sign in BUSY_SIGNS
    )


class DatabaseBusyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_busy(exception):
            return None
        logger.warning("database busy on %s %s", request.method, request.path)
        response: HttpResponse
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"error": {"code": "busy", "message": {"vi": MESSAGE_VI, "en": MESSAGE_EN}}},
                status=503,
            )
        else:
            response = HttpResponse(
                f"<!doctype html><html lang='vi'><meta charset='utf-8'><title>503</title>"
                f"<p>{MESSAGE_VI}</p><p lang='en'>{MESSAGE_EN}</p></html>",
                status=503,
            )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
