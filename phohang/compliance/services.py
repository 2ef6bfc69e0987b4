"""Compliance writes: review decisions, takedowns and appeals, complaints, rules, fee notices,
personal-data requests and consent evidence. Keyword-only, one transaction each."""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import Consent, ProvinceScope, User
from phohang.accounts.services import consent_grant, consent_withdraw, notification_send
from phohang.catalog import services as catalog_services
from phohang.catalog.events import products_changed_send
from phohang.catalog.models import Product
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError, NotFound
from phohang.core.text import clean_free_text, clean_line, search_fold
from phohang.core.transitions import StateMachine, history_row, history_start, transition
from phohang.core.uploads import CleanUpload
from phohang.livestream.models import LiveSession
from phohang.orders.models import Order
from phohang.sellers.identification import seller_standing_set
from phohang.sellers.models import Seller, SellerMember

from .models import (
    Complaint,
    ComplaintEvent,
    ConsentEvidence,
    DataRequest,
    DataRequestEvent,
    FeeNotice,
    ReviewItem,
    RulesVersion,
    ScreeningRule,
    Takedown,
    TakedownEvent,
)
from .screening import content_key, review_item_open

AUTHORITY, PLATFORM, SELLER, BUYER, SYSTEM = "authority", "platform", "seller", "buyer", "system"
T = Takedown.Status
TAKEDOWN = StateMachine(
    name="compliance.takedown",
    moves={
        (T.ORDERED, T.DONE): {PLATFORM, AUTHORITY},
        (T.DONE, T.APPEALED): {SELLER},
        (T.APPEALED, T.UPHELD): {AUTHORITY},
        (T.APPEALED, T.REVERSED): {AUTHORITY},
    },
    history=history_row(TakedownEvent, "takedown"),
)
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
D = DataRequest.Status
DATA_REQUEST = StateMachine(
    name="compliance.data_request",
    moves={
        (D.RECEIVED, D.ACKNOWLEDGED): {PLATFORM},
        (D.RECEIVED, D.DONE): {PLATFORM, SYSTEM},
        (D.ACKNOWLEDGED, D.DONE): {PLATFORM, SYSTEM},
        (D.RECEIVED, D.REFUSED): {PLATFORM},
        (D.ACKNOWLEDGED, D.REFUSED): {PLATFORM},
    },
    history=history_row(DataRequestEvent, "request"),
)


def _reason(text: str, *, field: str = "reason", minimum: int = 5) -> str:
    text = clean_free_text(text or "")[:4000]
    if len(text) < minimum:
        raise DomainError("reason_required", _("Write the reason (a few words at least)."), field)
    return text


def _tell_seller(seller: Seller, *, title: str, body: str, link: str) -> None:
    for member in SellerMember.objects.filter(seller=seller, is_active=True).select_related("user"):
        notification_send(user=member.user, title=title, body=body, link=link)


def seller_listings_changed(seller: Seller) -> None:
    """Tell the catalog's projections that a seller's listings appeared or disappeared."""
    ids = list(
        Product.objects.filter(seller=seller, status=Product.Status.PUBLISHED).values_list(
            "pk", flat=True
        )
    )
    products_changed_send(product_ids=ids, action="updated")


# Screening rules -------------------------------------------------------------------------


@transaction.atomic
def screening_rule_add(
    *, kind: str, phrase: str, category_id: int | None, note: str, context: AuditContext
) -> ScreeningRule:
    phrase = clean_line(phrase or "")[:120]
    if kind not in ScreeningRule.Kind.values:
        raise DomainError("rule_kind", _("Choose the kind of rule."), "kind")
    if not phrase and not category_id:
        raise DomainError("rule_empty", _("Give the words or the category."), "phrase")
    folded = search_fold(phrase)
    if phrase and not folded:
        raise DomainError("rule_empty", _("Give the words or the category."), "phrase")
    if (
        folded
        and ScreeningRule.objects.filter(kind=kind, phrase_folded=folded, is_active=True).exists()
    ):
        raise DomainError("rule_exists", _("These words are already on the list."), "phrase")
    rule = ScreeningRule.objects.create(
        kind=kind,
        phrase=phrase,
        phrase_folded=folded,
        category_id=category_id,
        note=clean_line(note or "")[:200],
    )
    audit_record(
        context=context,
        action="compliance.screening_rule.add",
        obj=rule,
        after={"kind": kind, "phrase": phrase, "category": category_id},
    )
    return rule


@transaction.atomic
def screening_rule_remove(*, rule: ScreeningRule, context: AuditContext) -> None:
    ScreeningRule.objects.filter(pk=rule.pk).update(is_active=False)
    audit_record(
        context=context,
        action="compliance.screening_rule.remove",
        obj=rule,
        before={"kind": rule.kind, "phrase": rule.phrase},
    )


