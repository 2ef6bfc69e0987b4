"""What every markets page does the same way: a 404 for what is missing or someone else's, and a
service call whose refusal or success is flashed on the page it redirects to."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest

from phohang.core.errors import DomainError, NotFound


def found(getter: Callable[..., Any], *args: Any) -> Any:
    """The object or a 404 page (the same answer whether it exists or is someone else's)."""
    try:
        return getter(*args)
    except NotFound as error:
        raise Http404 from error


def act(request: HttpRequest, call: Callable[[], Any], *, done: str) -> bool:
    """Run a service; its refusal becomes an error message, success the `done` message."""
    try:
        call()
    except DomainError as error:
        messages.error(request, str(error.message))
        return False
    messages.success(request, done)
    return True
