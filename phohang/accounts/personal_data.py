"""Data-subject requests (PDP-02): a person downloads everything held about them, or erases it.

What each app holds, and what erasure does to it, is the inventory in `phohang.core.privacy`
(docs/privacy.md prints it). Both requests are audit-logged with how long they took.
"""

import time
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phohang.core import privacy
from phohang.core.audit import AuditContext, audit_record

from . import throttling
from .models import User


class ErasureRefused(Exception):
    """The request cannot be carried out; the message says why (nothing was changed)."""


@dataclass(frozen=True)
class ErasureResult:
    summary: privacy.ErasureSummary
    milliseconds: int


def password_confirm(*, user: User, password: str, ip: str | None = None) -> None:
    """Raise ErasureRefused for a wrong password; attempts count against the sign-in limit
    (LoginThrottled once it is reached), so a left-open session cannot guess the password."""
    identifier = user.email or user.phone or ""
    throttling.attempt_begin(scope="login", identifier=identifier, ip=ip)
    if not user.check_password(password):
        raise ErasureRefused(_("The password is not correct."))
    throttling.attempt_succeeded(scope="login", identifier=identifier, ip=ip)


def personal_data_export(*, user: User, context: AuditContext | None = None) -> dict[str, Any]:
    """Everything the platform holds about ``user`` (and the shops they own), as JSON values."""
    started = time.perf_counter()
    data = privacy.personal_data(user)
    milliseconds = round((time.perf_counter() - started) * 1000)
    audit_record(
        context=context or AuditContext(actor=user),
        action="account.data_export",
        object_type="accounts.user",
        object_id=str(user.pk),
        after={"tables": len(data), "rows": sum(map(len, data.values())), "ms": milliseconds},
        purpose="PDP-02",
    )
    return {
        "generated_at": timezone.now().isoformat(),
        "subject": {"id": user.pk, "full_name": user.full_name},
        "inventory": "docs/privacy.md",
        "data": data,
    }


def account_erase(
    *, user: User, password: str, context: AuditContext | None = None, checked: bool = False
) -> ErasureResult:
    """Erase the person's data by the inventory's rules; the account can no longer sign in.

    ``checked`` is for an operator acting on a verified written request (no password then).
    Raises ErasureRefused (or LoginThrottled), with nothing changed, for a wrong password or
    while a guard objects.
    """
    if not checked:
        password_confirm(user=user, password=password, ip=context.ip if context else None)
    refusals = privacy.erasure_refusals(user)
    if refusals:
        raise ErasureRefused(" ".join(refusals))
    started = time.perf_counter()
    with transaction.atomic():
        user_id = user.pk
        summary = privacy.personal_data_erase(user)
        milliseconds = round((time.perf_counter() - started) * 1000)
        audit_record(
            context=context or AuditContext(),
            action="account.erase",
            object_type="accounts.user",
            object_id=str(user_id),
            after={
                "deleted": summary.deleted,
                "anonymised": summary.anonymised,
                "retained": summary.retained,
                "ms": milliseconds,
            },
            purpose="PDP-02",
        )
    user.refresh_from_db()
    return ErasureResult(summary=summary, milliseconds=milliseconds)
