"""SEC-06 on the default configuration: fixed windows counted atomically in the database (or
Redis), per account and per client address behind the deployment's trusted proxies."""

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from phohang.accounts import throttling
from phohang.accounts.tests.factories import UserFactory
from phohang.core import ratelimit
from phohang.core.models import RateCounter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]
PASSWORD = "phố cổ hà nội 36 phố phường"
LOGIN = reverse("accounts:login")
# A window boundary, so an hour is exactly four 15-minute windows.
START = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.fixture
def production_cache(settings):
    """The cache a deployment without Redis runs on (the test settings use local memory)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "phohang_cache",
        }
    }
    call_command("createcachetable", verbosity=0)


@pytest.fixture
def clock(monkeypatch):
    """timezone.now() under the test's control (the database cache and the limits read it)."""
    state = {"now": START}
    monkeypatch.setattr(timezone, "now", lambda: state["now"])
    return state


def _user(email: str):
    return UserFactory(email=email, password=PASSWORD)


def test_sec06_wrong_passwords_from_50_addresses_are_capped_per_account_per_hour(
    client, clock, production_cache
):
    _user("lan@example.vn")
    bystander = _user("binh@example.vn")
    statuses = []

    for attempt in range(1000):
        clock["now"] = START + timedelta(seconds=attempt * 3.6)
        response = client.post(
            LOGIN,
            {"identifier": "lan@example.vn", "password": f"sai-{attempt}"},
            REMOTE_ADDR=f"198.51.100.{attempt % 50}",
        )
        statuses.append(response.status_code)
    clock["now"] = START + timedelta(minutes=59)
    bystander_login = Client().post(
        LOGIN, {"identifier": bystander.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )

    # Password checked (400) at most 10 times in each of the hour's four windows.
    assert statuses.count(400) == 40
    assert statuses.count(429) == 960
    assert bystander_login.status_code == 302


def test_locked_account_says_when_to_try_again(client, clock):
    _user("lan@example.vn")
    clock["now"] = START + timedelta(minutes=3)
    for n in range(10):
        client.post(LOGIN, {"identifier": "lan@example.vn", "password": f"sai{n}"})

    locked = client.post(LOGIN, {"identifier": "lan@example.vn", "password": PASSWORD})

    assert locked.status_code == 429
    assert locked["Retry-After"] == str(12 * 60)
    assert "08:15" in locked.context["error"]  # 01:15 UTC in Hanoi
    assert "_auth_user_id" not in client.session


def test_clients_behind_a_trusted_proxy_are_limited_one_by_one(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    user = _user("lan@example.vn")

    failures = [
        client.post(
            LOGIN,
            {"identifier": f"khach{n}@example.vn", "password": "sai"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        ).status_code
        for n in range(60)
    ]
    login = Client().post(
        LOGIN,
        {"identifier": user.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.200",
    )

    assert failures == [400] * 60
    assert login.status_code == 302


def test_a_forged_forwarded_for_does_not_escape_the_address_limit(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    settings.LOGIN_IP_FAILURE_LIMIT = 5

    statuses = [
        client.post(
            LOGIN,
            {"identifier": f"khach{n}@example.vn", "password": "sai"},
            REMOTE_ADDR="10.0.0.1",
            # The client wrote the first entry; the proxy appended the real address.
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9",
        ).status_code
        for n in range(7)
    ]
    direct = [
        client.post(
            LOGIN,
            {"identifier": f"khach{n}@example.vn", "password": "sai"},
            REMOTE_ADDR="198.51.100.3",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        ).status_code
        for n in range(7)
    ]

    assert statuses == [400] * 5 + [429] * 2
    assert direct == [400] * 5 + [429] * 2


def test_every_spelling_of_one_account_counts_together(settings):
    UserFactory(email="lan@example.vn", phone="+84912345678")
    spellings = ["lan@example.vn", "LAN@example.vn", "0912345678", "+84 912 345 678"]

    for attempt in range(settings.LOGIN_FAILURE_LIMIT):
        throttling.attempt_begin(
            scope="login", identifier=spellings[attempt % 4], ip=f"10.0.0.{attempt}"
        )

    for spelling in spellings:
        with pytest.raises(throttling.LoginThrottled):
            throttling.attempt_begin(scope="login", identifier=spelling, ip="10.9.9.9")
    throttling.attempt_begin(scope="login", identifier="other@example.vn", ip="10.9.9.9")


def test_a_correct_password_clears_the_account_and_returns_the_address_slot(settings):
    settings.LOGIN_IP_FAILURE_LIMIT = 3
    for _ in range(2):
        throttling.attempt_begin(scope="login", identifier="a@example.vn", ip="192.0.2.1")

    throttling.attempt_begin(scope="login", identifier="a@example.vn", ip="192.0.2.1")
    throttling.attempt_succeeded(scope="login", identifier="a@example.vn", ip="192.0.2.1")

    throttling.attempt_begin(scope="login", identifier="b@example.vn", ip="192.0.2.1")
    with pytest.raises(throttling.LoginThrottled):
        throttling.attempt_begin(scope="login", identifier="c@example.vn", ip="192.0.2.1")


def test_ipv6_clients_are_limited_by_their_64_prefix(settings):
    settings.LOGIN_IP_FAILURE_LIMIT = 2
    throttling.attempt_begin(scope="login", identifier="a@example.vn", ip="2001:db8:1:2::1")
    throttling.attempt_begin(scope="login", identifier="b@example.vn", ip="2001:db8:1:2::ffff")

    with pytest.raises(throttling.LoginThrottled):
        throttling.attempt_begin(
            scope="login", identifier="c@example.vn", ip="2001:db8:1:2:abcd::9"
        )
    throttling.attempt_begin(scope="login", identifier="c@example.vn", ip="2001:db8:1:3::1")


def test_counters_store_digests_not_addresses_or_emails():
    throttling.attempt_begin(scope="login", identifier="lan@example.vn", ip="203.0.113.77")

    keys = list(RateCounter.objects.values_list("key", flat=True))

    assert len(keys) == 2
    assert not any("lan" in key or "203.0.113" in key for key in keys)


def test_a_new_window_starts_afresh():
    limit = ratelimit.Limit("test-window", 2, 60)
    start = START.timestamp()

    first = [ratelimit.hit(limit, "x", now=start + s).allowed for s in (0, 1, 2)]
    second = [ratelimit.hit(limit, "x", now=start + 60 + s).allowed for s in (0, 1, 2)]

    assert first == [True, True, False]
    assert second == [True, True, False]
    assert RateCounter.objects.get().count == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_attempts_never_exceed_the_limit():
    limit = ratelimit.Limit("test-parallel", 10, 900)
    allowed = []
    barrier = threading.Barrier(24)

    def attempt():
        barrier.wait()
        try:
            allowed.append(ratelimit.hit(limit, "lan@example.vn").allowed)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert allowed.count(True) == 10
    assert RateCounter.objects.get().count == 10


@pytest.fixture
def redis_limits(settings):
    import uuid

    settings.REDIS_URL = "redis://127.0.0.1:6379/1"
    settings.RATE_LIMIT_KEY_PREFIX = f"test-{uuid.uuid4().hex}:"


def test_redis_counts_in_fixed_windows_when_configured(redis_limits):
    limit = ratelimit.Limit("test-redis", 2, 60)
    # Redis expires keys on its own clock: a window in the real future.
    start = (int(time.time()) // 60 + 1) * 60

    first = [ratelimit.hit(limit, "x", now=start + s).allowed for s in (0, 1, 2)]
    ratelimit.release(limit, "x", now=start + 3)
    after_release = ratelimit.hit(limit, "x", now=start + 4).allowed
    later = ratelimit.hit(limit, "x", now=start + 60).allowed

    assert first == [True, True, False]
    assert after_release is True
    assert later is True
    assert RateCounter.objects.count() == 0


def test_a_correct_code_during_the_devices_back_off_says_when_to_try_again(client, clock):
    from phohang.accounts.tests.factories import AuthorityFactory, current_code, totp_device

    officer = AuthorityFactory(password=PASSWORD)
    device = totp_device(officer)
    client.post(LOGIN, {"identifier": officer.email, "password": PASSWORD})
    wrong = client.post(reverse("accounts:mfa"), {"code": "000000"})

    # The clock stands still: django-otp's one-second pause after a wrong code still runs.
    right = client.post(reverse("accounts:mfa"), {"code": current_code(device)})

    assert wrong.status_code == 400
    assert right.status_code == 429
    assert right.context["error"] == (
        "Bạn đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau 08:00:01."
    )
    assert right["Retry-After"] == "1"
    assert "_auth_user_id" not in client.session
