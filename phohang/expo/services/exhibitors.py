"""Exhibitor applications, the organiser's decision, and booths given once."""

from collections.abc import Sequence
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.accounts.services import notification_send
from phohang.catalog.models import Product
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import Conflict, DomainError, Forbidden
from phohang.core.text import clean_free_text
from phohang.core.transitions import StateMachine, history_row, history_start, transition
from phohang.core.uploads import CleanUpload
from phohang.sellers.models import Seller

from ..models import Booth, Event, Exhibitor, ExhibitorEvent, Hall, Participant
from ..selectors import may_organise, sellers_of

ORGANISER, EXHIBITOR = "organiser", "exhibitor"
MAX_PRODUCTS = 30
_S = Exhibitor.Status
EXHIBITOR_MACHINE = StateMachine(
    name="expo.exhibitor",
    moves={
        (_S.APPLIED, _S.APPROVED): {ORGANISER},
        (_S.APPLIED, _S.REJECTED): {ORGANISER},
        (_S.APPLIED, _S.WAITLISTED): {ORGANISER},
        (_S.WAITLISTED, _S.APPROVED): {ORGANISER},
        (_S.WAITLISTED, _S.REJECTED): {ORGANISER},
        (_S.APPLIED, _S.WITHDRAWN): {EXHIBITOR},
        (_S.WAITLISTED, _S.WITHDRAWN): {EXHIBITOR},
    },
    history=history_row(ExhibitorEvent, "exhibitor"),
)


def _organiser_only(user: User, event: Event) -> None:
    if not may_organise(user, event):
        raise Forbidden("not_organiser", _("Only the event's organisers can do this."))


@transaction.atomic
def exhibitor_apply(
    *,
    user: User,
    seller: Seller,
    event: Event,
    booth_size: str = Exhibitor.BoothSize.SMALL,
    preferred_hall: Hall | None = None,
    product_ids: Sequence[int] = (),
    note: str = "",
    document: CleanUpload | None = None,
    today: date | None = None,
) -> Exhibitor:
    """An approved seller asks for a booth, naming products of its own catalog to show."""
    today = today or timezone.localdate()
    if not sellers_of(user).filter(pk=seller.pk).exists():
        raise Forbidden("not_member", _("You do not work for this seller."))
    if not seller.can_publish:
        raise Forbidden("seller_not_approved", _("Only approved, active sellers can exhibit."))
    if not event.is_published or not event.exhibitors_open_on <= today <= event.exhibitors_close_on:
        raise DomainError(
            "applications_closed", _("Exhibitor applications for this event are closed.")
        )
    if booth_size not in Exhibitor.BoothSize.values:
        raise DomainError("size_unknown", _("Choose a booth size."), "booth_size")
    if preferred_hall is not None and not event.halls.filter(pk=preferred_hall.pk).exists():
        raise DomainError("hall_not_in_event", _("The hall is not part of this event."), "hall")
    product_ids = list(dict.fromkeys(product_ids))
    if len(product_ids) > MAX_PRODUCTS:
        raise DomainError("too_many_products", _("Show at most 30 products."), "product_ids")
    products = list(Product.objects.filter(pk__in=product_ids, seller=seller))
    if len(products) != len(product_ids):
        raise DomainError(
            "product_not_yours", _("Choose products from your own catalog."), "product_ids"
        )
    try:
        with transaction.atomic():
            exhibitor = Exhibitor.objects.create(
                event=event,
                seller=seller,
                applied_by=user,
                booth_size=booth_size,
                preferred_hall=preferred_hall,
                note=clean_free_text(note),
                document=document.content if document else "",
            )
    except IntegrityError as error:
        raise Conflict(
            "already_applied", _("This seller has already applied to this event.")
        ) from error
    exhibitor.products.set(products)
    history_start(EXHIBITOR_MACHINE, exhibitor, actor=user)
    return exhibitor


def _free_booths(exhibitor: Exhibitor) -> list[Booth]:
    width, depth = exhibitor.size_cells
    booths = Booth.objects.filter(
        event=exhibitor.event, exhibitor__isnull=True, width=width, depth=depth
    ).order_by("hall__name", "code")
    if exhibitor.preferred_hall_id:
        preferred = [b for b in booths if b.hall_id == exhibitor.preferred_hall_id]
        return preferred + [b for b in booths if b.hall_id != exhibitor.preferred_hall_id]
    return list(booths)


