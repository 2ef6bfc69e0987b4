import re
import time
import unicodedata

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from phohang.accounts.models import ApiToken, Consent, User
from phohang.core.models import AuditRecord

from .factories import (
    AdminFactory,
    AuthorityFactory,
    UserFactory,
    current_code,
    login_verified,
    totp_device,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]

PASSWORD = "phố cổ hà nội 36 phố phường"
LOGIN = reverse("accounts:login")
REGISTER = reverse("accounts:register")


def _register_data(**overrides):
    data = {
        "full_name": "Trần Thị Lan",
        "email": "lan@example.vn",
        "phone": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "accepts_terms": "on",
    }
    data.update(overrides)
    return data


def _with_password(user_factory=UserFactory, **kwargs):
    return user_factory(password=PASSWORD, **kwargs)


def test_register_page_has_consent_unticked(client):
    response = client.get(REGISTER)

    assert response.status_code == 200
    assert response.templates[0].name == "accounts/register.html"
    box = re.search(r'<input[^>]*name="accepts_terms"[^>]*>', response.content.decode()).group(0)
    assert "checked" not in box
    marketing = re.search(r'<input[^>]*name="accepts_marketing"[^>]*>', response.content.decode())
    assert "checked" not in marketing.group(0)


def test_register_by_email_signs_in_and_records_consent(client):
    response = client.post(REGISTER, _register_data())

    assert response.status_code == 302
    user = User.objects.get(email="lan@example.vn")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert list(user.consents.values_list("purpose", "version")) == [("terms", "2026-07")]


def test_register_by_vietnamese_mobile(client):
    response = client.post(REGISTER, _register_data(email="", phone="0912 345 678"))

    assert response.status_code == 302
    assert User.objects.get().phone == "+84912345678"


def test_register_without_consent_is_refused(client):
    data = _register_data()
    del data["accepts_terms"]

    response = client.post(REGISTER, data)

    assert response.status_code == 400
    assert "accepts_terms" in response.context["form"].errors
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "vi", "en"),
    [
        ({"phone": "0123", "email": ""}, "phone", "di động", "valid Vietnamese mobile"),
        ({"email": "", "phone": ""}, "__all__", "", "email address or a mobile number"),
        ({"full_name": ""}, "full_name", "", "required"),
        ({"full_name": "A" * 121}, "full_name", "", "at most 120"),
        ({"email": "lan\u200b@example.vn"}, "email", "", "Invisible characters"),
        ({"email": "lan\u202e@example.vn"}, "email", "", "Invisible characters"),
        ({"password2": "khác hẳn rồi nhé bạn"}, "password2", "", "do not match"),
    ],
)
def test_register_bad_input_gets_a_message_in_each_language(overrides, field, vi, en):
    for language, expected in (("en", en), ("vi", vi)):
        client = Client()
        # The language switch sets this cookie; pages ignore the browser's Accept-Language.
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language

        response = client.post(REGISTER, _register_data(**overrides))

        assert response.status_code == 400
        assert expected in " ".join(response.context["form"].errors[field])
    assert not User.objects.exists()


def test_register_duplicate_email_in_other_case_is_refused(client):
    UserFactory(email="lan@example.vn")

    response = client.post(REGISTER, _register_data(email="LAN@Example.vn"))

    assert response.status_code == 400
    assert User.objects.count() == 1


def test_register_stores_full_name_in_nfc(client):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")

    client.post(REGISTER, _register_data(full_name=decomposed))

    assert User.objects.get().full_name == "Nguyễn Thị Hoà"


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("abcdefghjkm", False),  # 11 characters
        ("password1234", False),  # common password
        ("123456789012345", False),  # numeric only
        ("tàu điện🚋 ga", True),  # 12 with emoji and spaces
        ("x🙂 " * 21 + "a", True),  # 64
        ("mật khẩu rất dài " * 11 + "abcdefghijklm", True),  # 200
        ("q" * 257, False),  # beyond the hasher bound
    ],
)
def test_password_policy(client, password, accepted):
    response = client.post(REGISTER, _register_data(password1=password, password2=password))

    assert (response.status_code == 302) is accepted
    if accepted:
        assert User.objects.get().check_password(password)
        assert not User.objects.get().check_password(password[:-1])


def test_password_lengths_used_in_policy_test():
    assert len("abcdefghjkm") == 11
    assert len("tàu điện🚋 ga") == 12 and len("x🙂 " * 21 + "a") == 64
    assert len("mật khẩu rất dài " * 11 + "abcdefghijklm") == 200


