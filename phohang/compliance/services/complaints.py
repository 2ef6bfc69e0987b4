"""Complaints and disputes: filing, the seller's answer, escalation, outcomes."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.accounts.services import notification_send
from phohang.catalog.models import Product
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError
from phohang.core.transitions import StateMachine, history_row, history_start, transition
from phohang.core.uploads import CleanUpload
from phohang.livestream.models import LivePin, LiveSession
from phohang.livestream.services import stream_complaint_noted
from phohang.orders.models import Order
from phohang.payments import services as payment_services
from phohang.payments.models import Refund
from phohang.payments.services import ledger_totals
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
    seller_reply,
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
        named = Seller.objects.filter(public_id=reference).first() if is_uuid(reference) else None
        if named is None:
            raise DomainError("seller_missing", _("No seller has this code."), "reference")
        seller = named
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
        complaint.evidence.save(
            evidence.content.name or evidence.name, evidence.content, save=False
        )
    complaint.save()
    history_start(COMPLAINT, complaint, actor=complainant)
    audit_record(
        context=context,
        action="compliance.complaint.filed",
        obj=complaint,
        after={"target": target, "seller": seller.pk},
    )
    _tell_live_streams(complaint, stream=stream, product=product)
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


def _tell_live_streams(
    complaint: Complaint, *, stream: LiveSession | None, product: Product | None
) -> None:
    """A complaint about a running stream, or about a product pinned in one right now, reaches
    its presenter and moderators on the stream page once the complaint is committed."""
    if stream is None and product is not None:
        pin = (
            LivePin.objects.select_related("session")
            .filter(
                product=product,
                unpinned_at__isnull=True,
                session__status=LiveSession.Status.LIVE,
            )
            .order_by("-pinned_at")
            .first()
        )
        stream = pin.session if pin is not None else None
    if stream is None or stream.is_over:
        return
    session, summary = stream, complaint.body[:200]
    transaction.on_commit(
        lambda: stream_complaint_noted(
            session=session,
            complaint_public_id=complaint.public_id,
            summary=summary,
            product=product,
        ),
        robust=True,
    )


@transaction.atomic
def complaint_answer(
    *, complaint: Complaint, seller: Seller, answer: str, context: AuditContext
) -> Complaint:
    complaint = seller_reply(
        COMPLAINT,
        complaint,
        seller=seller,
        to=C.ANSWERED,
        text=answer,
        form_field="answer",
        text_field="seller_answer",
        stamp_field="answered_at",
        context=context,
    )
    notification_send(
        user=complaint.complainant,
        title=str(_("The seller answered your complaint")),
        body=complaint.seller_answer[:300],
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


def complaint_refund_key(complaint: Complaint) -> str:
    """The refund's idempotency key: one refund per complaint, however often it is retried."""
    return f"complaint-{complaint.public_id}"


def _refund_amount(complaint: Complaint, requested: int | None) -> int:
    """What the refund outcome pays back: `requested`, or all that was paid and not refunded."""
    if complaint.order_id is None:
        raise DomainError(
            "outcome_target", _("Only a complaint about an order can end in a refund."), "outcome"
        )
    paid = ledger_totals(complaint.order_id).paid_vnd
    pending = (
        Refund.objects.filter(order_id=complaint.order_id, status=Refund.Status.PENDING).aggregate(
            total=Sum("amount_vnd")
        )["total"]
        or 0
    )
    refundable = paid - pending
    if refundable <= 0:
        raise DomainError(
            "nothing_paid", _("Nothing paid on this order remains to refund."), "outcome"
        )
    if requested is None:
        return refundable
    if requested <= 0 or requested > refundable:
        raise DomainError(
            "refund_amount",
            _("The refund must be between 1 đồng and %(most)s đồng (paid and not yet refunded).")
            % {"most": f"{refundable:,}".replace(",", ".")},
            "refund_vnd",
        )
    return requested


def complaint_resolve(
    *,
    complaint: Complaint,
    outcome: str,
    note: str,
    actor_kind: str,
    context: AuditContext,
    refund_vnd: int | None = None,
) -> Complaint:
    """Close with an outcome, linked back: a takedown or suspension outcome orders one; a
    refund outcome refunds the order through payments (once, whatever the retries)."""
    if outcome not in Complaint.Outcome.values or not outcome:
        raise DomainError("outcome", _("Choose the outcome."), "outcome")
    note = reason_clean(note, field="note")
    complaint = Complaint.objects.select_related("product", "seller", "order").get(pk=complaint.pk)
    amount = _refund_amount(complaint, refund_vnd) if outcome == Complaint.Outcome.REFUND else 0
    with transaction.atomic():
        complaint = transition(
            COMPLAINT,
            complaint,
            to=C.RESOLVED,
            actor_kind=actor_kind,
            actor=context.actor,
            fields={
                "outcome": outcome,
                "outcome_note": note,
                "resolved_at": timezone.now(),
                "refund_vnd": amount or None,
            },
            context=context,
            audit_fields=("outcome",),
        )
        if outcome in (Complaint.Outcome.TAKEDOWN, Complaint.Outcome.SUSPENSION):
            _order_takedown(complaint, outcome=outcome, note=note, context=context)
    if amount:
        complaint_refund_send(complaint=complaint, context=context)
    notification_send(
        user=complaint.complainant,
        title=str(_("Your complaint was resolved")),
        body=note[:300],
        link=reverse("compliance:complaint_detail", args=[complaint.public_id]),
    )
    return complaint


def complaint_refund_send(*, complaint: Complaint, context: AuditContext) -> Refund | None:
    """Refund what the complaint's outcome decided; retrying (after a gateway timeout) sends
    the same refund again, never a second one."""
    if complaint.outcome != Complaint.Outcome.REFUND or not complaint.refund_vnd:
        raise DomainError("no_refund", _("This complaint did not end in a refund."))
    order = Order.objects.get(pk=complaint.order_id or 0)
    try:
        return payment_services.refund_issue(
            order=order,
            amount_vnd=complaint.refund_vnd,
            idempotency_key=complaint_refund_key(complaint),
            actor=None,  # decided by the complaint's process; the audit names the staff member
            reason=str(_("Complaint %(code)s") % {"code": complaint.public_id}),
            context=context,
        )
    except payment_services.GatewayTimeout:
        return None  # the refund stays pending; staff retry it from the complaint
    except payment_services.RefundError as error:
        raise DomainError("refund_refused", str(error)) from error


def _order_takedown(
    complaint: Complaint, *, outcome: str, note: str, context: AuditContext
) -> None:
    listing = outcome == Complaint.Outcome.TAKEDOWN
    if listing and complaint.product is None:
        raise DomainError(
            "outcome_target", _("Only a complaint about a listing can take it down."), "outcome"
        )
    takedown = takedown_order(
        kind=Takedown.Kind.LISTING if listing else Takedown.Kind.SELLER,
        product_public_id=str(complaint.product.public_id) if complaint.product else "",
        seller_public_id=str(complaint.seller.public_id),
        reason=note,
        legal_basis=str(_("Complaint %(code)s") % {"code": complaint.public_id}),
        officer=context.actor,
        context=context,
        complaint=complaint,
    )
    takedown_carry_out(takedown=takedown, actor_kind=PLATFORM, context=context)
