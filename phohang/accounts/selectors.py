from django.db.models import QuerySet
from django.utils import timezone

from .models import ApiToken, Notification, NotificationKind, NotificationSetting, User


def api_token_authenticate(raw_token: str) -> tuple[ApiToken, User] | None:
    """The live (unrevoked, unexpired) token and its active user, or None; reads only (one
    query)."""
    token = (
        ApiToken.objects.filter(
            digest=ApiToken.digest_of(raw_token),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
        )
        .select_related("user")
        .only("id", "user_id", "scopes", "expires_at", "last_used_at", "user")
        .first()
    )
    if token is None:
        return None
    return token, token.user


def notification_list_for_user(
    user: User, limit: int = 50, kind: str = ""
) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(user=user)
    if kind:
        notifications = notifications.filter(kind=kind)
    return notifications[:limit]


def notification_settings_for(user: User) -> dict[str, tuple[bool, bool]]:
    """(on the site, by email) for every kind; kinds without a stored row are on."""
    stored = {
        setting.kind: (setting.in_app, setting.email)
        for setting in NotificationSetting.objects.filter(user=user)
    }
    return {kind: stored.get(kind, (True, True)) for kind in NotificationKind.values}


def unread_notification_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def api_token_list_for_user(user: User) -> QuerySet[ApiToken]:
    """The user's tokens that still work, newest first."""
    return ApiToken.objects.filter(
        user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-created_at")


def erasure_refusals(user: User) -> list[str]:
    """Why the person's data cannot be erased yet (the page shows it before they try)."""
    from phohang.core import privacy

    return privacy.erasure_refusals(user)
