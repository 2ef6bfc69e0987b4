"""What every directory page shares: the staff roles, the 404 for objects not found, a form
saved through a service."""

from django.contrib import messages
from django.http import Http404

from phohang.accounts.models import Role
from phohang.core.errors import DomainError, NotFound

STAFF = [Role.AUTHORITY, Role.ADMIN]


def found(getter, *args):
    """The object or a 404 page (the same answer whether it exists or is someone else's)."""
    try:
        return getter(*args)
    except NotFound as error:
        raise Http404 from error


def is_staff(user) -> bool:
    return bool(user.is_authenticated and (user.is_authority or user.is_superuser))


def saved(request, form, call, message) -> bool:
    """Run `call(cleaned_data)` on a valid form: True with `message` shown, or False with the
    service's refusal on the form."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except DomainError as error:
        form.add_service_error(error)
        return False
    messages.success(request, message)
    return True
