"""What the expo pages share: who organises, refusals as pages, 404 for others' objects."""

import uuid
from collections.abc import Callable

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from phohang.accounts.models import Role
from phohang.core.errors import DomainError

from .. import selectors
from ..models import Event

ORGANISER_ROLES = [Role.AUTHORITY, Role.ADMIN]


def refused(request, error: DomainError, back: str):
    """A refused action: the message in the user's language, a 4xx status, nothing changed."""
    if error.status == 404:
        raise Http404
    context = {"message": error.message, "back": back}
    return render(request, "expo/refused.html", context, status=error.status)


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except (ValueError, TypeError):
        return False
    return True


def event_public(request, slug: str) -> Event:
    try:
        return selectors.event_get_public(slug, request.user)
    except DomainError as error:
        raise Http404 from error


def organised(request, slug: str) -> Event:
    try:
        return selectors.event_get_for_organiser(request.user, slug=slug)
    except DomainError as error:
        raise Http404 from error


def found(getter, *args):
    try:
        return getter(*args)
    except DomainError as error:
        raise Http404 from error


# Public pages


def act(request, work: Callable[[], object], *, back: str, done: str):
    """Run one service; a refusal renders its message with its status, else `done` and back."""
    try:
        work()
    except DomainError as error:
        return refused(request, error, back)
    messages.success(request, done)
    return redirect(back)
