"""Quotes, the question thread, acceptance into supply contracts, and deliveries."""

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import NotificationKind, User
from phohang.accounts.services import notification_send
from phohang.core.audit import AuditContext
from phohang.core.errors import Conflict, DomainError, Forbidden, NotFound
from phohang.core.text import clean_free_text
from phohang.core.uploads import CleanUpload
from phohang.sellers.models import Seller

from .. import events
from ..models import (
    Delivery,
    Demand,
    Frequency,
    Quote,
    QuoteAttachment,
    QuoteMessage,
    SupplyContract,
)
from .postings import is_organisation_member, is_seller_member
from .transitions import BUYER, SELLER, history_add, transition

MAX_DELIVERIES = 60
MAX_ATTACHMENTS = 5


@dataclass
class QuoteData:
    price_per_unit_vnd: int
    quantity: int
    delivery_start: date
    delivery_end: date
    valid_until: date
    note: str = ""
    offer_id: int | None = None


def seller_may_see_demand(seller: Seller, demand: Demand) -> bool:
    return (
        demand.visibility == Demand.Visibility.PUBLIC
        or demand.invited_sellers.filter(pk=seller.pk).exists()
    )


def _validate_quote(data: QuoteData, demand: Demand, today: date) -> None:
    if data.quantity is None or int(data.quantity) <= 0:
        raise DomainError(
            "quantity_not_positive", _("The quantity must be greater than zero."), "quantity"
        )
    if int(data.quantity) > demand.quantity:
        raise DomainError(
            "quantity_above_demand",
            _("You cannot quote more than the buyer asks for."),
            "quantity",
        )
    if data.price_per_unit_vnd is None or data.price_per_unit_vnd <= 0:
        raise DomainError(
            "price_not_positive", _("The price must be greater than zero."), "price_per_unit_vnd"
        )
    if data.delivery_start < today:
        raise DomainError(
            "window_in_past", _("Deliveries cannot start in the past."), "delivery_start"
        )
    if data.delivery_end < data.delivery_start:
        raise DomainError(
            "window_reversed",
            _("The last delivery must be on or after the first."),
            "delivery_end",
        )
    if data.valid_until < today:
        raise DomainError(
            "validity_in_past", _("The quote must be valid until today or later."), "valid_until"
        )


@transaction.atomic
def quote_submit(
    *,
    user: User,
    seller: Seller,
    demand: Demand,
    data: QuoteData,
    attachments: Sequence[CleanUpload] = (),
    today: date | None = None,
) -> Quote:
    """Answer an open demand with a priced quote; the buyer is told after commit."""
    today = today or timezone.localdate()
    if not is_seller_member(user, seller):
        raise Forbidden("not_member", _("You do not work for this seller."))
    if not seller.can_publish:
        raise Forbidden("seller_not_approved", _("Only approved, active sellers can send quotes."))
    if not seller_may_see_demand(seller, demand):
        raise NotFound()
    if is_organisation_member(user, demand.organisation):
        raise Forbidden("own_demand", _("You cannot quote on your own demand."))
    if not demand.accepts_quotes_on(today):
        raise DomainError("demand_closed", _("This demand is closed and takes no more quotes."))
    _validate_quote(data, demand, today)
    if len(attachments) > MAX_ATTACHMENTS:
        raise DomainError("too_many_attachments", _("Attach at most 5 files."), "attachments")
    try:
        with transaction.atomic():
            quote = Quote.objects.create(
                demand=demand,
                seller=seller,
                offer_id=data.offer_id
                if data.offer_id and seller.offers.filter(pk=data.offer_id).exists()
                else None,
                created_by=user,
                price_per_unit_vnd=int(data.price_per_unit_vnd),
                quantity=int(data.quantity),
                delivery_start=data.delivery_start,
                delivery_end=data.delivery_end,
                valid_until=data.valid_until,
                note=clean_free_text(data.note),
            )
    except IntegrityError as error:
        raise Conflict(
            "quote_exists",
            _("Your company already has a live quote on this demand; withdraw it first."),
        ) from error
    for upload in attachments:
        QuoteAttachment.objects.create(
            quote=quote,
            file=upload.content,
            content_type=upload.content_type,
            original_name=upload.original_name,
            size=upload.content.size,
        )
    history_add(quote, actor=user)
    link = reverse("trade:demand_quotes", kwargs={"public_id": demand.public_id})
    for member in demand.organisation.members.filter(is_active=True):
        notification_send(
            user=member,
            title=str(_("New quote from %(seller)s") % {"seller": seller.name})[:200],
            body=str(_("For your demand “%(title)s”.") % {"title": demand.title}),
            link=link,
            kind=NotificationKind.B2B,
        )
    return quote


