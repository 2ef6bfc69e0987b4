"""What every directory page shares: the staff roles and the 404 for objects not found."""

from django.http import Http404

from phohang.accounts.models import Role
from phohang.core.errors import NotFound

STAFF = [Role.AUTHORITY, Role.ADMIN]


def found(getter, *args):
    """The object or a 404 page (the same answer whether it exists or is someone else's)."""
    try:
        return getter(*args)
    except NotFound as error:
        raise Http404 from error


def is_staff(user) -> bool:
    return bool(user.is_authenticated and (user.is_authority or user.is_superuser))