def _take_booth(exhibitor: Exhibitor, booth: Booth) -> bool:
    """Give `booth` if still free; the one-to-one column makes a second taker fail."""
    try:
        with transaction.atomic():
            return (
                Exhibitor.objects.filter(pk=exhibitor.pk, booth__isnull=True).update(booth=booth)
                == 1
            )
    except IntegrityError:
        return False


def _notify(exhibitor: Exhibitor, title: str | Promise, body: str | Promise = "") -> None:
    for member in exhibitor.seller.members.filter(is_active=True).select_related("user"):
        notification_send(
            user=member.user,
            title=str(title)[:200],
            body=str(body),
            link=exhibitor.event.get_absolute_url(),
        )


@transaction.atomic
def exhibitor_approve(
    *, user: User, exhibitor: Exhibitor, booth: Booth | None = None, context: AuditContext
) -> Exhibitor:
    """Approve and give a booth: the one chosen, or the first free one by preference.

    With no booth of the asked size free, the application goes on the waiting list instead.
    """
    _organiser_only(user, exhibitor.event)
    if booth is not None and booth.event_id != exhibitor.event_id:
        raise DomainError("booth_not_in_event", _("The booth is not part of this event."), "booth")
    candidates = [booth] if booth is not None else _free_booths(exhibitor)
    taken = next((b for b in candidates if _take_booth(exhibitor, b)), None)
    if taken is None:
        if booth is not None:
            raise Conflict("booth_taken", _("This booth has already been given."))
        if exhibitor.status == _S.WAITLISTED:
            raise Conflict("no_booth_free", _("No booth of this size is free."))
        return transition(
            EXHIBITOR_MACHINE,
            exhibitor,
            to=_S.WAITLISTED,
            actor_kind=ORGANISER,
            actor=user,
            note=str(_("No booth of this size is free.")),
            context=context,
        )
    width, depth = taken.width, taken.depth
    transition(
        EXHIBITOR_MACHINE,
        exhibitor,
        to=_S.APPROVED,
        actor_kind=ORGANISER,
        actor=user,
        fields={"fee_vnd": exhibitor.event.booth_fee_vnd * width * depth},
        context=context,
        audit_fields=["booth_id"],
    )
    exhibitor.booth = taken
    Participant.objects.get_or_create(
        exhibitor=exhibitor,
        defaults={
            "event": exhibitor.event,
            "role": Participant.Role.EXHIBITOR,
            "name": exhibitor.seller.name,
            "available_slots": list(range(exhibitor.event.slot_count)),
            "max_meetings": exhibitor.event.max_meetings,
        },
    )
    _notify(
        exhibitor,
        _("Your booth %(code)s at %(event)s") % {"code": taken.code, "event": exhibitor.event},
    )
    return exhibitor


@transaction.atomic
def exhibitor_reject(
    *, user: User, exhibitor: Exhibitor, reason: str, context: AuditContext
) -> Exhibitor:
    _organiser_only(user, exhibitor.event)
    reason = clean_free_text(reason)[:300]
    if not reason:
        raise DomainError("reason_missing", _("Say why the application is not accepted."), "reason")
    transition(
        EXHIBITOR_MACHINE,
        exhibitor,
        to=_S.REJECTED,
        actor_kind=ORGANISER,
        actor=user,
        note=reason,
        fields={"decision_reason": reason},
        context=context,
    )
    _notify(exhibitor, _("Your application to %(event)s") % {"event": exhibitor.event}, reason)
    return exhibitor


@transaction.atomic
def exhibitor_withdraw(*, user: User, exhibitor: Exhibitor, context: AuditContext) -> Exhibitor:
    if not sellers_of(user).filter(pk=exhibitor.seller_id).exists():
        raise Forbidden("not_member", _("You do not work for this seller."))
    return transition(
        EXHIBITOR_MACHINE,
        exhibitor,
        to=_S.WITHDRAWN,
        actor_kind=EXHIBITOR,
        actor=user,
        context=context,
    )


@transaction.atomic
def exhibitor_fee_paid(*, user: User, exhibitor: Exhibitor, context: AuditContext) -> Exhibitor:
    """Record that the booth fee was received."""
    _organiser_only(user, exhibitor.event)
    if exhibitor.status != _S.APPROVED or exhibitor.fee_paid_at:
        raise Conflict("fee_not_due", _("No fee is due for this application."))
    now = timezone.now()
    Exhibitor.objects.filter(pk=exhibitor.pk).update(fee_paid_at=now)
    audit_record(
        context=context,
        action="expo.exhibitor.fee_paid",
        obj=exhibitor,
        after={"fee_vnd": exhibitor.fee_vnd},
    )
    exhibitor.fee_paid_at = now
    return exhibitor
