from datetime import timedelta

from django.utils import timezone

from .models import ApiToken, Notification, User

LAST_USED_RESOLUTION = timedelta(minutes=1)


def user_for_api_token(raw_token: str) -> User | None:
    # The digest is unique: no ORDER BY needed (`.first()` would add one on every API call).
    tokens = ApiToken.objects.select_related("user").filter(
        digest=ApiToken.digest_of(raw_token), revoked_at__isnull=True, user__is_active=True
    )[:1]
    token = next(iter(tokens), None)
    if token is None:
        return None
    now = timezone.now()
    # "Last used" is shown to the owner to the minute; writing it on every request would cost
    # a commit per API call, so it is refreshed at most once a minute.
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def notification_list_for_user(user: User, limit: int = 50):
    return Notification.objects.filter(user=user)[:limit]


def unread_notification_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def api_token_list_for_user(user: User):
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")
