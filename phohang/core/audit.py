"""Append-only audit log with a SHA-256 hash chain, so direct edits in the database are detectable."""

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils import timezone

from .access import View
from .client import client_address
from .models import AuditRecord, ChainHead


@dataclasses.dataclass(frozen=True)
class AuditContext:
    """Who is acting and from where; built once per request by `audit_context_from_request`."""

    actor: Any = None
    ip: str | None = None
    purpose: str = ""


def audit_context_from_request(request: HttpRequest, purpose: str = "") -> AuditContext:
    user = getattr(request, "user", None)
    return AuditContext(
        actor=user if user is not None and user.is_authenticated else None,
        ip=client_address(request) or None,
        purpose=purpose,
    )


def _role_of(actor: Any) -> str:
    if actor is None:
        return "system"
    role_label = getattr(actor, "primary_role", None)
    return str(role_label) if role_label else ""


def audit_record(
    *,
    context: AuditContext | None,
    action: str,
    obj: Any = None,
    object_type: str = "",
    object_id: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    outcome: str = AuditRecord.Outcome.SUCCESS,
    purpose: str = "",
) -> AuditRecord:
    """Append one record to the chain inside the caller's transaction."""
    context = context or AuditContext()
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(getattr(obj, "public_id", None) or obj.pk)
    with transaction.atomic():
        head, _ = ChainHead.objects.get_or_create(name="audit")
        head = ChainHead.objects.select_for_update().get(pk=head.pk)
        actor = context.actor
        record = AuditRecord(
            created_at=timezone.now(),
            actor=actor,
            actor_label=(getattr(actor, "email", "") or getattr(actor, "phone", "") or "")
            if actor
            else "system",
            actor_role=_role_of(actor),
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=str(obj)[:200] if obj is not None else "",
            purpose=purpose or context.purpose,
            source_ip=context.ip,
            outcome=outcome,
            before=before,
            after=after,
            previous_hash=head.last_hash,
        )
        record.record_hash = record.compute_hash()
        record.save()
        ChainHead.objects.filter(pk=head.pk).update(last_hash=record.record_hash)
    return record


def audit_refusals(
    action: str, *, object_type: str, id_kwarg: str = "public_id", purpose: str = ""
) -> Callable[[View], View]:
    """View decorator (AUD-01): a 404 or 403 given to authority or admin staff is audited as denied.

    Refusals to other users are not recorded: they are ordinary 404s and would flood the log.
    """

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return view(request, *args, **kwargs)
            except (Http404, PermissionDenied):
                user = getattr(request, "user", None)
                if user is not None and user.is_authenticated and user.is_staff_like:
                    audit_record(
                        context=audit_context_from_request(request, purpose=purpose),
                        action=action,
                        object_type=object_type,
                        object_id=str(kwargs.get(id_kwarg, ""))[:64],
                        outcome=AuditRecord.Outcome.DENIED,
                    )
                raise

        return wrapped

    return decorator


def audit_chain_verify() -> list[int]:
    """Return the ids of records whose hash or link does not match (empty when intact)."""
    broken: list[int] = []
    previous = ""
    for record in AuditRecord.objects.order_by("id").iterator():
        if record.previous_hash != previous or record.compute_hash() != record.record_hash:
            broken.append(record.pk)
        previous = record.record_hash
    head = ChainHead.objects.filter(name="audit").first()
    if head is not None and head.last_hash != previous:
        broken.append(-1)
    return broken


def snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    """JSON-safe before/after view of selected fields."""
    return {name: _json_safe(getattr(obj, name, None)) for name in fields}


def _json_safe(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if hasattr(value, "pk"):
        return value.pk
    return str(value)
