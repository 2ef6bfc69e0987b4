"""Every API error is JSON with a message in Vietnamese and English and a 4xx status."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    ValidationError,
)
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from phohang.core.errors import DomainError


class ApiError(HttpError):
    """An error with a stable code and a bilingual message."""

    def __init__(
        self, status_code: int, code: str, message_vi: str, message_en: str, **extra: Any
    ) -> None:
        super().__init__(status_code, message_en)
        self.code = code
        self.message_vi = message_vi
        self.message_en = message_en
        self.extra = extra


def _body(code: str, message_vi: str, message_en: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": {"vi": message_vi, "en": message_en}, **extra}}


def _both(text: Any) -> tuple[str, str]:
    """Render `text` (a lazy string, or a callable returning one) in Vietnamese and English."""
    render = text if callable(text) else lambda: text
    with translation.override("vi"):
        vi = str(render())
    with translation.override("en"):
        en = str(render())
    return vi, en


def api_error(status_code: int, code: str, message: Any) -> ApiError:
    """An ApiError whose lazy `message` is rendered in both languages."""
    vi, en = _both(message)
    return ApiError(status_code, code, vi, en)


def api_validation_error(error: ValidationError, code: str = "invalid") -> ApiError:
    """A 422 with a service's (lazy) validation messages in both languages, also per field."""

    def messages_in_active_language() -> tuple[str, dict[str, list[str]]]:
        fields = error.message_dict if hasattr(error, "error_dict") else {}
        return "; ".join(error.messages), fields

    with translation.override("vi"):
        vi, fields_vi = messages_in_active_language()
    with translation.override("en"):
        en, fields_en = messages_in_active_language()
    fields = {
        name: {"vi": fields_vi[name], "en": fields_en[name]}
        for name in fields_en
        if name != "__all__"
    }
    return ApiError(422, code, vi, en, fields=fields) if fields else ApiError(422, code, vi, en)


# Errors answered the same way whatever raised them: status, code and message.
FIXED_ANSWERS: dict[type[Exception], tuple[int, str, Any]] = {
    AuthenticationError: (
        401,
        "unauthenticated",
        gettext_lazy("Sign in or send a valid API token."),
    ),
    PermissionDenied: (
        403,
        "forbidden",
        gettext_lazy("You do not have permission for this action."),
    ),
    Http404: (404, "not_found", gettext_lazy("Not found.")),
    RequestDataTooBig: (413, "too_large", gettext_lazy("The request is too large.")),
    TooManyFieldsSent: (400, "too_many_fields", gettext_lazy("The request has too many fields.")),
    # An id or number past the database's 64-bit integers, found by FUZ-01 as a 500.
    OverflowError: (422, "out_of_range", gettext_lazy("A value in the request is out of range.")),
    DataError: (422, "out_of_range", gettext_lazy("A value in the request is out of range.")),
    ValueError: (400, "bad_request", gettext_lazy("The request body is not valid JSON.")),
}
INVALID = gettext_lazy("Some fields are missing or invalid.")


def install(api: NinjaAPI) -> None:
    def answer(request: HttpRequest, error_class: type[Exception]) -> HttpResponse:
        status, code, message = FIXED_ANSWERS[error_class]
        vi, en = _both(message)
        return api.create_response(request, _body(code, vi, en), status=status)

    def handler_for(error_class: type[Exception]) -> Callable[[HttpRequest, Any], HttpResponse]:
        def handle(request: HttpRequest, exc: Exception) -> HttpResponse:
            return answer(request, error_class)

        return handle

    for error_class in FIXED_ANSWERS:
        api.add_exception_handler(error_class, handler_for(error_class))

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return api.create_response(
            request,
            _body(exc.code, exc.message_vi, exc.message_en, **getattr(exc, "extra", {})),
            status=exc.status_code,
        )

    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        vi, en = _both(INVALID)
        details = [
            {"loc": [str(part) for part in error.get("loc", [])], "msg": str(error.get("msg", ""))}
            for error in exc.errors
        ]
        return api.create_response(request, _body("invalid", vi, en, fields=details), status=422)

    @api.exception_handler(ValidationError)
    def django_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        vi, en = _both(INVALID)
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return api.create_response(request, _body("invalid", vi, en, fields=fields), status=422)

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        if exc.status == 404:
            return answer(request, Http404)
        vi, en = _both(exc.message)
        return api.create_response(request, _body(exc.code, vi, en), status=exc.status)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # django-ninja wraps any body-parsing failure (bad JSON, nesting too deep) in a 400.
        if exc.status_code == 400 and isinstance(exc.__cause__, (ValueError, RecursionError)):
            return answer(request, ValueError)
        if exc.status_code == 403:  # ninja's CSRF check for session callers
            return answer(request, PermissionDenied)
        vi, en = _both(gettext_lazy("The request could not be processed."))
        return api.create_response(request, _body("error", vi, en), status=exc.status_code)


ERROR_BODY_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string"},
                "message": {
                    "type": "object",
                    "required": ["vi", "en"],
                    "properties": {"vi": {"type": "string"}, "en": {"type": "string"}},
                },
            },
        }
    },
}


def document(schema: dict[str, Any]) -> dict[str, Any]:
    """Any operation can answer with an error body: each one documents it as its `default`."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            operation.setdefault("responses", {}).setdefault(
                "default",
                {
                    "description": "Error (4xx) with a message in Vietnamese and English",
                    "content": {"application/json": {"schema": ERROR_BODY_SCHEMA}},
                },
            )
    return schema
