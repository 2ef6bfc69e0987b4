"""Operating-rules versions and seller fee notices."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError
from phohang.core.text import clean_free_text, clean_line

from ..models import (
    FeeNotice,
    RulesVersion,
)

# Operating rules and fee notices ---------------------------------------------------------


@transaction.atomic
def rules_publish(
    *,
    version: str,
    title: str,
    summary: str,
    body: str,
    effective_from: datetime.datetime,
    context: AuditContext,
) -> RulesVersion:
    version = clean_line(version)[:20]
    if not version:
        raise DomainError("version", _("Give the version."), "version")
    if RulesVersion.objects.filter(version=version).exists():
        raise DomainError("version_exists", _("This version already exists."), "version")
    if effective_from < timezone.now():
        raise DomainError(
            "effective_past", _("New rules cannot apply to the past."), "effective_from"
        )
    rules = RulesVersion.objects.create(
        version=version,
        title=clean_line(title)[:200],
        summary=clean_free_text(summary),
        body=clean_free_text(body),
        effective_from=effective_from,
    )
    audit_record(
        context=context, action="compliance.rules.publish", obj=rules, after={"v": version}
    )
    return rules


@transaction.atomic
def fee_notice_publish(
    *, title: str, details: str, effective_from: datetime.date, context: AuditContext
) -> FeeNotice:
    """Publish a fee change; it may apply no sooner than FEE_CHANGE_NOTICE_DAYS from today."""
    earliest = timezone.localdate() + datetime.timedelta(days=settings.FEE_CHANGE_NOTICE_DAYS)
    if effective_from < earliest:
        raise DomainError(
            "fee_notice_short",
            _("A fee change must be published at least %(days)d days before it applies.")
            % {"days": settings.FEE_CHANGE_NOTICE_DAYS},
            "effective_from",
        )
    notice = FeeNotice.objects.create(
        title=clean_line(title)[:200],
        details=clean_free_text(details),
        effective_from=effective_from,
        published_by=context.actor,
    )
    audit_record(
        context=context,
        action="compliance.fee_notice.publish",
        obj=notice,
        after={"effective_from": str(effective_from)},
    )
    return notice