# The review queue ------------------------------------------------------------------------


def review_approve(*, item: ReviewItem, note: str, context: AuditContext) -> ReviewItem:
    """Approve the listing as it stands; a listing held by screening is published."""
    with transaction.atomic():
        item = _review_decide(
            item=item, status=ReviewItem.Status.APPROVED, note=note, context=context
        )
        product = Product.objects.select_related("seller").get(pk=item.product_id)
    if item.source == ReviewItem.Source.SCREENING and product.status != Product.Status.PUBLISHED:
        try:
            catalog_services.product_publish(product=product, context=context)
        except ValidationError as error:
            # The approval stands (e.g. the seller's identification lapsed meanwhile); the
            # seller publishes once the reason is gone.
            note = "; ".join(filter(None, [note, *error.messages]))
        _tell_seller(
            product.seller,
            title=str(_("Listing approved: %(title)s") % {"title": product.title}),
            body=note,
            link=reverse("catalog:manage_edit", kwargs={"public_id": product.public_id}),
        )
    return item


def review_reject(*, item: ReviewItem, note: str, context: AuditContext) -> ReviewItem:
    """Refuse the listing: it is suspended with the reason the seller sees."""
    note = _reason(note, field="note")
    with transaction.atomic():
        item = _review_decide(
            item=item, status=ReviewItem.Status.REJECTED, note=note, context=context
        )
        product = Product.objects.get(pk=item.product_id)
        if product.status != Product.Status.SUSPENDED:
            catalog_services.product_suspend(product=product, reason=note, context=context)
    return item


def _review_decide(*, item: ReviewItem, status: str, note: str, context: AuditContext):
    now = timezone.now()
    product = Product.objects.get(pk=item.product_id)
    updated = ReviewItem.objects.filter(pk=item.pk, status=ReviewItem.Status.OPEN).update(
        status=status,
        decided_at=now,
        decided_by=context.actor,
        decision_note=clean_free_text(note or "")[:4000],
        content_key=content_key(product),
    )
    if not updated:
        raise DomainError("review_decided", _("This item was already decided."))
    item.refresh_from_db()
    audit_record(
        context=context,
        action=f"compliance.review.{status}",
        obj=product,
        after={"source": item.source, "note": item.decision_note},
    )
    return item


def review_mark_seen(*, product: Product, context: AuditContext) -> ReviewItem:
    """A new listing checked by staff leaves the "new" tab."""
    now = timezone.now()
    item = ReviewItem.objects.create(
        product=product,
        source=ReviewItem.Source.NEW,
        status=ReviewItem.Status.APPROVED,
        content_key=content_key(product),
        decided_at=now,
        decided_by=context.actor,
    )
    audit_record(context=context, action="compliance.review.seen", obj=product)
    return item


# Takedowns -------------------------------------------------------------------------------


@transaction.atomic
def takedown_order(
    *,
    kind: str,
    product_public_id: str = "",
    seller_public_id: str = "",
    reason: str,
    legal_basis: str,
    officer: User,
    context: AuditContext,
    complaint: Complaint | None = None,
    scope: ProvinceScope | None = None,
) -> Takedown:
    """The authority orders a listing taken down or a seller suspended, with a deadline;
    an officer of one province reaches that province's sellers only (`scope`)."""
    reason = _reason(reason)
    scope = scope or ProvinceScope.everywhere()
    product = None
    if kind == Takedown.Kind.LISTING:
        product = (
            scope.filter(Product.objects.select_related("seller"), "seller__province_id")
            .filter(public_id=product_public_id)
            .first()
            if _is_uuid(product_public_id)
            else None
        )
        if product is None:
            raise DomainError(
                "listing_missing", _("No listing has this code; nothing was ordered."), "target"
            )
        seller = product.seller
        hours = settings.COMPLIANCE_TAKEDOWN_HOURS
    elif kind == Takedown.Kind.SELLER:
        seller = (
            scope.filter(Seller.objects.all(), "province_id")
            .filter(public_id=seller_public_id)
            .first()
            if _is_uuid(seller_public_id)
            else None
        )
        if seller is None:
            raise DomainError(
                "seller_missing", _("No seller has this code; nothing was ordered."), "target"
            )
        hours = settings.COMPLIANCE_SUSPENSION_HOURS
    else:
        raise DomainError("takedown_kind", _("Choose what is ordered."), "kind")
    now = timezone.now()
    takedown = Takedown.objects.create(
        kind=kind,
        product=product,
        seller=seller,
        reason=reason,
        legal_basis=clean_line(legal_basis or "")[:200],
        ordered_by=officer,
        ordered_at=now,
        due_at=now + datetime.timedelta(hours=hours),
        complaint=complaint,
    )
    history_start(TAKEDOWN, takedown, actor=officer)
    audit_record(
        context=context,
        action="compliance.takedown.ordered",
        obj=takedown,
        after={"kind": kind, "product": product.pk if product else None, "seller": seller.pk},
    )
    return takedown


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def takedown_carry_out(*, takedown: Takedown, actor_kind: str, context: AuditContext) -> Takedown:
    """Take the listing down or suspend the seller; the seller is told why and may appeal."""
    with transaction.atomic():
        takedown = Takedown.objects.select_related("product", "seller").get(pk=takedown.pk)
        transition(
            TAKEDOWN,
            takedown,
            to=T.DONE,
            actor_kind=actor_kind,
            actor=context.actor,
            fields={"done_at": timezone.now()},
            context=context,
        )
        if takedown.kind == Takedown.Kind.LISTING and takedown.product:
            if takedown.product.status != Product.Status.SUSPENDED:
                catalog_services.product_suspend(
                    product=takedown.product, reason=takedown.reason, context=context
                )
        else:
            seller_standing_set(
                seller=takedown.seller, is_active=False, reason=takedown.reason, context=context
            )
            seller_listings_changed(takedown.seller)
        _tell_seller(
            takedown.seller,
            title=str(takedown.get_kind_display()),
            body=takedown.reason,
            link=reverse("compliance:seller_desk"),
        )
    return takedown