def test_login_by_email_rotates_the_session_key(client):
    user = _with_password(email="lan@example.vn")
    client.get(LOGIN)
    session = client.session
    session["probe"] = 1
    session.save()
    before = session.session_key

    response = client.post(LOGIN, {"identifier": "LAN@example.vn", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session.session_key != before
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.parametrize("typed", ["0912345678", "+84912345678", "0912 345 678", "84912345678"])
def test_login_by_mobile_in_any_format(client, typed):
    _with_password(email=None, phone="+84912345678")

    response = client.post(LOGIN, {"identifier": typed, "password": PASSWORD})

    assert response.status_code == 302


def test_login_wrong_password_is_400_with_message(client):
    _with_password(email="lan@example.vn")

    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(LOGIN, {"identifier": "lan@example.vn", "password": "sai"})

    assert response.status_code == 400
    assert response.context["error"] == "The email/mobile number or password is not correct."
    assert "_auth_user_id" not in client.session


def test_login_locks_the_account_after_ten_failures_from_many_addresses(client):
    _with_password(email="lan@example.vn")
    other = _with_password(email="binh@example.vn")

    statuses = [
        client.post(
            LOGIN,
            {"identifier": "lan@example.vn", "password": f"sai{n}"},
            REMOTE_ADDR=f"10.0.0.{n}",
        ).status_code
        for n in range(django_settings.LOGIN_FAILURE_LIMIT)
    ]
    locked = client.post(
        LOGIN, {"identifier": "lan@example.vn", "password": PASSWORD}, REMOTE_ADDR="10.0.1.1"
    )
    other_login = Client().post(
        LOGIN, {"identifier": other.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )

    assert statuses == [400] * 10
    assert locked.status_code == 429
    assert 1 <= int(locked["Retry-After"]) <= 900
    assert "_auth_user_id" not in client.session
    assert other_login.status_code == 302


def test_logout_kills_the_server_session(client):
    user = UserFactory()
    client.force_login(user)
    key = client.session.session_key

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("accounts:account")).status_code == 302


def test_logout_by_get_is_refused(client):
    client.force_login(UserFactory())

    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("factory", [AuthorityFactory, AdminFactory])
def test_staff_login_needs_a_totp_code(client, factory):
    user = _with_password(factory)
    device = totp_device(user)

    first = client.post(LOGIN, {"identifier": user.email, "password": PASSWORD})
    assert first.status_code == 302 and first["Location"] == reverse("accounts:mfa")
    assert "_auth_user_id" not in client.session

    wrong = client.post(reverse("accounts:mfa"), {"code": "000000"})
    assert wrong.status_code == 400
    assert "_auth_user_id" not in client.session
    # django-otp makes the device wait after a failure; let that pause pass.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)

    right = client.post(reverse("accounts:mfa"), {"code": current_code(device)})
    assert right.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get(reverse("sellers:review_list")).status_code == 200


def test_staff_without_device_enrols_on_first_login(client):
    user = _with_password(AuthorityFactory)

    client.post(LOGIN, {"identifier": user.email, "password": PASSWORD})
    page = client.get(reverse("accounts:mfa"))
    device = TOTPDevice.objects.get(user=user)

    assert page.context["enrolling"] is True
    assert page.context["qr"].startswith("data:image/svg+xml")
    assert client.post(reverse("accounts:mfa"), {"code": current_code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed is True


def test_mfa_page_without_pending_login_goes_to_login(client):
    assert client.get(reverse("accounts:mfa"))["Location"] == LOGIN


def test_otp_is_throttled_after_ten_failures(client):
    user = _with_password(AuthorityFactory)
    device = totp_device(user)
    client.post(LOGIN, {"identifier": user.email, "password": PASSWORD})

    for n in range(django_settings.LOGIN_FAILURE_LIMIT):
        # Each guess waits out django-otp's pause, so every one is really checked.
        TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
        client.post(reverse("accounts:mfa"), {"code": f"{n:06d}"}, REMOTE_ADDR=f"10.1.0.{n}")
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post(reverse("accounts:mfa"), {"code": current_code(device)})

    assert response.status_code == 429
    assert "quá nhiều" in response.context["error"].lower()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("factory", [AuthorityFactory, AdminFactory])
def test_staff_session_without_second_factor_is_ended(client, factory):
    user = factory()
    client.force_login(user)

    for path in (reverse("sellers:review_list"), reverse("accounts:audit_log"), "/admin/"):
        client.force_login(user)
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == LOGIN + "?mfa=1"
        assert "_auth_user_id" not in client.session


def test_admin_login_page_leads_to_the_mfa_login(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_staff_idle_timeout_logs_out(client, settings):
    assert settings.STAFF_IDLE_TIMEOUT_SECONDS <= 30 * 60
    user = AuthorityFactory()
    login_verified(client, user)
    assert client.get(reverse("sellers:review_list")).status_code == 200
    session = client.session
    session["last_seen"] = int(time.time()) - settings.STAFF_IDLE_TIMEOUT_SECONDS - 1
    session.save()

    response = client.get(reverse("sellers:review_list"))

    assert response["Location"] == LOGIN + "?expired=1"
    assert "_auth_user_id" not in client.session


def test_buyer_session_has_no_idle_timeout(client, settings):
    client.force_login(UserFactory())
    session = client.session
    session["last_seen"] = int(time.time()) - 10 * settings.STAFF_IDLE_TIMEOUT_SECONDS
    session.save()

    assert client.get(reverse("accounts:account")).status_code == 200


def test_session_and_csrf_cookies_are_httponly_and_samesite(client):
    _with_password(email="lan@example.vn")

    response = client.post(LOGIN, {"identifier": "lan@example.vn", "password": PASSWORD})

    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_password_reset_sends_a_working_link(client):
    user = _with_password(email="lan@example.vn")

    response = client.post(reverse("accounts:password_reset"), {"email": "lan@example.vn"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lan@example.vn"]
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", mail.outbox[0].body).group(
        1
    )
    form_page = client.get(link, follow=True)
    new = "một mật khẩu mới thật dài"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_reset_for_unknown_email_sends_nothing_but_looks_the_same(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.vn"})

    assert response.status_code == 302
    assert mail.outbox == []


def test_password_reset_is_throttled_per_account(client):
    _with_password(email="lan@example.vn")

    for n in range(django_settings.LOGIN_FAILURE_LIMIT):
        client.post(
            reverse("accounts:password_reset"),
            {"email": "lan@example.vn"},
            REMOTE_ADDR=f"10.2.0.{n}",
        )
    response = client.post(reverse("accounts:password_reset"), {"email": "LAN@example.vn"})
    other = client.post(reverse("accounts:password_reset"), {"email": "binh@example.vn"})

    assert response.status_code == 429
    assert len(mail.outbox) == 10
    assert other.status_code == 302


def test_language_is_vietnamese_by_default_and_switches_to_english(client):
    vi = client.get("/")
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    en = client.get("/")

    assert '<html lang="vi">' in vi.content.decode()
    assert "Đăng nhập" in vi.content.decode()
    assert switched.status_code == 302
    assert '<html lang="en">' in en.content.decode()
    assert "Sign in" in en.content.decode()


def test_account_page_withdraws_and_grants_consent(client):
    user = UserFactory()
    client.force_login(user)

    client.post(reverse("accounts:account"), {"action": "grant", "purpose": "marketing"})
    assert user.consents.filter(purpose="marketing", withdrawn_at__isnull=True).count() == 1
    client.post(reverse("accounts:account"), {"action": "withdraw", "purpose": "marketing"})
    assert not user.consents.filter(purpose="marketing", withdrawn_at__isnull=True).exists()
    refused = client.post(reverse("accounts:account"), {"action": "withdraw", "purpose": "terms"})
    assert refused.status_code == 400


def test_audit_log_page_is_for_authority_and_is_itself_audited(client):
    officer = AuthorityFactory()
    login_verified(client, officer)

    response = client.get(reverse("accounts:audit_log"), REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 200
    record = AuditRecord.objects.get(action="audit.view")
    assert (record.actor, record.actor_role, str(record.source_ip)) == (
        officer,
        "authority",
        "203.0.113.9",
    )
    assert record.purpose == "review audit log" and record.outcome == "success"


def test_audit_log_page_is_forbidden_to_buyers(client):
    client.force_login(UserFactory())

    assert client.get(reverse("accounts:audit_log")).status_code == 403
    assert not AuditRecord.objects.exists()


CSRF_POSTS = [
    ("accounts:register", _register_data()),
    ("accounts:login", {"identifier": "lan@example.vn", "password": PASSWORD}),
    ("accounts:logout", {}),
    ("accounts:account", {"action": "create_token", "name": "ERP"}),
    ("accounts:notifications", {}),
    ("accounts:password_reset", {"email": "lan@example.vn"}),
]


@pytest.mark.parametrize(("name", "data"), CSRF_POSTS)
def test_forms_without_csrf_token_are_refused(name, data):
    user = _with_password(email="lan@example.vn")
    user.notifications.create(title="x")
    client = Client(enforce_csrf_checks=True)
    if name in {"accounts:logout", "accounts:account", "accounts:notifications"}:
        client.force_login(user)

    response = client.post(reverse(name), data)

    assert response.status_code == 403
    assert User.objects.count() == 1
    assert not ApiToken.objects.exists()
    assert user.notifications.filter(read_at__isnull=True).count() == 1
    assert mail.outbox == []
    if name == "accounts:logout":
        assert "_auth_user_id" in client.session
    if name == "accounts:login":
        assert "_auth_user_id" not in client.session
    assert Consent.objects.count() == 0


def test_language_switch_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/i18n/setlang/", {"language": "en"})

    assert response.status_code == 403
    assert django_settings.LANGUAGE_COOKIE_NAME not in response.cookies
