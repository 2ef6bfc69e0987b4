"""Fail-closed access policies: every view declares who may call it, and the route audit checks it."""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

POLICY_ATTRIBUTE = "access_policy"


def _mark(view: Callable, policy: str) -> Callable:
    setattr(view, POLICY_ATTRIBUTE, policy)
    return view


def public(view: Callable) -> Callable:
    """Anyone may call this view, signed in or not."""
    return _mark(view, "public")


def signed_in(view: Callable) -> Callable:
    """Any signed-in user; anonymous visitors are sent to the login page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _mark(wrapper, "signed_in")


def roles_required(roles: Iterable[str]) -> Callable[[Callable], Callable]:
    """Only users holding at least one of `roles`; an empty list lets nobody in."""
    required = frozenset(roles)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            # any() over an empty set is False: an empty policy denies (fail closed).
            if not any(user.has_role(role) for role in required):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _mark(wrapper, "roles:" + ",".join(sorted(required)))

    return decorator


def policy_of(view: Callable) -> str | None:
    seen = set()
    while view is not None and id(view) not in seen:
        seen.add(id(view))
        policy = getattr(view, POLICY_ATTRIBUTE, None)
        if policy:
            return policy
        view = getattr(view, "__wrapped__", None) or getattr(view, "view_class", None)
    return None
