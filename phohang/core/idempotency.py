"""Idempotency keys for POSTs that create things: the first response is stored and replayed."""

import hashlib
import json
from collections.abc import Callable
from contextlib import nullcontext
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import IdempotencyKey


class IdempotencyConflict(Exception):
    """The key was used before with a different request body."""


class IdempotencyInFlight(Exception):
    """The first request with this key is still running."""


def request_fingerprint(payload: Any) -> str:
    return hashlib.sha256(
        json.dumps(payload, sort_keys=True, default=str, separators=(",", ":")).encode()
    ).hexdigest()


# A request runs for seconds at most (the web server's timeout); a key still "in flight" after
# this long belongs to a process that died mid-call, and is taken over rather than answering 409
# for ever. Only claims committed ahead of their work (refunds, safe to resume) can be left so:
# `idempotent_call` commits its claim with the work.
IN_FLIGHT_EXPIRES_AFTER = timedelta(minutes=10)


def idempotency_key_claim(
    *, user: Any, scope: str, key: str, fingerprint: str
) -> tuple[IdempotencyKey | None, tuple[int, str] | None]:
    """Claim (user, scope, key) in a commit of its own (work that commits before it is done,
    such as refunds): (record, None) when this request is first, (None, (status, body)) to
    replay a finished one; raises IdempotencyConflict or IdempotencyInFlight."""
    for attempt in range(2):
        try:
            # Outside a transaction the marker is one autocommitted statement, visible at once
            # to a concurrent request with the same key; inside one, a savepoint keeps a
            # duplicate key from breaking the caller's transaction.
            with nullcontext() if transaction.get_autocommit() else transaction.atomic():
                record = IdempotencyKey.objects.create(
                    user=user, scope=scope, key=key[:100], request_hash=fingerprint
                )
            return record, None
        except IntegrityError:
            replay = _existing_key_answer(
                user=user, scope=scope, key=key[:100], fingerprint=fingerprint, first=attempt == 0
            )
            if replay is not None:
                return None, replay
    raise IdempotencyInFlight(key)


def _existing_key_answer(
    *, user: Any, scope: str, key: str, fingerprint: str, first: bool
) -> tuple[int, str] | None:
    """After a claim found (user, scope, key) taken: the stored (status, body) to replay, or
    None when the key is free to claim again (its holder gave it up, or a stale "in flight"
    claim was just taken over, on the `first` attempt only); raises IdempotencyConflict or
    IdempotencyInFlight."""
    record = IdempotencyKey.objects.filter(user=user, scope=scope, key=key).first()
    if record is None:  # the holder just gave the key up
        return None
    if record.request_hash != fingerprint:
        raise IdempotencyConflict(key) from None
    if record.state == IdempotencyKey.State.DONE:
        assert record.response_status is not None  # a finished key stores its answer
        return record.response_status, record.response_body
    # In flight: a running request (in a nested call, this very transaction), or a claim a
    # process committed before dying, taken over once it is stale.
    if first and record.created_at < timezone.now() - IN_FLIGHT_EXPIRES_AFTER:
        IdempotencyKey.objects.filter(pk=record.pk, state=IdempotencyKey.State.IN_FLIGHT).delete()
        return None
    raise IdempotencyInFlight(key) from None


def _response_store(record_pk: int, status: int, body: str) -> None:
    """Mark the key done with its response."""
    IdempotencyKey.objects.filter(pk=record_pk).update(
        state=IdempotencyKey.State.DONE, response_status=status, response_body=body
    )


