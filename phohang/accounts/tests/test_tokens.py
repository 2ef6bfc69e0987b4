"""API tokens: scoped, expiring, shown once, stored as a digest; privileged accounts need a fresh
second factor and at most 30 days; a refund needs the refunds scope; last use is stamped by a
service at most once a minute, never by the read."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from phohang.accounts import throttling, tokens
from phohang.accounts.models import ApiToken
from phohang.accounts.selectors import api_token_authenticate
from phohang.accounts.tests.factories import (
    AdminFactory,
    AuthorityFactory,
    UserFactory,
    current_code,
    login_verified,
    totp_device,
)
from phohang.core.models import AuditRecord

pytestmark = pytest.mark.django_db


def _bearer(raw: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_token_is_scoped_expiring_and_stored_only_as_a_digest():
    user = UserFactory()

    token, raw = tokens.api_token_create(
        user=user, name="ERP", scopes=["read", "shop"], lifetime_days=7
    )

    assert raw.startswith("ph_") and len(raw) > 40
    assert token.digest == ApiToken.digest_of(raw) and raw not in token.digest
    assert token.scope_set == {"read", "shop"}
    assert token.expires_at - token.created_at == timedelta(days=7)
    assert not ApiToken.objects.filter(digest__contains=raw[3:]).exists()


@pytest.mark.parametrize("factory", [AuthorityFactory, AdminFactory])
def test_privileged_token_needs_a_fresh_second_factor_code(factory):
    user = factory()
    device = totp_device(user)

    with pytest.raises(tokens.TokenRefused):
        tokens.api_token_create(user=user, name="ERP")
    with pytest.raises(tokens.TokenRefused):
        tokens.api_token_create(user=user, name="ERP", otp_code="000000")
    assert not ApiToken.objects.exists()
    with pytest.raises(throttling.LoginThrottled):  # django-otp's pause after a wrong code
        tokens.api_token_create(user=user, name="ERP", otp_code=current_code(device))
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)

    token, _raw = tokens.api_token_create(user=user, name="ERP", otp_code=current_code(device))

    assert token.expires_at - token.created_at == timedelta(days=30)
    assert AuditRecord.objects.filter(action="accounts.api_token.created", actor=None).count() == 0
    assert AuditRecord.objects.get(action="accounts.api_token.created").object_id == str(token.pk)


def test_privileged_token_lasts_at_most_30_days():
    admin = AdminFactory()
    device = totp_device(admin)

    with pytest.raises(tokens.TokenRefused):
        tokens.api_token_create(
            user=admin, name="ERP", lifetime_days=31, otp_code=current_code(device)
        )

    assert not ApiToken.objects.exists()
    assert tokens.lifetime_choices(admin) == [7, 30]


def test_privileged_account_without_an_authenticator_cannot_make_a_token():
    with pytest.raises(tokens.TokenRefused, match="ứng dụng xác thực"):
        tokens.api_token_create(user=AuthorityFactory(), name="ERP", otp_code="123456")

    assert not ApiToken.objects.exists()


def test_expired_or_revoked_token_is_refused_by_the_api():
    user = UserFactory()
    _expired, raw = tokens.api_token_create(user=user, name="old")
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    live, live_raw = tokens.api_token_create(user=user, name="live")
    tokens.api_token_revoke(user=user, token_id=live.pk)

    assert _bearer(raw).get("/api/v1/accounts/me").status_code == 401
    assert _bearer(live_raw).get("/api/v1/accounts/me").status_code == 401


def test_read_only_token_cannot_write():
    user = UserFactory()
    _token, raw = tokens.api_token_create(user=user, name="reports", scopes=["read"])

    read = _bearer(raw).get("/api/v1/orders/cart")
    write = _bearer(raw).post(
        "/api/v1/orders/cart/lines",
        json.dumps({"variant_id": 1, "quantity": 1}),
        content_type="application/json",
    )

    assert read.status_code == 200
    assert write.status_code == 403
    assert write.json()["error"]["code"] == "token_scope"
    assert "shop" in write.json()["error"]["message"]["en"]


def test_admin_token_without_the_refunds_scope_cannot_refund():
    from phohang.payments.models import Refund
    from phohang.payments.tests.test_reliability import captured_vietqr_order

    order = captured_vietqr_order()
    admin = AdminFactory()
    device = totp_device(admin)
    _token, raw = tokens.api_token_create(user=admin, name="ops", otp_code=current_code(device))
    url = f"/api/v1/payments/orders/{order.public_id}/refunds"
    body = json.dumps({"amount_vnd": 10_000, "reason": ""})

    refused = _bearer(raw).post(
        url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="refund-key-1"
    )

    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "token_scope"
    assert not Refund.objects.exists()


def test_the_read_never_writes_and_the_service_stamps_at_most_once_a_minute(
    django_assert_num_queries,
):
    user = UserFactory()
    token, raw = tokens.api_token_create(user=user, name="ERP")

    with django_assert_num_queries(1):
        found_token, found_user = api_token_authenticate(raw)
    first = _bearer(raw).get("/api/v1/accounts/me")
    token.refresh_from_db()
    stamped = token.last_used_at
    with django_assert_num_queries(0):
        tokens.api_token_mark_used(token=token, now=stamped + timedelta(seconds=59))
    tokens.api_token_mark_used(token=token, now=stamped + timedelta(seconds=61))

    assert (found_token.pk, found_user.pk, found_token.last_used_at) == (token.pk, user.pk, None)
    assert first.status_code == 200 and stamped is not None
    token.refresh_from_db()
    assert token.last_used_at == stamped + timedelta(seconds=61)


def test_account_page_lists_creates_and_revokes_tokens(client):
    user = UserFactory()
    client.force_login(user)

    created = client.post(
        reverse("accounts:account"),
        {"action": "create_token", "name": "ERP", "scopes": ["read"], "lifetime_days": "30"},
    )
    token = ApiToken.objects.get(user=user)
    listed = client.get(reverse("accounts:account")).content.decode()
    revoked = client.post(
        reverse("accounts:account"), {"action": "revoke_token", "token_id": str(token.pk)}
    )

    assert created.status_code == 200 and created.context["new_token"].startswith("ph_")
    assert created.context["new_token"] not in listed  # shown once
    assert "Đọc dữ liệu của bạn" in listed and token.prefix in listed
    assert revoked.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_account_page_asks_staff_for_a_code_and_refuses_a_wrong_one(client):
    officer = AuthorityFactory()
    login_verified(client, officer)
    form = {"action": "create_token", "name": "ERP", "scopes": ["read"], "lifetime_days": "30"}

    wrong = client.post(reverse("accounts:account"), {**form, "otp_code": "000000"})
    too_long = client.post(reverse("accounts:account"), {**form, "lifetime_days": "90"})

    assert wrong.status_code == 400
    assert "otp_code" in wrong.context["token_form"].errors
    assert too_long.status_code == 400
    assert not ApiToken.objects.exists()
