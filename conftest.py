import logging
import os
import re

import pytest

from phohang.core import reliability
from phohang.core.logging import RedactPersonalDataFilter


def pytest_configure(config):
    # One reliability result file per run: xdist workers inherit the run id set here.
    reliability.run_id()
    config.addinivalue_line(
        "markers", "argon2: hashing is under test, so the real Argon2 hasher is kept"
    )


def pytest_terminal_summary(terminalreporter):
    path = reliability.results_path()
    if path.exists():
        terminalreporter.write_line(f"reliability figures: {path}")


def pytest_collection_modifyitems(config, items):
    """Backend-specific tests run in their own pass of .ci/run: `postgres` tests need real
    parallel connections, `sqlite` tests are about SQLite's own file locking."""
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql"))
    other_backend, reason = (
        ("sqlite", "about SQLite (runs in the SQLite pass of .ci/run)")
        if on_postgres
        else ("postgres", "needs PostgreSQL (runs in the PostgreSQL pass of .ci/run)")
    )
    marker = pytest.mark.skip(reason=reason)
    for item in items:
        if other_backend in item.keywords:
            item.add_marker(marker)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fast_password_hashing(request, settings):
    """MD5 for tests where hashing is not under test (Argon2 costs ~0.2 s per hash)."""
    if request.node.get_closest_marker("argon2"):
        return
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


# AUD-03: every log record the suite produces goes through the same redaction filter as the
# real handlers; a record that still carries personal data or a secret fails the test.
PII_PATTERNS = {
    "citizen or tax id number": re.compile(r"(?<!\d)(?:\d{9}|\d{12})(?!\d)"),
    "Vietnamese phone number": re.compile(r"(?<!\d)(?:\+?84|0)[35789]\d{8}(?!\d)"),
    "email address": re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),
    "API token": re.compile(r"ph_[\w-]{20,}"),
    "credential in a query": re.compile(
        r"(password|secret|sessionid|token)=(?!\[redacted\])", re.I
    ),
}


class _CapturingHandler(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.addFilter(RedactPersonalDataFilter())
        self.messages: list[str] = []

    def emit(self, record):
        try:
            text = self.format(record)
        except Exception:  # noqa: BLE001 - a broken record is still captured by name
            text = str(record.msg)
        self.messages.append(f"{record.name}: {text}")


_handler = _CapturingHandler()


def pytest_sessionstart(session):
    from django.conf import settings

    logging.getLogger().addHandler(_handler)
    for name in ("phohang", "django.security", "django.request", "django.server"):
        logging.getLogger(name).addHandler(_handler)
    PII_PATTERNS["secret key"] = re.compile(re.escape(settings.SECRET_KEY))


def pii_found(messages: list[str]) -> list[tuple[str, str]]:
    return [
        (label, message)
        for message in messages
        for label, pattern in PII_PATTERNS.items()
        if pattern.search(message)
    ]


@pytest.fixture(autouse=True)
def _no_personal_data_in_logs():
    start = len(_handler.messages)
    yield
    found = pii_found(_handler.messages[start:])
    if found:
        pytest.fail(f"personal data or secrets in logs (AUD-03): {found[:3]}", pytrace=False)


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or "transactional_db" in (
        request.fixturenames
    )


@pytest.fixture(autouse=True)
def _reference_data_for_transactional_tests(request):
    """Transactional tests flush every table, including the units a data migration loaded."""
    if not _is_transactional(request):
        yield
        return
    request.getfixturevalue("transactional_db")
    import importlib

    from django.apps import apps

    from phohang.catalog.models import Category
    from phohang.geo.models import Province, Ward
    from phohang.geo.units import load_units

    if not Ward.objects.exists():
        load_units(Province, Ward)
    if not Category.objects.exists():
        importlib.import_module("phohang.catalog.migrations.0002_seed_categories").seed(apps, None)
    yield
