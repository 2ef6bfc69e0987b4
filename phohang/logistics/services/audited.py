"""Deleting a row with its audit record (rates, COD fees and stops go the same way)."""

from django.db import models, transaction

from phohang.core.audit import AuditContext, audit_record, snapshot


def delete_audited(
    *, obj: models.Model, action: str, fields: list[str], context: AuditContext
) -> None:
    """Delete `obj`, recording what it held (one transaction with the caller's, if any)."""
    with transaction.atomic():
        audit_record(context=context, action=action, obj=obj, before=snapshot(obj, fields))
        obj.delete()
