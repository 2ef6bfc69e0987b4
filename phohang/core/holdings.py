"""Core's own entries in the personal-data inventory (see `phohang.core.privacy`)."""

from typing import Any

from .privacy import Erasure, holding_register

AUDIT = "tamper-evident audit chain of who did what to whose data; it cannot be edited"


def file_erased(row: Any) -> str:
    """Delete an uploaded file from storage; the row keeps an empty name."""
    if row.file:
        row.file.delete(save=False)
    return ""


def register() -> None:
    from .models import AuditRecord, FileJob, IdempotencyKey

    holding_register(
        AuditRecord,
        path="actor",
        fields=("created_at", "action", "object_type", "object_repr", "source_ip", "outcome"),
        erasure=Erasure.RETAIN,
        reason=AUDIT,
        retention="kept with the chain (security and accountability record)",
    )
    holding_register(
        FileJob,
        path="owner",
        fields=("kind", "original_name", "source_ip", "status", "created_at"),
        erasure=Erasure.ANONYMISE,
        replace={"file": file_erased, "original_name": "—", "source_ip": None},
        reason="the uploaded file is deleted; the job's counts stay with what it imported",
    )
    holding_register(
        IdempotencyKey,
        path="user",
        fields=("scope", "created_at", "response_status"),
        erasure=Erasure.DELETE,
        reason="replay protection only; stored answers may repeat personal data",
    )
