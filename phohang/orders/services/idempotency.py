"""Idempotency keys for POSTs that create things: the first response is stored and replayed."""

import hashlib
import json
from collections.abc import Callable
from contextlib import nullcontext
from datetime import timedelta

from django.db import IntegrityError, router, transaction
from django.utils import timezone

from phohang.core import sql
from phohang.core.sql import insert_rows

from ..models import IdempotencyKey


class IdempotencyConflict(Exception):
    """The key was used before with a different request body."""


class IdempotencyInFlight(Exception):
    """The first request with this key is still running."""


def request_fingerprint(payload) -> str:
    return hashlib.sha256(
        json.dumps(payload, sort_keys=True, default=str, separators=(",", ":")).encode()
    ).hexdigest()


# A request runs for seconds at most (the web server's timeout); a key still "in flight" after
# this long belongs to a process that died mid-call, and is taken over rather than answering 409
# for ever. Its work either never committed (`idempotent_call`) or is safe to resume (refunds).
IN_FLIGHT_EXPIRES_AFTER = timedelta(minutes=10)


def idempotency_key_claim(
    *, user, scope: str, key: str, fingerprint: str
) -> tuple[IdempotencyKey | None, tuple[int, str] | None]:
    """Claim (user, scope, key): (record, None) when this request is first, (None, (status,
    body)) to replay a finished one; raises IdempotencyConflict or IdempotencyInFlight."""
    connection = transaction.get_connection()
    for attempt in range(2):
        try:
            # Outside a transaction the marker is one autocommitted statement, visible at once
            # to a concurrent request with the same key; inside one, a savepoint keeps a
            # duplicate key from breaking the caller's transaction.
            with transaction.atomic() if connection.in_atomic_block else nullcontext():
                (record,) = insert_rows(
                    [
                        IdempotencyKey(
                            user=user, scope=scope, key=key[:100], request_hash=fingerprint
                        )
                    ]
                )
            return record, None
        except IntegrityError:
            record = IdempotencyKey.objects.filter(user=user, scope=scope, key=key[:100]).first()
            if record is None:  # the holder just gave the key up; claim it again
                continue
            if record.request_hash != fingerprint:
                raise IdempotencyConflict(key) from None
            if record.state == IdempotencyKey.State.DONE:
                return None, (record.response_status, record.response_body)
            if attempt == 0 and record.created_at < timezone.now() - IN_FLIGHT_EXPIRES_AFTER:
                IdempotencyKey.objects.filter(
                    pk=record.pk, state=IdempotencyKey.State.IN_FLIGHT
                ).delete()
                continue
            raise IdempotencyInFlight(key) from None
    raise IdempotencyInFlight(key)


def _response_store(record_pk: int, status: int, body: str) -> None:
    """Mark the key done with its response (written out: it closes every keyed call)."""
    fields = {
        name: IdempotencyKey._meta.get_field(name).column
        for name in ("state", "response_status", "response_body", "id")
    }
    quote = transaction.get_connection(router.db_for_write(IdempotencyKey)).ops.quote_name
    statement = (
        f"UPDATE {sql.table(IdempotencyKey)} SET {quote(fields['state'])} = %s,"  # noqa: S608
        f" {quote(fields['response_status'])} = %s, {quote(fields['response_body'])} = %s"
        f" WHERE {quote(fields['id'])} = %s"
    )
    sql.execute_deferred(
        IdempotencyKey, statement, [IdempotencyKey.State.DONE.value, status, body, record_pk]
    )


class _RolledBack(Exception):
    """The call failed inside the transaction: undo its writes, keep its error response."""

    def __init__(self, status: int, body: str):
        super().__init__(status)
        self.status, self.body = status, body


def idempotent_call(
    *, user, scope: str, key: str, payload, call: Callable[[], tuple[int, str]]
) -> tuple[int, str, bool]:
    """Run `call` once per (user, scope, key); returns (status, body, replayed).

    `call` runs in one transaction that it must not leave half-written; when it catches an error
    raised inside a nested `atomic(savepoint=False)` it returns the error response and the
    transaction is rolled back here, so the hot path pays for no savepoints.
    """
    fingerprint = request_fingerprint(payload)
    record, replay = idempotency_key_claim(user=user, scope=scope, key=key, fingerprint=fingerprint)
    if replay is not None:
        return replay[0], replay[1], True
    try:
        # The work and its stored response commit together: one commit, and a crash can never
        # leave the work done with the key still "in flight". The response is written with the
        # work's other deferred writes, in the same statement on PostgreSQL.
        with transaction.atomic(), sql.deferred_writes(router.db_for_write(IdempotencyKey)):
            status, body = call()
            if transaction.get_rollback():
                raise _RolledBack(status, body)
            _response_store(record.pk, status, body)
    except _RolledBack as refused:
        status, body = refused.status, refused.body
        _response_store(record.pk, status, body)
    except Exception:
        # An unexpected failure stored nothing else; let the client retry with the same key.
        IdempotencyKey.objects.filter(pk=record.pk).delete()
        raise
    return status, body, False