@transaction.atomic
def quote_withdraw(*, user: User, quote: Quote) -> Quote:
    if not is_seller_member(user, quote.seller):
        raise NotFound()
    return transition(quote, Quote.Status.WITHDRAWN, actor_kind=SELLER, actor=user)


@transaction.atomic
def quote_reject(*, user: User, quote: Quote, context: AuditContext | None = None) -> Quote:
    if not is_organisation_member(user, quote.demand.organisation):
        raise NotFound()
    return transition(quote, Quote.Status.REJECTED, actor_kind=BUYER, actor=user, context=context)


@transaction.atomic
def quote_message_post(*, user: User, quote: Quote, body: str) -> QuoteMessage:
    """Add a question or answer to the quote's thread and tell the other side."""
    from_buyer = is_organisation_member(user, quote.demand.organisation)
    if not from_buyer and not is_seller_member(user, quote.seller):
        raise NotFound()
    body = clean_free_text(body or "")
    if not body:
        raise DomainError("message_empty", _("Write a message."), "body")
    if len(body) > 4000:
        raise DomainError("message_too_long", _("Keep the message under 4,000 characters."), "body")
    message = QuoteMessage.objects.create(
        quote=quote, author=user, is_from_buyer=from_buyer, body=body
    )
    if from_buyer:
        recipients = User.objects.filter(
            seller_memberships__seller=quote.seller, seller_memberships__is_active=True
        ).distinct()
        link = reverse("trade:quote_detail", kwargs={"public_id": quote.public_id})
    else:
        recipients = quote.demand.organisation.members.all()
        link = reverse("trade:quote_detail", kwargs={"public_id": quote.public_id})
    for recipient in recipients:
        if recipient.pk != user.pk:
            notification_send(
                user=recipient,
                title=str(_("New message about “%(title)s”") % {"title": quote.demand.title})[:200],
                body=body[:500],
                link=link,
                kind=NotificationKind.B2B,
            )
    return message


