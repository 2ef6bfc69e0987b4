"""Test settings: fast hashing, in-memory mail, immediate tasks; same code paths otherwise."""

import os
import tempfile
from pathlib import Path

# Tests run with the development defaults set explicitly (DEBUG is off unless asked for).
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("VNPAY_SANDBOX", "1")
os.environ.setdefault("PHOHANG_VAR_DIR", tempfile.mkdtemp(prefix="phohang-test-"))

from .base import *  # noqa: F403,E402
from .base import VAR_DIR  # noqa: E402

# Argon2 stays first (SEC-07 inspects stored hashes); MD5 would hide real behaviour.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = Path(VAR_DIR) / "media"
PRIVATE_MEDIA_ROOT = Path(VAR_DIR) / "private"
STORAGES["private"]["OPTIONS"]["location"] = str(PRIVATE_MEDIA_ROOT)  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING["loggers"]["phohang"]["level"] = "DEBUG"  # noqa: F405
# WhiteNoise warns on every request when STATIC_ROOT is missing; tests never collect static files.
STATIC_ROOT = Path(VAR_DIR) / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
