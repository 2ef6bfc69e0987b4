"""Encryption at rest for identity numbers, plus a keyed digest so duplicates are still found.

`FIELD_ENCRYPTION_KEYS` lists keys newest first: the first encrypts, all decrypt (MultiFernet).
Digests are keyed too, one digest per key: a value is stored with the newest key's digest, and a
duplicate check looks for the digests of *every* listed key, so a value stored before a rotation
is still found after it. `manage.py field_keys_rotate` rewrites ciphertexts and digests with the
newest key; only once it reports nothing left on older keys may an old key be removed.
"""

import base64
import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _keys() -> list[str]:
    keys = [key for key in settings.FIELD_ENCRYPTION_KEYS if key]
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY is not set.")
    return keys


def _fernet_of(key: str) -> Fernet:
    # Any passphrase works as a key: it is stretched to Fernet's 32 bytes the same way as before
    # keys were separate from SECRET_KEY, so data written then stays readable.
    derived = hashlib.sha256(("fernet:" + key).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(derived))


def _multi() -> MultiFernet:
    return MultiFernet([_fernet_of(key) for key in _keys()])


def encrypt(value: str) -> str:
    return _multi().encrypt(value.encode()).decode() if value else ""


def decrypt(token: str) -> str:
    return _multi().decrypt(token.encode()).decode() if token else ""


def is_current(token: str) -> bool:
    """True when `token` is empty or already encrypted with the newest key."""
    if not token:
        return True
    try:
        _fernet_of(_keys()[0]).decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def _digest(key: str, value: str) -> str:
    index_key = hashlib.sha256(("index:" + key).encode()).digest()
    return hmac.new(index_key, value.encode(), hashlib.sha256).hexdigest()


def blind_index(value: str) -> str:
    """The newest key's digest: equal inputs give equal digests, the digest reveals nothing."""
    return _digest(_keys()[0], value) if value else ""


def blind_indexes(value: str) -> list[str]:
    """The digests of `value` under every listed key, for lookups that must survive a rotation."""
    return [_digest(key, value) for key in _keys()] if value else []


def mask(value: str, visible: int = 3) -> str:
    """'001203004567' → '001******567'."""
    if not value:
        return ""
    if len(value) <= visible * 2:
        return "*" * len(value)
    return value[:visible] + "*" * (len(value) - 2 * visible) + value[-visible:]


@dataclass(frozen=True)
class RotationStep:
    """One app's rewrite of its encrypted rows: `run(progress)` returns (rewritten, left behind)."""

    label: str
    count: Callable[[], int]
    run: Callable[[Callable[[int], None]], tuple[int, int]]


ROTATION_STEPS: list[RotationStep] = []


def rotation_step_register(step: RotationStep) -> None:
    """Apps that store encrypted values or digests register here in `ready()`, in floor order."""
    if all(existing.label != step.label for existing in ROTATION_STEPS):
        ROTATION_STEPS.append(step)
