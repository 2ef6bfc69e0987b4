"""Idempotency keys for POSTs that create things: the first response is stored and replayed."""

import hashlib
import json
from collections.abc import Callable

from django.db import IntegrityError, transaction

from ..models import IdempotencyKey


class IdempotencyConflict(Exception):
    """The key was used before with a different request body."""


class IdempotencyInFlight(Exception):
    """The first request with this key is still running."""


def request_fingerprint(payload) -> str:
    return hashlib.sha256(
        json.dumps(payload, sort_keys=True, default=str, separators=(",", ":")).encode()
    ).hexdigest()


def idempotent_call(
    *, user, scope: str, key: str, payload, call: Callable[[], tuple[int, str]]
) -> tuple[int, str, bool]:
    """Run `call` once per (user, scope, key); returns (status, body, replayed)."""
    fingerprint = request_fingerprint(payload)
    try:
        with transaction.atomic():
            _commit_without_flush()
            record = IdempotencyKey.objects.create(
                user=user, scope=scope, key=key[:100], request_hash=fingerprint
            )
    except IntegrityError:
        record = IdempotencyKey.objects.get(user=user, scope=scope, key=key[:100])
        if record.request_hash != fingerprint:
            raise IdempotencyConflict(key) from None
        if record.state != IdempotencyKey.State.DONE:
            raise IdempotencyInFlight(key) from None
        return record.response_status, record.response_body, True
    try:
        # The work and its stored response commit together: one commit, and a crash can never
        # leave the work done with the key still "in flight".
        with transaction.atomic():
            status, body = call()
            IdempotencyKey.objects.filter(pk=record.pk).update(
                state=IdempotencyKey.State.DONE, response_status=status, response_body=body
            )
    except Exception:
        # An unexpected failure stored nothing else; let the client retry with the same key.
        IdempotencyKey.objects.filter(pk=record.pk).delete()
        raise
    return status, body, False


def _commit_without_flush() -> None:
    """PostgreSQL: let this transaction commit without waiting for the disk.

    Only for the in-flight marker: losing it in a crash is harmless (the client retries), and the
    synchronous commit of the work that follows flushes it to disk anyway.
    """
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