def delivery_dates(frequency: str, start: date, end: date) -> list[date]:
    """Due dates of a schedule: one, or every week / month / three months within the window."""
    if frequency == Frequency.ONCE:
        return [start]
    step_months: dict[str, int] = {Frequency.MONTHLY: 1, Frequency.SEASONAL: 3}
    dates: list[date] = []
    current = start
    while current <= end and len(dates) < MAX_DELIVERIES:
        dates.append(current)
        if frequency == Frequency.WEEKLY:
            current = current + timedelta(days=7)
        else:
            current = _add_months(current, step_months[frequency])
    return dates


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def quote_accept(
    *,
    user: User,
    quote: Quote,
    quantity: int | None = None,
    context: AuditContext | None = None,
    today: date | None = None,
) -> SupplyContract:
    """Accept all or part of a quote and sign a supply contract with its delivery schedule.

    Race-free without locks: the quote moves SUBMITTED → ACCEPTED by one conditional UPDATE and
    the demand's awarded quantity grows by another (`awarded + q <= quantity`); the contract is
    one-to-one with the quote. A loser of either race gets Conflict (HTTP 409).
    """
    today = today or timezone.localdate()
    demand = quote.demand
    if not is_organisation_member(user, demand.organisation):
        raise NotFound()
    if demand.status not in (Demand.Status.OPEN, Demand.Status.CLOSED):
        raise Conflict("demand_not_open", _("This demand is no longer open."))
    if quote.valid_until < today:
        raise DomainError("quote_expired", _("This quote has expired."))
    quantity = (
        int(quantity) if quantity is not None else min(quote.quantity, demand.remaining_quantity)
    )
    if quantity <= 0:
        raise DomainError(
            "quantity_not_positive", _("The quantity must be greater than zero."), "quantity"
        )
    if quantity > quote.quantity:
        raise DomainError(
            "quantity_above_quote", _("You cannot accept more than the quote offers."), "quantity"
        )
    transition(
        quote,
        Quote.Status.ACCEPTED,
        actor_kind=BUYER,
        actor=user,
        context=context,
        audit_fields=("accepted_quantity",),
        accepted_quantity=quantity,
    )
    awarded = Demand.objects.filter(
        pk=demand.pk,
        status__in=[Demand.Status.OPEN, Demand.Status.CLOSED],
        awarded_quantity__lte=F("quantity") - quantity,
    ).update(awarded_quantity=F("awarded_quantity") + quantity)
    if awarded == 0:
        raise Conflict(
            "quantity_exhausted",
            _("Less quantity is left on this demand than you tried to accept."),
        )
    demand.refresh_from_db()
    dates = delivery_dates(demand.frequency, quote.delivery_start, quote.delivery_end)
    contract = SupplyContract.objects.create(
        quote=quote,
        demand=demand,
        organisation=demand.organisation,
        seller=quote.seller,
        quantity=quantity,
        unit=demand.unit,
        price_per_unit_vnd=quote.price_per_unit_vnd,
        total_vnd=quote.price_per_unit_vnd * quantity * len(dates),
        origin_province_id=quote.offer.origin_province_id
        if quote.offer is not None
        else quote.seller.province_id,
        destination_province_id=demand.delivery_province_id,
        signed_by=user,
    )
    Delivery.objects.bulk_create(
        Delivery(contract=contract, sequence=number, due_date=due, quantity=quantity)
        for number, due in enumerate(dates, start=1)
    )
    history_add(contract, actor=user)
    if demand.remaining_quantity == 0:
        transition(
            demand, Demand.Status.AWARDED, actor_kind=BUYER, actor=user, note="fully awarded"
        )
        for other in demand.quotes.filter(status=Quote.Status.SUBMITTED):
            transition(
                other,
                Quote.Status.REJECTED,
                actor_kind=BUYER,
                actor=user,
                note="demand fully awarded",
            )
    events.contract_signed_send(contract)
    link = reverse("trade:contract_detail", kwargs={"public_id": contract.public_id})
    for member in User.objects.filter(
        seller_memberships__seller=quote.seller, seller_memberships__is_active=True
    ).distinct():
        notification_send(
            user=member,
            title=str(_("Your quote was accepted: %(title)s") % {"title": demand.title})[:200],
            body=str(
                _("A supply contract was signed with %(buyer)s.") % {"buyer": demand.organisation}
            ),
            link=link,
            kind=NotificationKind.B2B,
        )
    return contract


@transaction.atomic
def delivery_mark_shipped(
    *, user: User, delivery: Delivery, context: AuditContext | None = None
) -> Delivery:
    contract = delivery.contract
    if not is_seller_member(user, contract.seller):
        raise NotFound()
    if contract.status != SupplyContract.Status.ACTIVE:
        raise Conflict("contract_not_active", _("This contract is not in force."))
    return transition(
        delivery,
        Delivery.Status.SHIPPED,
        actor_kind=SELLER,
        actor=user,
        context=context,
        shipped_at=timezone.now(),
    )


@transaction.atomic
def delivery_mark_received(
    *, user: User, delivery: Delivery, context: AuditContext | None = None
) -> Delivery:
    """The buyer confirms a delivery; the last one completes the contract."""
    contract = delivery.contract
    if not is_organisation_member(user, contract.organisation):
        raise NotFound()
    if contract.status != SupplyContract.Status.ACTIVE:
        raise Conflict("contract_not_active", _("This contract is not in force."))
    transition(
        delivery,
        Delivery.Status.RECEIVED,
        actor_kind=BUYER,
        actor=user,
        context=context,
        received_at=timezone.now(),
    )
    events.delivery_received_send(delivery)
    if not contract.deliveries.exclude(status=Delivery.Status.RECEIVED).exists():
        transition(contract, SupplyContract.Status.COMPLETED, actor_kind=BUYER, actor=user)
        events.contract_status_changed_send(contract)
    return delivery
