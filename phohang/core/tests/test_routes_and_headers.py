"""SEC-03 route audit, SEC-05 CSRF exemptions, SEC-10 media headers, SEC-01 deploy check."""

import functools
import importlib
import inspect
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from phohang.accounts.tests.factories import AdminFactory, AuthorityFactory, UserFactory
from phohang.core.access import policy_of, public, roles_required, signed_in

SEPARATELY_CHECKED = {"admin", "api"}  # admin has its own staff check; ninja is audited below
# Callback endpoints from payment providers verify a signature instead of a CSRF token.
CSRF_EXEMPT_ALLOWED_NAMESPACES = {"payments"}


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), namespace, entry.callback


def _site_routes():
    return [
        (route, namespace, callback)
        for route, namespace, callback in _walk(get_resolver().url_patterns)
        if namespace not in SEPARATELY_CHECKED and not route.startswith("static/")
    ]


def test_every_route_declares_an_access_policy():
    routes = _site_routes()
    missing = [route for route, _ns, callback in routes if policy_of(callback) is None]

    assert len(routes) > 20
    assert missing == []


def test_no_view_outside_payment_callbacks_is_csrf_exempt():
    exempt = [
        route
        for route, namespace, callback in _site_routes()
        if getattr(callback, "csrf_exempt", False)
        and namespace not in CSRF_EXEMPT_ALLOWED_NAMESPACES
    ]

    assert exempt == []


def _ninja_operations():
    """(route, operation) for every operation the mounted API really serves."""
    for route, namespace, callback in _walk(get_resolver().url_patterns):
        if namespace != "api" or isinstance(callback, functools.partial):
            continue
        path_view = inspect.getclosurevars(callback).nonlocals["self"]
        for operation in path_view.operations:
            yield route, operation


def test_api_docs_and_schema_are_the_only_non_operation_routes():
    extras = {
        callback.func.__name__
        for _route, namespace, callback in _walk(get_resolver().url_patterns)
        if namespace == "api" and isinstance(callback, functools.partial)
    }

    assert extras == {"default_home", "openapi_json", "openapi_view"}


def test_every_api_operation_needs_auth_unless_listed_public():
    unlisted = []
    operations = list(_ninja_operations())
    assert len(operations) >= 10
    for path, operation in operations:
        if operation.auth_callbacks:
            continue
        func = operation.view_func
        allowlist = getattr(importlib.import_module(func.__module__), "PUBLIC_OPERATIONS", set())
        if func.__name__ not in allowlist:
            unlisted.append(f"{path} {func.__module__}.{func.__name__}")

    assert unlisted == []


def test_public_api_operations_are_read_only():
    public_unsafe = [
        (path, operation.methods)
        for path, operation in _ninja_operations()
        if not operation.auth_callbacks and set(operation.methods) - {"GET"}
    ]

    assert public_unsafe == []


@pytest.mark.django_db
def test_empty_role_list_denies_everyone_even_admins():
    view = roles_required([])(lambda request: HttpResponse("secret"))
    request = RequestFactory().get("/x")

    assert policy_of(view) == "roles:"
    for user in (UserFactory(), AuthorityFactory(), AdminFactory()):
        request.user = user
        with pytest.raises(PermissionDenied):
            view(request)


@pytest.mark.django_db
def test_roles_required_and_signed_in_send_anonymous_users_to_login():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/x")
    request.user = AnonymousUser()

    for view in (
        roles_required(["authority"])(lambda r: HttpResponse()),
        signed_in(lambda r: HttpResponse()),
    ):
        response = view(request)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/x")


def test_policy_of_reads_through_decorators():
    from django.views.decorators.http import require_GET

    view = require_GET(public(lambda request: HttpResponse()))

    assert policy_of(view) == "public"
    assert policy_of(lambda request: None) is None


def test_media_files_are_served_as_inert_attachments(client, settings):
    target = Path(settings.MEDIA_ROOT) / "logos" / "x.html"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"<script>alert(1)</script>")

    response = client.get("/media/logos/x.html")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="x.html"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")


@pytest.mark.parametrize(
    "path", ["/media/../settings.py", "/media/%2e%2e/conftest.py", "/media/nope.png"]
)
def test_media_outside_root_or_missing_is_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy(client):
    response = client.get("/")

    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def _production_env() -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        # Browser test modules set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a server never has it.
        if key not in {"DJANGO_SETTINGS_MODULE", "PYTEST_XDIST_WORKER", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="phohang.example.vn",
        FIELD_ENCRYPTION_KEY=secrets.token_urlsafe(32),
        VNPAY_TMN_CODE="HNPHOHG1",
        VNPAY_HASH_SECRET=secrets.token_hex(16),
        VNPAY_URL="https://pay.vnpay.vn/vpcpay.html",
        VNPAY_API_URL="https://merchant.vnpay.vn/merchant_webapi/api/transaction",
        PHOHANG_VAR_DIR=str(Path(settings.VAR_DIR)),
        PYTHONWARNINGS="ignore",
    )
    return env


def test_deploy_check_reports_no_issues():
    # SEC-01: production settings from the environment alone pass `check --deploy`.
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_cookies_are_secure_httponly_and_samesite():
    # SEC-08: cookie flags when DEBUG is off.
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ["
        "'SESSION_COOKIE_SECURE','SESSION_COOKIE_HTTPONLY','SESSION_COOKIE_SAMESITE',"
        "'CSRF_COOKIE_SECURE','LANGUAGE_COOKIE_SECURE','SECURE_SSL_REDIRECT','DEBUG']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "DEBUG": False,
    }


def test_production_refuses_to_start_without_a_secret_key():
    env = _production_env()
    env.pop("SECRET_KEY")

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
