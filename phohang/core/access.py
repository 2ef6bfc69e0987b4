"""Fail-closed access policies: every view declares who may call it, and the route audit checks it."""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

POLICY_ATTRIBUTE = "access_policy"
View = Callable[..., Any]


def _mark(view: View, policy: str) -> View:
    setattr(view, POLICY_ATTRIBUTE, policy)
    return view


def public(view: View) -> View:
    """Anyone may call this view, signed in or not."""
    return _mark(view, "public")


def signed_in(view: View) -> View:
    """Any signed-in user; anonymous visitors are sent to the login page."""

    @wraps(view)
    def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _mark(wrapper, "signed_in")


def roles_required(roles: Iterable[str]) -> Callable[[View], View]:
    """Only users holding at least one of `roles`; an empty list lets nobody in."""
    required = frozenset(roles)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            # any() over an empty set is False: an empty policy denies (fail closed).
            if not any(user.has_role(role) for role in required):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _mark(wrapper, "roles:" + ",".join(sorted(required)))

    return decorator


def policy_of(view: View) -> str | None:
    seen = set()
    current: View | None = view
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        policy = getattr(current, POLICY_ATTRIBUTE, None)
        if policy:
            return str(policy)
        current = getattr(current, "__wrapped__", None) or getattr(current, "view_class", None)
    return None
