"""Reads of the expo context: who may see and run what, shared by pages and the API."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Count, Q, QuerySet, Sum

from phohang.accounts.models import User
from phohang.catalog.models import Product
from phohang.core.errors import NotFound
from phohang.core.text import collation_key
from phohang.sellers.models import Seller
from phohang.trade import selectors as trade_selectors
from phohang.trade.models import Demand, Offer

from .models import (
    Booth,
    Event,
    Exhibitor,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    Participant,
    Registration,
    ScheduleRun,
    Venue,
)

LIVE = ~Q(status=Meeting.Status.CANCELLED)


def may_create_events(user: User) -> bool:
    """Authority staff and platform admins organise events."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_authority or user.is_superuser)
    )


def may_organise(user: User, event: Event) -> bool:
    """The event's organiser team, authority staff of its province, platform admins."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or event.organisers.filter(pk=user.pk).exists():
        return True
    return user.is_authority and user.province_scope.covers(event.venue.province_id)


def event_list_public() -> QuerySet[Event]:
    return Event.objects.filter(is_published=True).select_related("venue__province")


def event_list_for_organiser(user: User) -> QuerySet[Event]:
    events = Event.objects.select_related("venue__province")
    if user.is_superuser:
        return events
    mine = Q(organisers=user)
    if user.is_authority:
        in_scope = user.province_scope.filter(Event.objects.all(), "venue__province")
        mine |= Q(pk__in=in_scope.values("pk"))
    return events.filter(mine).distinct()


def event_get_public(slug: str, user: User | None = None) -> Event:
    """A published event, or an unpublished one its organisers may see."""
    event = Event.objects.select_related("venue__province").filter(slug=slug).first()
    if event is None or not (event.is_published or (user and may_organise(user, event))):
        raise NotFound()
    return event


def event_get_for_organiser(
    user: User, *, slug: str | None = None, public_id: UUID | None = None
) -> Event:
    lookup = {"slug": slug} if slug is not None else {"public_id": public_id}
    event = Event.objects.select_related("venue__province").filter(**lookup).first()
    if event is None or not may_organise(user, event):
        raise NotFound()
    return event


def booth_list(event: Event) -> QuerySet[Booth]:
    return event.booths.select_related("hall", "exhibitor__seller")


CELL = 10  # SVG units per 3 m cell


def floor_plans(event: Event) -> list[dict[str, Any]]:
    """Per hall: its grid and booths in SVG units, for the floor plan drawn in the page."""
    booths = list(booth_list(event))
    plans: list[dict[str, Any]] = []
    for hall in event.halls.order_by("name"):
        shapes = [
            {
                "booth": booth,
                "exhibitor": getattr(booth, "exhibitor", None),
                "x": booth.column * CELL,
                "y": booth.row * CELL,
                "width": booth.width * CELL,
                "height": booth.depth * CELL,
                "label_x": (booth.column + booth.width / 2) * CELL,
                "label_y": (booth.row + booth.depth / 2) * CELL + 1.2,
            }
            for booth in booths
            if booth.hall_id == hall.pk
        ]
        plans.append(
            {
                "hall": hall,
                "width": hall.columns * CELL,
                "height": hall.rows * CELL,
                "booths": shapes,
            }
        )
    return plans


def exhibitor_list_public(event: Event) -> QuerySet[Exhibitor]:
    return event.exhibitors.filter(status=Exhibitor.Status.APPROVED).select_related(
        "seller__province", "booth__hall"
    )


def exhibitor_list_for_organiser(event: Event) -> QuerySet[Exhibitor]:
    return event.exhibitors.select_related("seller", "booth", "preferred_hall").order_by(
        "status", "created_at"
    )


def exhibitor_get_public(event: Event, public_id: UUID | str) -> Exhibitor:
    exhibitor = exhibitor_list_public(event).filter(public_id=public_id).first()
    if exhibitor is None:
        raise NotFound()
    return exhibitor


def exhibitor_products(exhibitor: Exhibitor) -> QuerySet[Product]:
    """The products it shows that are still on sale in the marketplace."""
    return (
        exhibitor.products.filter(status=Product.Status.PUBLISHED, seller=exhibitor.seller)
        .select_related("seller")
        .order_by("title")
    )


def sellers_of(user: User) -> QuerySet[Seller]:
    return Seller.objects.filter(
        members__user=user, members__is_active=True, is_active=True
    ).distinct()


def exhibitor_get_for_user(user: User, public_id: UUID | str) -> Exhibitor:
    """An application its seller's members or the event's organisers may see."""
    exhibitor = (
        Exhibitor.objects.select_related("event__venue", "seller", "booth__hall")
        .filter(public_id=public_id)
        .first()
    )
    if exhibitor is None or not (
        sellers_of(user).filter(pk=exhibitor.seller_id).exists()
        or may_organise(user, exhibitor.event)
    ):
        raise NotFound()
    return exhibitor


def exhibitors_for_user(user: User) -> QuerySet[Exhibitor]:
    return Exhibitor.objects.filter(seller__in=sellers_of(user)).select_related("event", "booth")


def registration_for(user: User, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def registration_get_for_user(user: User, public_id: UUID | str) -> Registration:
    registration = (
        Registration.objects.select_related("event__venue").filter(public_id=public_id).first()
    )
    if registration is None or not (
        registration.user_id == user.pk or may_organise(user, registration.event)
    ):
        raise NotFound()
    return registration


def participants_for_user(user: User, event: Event) -> list[Participant]:
    """The meeting identities this user acts as at `event` (their registration, their sellers)."""
    if not user.is_authenticated:
        return []
    return list(
        Participant.objects.filter(event=event)
        .filter(Q(registration__user=user) | Q(exhibitor__seller__in=sellers_of(user)))
        .select_related("registration", "exhibitor__seller")
    )


def participant_get_for_user(user: User, public_id: UUID | str) -> Participant:
    participant = (
        Participant.objects.select_related("event__venue", "registration", "exhibitor")
        .filter(public_id=public_id)
        .first()
    )
    if participant is None or not (
        participant_is_users(user, participant) or may_organise(user, participant.event)
    ):
        raise NotFound()
    return participant


def participant_is_users(user: User, participant: Participant) -> bool:
    if not user.is_authenticated:
        return False
    if participant.registration is not None:
        return participant.registration.user_id == user.pk
    if participant.exhibitor is None:
        return False
    return sellers_of(user).filter(pk=participant.exhibitor.seller_id).exists()


MAX_POSTINGS = 10  # the participant's open demands or active offers read from the trade board
MAX_MATCHES = 200  # ranked counterparts read per posting
CATEGORY_POINTS = 15  # per shared category, beside the trade matcher's score (0-100)


def _trade_scores(participant: Participant, candidates: Sequence[Participant]) -> dict[int, int]:
    """The trade matcher's best score between the participant and each candidate.

    A buyer's open demands (of the organisations its user belongs to) were ranked against
    sellers' offers by the trade matcher; an exhibitor's active offers against demands. The
    stored matches are read through trade's selectors, so the fair and the board agree.
    """
    best: dict[int, int] = {}
    if participant.registration is not None:
        demands = trade_selectors.demand_list_for_user(participant.registration.user).filter(
            status=Demand.Status.OPEN
        )
        for demand in demands[:MAX_POSTINGS]:
            for match in trade_selectors.matches_for_demand(demand)[:MAX_MATCHES]:
                seller_id = match.offer.seller_id
                best[seller_id] = max(best.get(seller_id, 0), match.score)
        return {
            other.pk: best[other.exhibitor.seller_id]
            for other in candidates
            if other.exhibitor is not None and other.exhibitor.seller_id in best
        }
    if participant.exhibitor is None:
        return {}
    offers = Offer.objects.filter(
        seller_id=participant.exhibitor.seller_id, status=Offer.Status.ACTIVE
    ).order_by("-created_at")
    for offer in offers[:MAX_POSTINGS]:
        for match in trade_selectors.matches_for_offer(offer)[:MAX_MATCHES]:
            organisation_id = match.demand.organisation_id
            best[organisation_id] = max(best.get(organisation_id, 0), match.score)
    scores: dict[int, int] = {}
    memberships = Participant.objects.filter(
        pk__in=[other.pk for other in candidates],
        registration__user__buyer_organisations__in=list(best),
    ).values_list("pk", "registration__user__buyer_organisations")
    for pk, organisation_id in memberships:
        scores[pk] = max(scores.get(pk, 0), best[organisation_id])
    return scores


@dataclass(frozen=True)
class Counterpart:
    participant: Participant
    trade_score: int  # the trade matcher's best score for the pair, 0 when it never met them
    shared_categories: int

    @property
    def score(self) -> int:
        return self.trade_score + CATEGORY_POINTS * self.shared_categories


def counterparts_ranked(participant: Participant, limit: int = 30) -> list[Counterpart]:
    """Counterparts of the other role, best first: the trade matcher's score for the pair
    (buyers' demands against sellers' offers) plus points for each category they share."""
    other = (
        Participant.Role.EXHIBITOR
        if participant.role == Participant.Role.BUYER
        else Participant.Role.BUYER
    )
    candidates = Participant.objects.filter(event=participant.event, role=other).select_related(
        "exhibitor__seller__province", "registration__province"
    )
    if participant.registration is not None:
        wanted = set(participant.registration.categories.values_list("pk", flat=True))
        shared = Count(
            "exhibitor__products", filter=Q(exhibitor__products__category__in=wanted), distinct=True
        )
    elif participant.exhibitor is not None:
        offered = set(participant.exhibitor.products.values_list("category", flat=True))
        shared = Count("registration__categories", filter=Q(registration__categories__in=offered))
    else:
        return []
    found = list(candidates.annotate(shared=shared))
    trade = _trade_scores(participant, found)
    ranked = [
        Counterpart(candidate, trade.get(candidate.pk, 0), candidate.shared) for candidate in found
    ]
    ranked.sort(key=lambda c: (-c.score, collation_key(c.participant.name)))
    return ranked[:limit]


def recommended_counterparts(participant: Participant, limit: int = 30) -> list[Participant]:
    return [row.participant for row in counterparts_ranked(participant, limit)]


def requests_for(participant: Participant) -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.filter(
        Q(requester=participant) | Q(recipient=participant)
    ).select_related("requester", "recipient")


def request_get_for_user(user: User, public_id: UUID | str) -> MeetingRequest:
    request = (
        MeetingRequest.objects.select_related(
            "event__venue",
            "requester__registration",
            "requester__exhibitor",
            "recipient__registration",
            "recipient__exhibitor",
        )
        .filter(public_id=public_id)
        .first()
    )
    if request is None or not (
        participant_is_users(user, request.requester)
        or participant_is_users(user, request.recipient)
        or may_organise(user, request.event)
    ):
        raise NotFound()
    return request


def agenda_for(participant: Participant) -> QuerySet[Meeting]:
    """The participant's meetings that are not cancelled, in time order."""
    return (
        Meeting.objects.filter(LIVE)
        .filter(Q(buyer=participant) | Q(exhibitor=participant))
        .select_related("buyer", "exhibitor", "event")
        .order_by("slot")
    )


