"""An Idempotency-Key left "in flight" by a process that died is taken over once it is stale."""

from datetime import timedelta

import pytest
from django.utils import timezone

from phohang.accounts.tests.factories import UserFactory
from phohang.core.idempotency import (
    IN_FLIGHT_EXPIRES_AFTER,
    IdempotencyInFlight,
    idempotent_call,
    request_fingerprint,
)
from phohang.core.models import IdempotencyKey

PAYLOAD = {"items": [1, 2]}


def abandoned_key(user, *, age: timedelta) -> IdempotencyKey:
    return IdempotencyKey.objects.create(
        user=user,
        scope="checkout",
        key="key-abandoned",
        request_hash=request_fingerprint(PAYLOAD),
        created_at=timezone.now() - age,
    )


def run(user, calls: list) -> tuple[int, str, bool]:
    def call():
        calls.append(1)
        return 201, '{"ok": true}'

    return idempotent_call(
        user=user, scope="checkout", key="key-abandoned", payload=PAYLOAD, call=call
    )


@pytest.mark.django_db
def test_a_recent_key_in_flight_still_answers_409_and_runs_nothing():
    user = UserFactory()
    abandoned_key(user, age=timedelta(seconds=30))
    calls: list = []

    with pytest.raises(IdempotencyInFlight):
        run(user, calls)

    assert calls == []
    assert IdempotencyKey.objects.get(user=user).state == IdempotencyKey.State.IN_FLIGHT


@pytest.mark.django_db
def test_a_stale_key_in_flight_is_taken_over_once_and_then_replays():
    user = UserFactory()
    abandoned_key(user, age=IN_FLIGHT_EXPIRES_AFTER + timedelta(seconds=1))
    calls: list = []

    first = run(user, calls)
    again = run(user, calls)

    assert first == (201, '{"ok": true}', False)
    assert again == (201, '{"ok": true}', True)
    assert calls == [1]
    record = IdempotencyKey.objects.get(user=user)
    assert (record.state, record.response_status) == (IdempotencyKey.State.DONE, 201)
