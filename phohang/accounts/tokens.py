"""API token writes: scoped, expiring, shown once, stored as a digest; privileged accounts need a
fresh second-factor code to make one. Every use is stamped, at most once a minute."""

import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.core.audit import AuditContext, audit_record

from . import mfa, throttling
from .models import ApiToken, TokenScope, User

LAST_USED_RESOLUTION = timedelta(minutes=1)
# ASVS 3.5: long-lived bearer credentials of staff, authority and admin accounts expire soon.
MAX_DAYS_PRIVILEGED = 30
MAX_DAYS = 365
DEFAULT_SCOPES = (
    TokenScope.READ,
    TokenScope.SHOP,
    TokenScope.CATALOG,
    TokenScope.TRADE,
    TokenScope.SELLERS,
)

SCOPE_MISSING = _("This API token does not allow this operation (scope needed: %(scope)s).")


class TokenRefused(Exception):
    """The token cannot be made as asked; the message says why (bilingual via gettext)."""


def max_lifetime_days(user: User) -> int:
    return MAX_DAYS_PRIVILEGED if user.is_staff_like else MAX_DAYS


def lifetime_choices(user: User) -> list[int]:
    return [days for days in (7, 30, 90, 365) if days <= max_lifetime_days(user)]


def _second_factor_check(user: User, code: str, ip: str | None) -> None:
    device = mfa.totp_device_for(user)
    if device is None:
        raise TokenRefused(_("Set up your authenticator app before creating a token."))
    allowed, details = device.verify_is_allowed()
    if not allowed:  # django-otp's pause after a wrong code
        raise throttling.LoginThrottled((details or {}).get("locked_until") or timezone.now())
    throttling.attempt_begin(scope="otp", identifier=str(user.pk), ip=ip)
    if not mfa.totp_verify(device, code):
        raise TokenRefused(_("The code is not correct or has expired."))
    throttling.attempt_succeeded(scope="otp", identifier=str(user.pk), ip=ip)


def api_token_create(
    *,
    user: User,
    name: str,
    scopes: list[str] | tuple[str, ...] | None = None,
    lifetime_days: int | None = None,
    otp_code: str = "",
    context: AuditContext | None = None,
) -> tuple[ApiToken, str]:
    """Create a token and return it with the raw value, which is shown only once.

    Raises TokenRefused (or LoginThrottled for too many wrong codes); nothing is stored then.
    """
    chosen = list(DEFAULT_SCOPES if scopes is None else scopes)
    if not chosen or any(scope not in TokenScope.values for scope in chosen):
        raise TokenRefused(_("Choose at least one of the listed scopes."))
    days = lifetime_days or min(90, max_lifetime_days(user))
    if not 1 <= days <= max_lifetime_days(user):
        raise TokenRefused(
            _("A token of this account can last at most %(days)s days.")
            % {"days": max_lifetime_days(user)}
        )
    if mfa.mfa_is_required(user):
        _second_factor_check(user, otp_code, context.ip if context else None)
    raw = "ph_" + secrets.token_urlsafe(32)
    now = timezone.now()
    # Outside the code check above: a refused code must still count against the limits.
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=raw[:8],
            digest=ApiToken.digest_of(raw),
            scopes=" ".join(scope for scope in TokenScope.values if scope in chosen),
            created_at=now,
            expires_at=now + timedelta(days=days),
        )
        if user.is_staff_like:
            audit_record(
                context=context or AuditContext(actor=user),
                action="accounts.api_token.created",
                obj=token,
                after={"scopes": token.scopes, "expires_at": token.expires_at.isoformat()},
            )
    return token, raw


def api_token_revoke(*, user: User, token_id: int, context: AuditContext | None = None) -> bool:
    revoked = bool(
        ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )
    if revoked and user.is_staff_like:
        audit_record(
            context=context or AuditContext(actor=user),
            action="accounts.api_token.revoked",
            object_type="accounts.apitoken",
            object_id=str(token_id),
        )
    return revoked


def api_token_mark_used(*, token: ApiToken, now: datetime | None = None) -> None:
    """Stamp the token's last use, at most once a minute (a read path must not write each time)."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_RESOLUTION),
        pk=token.pk,
    ).update(last_used_at=now)
