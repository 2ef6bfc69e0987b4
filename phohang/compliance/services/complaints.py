"""Complaints and disputes: filing, the seller's answer, escalation, outcomes."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.accounts.services import notification_send
from phohang.catalog.models import Product
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError, NotFound
from phohang.core.transitions import StateMachine, history_row, history_start, transition
from phohang.core.uploads import CleanUpload
from phohang.livestream.models import LiveSession
from phohang.orders.models import Order
from phohang.sellers.models import Seller

from ..models import (
    Complaint,
    ComplaintEvent,
    Takedown,
)
from ..screening import review_item_open
from .common import (
    AUTHORITY,
    BUYER,
    PLATFORM,
    SELLER,
    SYSTEM,
    is_uuid,
    reason_clean,
    tell_seller,
)
from .takedowns import takedown_carry_out, takedown_order

C = Complaint.Status
COMPLAINT = StateMachine(
    name="compliance.complaint",
    moves={
        (C.OPEN, C.ANSWERED): {SELLER},
        (C.OPEN, C.ESCALATED): {SYSTEM, PLATFORM},
        (C.ANSWERED, C.ESCALATED): {BUYER, PLATFORM},
        (C.ANSWERED, C.RESOLVED): {BUYER, PLATFORM},
        (C.ESCALATED, C.REFERRED): {PLATFORM},
        (C.ESCALATED, C.RESOLVED): {PLATFORM},
        (C.REFERRED, C.RESOLVED): {PLATFORM, AUTHORITY},
    },
    history=history_row(ComplaintEvent, "complaint"),
)


# Complaints ------------------------------------------------------------------------------


@transaction.atomic
def complaint_file(
    *,
    complainant: User,
    target: str,
    reference: str,
    body: str,
    evidence: CleanUpload | None,
    context: AuditContext,
) -> Complaint:
    """File a complaint; the seller has `COMPLAINT_SELLER_ANSWER_DAYS` to answer."""
    body = reason_clean(body, field="body", minimum=10)
    order = product = None
    stream = None
    if target == Complaint.Target.ORDER:
        order = (
            Order.objects.select_related("seller")
            .filter(public_id=reference, buyer=complainant)
            .first()
            if is_uuid(reference)
            else None
        )
        if order is None:
            raise DomainError(
                "order_not_yours",
                _("You can only complain about your own orders; this one is not in your account."),
                "reference",
            )
        seller = order.seller
    elif target == Complaint.Target.LISTING:
        product = (
            Product.objects.select_related("seller").filter(public_id=reference).first()
            if is_uuid(reference)
            else None
        )
        if product is None:
            raise DomainError("listing_missing", _("No listing has this code."), "reference")
        seller = product.seller
    elif target == Complaint.Target.SELLER:
        seller = Seller.objects.filter(public_id=reference).first() if is_uuid(reference) else None
        if seller is None:
            raise DomainError("seller_missing", _("No seller has this code."), "reference")
    elif target == Complaint.Target.STREAM:
        stream = (
            LiveSession.objects.select_related("seller").filter(public_id=reference).first()
            if is_uuid(reference)
            else None
        )
        if stream is None:
            raise DomainError("stream_missing", _("No live stream has this code."), "reference")
        seller = stream.seller
    else:
        raise DomainError("complaint_target", _("Choose what the complaint is about."), "target")
    if seller.members.filter(user=complainant, is_active=True).exists():
        raise DomainError("own_seller", _("You cannot complain about your own shop."), "reference")
    now = timezone.now()
    complaint = Complaint(
        created_at=now,
        complainant=complainant,
        target=target,
        order=order,
        product=product,
        seller=seller,
        stream=stream,
        body=body,
        seller_due_at=now + datetime.timedelta(days=settings.COMPLAINT_SELLER_ANSWER_DAYS),
    )
    if evidence is not None:
        complaint.evidence.save(evidence.content.name, evidence.content, save=False)
    complaint.save()
    history_start(COMPLAINT, complaint, actor=complainant)
    audit_record(
        context=context,
        action="compliance.complaint.filed",
        obj=complaint,
        after={"target": target, "seller": seller.pk},
    )
    if product is not None:
        review_item_open(
            product=product,
            source="reported",
            reasons=[
                {"code": "complaint", "matched": body[:120], "note": str(complaint.public_id)}
            ],
            context=context,
        )
    tell_seller(
        seller,
        title=str(_("A buyer complained; answer by %(date)s"))
        % {"date": timezone.localtime(complaint.seller_due_at).strftime("%d/%m/%Y %H:%M")},
        body=body[:300],
        link=reverse("compliance:seller_desk"),
    )
    return complaint


@transaction.atomic
def complaint_answer(
    *, complaint: Complaint, seller: Seller, answer: str, context: AuditContext
) -> Complaint:
    complaint = Complaint.objects.get(pk=complaint.pk)
    if complaint.seller_id != seller.pk:
        raise NotFound()
    answer = reason_clean(answer, field="answer", minimum=10)
    complaint = transition(
        COMPLAINT,
        complaint,
        to=C.ANSWERED,
        actor_kind=SELLER,
        actor=context.actor,
        fields={"seller_answer": answer, "answered_at": timezone.now()},
        context=context,
    )
    notification_send(
        user=complaint.complainant,
        title=str(_("The seller answered your complaint")),
        body=answer[:300],
        link=reverse("compliance:complaint_detail", args=[complaint.public_id]),
    )
    return complaint


def complaints_escalate_overdue(*, now: datetime.datetime | None = None) -> int:
    """Complaints the seller left unanswered past the deadline go to platform staff."""
    now = now or timezone.now()
    count = 0
    for complaint in Complaint.objects.filter(status=C.OPEN, seller_due_at__lt=now).order_by("pk"):
        with transaction.atomic():
            try:
                transition(
                    COMPLAINT,
                    complaint,
                    to=C.ESCALATED,
                    actor_kind=SYSTEM,
                    note="seller did not answer in time",
                    fields={"escalated_at": now},
                )
            except DomainError:
                continue
        count += 1
    return count


@transaction.atomic
def complaint_buyer_move(
    *, complaint: Complaint, escalate: bool, context: AuditContext
) -> Complaint:
    """The buyer takes an answered complaint to platform staff, or closes it as settled."""
    complaint = Complaint.objects.get(pk=complaint.pk)
    now = timezone.now()
    fields = (
        {"escalated_at": now}
        if escalate
        else {
            "resolved_at": now,
            "outcome": Complaint.Outcome.DISMISSED,
            "outcome_note": str(_("Closed by the buyer.")),
        }
    )
    return transition(
        COMPLAINT,
        complaint,
        to=C.ESCALATED if escalate else C.RESOLVED,
        actor_kind=BUYER,
        actor=context.actor,
        fields=fields,
        context=context,
    )


@transaction.atomic
def complaint_refer(*, complaint: Complaint, note: str, context: AuditContext) -> Complaint:
    note = reason_clean(note, field="note")
    complaint = Complaint.objects.get(pk=complaint.pk)
    return transition(
        COMPLAINT,
        complaint,
        to=C.REFERRED,
        actor_kind=PLATFORM,
        actor=context.actor,
        note=note[:200],
        fields={"referred_at": timezone.now(), "outcome_note": note},
        context=context,
    )


@transaction.atomic
def complaint_resolve(
    *, complaint: Complaint, outcome: str, note: str, actor_kind: str, context: AuditContext
) -> Complaint:
    """Close with an outcome; a takedown or suspension outcome orders one, linked back."""
    if outcome not in Complaint.Outcome.values or not outcome:
        raise DomainError("outcome", _("Choose the outcome."), "outcome")
    note = reason_clean(note, field="note")
    complaint = Complaint.objects.select_related("product", "seller").get(pk=complaint.pk)
    complaint = transition(
        COMPLAINT,
        complaint,
        to=C.RESOLVED,
        actor_kind=actor_kind,
        actor=context.actor,
        fields={"outcome": outcome, "outcome_note": note, "resolved_at": timezone.now()},
        context=context,
        audit_fields=("outcome",),
    )
    if outcome == Complaint.Outcome.TAKEDOWN:
        if complaint.product_id is None:
            raise DomainError(
                "outcome_target", _("Only a complaint about a listing can take it down."), "outcome"
            )
        takedown = takedown_order(
            kind=Takedown.Kind.LISTING,
            product_public_id=str(complaint.product.public_id),
            reason=note,
            legal_basis=str(_("Complaint %(code)s") % {"code": complaint.public_id}),
            officer=context.actor,
            context=context,
            complaint=complaint,
        )
        takedown_carry_out(takedown=takedown, actor_kind=PLATFORM, context=context)
    elif outcome == Complaint.Outcome.SUSPENSION:
        takedown = takedown_order(
            kind=Takedown.Kind.SELLER,
            seller_public_id=str(complaint.seller.public_id),
            reason=note,
            legal_basis=str(_("Complaint %(code)s") % {"code": complaint.public_id}),
            officer=context.actor,
            context=context,
            complaint=complaint,
        )
        takedown_carry_out(takedown=takedown, actor_kind=PLATFORM, context=context)
    notification_send(
        user=complaint.complainant,
        title=str(_("Your complaint was resolved")),
        body=note[:300],
        link=reverse("compliance:complaint_detail", args=[complaint.public_id]),
    )
    return complaint
