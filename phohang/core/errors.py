"""Domain errors every app raises: a stable code, an HTTP status and a lazy bilingual message.

Services raise them; views show `error.message`; the API turns them into the JSON error body
(`phohang.core.api.errors`), so an app's `api.py` needs no try/except of its own.
"""

from typing import Any

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _


def _interpolate(message: Any, params: dict[str, Any]) -> str:
    return str(message) % params


_interpolate_lazy = lazy(_interpolate, str)


def message_format(message: Any, **params: Any) -> Any:
    """`message % params` rendered only when shown, so a refusal made in one language can be
    shown in another (`gettext_lazy(...) % params` would render at once)."""
    return _interpolate_lazy(message, params)


class DomainError(Exception):
    """Refused input or action (422); `message` is lazy so it renders in Vietnamese or English."""

    status = 422

    def __init__(self, code: str, message: str | Promise, field: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class Conflict(DomainError):
    """The object is not in a state that allows the action, or someone changed it first (409)."""

    status = 409


class NotFound(DomainError):
    """The object does not exist for this user: the same answer whether it exists or not (404)."""

    status = 404

    def __init__(self) -> None:
        super().__init__("not_found", _("Not found."))


class Forbidden(DomainError):
    """The user may see the object but not do this to it (403)."""

    status = 403