def _lock_number(user_pk: int, scope: str, key: str) -> int:
    """A signed 64-bit number for (user, scope, key): the advisory lock of its claim."""
    digest = hashlib.blake2b(f"{user_pk}\x1f{scope}\x1f{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _key_insert(record: IdempotencyKey) -> int | None:
    """INSERT `record` unless its (user, scope, key) exists; its pk, or None when it existed.

    Written by hand because the ORM cannot say it in one statement: `INSERT … ON CONFLICT DO
    NOTHING RETURNING id` (`bulk_create(ignore_conflicts=True)` gives no id back), and inside a
    transaction on PostgreSQL, first a transaction-scoped advisory lock on the key taken
    without waiting: when another transaction holds it, that request is in flight, and this
    one answers 409 at once instead of queueing behind its uncommitted row.
    """
    connection = transaction.get_connection()
    quote = connection.ops.quote_name
    fields = [field for field in IdempotencyKey._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(quote(field.column) for field in fields)
    params = [
        field.get_db_prep_save(getattr(record, field.attname), connection=connection)
        for field in fields
    ]
    placeholders = ", ".join(["%s"] * len(params))
    table = quote(IdempotencyKey._meta.db_table)
    pk = quote(IdempotencyKey._meta.pk.column)
    # Identifiers come from the model; every value is a bound parameter.
    insert = f"INSERT INTO {table} ({columns})"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not transaction.get_autocommit():
            cursor.execute(
                f"WITH lock AS (SELECT pg_try_advisory_xact_lock(%s) AS held),"  # noqa: S608
                f" claimed AS ({insert} SELECT {placeholders} FROM lock WHERE lock.held"
                f" ON CONFLICT DO NOTHING RETURNING {pk})"
                f" SELECT lock.held, (SELECT {pk} FROM claimed) FROM lock",
                [_lock_number(record.user_id, record.scope, record.key), *params],
            )
            held, claimed_pk = cursor.fetchone()
            if not held:
                raise IdempotencyInFlight(record.key)
            return int(claimed_pk) if claimed_pk is not None else None
        cursor.execute(
            f"{insert} VALUES ({placeholders}) ON CONFLICT DO NOTHING RETURNING {pk}",  # noqa: S608
            params,
        )
        row = cursor.fetchone()
        return int(row[0]) if row else None


def _claim_in_transaction(
    *, user: Any, scope: str, key: str, fingerprint: str
) -> tuple[int | None, tuple[int, str] | None]:
    """`idempotency_key_claim` for a claim that commits with the work: (pk, None) when this
    request is first, (None, (status, body)) to replay; raises IdempotencyConflict or
    IdempotencyInFlight. Costs one statement and no commit of its own."""
    for attempt in range(2):
        record = IdempotencyKey(user=user, scope=scope, key=key, request_hash=fingerprint)
        claimed_pk = _key_insert(record)
        if claimed_pk is not None:
            return claimed_pk, None
        replay = _existing_key_answer(
            user=user, scope=scope, key=key, fingerprint=fingerprint, first=attempt == 0
        )
        if replay is not None:
            return None, replay
    raise IdempotencyInFlight(key)


def _refusal_store(
    *, user: Any, scope: str, key: str, fingerprint: str, status: int, body: str
) -> tuple[int, str, bool]:
    """Store a refusal whose transaction (claim included) was rolled back, as the key's answer.
    A request with the same key that claimed it in between answers for both."""
    record = IdempotencyKey(
        user=user,
        scope=scope,
        key=key,
        request_hash=fingerprint,
        state=IdempotencyKey.State.DONE,
        response_status=status,
        response_body=body,
    )
    try:
        if _key_insert(record) is not None:
            return status, body, False
    except IdempotencyInFlight:  # only inside a caller's transaction: answer, store nothing
        return status, body, False
    existing = IdempotencyKey.objects.filter(user=user, scope=scope, key=key).first()
    if (
        existing is not None
        and existing.request_hash == fingerprint
        and existing.state == IdempotencyKey.State.DONE
        and existing.response_status is not None
    ):
        return existing.response_status, existing.response_body, True
    return status, body, False


class _RolledBack(Exception):
    """The call failed inside the transaction: undo its writes, keep its error response."""

    def __init__(self, status: int, body: str) -> None:
        super().__init__(status)
        self.status, self.body = status, body


def idempotent_call(
    *, user: Any, scope: str, key: str, payload: Any, call: Callable[[], tuple[int, str]]
) -> tuple[int, str, bool]:
    """Run `call` once per (user, scope, key); returns (status, body, replayed).

    `call` runs in one transaction that it must not leave half-written; when it catches an error
    raised inside a nested `atomic(savepoint=False)` it returns the error response and the
    transaction is rolled back here, so the hot path pays for no savepoints.

    The key is claimed in the same transaction: the claim, the work and the stored response
    commit together (one commit; a crash leaves neither work nor key behind, so the client
    retries with the same key). A concurrent request with the key finds it in flight (409).
    """
    fingerprint = request_fingerprint(payload)
    key = key[:100]
    try:
        with transaction.atomic():
            record_pk, replay = _claim_in_transaction(
                user=user, scope=scope, key=key, fingerprint=fingerprint
            )
            if replay is not None:
                return replay[0], replay[1], True
            assert record_pk is not None  # no replay: this request claimed the key
            status, body = call()
            if transaction.get_rollback():
                raise _RolledBack(status, body)
            _response_store(record_pk, status, body)
    except _RolledBack as refused:
        return _refusal_store(
            user=user,
            scope=scope,
            key=key,
            fingerprint=fingerprint,
            status=refused.status,
            body=refused.body,
        )
    return status, body, False


def idempotent_committing_call(
    *, user: Any, scope: str, key: str, payload: Any, call: Callable[[], tuple[int, str]]
) -> tuple[int, str, bool]:
    """Run `call` once per (user, scope, key) with no transaction around it; returns
    (status, body, replayed) like `idempotent_call`.

    `idempotent_call` runs the work in one transaction; a refund cannot: it commits its own key
    before asking the provider (PAY-10), so a timeout or a crash mid-call leaves a row that a
    retry sends again under the same request id, and no row lock is held while the provider
    answers. Here the key is claimed first (committed, so concurrent requests see it in flight),
    the response is stored once `call` returns, and an exception frees the key so that the
    client can retry with it: `call` must leave any committed work safe to resume.
    """
    fingerprint = request_fingerprint(payload)
    record, replay = idempotency_key_claim(user=user, scope=scope, key=key, fingerprint=fingerprint)
    if replay is not None:
        return replay[0], replay[1], True
    assert record is not None  # no replay: this request claimed the key
    try:
        status, body = call()
    except BaseException:
        IdempotencyKey.objects.filter(pk=record.pk).delete()
        raise
    _response_store(record.pk, status, body)
    return status, body, False
