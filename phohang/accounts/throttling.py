"""Brute-force limits for sign-in, second factor and password reset (ASVS 2.2.1).

Each attempt takes a slot in two fixed windows before the secret is checked — one per account,
one per client address (`core.client`) — so parallel guesses cannot exceed the limit. A correct
password or code clears the account's window and gives the address its slot back; a wrong one
keeps both. Password-reset requests always count (each one sends mail).
"""

from datetime import datetime

from django.conf import settings

from phohang.core import ratelimit
from phohang.core.client import address_bucket
from phohang.core.text import fold

SCOPES = ("login", "otp", "reset")


class LoginThrottled(Exception):
    """Too many attempts for this account or address; `retry_at` says when a new window opens."""

    def __init__(self, retry_at: datetime):
        super().__init__(retry_at.isoformat())
        self.retry_at = retry_at


def _account_limit(scope: str) -> ratelimit.Limit:
    return ratelimit.Limit(
        f"{scope}-account", settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_FAILURE_WINDOW_SECONDS
    )


def _address_limit() -> ratelimit.Limit:
    return ratelimit.Limit(
        "auth-address", settings.LOGIN_IP_FAILURE_LIMIT, settings.LOGIN_FAILURE_WINDOW_SECONDS
    )


def _account_subject(scope: str, identifier: str) -> str:
    """One subject per account: its email, mobile in any format and case all count together."""
    if scope == "otp":
        return f"user:{identifier}"
    from .backends import user_for_identifier

    user = user_for_identifier(identifier)
    return f"user:{user.pk}" if user is not None else f"name:{fold(identifier.strip())}"


def attempt_begin(*, scope: str, identifier: str, ip: str | None) -> None:
    """Take this attempt's slots, or raise LoginThrottled without taking any."""
    account_limit, subject = _account_limit(scope), _account_subject(scope, identifier)
    account = ratelimit.hit(account_limit, subject)
    if not account.allowed:
        raise LoginThrottled(account.retry_at)
    address = ratelimit.hit(_address_limit(), address_bucket(ip or ""))
    if not address.allowed:
        ratelimit.release(account_limit, subject)
        raise LoginThrottled(address.retry_at)


def attempt_succeeded(*, scope: str, identifier: str, ip: str | None) -> None:
    """The secret was right: the account starts afresh and the address gets its slot back."""
    ratelimit.reset(_account_limit(scope), _account_subject(scope, identifier))
    ratelimit.release(_address_limit(), address_bucket(ip or ""))
