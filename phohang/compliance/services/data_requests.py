"""Personal-data requests (with their clock) and consent evidence."""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import Consent, User
from phohang.accounts.services import consent_grant, consent_withdraw, notification_send
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError
from phohang.core.text import clean_free_text
from phohang.core.transitions import StateMachine, history_row, history_start, transition

from ..models import (
    ConsentEvidence,
    DataRequest,
    DataRequestEvent,
)
from .common import (
    PLATFORM,
    SYSTEM,
    reason_clean,
)

D = DataRequest.Status
DATA_REQUEST = StateMachine(
    name="compliance.data_request",
    moves={
        (D.RECEIVED, D.ACKNOWLEDGED): {PLATFORM, SYSTEM},
        (D.RECEIVED, D.DONE): {PLATFORM, SYSTEM},
        (D.ACKNOWLEDGED, D.DONE): {PLATFORM, SYSTEM},
        (D.RECEIVED, D.REFUSED): {PLATFORM},
        (D.ACKNOWLEDGED, D.REFUSED): {PLATFORM},
    },
    history=history_row(DataRequestEvent, "request"),
)


# Personal-data requests and consent ------------------------------------------------------


def add_working_days(start: datetime.datetime, days: int) -> datetime.datetime:
    """`days` working days (Monday–Friday) after `start`."""
    current = start
    while days > 0:
        current += datetime.timedelta(days=1)
        if timezone.localtime(current).weekday() < 5:
            days -= 1
    return current


@transaction.atomic
def data_request_file(
    *, requester: User, kind: str, details: str, context: AuditContext
) -> DataRequest:
    if kind not in DataRequest.Kind.values:
        raise DomainError("request_kind", _("Choose what you ask for."), "kind")
    now = timezone.now()
    request = DataRequest.objects.create(
        requester=requester,
        kind=kind,
        details=clean_free_text(details or "")[:4000],
        received_at=now,
        acknowledge_by=add_working_days(now, settings.DATA_REQUEST_ACK_WORKING_DAYS),
        due_at=now + datetime.timedelta(days=settings.DATA_REQUEST_DUE_DAYS),
    )
    history_start(DATA_REQUEST, request, actor=requester)
    audit_record(context=context, action="compliance.data_request.filed", obj=request)
    if kind in STOPS_CONSENTED_PROCESSING:
        return _stop_consented_processing(request, context=context)
    if kind in (DataRequest.Kind.DELETION, DataRequest.Kind.CORRECTION):
        return transition(
            DATA_REQUEST,
            request,
            to=D.ACKNOWLEDGED,
            actor_kind=SYSTEM,
            actor=requester,
            fields={"acknowledged_at": now},
            context=context,
        )
    return request


# Processing that rests on consent alone: a withdrawal, an objection or a restriction stops it
# at once. Identity checks of sellers rest on the law (decree 248/2026), not on consent.
STOPS_CONSENTED_PROCESSING = (
    DataRequest.Kind.WITHDRAWAL,
    DataRequest.Kind.OBJECTION,
    DataRequest.Kind.RESTRICTION,
)
CONSENTED_PURPOSES = (Consent.Purpose.MARKETING, Consent.Purpose.MATCHING)


def _stop_consented_processing(request: DataRequest, *, context: AuditContext) -> DataRequest:
    """Withdraw the consents behind marketing and supplier matching, with evidence, and close
    the request telling the person what stopped and what the law keeps."""
    user = request.requester
    for purpose in CONSENTED_PURPOSES:
        consent = Consent.objects.filter(
            user=user, purpose=purpose, withdrawn_at__isnull=True
        ).first()
        if consent is None:
            continue
        consent_withdraw(user=user, purpose=purpose)
        ConsentEvidence.objects.create(
            consent=consent,
            action="withdraw",
            form=f"compliance:data_request:{request.kind}",
            ip_digest=_ip_digest(context.ip),
            user_agent="",
        )
    now = timezone.now()
    return transition(
        DATA_REQUEST,
        request,
        to=D.DONE,
        actor_kind=SYSTEM,
        actor=user,
        fields={
            "acknowledged_at": now,
            "closed_at": now,
            "response": str(
                _(
                    "Marketing messages and supplier matching based on your consent have "
                    "stopped. Orders, invoices, complaints and the identity checks of sellers "
                    "are kept for the periods the law sets."
                )
            ),
        },
        context=context,
    )


@transaction.atomic
def data_request_export_done(*, request: DataRequest, context: AuditContext) -> DataRequest:
    """An export or access request answered at once by the export itself."""
    return transition(
        DATA_REQUEST,
        request,
        to=D.DONE,
        actor_kind=SYSTEM,
        actor=context.actor,
        fields={
            "closed_at": timezone.now(),
            "acknowledged_at": timezone.now(),
            "response": str(
                _(
                    "Your data was exported. Orders, invoices and complaints are kept for the "
                    "periods the law sets even if you delete your account."
                )
            ),
        },
        context=context,
    )


