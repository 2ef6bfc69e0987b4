from datetime import timedelta

from django.utils import timezone

from phohang.core import sql

from .models import ApiToken, Notification, User

LAST_USED_RESOLUTION = timedelta(minutes=1)


_TOKEN_FIELDS = sql.field_order(ApiToken, ["id", "user_id", "last_used_at"])
_USER_FIELDS = sql.field_order(User)


def user_for_api_token(raw_token: str) -> User | None:
    """The active user a live token belongs to, or None.

    Every API call runs this first, so the token-and-user read is one statement written out once
    (the ORM spent more CPU compiling the join than the database spent answering it).
    """
    statement = (
        f"SELECT {sql.columns(ApiToken, 't', _TOKEN_FIELDS)},"  # noqa: S608
        f" {sql.columns(User, 'u', _USER_FIELDS)}"
        f" FROM {sql.table(ApiToken)} t INNER JOIN {sql.table(User)} u ON u.id = t.user_id"
        " WHERE t.digest = %s AND t.revoked_at IS NULL AND u.is_active = %s"
    )
    rows = sql.fetch_all(ApiToken, statement, [ApiToken.digest_of(raw_token), True])
    if not rows:
        return None
    cut = len(_TOKEN_FIELDS)
    token = sql.instance_from_row(ApiToken, _TOKEN_FIELDS, rows[0][:cut])
    user = sql.instance_from_row(User, _USER_FIELDS, rows[0][cut:])
    now = timezone.now()
    # "Last used" is shown to the owner to the minute; writing it on every request would cost
    # a commit per API call, so it is refreshed at most once a minute.
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return user


def notification_list_for_user(user: User, limit: int = 50):
    return Notification.objects.filter(user=user)[:limit]


def unread_notification_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def api_token_list_for_user(user: User):
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")