def meeting_get_for_user(user: User, public_id: UUID | str) -> Meeting:
    meeting = (
        Meeting.objects.select_related(
            "event__venue", "buyer__registration", "exhibitor__exhibitor"
        )
        .filter(public_id=public_id)
        .first()
    )
    if meeting is None or not (
        participant_is_users(user, meeting.buyer)
        or participant_is_users(user, meeting.exhibitor)
        or may_organise(user, meeting.event)
    ):
        raise NotFound()
    return meeting


def meeting_list_for_organiser(event: Event) -> QuerySet[Meeting]:
    return (
        event.meetings.filter(LIVE).select_related("buyer", "exhibitor").order_by("slot", "table")
    )


def schedule_run_get_for_user(user: User, public_id: UUID | str) -> ScheduleRun:
    run = ScheduleRun.objects.select_related("event__venue").filter(public_id=public_id).first()
    if run is None or not may_organise(user, run.event):
        raise NotFound()
    return run


def event_figures(event: Event) -> dict[str, Any]:
    """Counts for the organiser's page and the insights dashboard."""
    requests = event.meeting_requests.exclude(status=MeetingRequest.Status.DISMISSED)
    answered = requests.filter(
        status__in=[MeetingRequest.Status.ACCEPTED, MeetingRequest.Status.DECLINED]
    )
    outcomes = MeetingOutcome.objects.filter(meeting__event=event)
    deals = outcomes.filter(result=MeetingOutcome.Result.DEAL)
    answered_count = answered.count()
    accepted = answered.filter(status=MeetingRequest.Status.ACCEPTED).count()
    return {
        "exhibitors": event.exhibitors.filter(status=Exhibitor.Status.APPROVED).count(),
        "booths": event.booths.count(),
        "booths_taken": event.booths.filter(exhibitor__isnull=False).count(),
        "registrations": event.registrations.count(),
        "checked_in": event.registrations.filter(checked_in_at__isnull=False).count(),
        "requests": requests.count(),
        "acceptance_percent": round(100 * accepted / answered_count) if answered_count else None,
        "meetings": event.meetings.filter(LIVE).count(),
        "meetings_held": event.meetings.filter(status=Meeting.Status.HELD).count(),
        "no_shows": outcomes.filter(result=MeetingOutcome.Result.NO_SHOW).count(),
        "deal_value_vnd": deals.aggregate(total=Sum("deal_value_vnd"))["total"] or 0,
    }


def deal_value_by_province(event: Event) -> list[Mapping[str, object]]:
    """Deal value reported by exhibitors, by the exhibitor's province."""
    return list(
        MeetingOutcome.objects.filter(
            meeting__event=event, result=MeetingOutcome.Result.DEAL, participant__role="exhibitor"
        )
        .values("participant__exhibitor__seller__province__name")
        .annotate(total=Sum("deal_value_vnd"), deals=Count("id"))
        .order_by("-total")
    )


def venue_list() -> list[Venue]:
    """Venues with their halls, by province then name (Vietnamese order)."""
    venues = Venue.objects.select_related("province").prefetch_related("halls")
    return sorted(venues, key=lambda v: (v.province.sort_order, collation_key(v.name)))