@transaction.atomic
def takedown_appeal(
    *, takedown: Takedown, seller: Seller, text: str, context: AuditContext
) -> Takedown:
    takedown = Takedown.objects.get(pk=takedown.pk)
    if takedown.seller_id != seller.pk:
        raise NotFound()
    text = _reason(text, field="text", minimum=10)
    return transition(
        TAKEDOWN,
        takedown,
        to=T.APPEALED,
        actor_kind=SELLER,
        actor=context.actor,
        fields={"appeal_text": text, "appealed_at": timezone.now()},
        context=context,
    )


@transaction.atomic
def takedown_appeal_decide(
    *, takedown: Takedown, accept: bool, note: str, context: AuditContext
) -> Takedown:
    """Lift the takedown (appeal accepted) or keep it; the seller is told either way."""
    note = _reason(note, field="note")
    takedown = Takedown.objects.select_related("product", "seller").get(pk=takedown.pk)
    transition(
        TAKEDOWN,
        takedown,
        to=T.REVERSED if accept else T.UPHELD,
        actor_kind=AUTHORITY,
        actor=context.actor,
        fields={"appeal_decision": note},
        context=context,
    )
    if accept:
        if takedown.kind == Takedown.Kind.LISTING and takedown.product:
            if takedown.product.status == Product.Status.SUSPENDED:
                catalog_services.product_reinstate(product=takedown.product, context=context)
        else:
            seller_standing_set(
                seller=takedown.seller, is_active=True, reason=note, context=context
            )
            seller_listings_changed(takedown.seller)
    _tell_seller(
        takedown.seller,
        title=str(takedown.get_status_display()),
        body=note,
        link=reverse("compliance:seller_desk"),
    )
    return takedown


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
    body = _reason(body, field="body", minimum=10)
    order = product = None
    stream = None
    if target == Complaint.Target.ORDER:
        order = (
            Order.objects.select_related("seller")
            .filter(public_id=reference, buyer=complainant)
            .first()
            if _is_uuid(reference)
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
            if _is_uuid(reference)
            else None
        )
        if product is None:
            raise DomainError("listing_missing", _("No listing has this code."), "reference")
        seller = product.seller
    elif target == Complaint.Target.SELLER:
        seller = Seller.objects.filter(public_id=reference).first() if _is_uuid(reference) else None
        if seller is None:
            raise DomainError("seller_missing", _("No seller has this code."), "reference")
    elif target == Complaint.Target.STREAM:
        stream = (
            LiveSession.objects.select_related("seller").filter(public_id=reference).first()
            if _is_uuid(reference)
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
    _tell_seller(
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
    answer = _reason(answer, field="answer", minimum=10)
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
    note = _reason(note, field="note")
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
    note = _reason(note, field="note")
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
    return request


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
    fields: dict = {"acknowledged_at": timezone.now(), "needs_processor": needs_processor}
    if needs_processor:
        fields["due_at"] = request.received_at + datetime.timedelta(
            days=settings.DATA_REQUEST_PROCESSOR_DUE_DAYS
        )
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
    note = _reason(note, field="note")
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
    response = _reason(response, field="response")
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
