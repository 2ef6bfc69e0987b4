"""Idempotency-Key for POSTs whose work must commit before it is done (refunds)."""

from collections.abc import Callable

from phohang.orders.models import IdempotencyKey
from phohang.orders.services.idempotency import idempotency_key_claim, request_fingerprint


def idempotent_committing_call(
    *, user, scope: str, key: str, payload, call: Callable[[], tuple[int, str]]
) -> tuple[int, str, bool]:
    """Run `call` once per (user, scope, key) with no transaction around it; returns
    (status, body, replayed) like orders' `idempotent_call`.

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
    try:
        status, body = call()
    except BaseException:
        IdempotencyKey.objects.filter(pk=record.pk).delete()
        raise
    IdempotencyKey.objects.filter(pk=record.pk).update(
        state=IdempotencyKey.State.DONE, response_status=status, response_body=body
    )
    return status, body, False
