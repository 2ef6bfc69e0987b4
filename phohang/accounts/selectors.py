from django.db import connections, router
from django.utils import timezone

from phohang.core import sql

from .models import ApiToken, Notification, User

_TOKEN_FIELDS = sql.field_order(ApiToken, ["id", "user_id", "scopes", "expires_at", "last_used_at"])
_USER_FIELDS = sql.field_order(User)


def api_token_authenticate(raw_token: str) -> tuple[ApiToken, User] | None:
    """The live (unrevoked, unexpired) token and its active user, or None; reads only.

    Every API call runs this first, so the token-and-user read is one statement written out once
    (the ORM spent more CPU compiling the join than the database spent answering it).
    """
    statement = (
        f"SELECT {sql.columns(ApiToken, 't', _TOKEN_FIELDS)},"  # noqa: S608
        f" {sql.columns(User, 'u', _USER_FIELDS)}"
        f" FROM {sql.table(ApiToken)} t INNER JOIN {sql.table(User)} u ON u.id = t.user_id"
        " WHERE t.digest = %s AND t.revoked_at IS NULL AND t.expires_at > %s"
        " AND u.is_active = %s"
    )
    operations = connections[router.db_for_read(ApiToken)].ops
    now = operations.adapt_datetimefield_value(timezone.now())
    params = [ApiToken.digest_of(raw_token), now, True]
    rows = sql.fetch_all(ApiToken, statement, params)
    if not rows:
        return None
    cut = len(_TOKEN_FIELDS)
    token = sql.instance_from_row(ApiToken, _TOKEN_FIELDS, rows[0][:cut])
    user = sql.instance_from_row(User, _USER_FIELDS, rows[0][cut:])
    return token, user


def notification_list_for_user(user: User, limit: int = 50):
    return Notification.objects.filter(user=user)[:limit]


def unread_notification_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def api_token_list_for_user(user: User):
    """The user's tokens that still work, newest first."""
    return ApiToken.objects.filter(
        user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-created_at")
