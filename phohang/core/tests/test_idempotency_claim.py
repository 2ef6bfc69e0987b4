"""The Idempotency-Key claim commits with the work: concurrent duplicates answer 409 at once,
a request that fails leaves no key behind, and nothing is left "in flight" after a crash."""

import threading

import pytest
from django.db import connection

from phohang.accounts.tests.factories import UserFactory
from phohang.core.idempotency import IdempotencyInFlight, idempotent_call
from phohang.core.models import IdempotencyKey

PAYLOAD = {"items": [{"variant_id": 1, "quantity": 1}]}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_duplicate_sent_while_the_first_runs_answers_409_without_waiting_for_it():
    user = UserFactory()
    first_running, let_first_finish = threading.Event(), threading.Event()
    outcome = {}

    def slow_call():
        first_running.set()
        # Bounded so a broken claim (the duplicate queueing behind this one) fails, not hangs.
        outcome["released"] = let_first_finish.wait(timeout=20)
        return 201, '{"first": true}'

    def first():
        try:
            outcome["first"] = idempotent_call(
                user=user, scope="checkout", key="key-dup-0001", payload=PAYLOAD, call=slow_call
            )
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert first_running.wait(timeout=20)
    try:
        with pytest.raises(IdempotencyInFlight):
            idempotent_call(
                user=user,
                scope="checkout",
                key="key-dup-0001",
                payload=PAYLOAD,
                call=lambda: (201, '{"second": true}'),
            )
        # Answered while the first still runs: the claim did not queue behind its row.
        assert thread.is_alive()
    finally:
        let_first_finish.set()
        thread.join(timeout=30)

    assert outcome == {"released": True, "first": (201, '{"first": true}', False)}
    replay = idempotent_call(
        user=user, scope="checkout", key="key-dup-0001", payload=PAYLOAD, call=lambda: (500, "")
    )
    assert replay == (201, '{"first": true}', True)


@pytest.mark.django_db(transaction=True)
def test_a_call_that_crashes_leaves_no_key_and_the_retry_runs():
    user = UserFactory()

    def crash():
        raise RuntimeError("worker died")

    with pytest.raises(RuntimeError):
        idempotent_call(
            user=user, scope="checkout", key="key-crash-01", payload=PAYLOAD, call=crash
        )
    assert not IdempotencyKey.objects.filter(user=user).exists()

    retry = idempotent_call(
        user=user,
        scope="checkout",
        key="key-crash-01",
        payload=PAYLOAD,
        call=lambda: (201, '{"ok": true}'),
    )
    assert retry == (201, '{"ok": true}', False)
    stored = IdempotencyKey.objects.get(user=user)
    assert (stored.state, stored.response_body) == (IdempotencyKey.State.DONE, '{"ok": true}')


@pytest.mark.django_db(transaction=True)
def test_the_same_key_in_another_scope_or_from_another_user_is_its_own_claim():
    user, other = UserFactory(), UserFactory()

    def answer(text):
        return lambda: (201, text)

    results = [
        idempotent_call(
            user=user, scope="checkout", key="key-shared", payload=PAYLOAD, call=answer("a")
        ),
        idempotent_call(
            user=user, scope="pay", key="key-shared", payload=PAYLOAD, call=answer("b")
        ),
        idempotent_call(
            user=other, scope="checkout", key="key-shared", payload=PAYLOAD, call=answer("c")
        ),
    ]

    assert results == [(201, "a", False), (201, "b", False), (201, "c", False)]
    assert IdempotencyKey.objects.filter(key="key-shared", state="done").count() == 3
