"""Start-up checks for settings that have no safe default in production."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

TAG = "phohang"
MIN_KEY_LENGTH = 32
KEY_HINT = (
    "Generate one with `python -c 'import secrets; print(secrets.token_urlsafe(32))'`; "
    "list several, newest first, while rotating (see README)."
)


@register(TAG)
def field_encryption_key_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    keys = settings.FIELD_ENCRYPTION_KEYS
    if not keys:
        return [
            Error(
                "FIELD_ENCRYPTION_KEY is not set: identity numbers cannot be encrypted.",
                hint=KEY_HINT,
                id="core.E001",
            )
        ]
    if not settings.DEBUG and any(len(key) < MIN_KEY_LENGTH for key in keys):
        return [
            Error(
                f"Every FIELD_ENCRYPTION_KEY entry needs at least {MIN_KEY_LENGTH} characters.",
                hint=KEY_HINT,
                id="core.E002",
            )
        ]
    return []


def refuse_to_serve_misconfigured() -> None:
    """Run this project's settings checks before a server takes requests (gunicorn and uvicorn do
    not run system checks, runserver does); raise with every problem listed."""
    from django.core import checks

    errors = [message for message in checks.run_checks(tags=[TAG]) if message.is_serious()]
    if errors:
        listing = "\n".join(f"- {error}" for error in errors)
        raise ImproperlyConfigured("Phố Hàng refuses to start:\n" + listing)
