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
        status, body = call()
    except Exception:
        # An unexpected failure stored nothing else; let the client retry with the same key.
        IdempotencyKey.objects.filter(pk=record.pk).delete()
        raise
    IdempotencyKey.objects.filter(pk=record.pk).update(
        state=IdempotencyKey.State.DONE, response_status=status, response_body=body
    )
    return status, body, False