@transaction.atomic
def data_request_acknowledge(
    *, request: DataRequest, needs_processor: bool, context: AuditContext
) -> DataRequest:
    request = DataRequest.objects.get(pk=request.pk)
    fields: dict[str, object] = {
        "acknowledged_at": timezone.now(),
        "needs_processor": needs_processor,
    }
    if needs_processor:
        fields["due_at"] = request.received_at + datetime.timedelta(
            days=settings.DATA_REQUEST_PROCESSOR_DUE_DAYS
        )
    if request.status == D.ACKNOWLEDGED and needs_processor and not request.needs_processor:
        # Acknowledged on filing; staff find later that a processor must act (20 days).
        DataRequest.objects.filter(pk=request.pk).update(
            needs_processor=True, due_at=fields["due_at"]
        )
        audit_record(
            context=context,
            action="compliance.data_request.processor",
            obj=request,
            before={"due_at": request.due_at.isoformat()},
        )
        request.refresh_from_db()
        return request
    return transition(
        DATA_REQUEST,
        request,
        to=D.ACKNOWLEDGED,
        actor_kind=PLATFORM,
        actor=context.actor,
        fields=fields,
        context=context,
    )


@transaction.atomic
def data_request_extend(*, request: DataRequest, note: str, context: AuditContext) -> DataRequest:
    """One extension of DATA_REQUEST_EXTENSION_DAYS, with the reason told to the person."""
    note = reason_clean(note, field="note")
    request = DataRequest.objects.get(pk=request.pk)
    if not request.is_open:
        raise DomainError("request_closed", _("This request is already closed."))
    due = request.due_at + datetime.timedelta(days=settings.DATA_REQUEST_EXTENSION_DAYS)
    updated = DataRequest.objects.filter(pk=request.pk, is_extended=False).update(
        is_extended=True, due_at=due, response=note
    )
    if not updated:
        raise DomainError("extended", _("A request can be extended only once."))
    audit_record(
        context=context,
        action="compliance.data_request.extended",
        obj=request,
        before={"due_at": request.due_at.isoformat()},
        after={"due_at": due.isoformat()},
    )
    request.refresh_from_db()
    notification_send(
        user=request.requester,
        title=str(_("Your personal-data request needs more time")),
        body=note,
        link=reverse("compliance:privacy_center"),
    )
    return request


@transaction.atomic
def data_request_close(
    *, request: DataRequest, refuse: bool, response: str, context: AuditContext
) -> DataRequest:
    response = reason_clean(response, field="response")
    request = DataRequest.objects.get(pk=request.pk)
    request = transition(
        DATA_REQUEST,
        request,
        to=D.REFUSED if refuse else D.DONE,
        actor_kind=PLATFORM,
        actor=context.actor,
        fields={"closed_at": timezone.now(), "response": response},
        context=context,
    )
    notification_send(
        user=request.requester,
        title=str(_("Your personal-data request was answered")),
        body=response[:300],
        link=reverse("compliance:privacy_center"),
    )
    return request


def consent_form_token(*, user: User, purposes: list[str]) -> str:
    """Signs which purposes a page showed unticked, for whom; the POST must bring it back."""
    message = f"{user.pk}|{','.join(sorted(purposes))}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _ip_digest(ip: str | None) -> str:
    if not ip:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def consents_update(
    *,
    user: User,
    shown: list[str],
    token: str,
    granted: list[str],
    user_agent: str,
    context: AuditContext,
) -> list[str]:
    """Record the boxes the person ticked on the consent page; each change keeps evidence.

    A form that does not carry the token of the page that showed those boxes unticked (a crafted
    or pre-ticked form) changes nothing.
    """
    expected = consent_form_token(user=user, purposes=shown)
    if not shown or not hmac.compare_digest(expected, token or ""):
        raise DomainError(
            "consent_form",
            _(
                "This consent form was not the one shown to you (boxes are never ticked in "
                "advance); nothing was changed. Reload the page and tick what you agree to."
            ),
        )
    if set(granted) - set(shown):
        raise DomainError(
            "consent_form",
            _(
                "This consent form was not the one shown to you (boxes are never ticked in "
                "advance); nothing was changed. Reload the page and tick what you agree to."
            ),
        )
    changed = []
    active = set(
        Consent.objects.filter(user=user, withdrawn_at__isnull=True).values_list(
            "purpose", flat=True
        )
    )
    for purpose in shown:
        consent: Consent | None
        if purpose in granted and purpose not in active:
            consent = consent_grant(user=user, purpose=purpose)
            action = "grant"
        elif purpose not in granted and purpose in active:
            consent_withdraw(user=user, purpose=purpose)
            consent = Consent.objects.filter(user=user, purpose=purpose).order_by("-pk").first()
            action = "withdraw"
        else:
            continue
        if consent is not None:
            ConsentEvidence.objects.create(
                consent=consent,
                action=action,
                form="compliance:privacy_center",
                ip_digest=_ip_digest(context.ip),
                user_agent=user_agent[:200],
            )
        changed.append(purpose)
    if changed:
        audit_record(
            context=context,
            action="compliance.consent.update",
            obj=user,
            after={"changed": changed},
        )
    return changed
