"""Encryption at rest for identity numbers, plus a keyed digest so duplicates are still found."""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet
from django.conf import settings


def _fernet() -> Fernet:
    key = hashlib.sha256(("fernet:" + settings.FIELD_ENCRYPTION_KEY).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode() if token else ""


def blind_index(value: str) -> str:
    """Deterministic keyed digest: equal inputs give equal digests, the digest reveals nothing."""
    key = hashlib.sha256(("index:" + settings.FIELD_ENCRYPTION_KEY).encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest() if value else ""


def mask(value: str, visible: int = 3) -> str:
    """'001203004567' → '001******567'."""
    if not value:
        return ""
    if len(value) <= visible * 2:
        return "*" * len(value)
    return value[:visible] + "*" * (len(value) - 2 * visible) + value[-visible:]
