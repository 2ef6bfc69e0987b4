"""Production fails closed: no debug mode, sandbox, demo account or borrowed key by default."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG_ENV = {
    name
    for name in os.environ
    if name.startswith(("VNPAY_", "VIETQR_", "PLATFORM_BANK_", "FIELD_ENCRYPTION"))
    or name in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    or name in {"PYTEST_XDIST_WORKER", "DJANGO_ALLOW_ASYNC_UNSAFE"}
}
REAL_VNPAY = {
    "VNPAY_TMN_CODE": "HNPHOHG1",
    "VNPAY_HASH_SECRET": secrets.token_hex(16).upper(),
    "VNPAY_URL": "https://pay.vnpay.vn/vpcpay.html",
    "VNPAY_API_URL": "https://merchant.vnpay.vn/merchant_webapi/api/transaction",
}


def _env(tmp_path, **extra) -> dict:
    env = {name: value for name, value in os.environ.items() if name not in CONFIG_ENV}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        PHOHANG_VAR_DIR=str(tmp_path),
        PYTHONWARNINGS="ignore",
    )
    env.update(extra)
    return {name: value for name, value in env.items() if value is not None}


def _production(tmp_path, **extra) -> dict:
    production = {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "phohang.example.vn",
        "FIELD_ENCRYPTION_KEY": secrets.token_urlsafe(32),
    }
    return _env(tmp_path, **{**production, **extra})


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def _deploy_check(env: dict) -> subprocess.CompletedProcess:
    return _run(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")


def test_deploy_check_fails_on_vnpay_defaults_and_passes_with_real_settings(tmp_path):
    defaults = _deploy_check(_production(tmp_path))
    real = _deploy_check(_production(tmp_path, **REAL_VNPAY))

    assert defaults.returncode == 1
    assert "payments.E002" in defaults.stderr
    assert "VNPAY_HASH_SECRET is missing" in defaults.stderr
    assert real.returncode == 0, real.stderr
    assert "System check identified no issues" in real.stdout


def test_deploy_check_passes_with_vnpay_switched_off(tmp_path):
    result = _deploy_check(_production(tmp_path, VNPAY_ENABLED="0"))

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "override",
    [
        {"VNPAY_HASH_SECRET": "phohang-sandbox-secret"},
        {"VNPAY_URL": "/payments/vnpay-sandbox/pay/"},
        {"VNPAY_API_URL": "http://merchant.vnpay.vn/merchant_webapi/api/transaction"},
        {"VNPAY_TMN_CODE": "PHOHANG1"},
    ],
)
def test_deploy_check_refuses_the_sandbox_secret_or_urls(tmp_path, override):
    result = _deploy_check(_production(tmp_path, **{**REAL_VNPAY, **override}))

    assert result.returncode == 1
    assert "payments.E002" in result.stderr


def test_server_refuses_to_start_on_vnpay_defaults(tmp_path):
    # gunicorn and uvicorn import the application without running system checks.
    result = _run(_production(tmp_path), "-c", "import config.wsgi")

    assert result.returncode == 1
    assert "Phố Hàng refuses to start" in result.stderr
    assert "payments.E002" in result.stderr


def test_server_refuses_to_start_without_a_field_encryption_key(tmp_path):
    env = _production(tmp_path, **REAL_VNPAY)
    env.pop("FIELD_ENCRYPTION_KEY")

    result = _run(env, "-c", "import config.wsgi")

    assert result.returncode == 1
    assert "core.E001" in result.stderr
    assert "FIELD_ENCRYPTION_KEY is not set" in result.stderr


def test_short_field_encryption_key_is_refused(tmp_path):
    result = _deploy_check(_production(tmp_path, FIELD_ENCRYPTION_KEY="short", **REAL_VNPAY))

    assert result.returncode == 1
    assert "core.E002" in result.stderr


def test_server_starts_with_complete_production_settings(tmp_path):
    result = _run(_production(tmp_path, **REAL_VNPAY), "-c", "import config.wsgi")

    assert result.returncode == 0, result.stderr


def test_debug_is_off_and_a_secret_key_required_by_default(tmp_path):
    result = _run(_env(tmp_path), "-c", "import django; django.setup()")

    assert result.returncode == 1
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


PRINT_PAYMENT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({k: getattr(s, k) for k in ['DEBUG', 'VNPAY_SANDBOX', 'VNPAY_URL', "
    "'VNPAY_HASH_SECRET', 'VIETQR_ENABLED', 'PLATFORM_BANK_ACCOUNT', 'FIELD_ENCRYPTION_KEYS']}))"
)


def _payment_settings(env: dict) -> dict:
    import json

    result = _run(env, "-c", PRINT_PAYMENT_SETTINGS)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sandbox_needs_debug_as_well_as_vnpay_sandbox(tmp_path):
    production = _payment_settings(_production(tmp_path, VNPAY_SANDBOX="1"))
    development = _payment_settings(_env(tmp_path, DEBUG="1", VNPAY_SANDBOX="1"))
    debug_only = _payment_settings(_env(tmp_path, DEBUG="1"))

    assert (production["VNPAY_SANDBOX"], production["VNPAY_URL"]) == (False, "")
    assert production["VNPAY_HASH_SECRET"] == ""
    assert development["VNPAY_SANDBOX"] is True
    assert development["VNPAY_URL"] == "/payments/vnpay-sandbox/pay/"
    assert (debug_only["VNPAY_SANDBOX"], debug_only["VNPAY_URL"]) == (False, "")


def test_production_has_no_demo_bank_account_and_no_borrowed_field_key(tmp_path):
    env = _production(tmp_path, **REAL_VNPAY)
    env["FIELD_ENCRYPTION_KEY"] = "k2-" + "a" * 40 + ",k1-" + "b" * 40

    production = _payment_settings(env)

    assert production["DEBUG"] is False
    assert (production["VIETQR_ENABLED"], production["PLATFORM_BANK_ACCOUNT"]) == (False, "")
    assert production["FIELD_ENCRYPTION_KEYS"] == ["k2-" + "a" * 40, "k1-" + "b" * 40]


def test_deploy_check_refuses_the_demo_bank_account(tmp_path):
    env = _production(
        tmp_path, PLATFORM_BANK_BIN="970436", PLATFORM_BANK_ACCOUNT="0011004455667", **REAL_VNPAY
    )

    result = _deploy_check(env)

    assert result.returncode == 1
    assert "payments.E003" in result.stderr


def test_deploy_check_accepts_a_real_bank_account(tmp_path):
    env = _production(
        tmp_path, PLATFORM_BANK_BIN="970436", PLATFORM_BANK_ACCOUNT="1023456789", **REAL_VNPAY
    )

    result = _deploy_check(env)

    assert result.returncode == 0, result.stderr


def test_vietqr_switched_on_without_an_account_is_refused(tmp_path):
    result = _deploy_check(_production(tmp_path, VIETQR_ENABLED="1", **REAL_VNPAY))

    assert result.returncode == 1
    assert "payments.E003" in result.stderr
