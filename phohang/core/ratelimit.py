"""Fixed-window rate limits that hold across processes: a table updated with conditional
UPDATEs, or Redis when REDIS_URL is set. Every limit in the project (sign-in, password reset,
second factor, payment callbacks) goes through `hit`.

`hit` takes a slot atomically *before* the guarded work runs, so parallel attempts can never
exceed the limit; `release` gives a slot back when the work turned out fine (a correct password),
and `reset` clears a subject's window. Keys are SHA-256 digests: no address or email is stored.
"""

import hashlib
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import RateCounter

CLEANUP_ONE_IN = 200
# Atomic in Redis: a refused hit takes nothing, as with the table.
HIT_SCRIPT = (
    "local v = tonumber(redis.call('GET', KEYS[1]) or '0') "
    "if v >= tonumber(ARGV[1]) then return 0 end "
    "redis.call('INCR', KEYS[1]) redis.call('EXPIREAT', KEYS[1], ARGV[2]) return 1"
)
RELEASE_SCRIPT = (
    "local v = tonumber(redis.call('GET', KEYS[1]) or '0') "
    "if v > 0 then return redis.call('DECR', KEYS[1]) end return 0"
)


@dataclass(frozen=True)
class Limit:
    """At most `limit` hits per subject in each window of `window_seconds`."""

    name: str
    limit: int
    window_seconds: int


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_at: datetime

    @property
    def retry_after_seconds(self) -> int:
        return max(1, int((self.retry_at - datetime.now(UTC)).total_seconds() + 0.999))


def _key(limit: Limit, subject: str) -> str:
    digest = hashlib.sha256(subject.encode("utf-8", "surrogatepass")).hexdigest()[:40]
    return f"{limit.name[:38]}:{digest}"


def _window_end(limit: Limit, now: float) -> int:
    return (int(now) // limit.window_seconds + 1) * limit.window_seconds


def _decision(allowed: bool, window_end: int) -> Decision:
    return Decision(allowed=allowed, retry_at=datetime.fromtimestamp(window_end, UTC))


@lru_cache(maxsize=4)
def _redis(url: str) -> Any:
    import redis

    return redis.Redis.from_url(url)


def _redis_url() -> str:
    return settings.REDIS_URL


def _redis_key(key: str, window_end: int) -> str:
    return f"{settings.RATE_LIMIT_KEY_PREFIX}rl:{key}:{window_end}"


def _db_hit(key: str, limit: int, window_end: int) -> bool:
    for _attempt in range(3):
        counters = RateCounter.objects.filter(key=key)
        if counters.filter(window_end=window_end, count__lt=limit).update(count=F("count") + 1):
            return True
        if counters.filter(window_end__gte=window_end).exists():
            return False
        # A row from an earlier window starts over; two requests racing here cannot both win,
        # because the loser's UPDATE finds the window already moved.
        if counters.filter(window_end__lt=window_end).update(window_end=window_end, count=1):
            return True
        try:
            with transaction.atomic():
                RateCounter.objects.create(key=key, window_end=window_end, count=1)
        except IntegrityError:
            continue  # created meanwhile by a parallel request: count against it
        if random.randrange(CLEANUP_ONE_IN) == 0:  # noqa: S311 (sampling, not security)
            RateCounter.objects.filter(window_end__lt=window_end - 86_400).delete()
        return True
    return False


def hit(limit: Limit, subject: str, *, now: float | None = None) -> Decision:
    """Take one slot for `subject`; allowed False (and nothing taken) once the window is full."""
    now = timezone.now().timestamp() if now is None else now
    window_end = _window_end(limit, now)
    key = _key(limit, subject)
    url = _redis_url()
    if url:
        taken = _redis(url).eval(
            HIT_SCRIPT, 1, _redis_key(key, window_end), limit.limit, window_end + 1
        )
        return _decision(bool(taken), window_end)
    return _decision(_db_hit(key, limit.limit, window_end), window_end)


def peek(limit: Limit, subject: str, *, now: float | None = None) -> Decision:
    """Whether `subject` still has a slot, without taking one (a read only)."""
    now = timezone.now().timestamp() if now is None else now
    window_end = _window_end(limit, now)
    key = _key(limit, subject)
    url = _redis_url()
    if url:
        used = int(_redis(url).get(_redis_key(key, window_end)) or 0)
    else:
        used = (
            RateCounter.objects.filter(key=key, window_end=window_end)
            .values_list("count", flat=True)
            .first()
            or 0
        )
    return _decision(used < limit.limit, window_end)


def release(limit: Limit, subject: str, *, now: float | None = None) -> None:
    """Give back a slot taken by `hit` in the current window (the guarded attempt succeeded)."""
    now = timezone.now().timestamp() if now is None else now
    window_end = _window_end(limit, now)
    key = _key(limit, subject)
    url = _redis_url()
    if url:
        _redis(url).eval(RELEASE_SCRIPT, 1, _redis_key(key, window_end))
        return
    RateCounter.objects.filter(key=key, window_end=window_end, count__gt=0).update(
        count=F("count") - 1
    )


def reset(limit: Limit, subject: str, *, now: float | None = None) -> None:
    """Forget `subject`'s current window (e.g. after a successful sign-in)."""
    now = timezone.now().timestamp() if now is None else now
    key = _key(limit, subject)
    url = _redis_url()
    if url:
        _redis(url).delete(_redis_key(key, _window_end(limit, now)))
        return
    RateCounter.objects.filter(key=key).delete()
