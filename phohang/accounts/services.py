"""Account writes: registration, consent, API tokens, notifications."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise

from .models import Consent, Notification, NotificationKind, NotificationSetting, User
from .tokens import api_token_create, api_token_revoke  # noqa: F401 (token writes live there)

CONSENT_VERSIONS = {
    Consent.Purpose.TERMS: "2026-07",
    Consent.Purpose.MARKETING: "2026-07",
    Consent.Purpose.IDENTITY: "2026-07",
    Consent.Purpose.MATCHING: "2026-07",
}


@transaction.atomic
def user_register(
    *,
    full_name: str,
    password: str,
    email: str | None = None,
    phone: str | None = None,
    accepts_terms: bool,
    accepts_marketing: bool = False,
) -> User:
    """Create a buyer account with its consents recorded."""
    if not accepts_terms:
        raise ValueError("The terms must be accepted explicitly.")
    user = User.objects.create_user(
        email=email or None, phone=phone or None, password=password, full_name=full_name
    )
    consent_grant(user=user, purpose=Consent.Purpose.TERMS)
    if accepts_marketing:
        consent_grant(user=user, purpose=Consent.Purpose.MARKETING)
    return user


def consent_grant(*, user: User, purpose: str) -> Consent:
    version = CONSENT_VERSIONS[Consent.Purpose(purpose)]
    return Consent.objects.create(user=user, purpose=purpose, version=version)


def consent_withdraw(*, user: User, purpose: str) -> int:
    return Consent.objects.filter(user=user, purpose=purpose, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )


def consent_is_given(*, user: User, purpose: str) -> bool:
    return Consent.objects.filter(user=user, purpose=purpose, withdrawn_at__isnull=True).exists()


def notification_channels(*, user: User, kind: str) -> tuple[bool, bool]:
    """(on the site, by email) for `kind`, from the user's settings; both on by default."""
    setting = NotificationSetting.objects.filter(user=user, kind=kind).first()
    if setting is None:
        return True, True
    return setting.in_app, setting.email


def notification_send(
    *,
    user: User,
    title: str | Promise,
    body: str | Promise = "",
    link: str = "",
    kind: str = NotificationKind.ACCOUNT,
) -> Notification | None:
    """In-app notification plus an email after commit, as the user's settings for `kind` allow."""
    in_app, by_email = notification_channels(user=user, kind=kind)
    title, body = str(title), str(body)  # render lazy text once, in the active language
    notification = None
    if in_app:
        notification = Notification.objects.create(
            user=user, kind=kind, title=title, body=body, link=link
        )
    if by_email and user.email:
        recipient = user.email
        message = f"{body}\n\n{settings.SITE_URL}{link}" if link else body

        email_send_after_commit(subject=title, body=message, recipients=[recipient])
    return notification


@transaction.atomic
def notification_settings_save(*, user: User, choices: dict[str, tuple[bool, bool]]) -> None:
    """Store (on the site, by email) per kind for `user`."""
    for kind, (in_app, by_email) in choices.items():
        if kind not in NotificationKind.values:
            continue
        NotificationSetting.objects.update_or_create(
            user=user, kind=kind, defaults={"in_app": in_app, "email": by_email}
        )


def email_send_after_commit(*, subject: str | Promise, body: str, recipients: list[str]) -> None:
    """Queue an email once the surrounding transaction commits, so nothing is sent for work that
    rolled back and the request never waits on the mail server."""
    from .tasks import email_deliver_task

    subject, body = str(subject), str(body)
    transaction.on_commit(
        lambda: email_deliver_task.enqueue(subject=subject, body=body, recipients=recipients)
    )


def notifications_mark_read(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
