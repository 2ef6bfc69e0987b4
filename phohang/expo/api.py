"""The expo API: events, booths, exhibitors, registrations and check-in, B2B meetings."""

import json
from datetime import date, time
from uuid import UUID

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Field, Header, Router, Schema, Status

from phohang.catalog.models import Product
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError, NotFound
from phohang.core.idempotency import idempotent_call
from phohang.orders.api import keyed_response

from . import selectors, services
from .models import Booth, Event, Hall, Participant

router = Router(tags=["expo"])
# Operations open to anonymous callers (auth=None); the route audit (SEC-03) checks this list.
PUBLIC_OPERATIONS = frozenset({"event_list", "event_detail"})


def _error_body(error: DomainError) -> dict:
    """The API's error shape (`core.api.errors`), stored with the key and replayed."""
    messages = {}
    for language in ("vi", "en"):
        with translation.override(language):
            messages[language] = str(error.message)
    return {"error": {"code": error.code, "message": messages, "field": error.field}}


def _once(request, key, *, scope: str, payload, out, make, status: int = 201):
    """Run `make` (a service call) and answer `status` with `out`. With an Idempotency-Key the
    first answer is stored with the key and replayed to a retry, marked Idempotent-Replayed;
    the same key with another body is refused (422), one still in flight answers 409."""
    if not key:
        return Status(status, make())

    def call() -> tuple[int, str]:
        try:
            made = make()
        except DomainError as error:
            return error.status, json.dumps(_error_body(error))
        return status, out.from_orm(made).model_dump_json()

    return keyed_response(
        idempotent_call, user=request.auth, scope=scope, key=key, payload=payload, call=call
    )


KEY = Header(
    None,
    description="Optional Idempotency-Key: a retry with the same key gets the first answer.",
)


class EventOut(Schema):
    id: UUID = Field(alias="public_id")
    slug: str
    name_vi: str
    name_en: str
    kind: str
    starts_on: date
    ends_on: date
    venue: str = Field(alias="venue.name")
    province_code: str = Field(alias="venue.province_id")
    is_published: bool
    agenda: str
    meeting_day: date | None
    slot_count: int
    slot_minutes: int
    tables: int


class EventIn(Schema):
    name_vi: str = Field(max_length=200)
    name_en: str = Field("", max_length=200)
    kind: str = Field(max_length=12)
    description: str = Field("", max_length=8000)
    starts_on: date
    ends_on: date
    venue_id: int
    hall_ids: list[int] = Field(max_length=20)
    category_ids: list[int] = Field(default_factory=list, max_length=50)
    exhibitors_open_on: date
    exhibitors_close_on: date
    visitors_open_on: date
    visitors_close_on: date
    booth_fee_vnd: int = Field(0, ge=0, le=1_000_000_000)
    requests_need_acceptance: bool = True
    request_expiry_hours: int = Field(72, ge=1, le=720)
    booking: str = "scheduler"
    meeting_day: date | None = None
    first_slot_at: time = time(9, 0)
    slot_minutes: int = Field(20, ge=5, le=120)
    slot_count: int = Field(12, ge=1, le=48)
    tables: int = Field(20, ge=1, le=500)
    max_meetings: int = Field(8, ge=1, le=48)
    everyone_meets: bool = False
    is_published: bool = False


class BoothIn(Schema):
    hall_id: int
    code: str = Field(max_length=12)
    column: int = Field(ge=0, le=59)
    row: int = Field(ge=0, le=59)
    width: int = Field(1, ge=1, le=10)
    depth: int = Field(1, ge=1, le=10)


class BoothOut(Schema):
    code: str
    hall: str = Field(alias="hall.name")
    column: int
    row: int
    width: int
    depth: int


class ApplyIn(Schema):
    seller_id: UUID
    booth_size: str = "1x1"
    preferred_hall_id: int | None = None
    product_ids: list[UUID] = Field(default_factory=list, max_length=30)
    note: str = Field("", max_length=4000)


class ExhibitorOut(Schema):
    id: UUID = Field(alias="public_id")
    event: str = Field(alias="event.slug")
    seller: str = Field(alias="seller.name")
    status: str
    booth_size: str
    booth: str | None = Field(None, alias="booth.code")
    fee_vnd: int
    decision_reason: str


class DecisionIn(Schema):
    decision: str = Field(pattern="^(approve|reject|paid)$")
    reason: str = Field("", max_length=300)
    booth_code: str = Field("", max_length=12)


class RegistrationIn(Schema):
    kind: str = Field(max_length=8)
    full_name: str = Field(max_length=120)
    organisation: str = Field("", max_length=200)
    province_code: str | None = Field(None, max_length=2)
    seeking: str = Field("", max_length=2000)
    category_ids: list[int] = Field(default_factory=list, max_length=50)


class RegistrationOut(Schema):
    id: UUID = Field(alias="public_id")
    event: str = Field(alias="event.slug")
    kind: str
    full_name: str
    organisation: str
    ticket: str
    checked_in_at: str | None
    participant_id: UUID | None

    @staticmethod
    def resolve_ticket(obj) -> str:
        return services.ticket_token(obj)

    @staticmethod
    def resolve_checked_in_at(obj) -> str | None:
        return obj.checked_in_at.isoformat() if obj.checked_in_at else None

    @staticmethod
    def resolve_participant_id(obj) -> UUID | None:
        participant = getattr(obj, "participant", None)
        return participant.public_id if participant else None


class CheckInIn(Schema):
    token: str = Field(max_length=40)


class CheckInOut(Schema):
    full_name: str
    kind: str
    count: int


class ParticipantOut(Schema):
    id: UUID = Field(alias="public_id")
    role: str
    name: str
    available_slots: list[int]
    max_meetings: int


class MarkIn(Schema):
    counterpart_id: UUID
    preference: str = Field(pattern="^(must|want|no)$")


class RequestOut(Schema):
    id: UUID = Field(alias="public_id")
    requester: str = Field(alias="requester.name")
    recipient: str = Field(alias="recipient.name")
    preference: str
    priority: str
    status: str


class AnswerIn(Schema):
    accept: bool
    preference: str = Field("want", pattern="^(must|want)$")


class AvailabilityIn(Schema):
    slots: list[int] = Field(max_length=48)
    max_meetings: int


class MeetingOut(Schema):
    id: UUID = Field(alias="public_id")
    slot: int
    starts_at: str
    table: int
    buyer: str = Field(alias="buyer.name")
    exhibitor: str = Field(alias="exhibitor.name")
    status: str

    @staticmethod
    def resolve_starts_at(obj) -> str:
        return obj.event.slot_start(obj.slot).isoformat()

    @staticmethod
    def resolve_table(obj) -> int:
        return obj.table + 1


class MoveIn(Schema):
    slot: int = Field(ge=0, le=47)
    table: int | None = Field(None, ge=1, le=500)


class OutcomeIn(Schema):
    result: str = Field(pattern="^(met|deal|no_show)$")
    deal_value_vnd: int = Field(0, ge=0, le=10**13)


class RunIn(Schema):
    time_limit_s: int = Field(20, ge=1, le=60)


class RunOut(Schema):
    id: UUID = Field(alias="public_id")
    status: str
    phase: str
    progress: int
    objective: int | None
    requests_count: int
    meetings_count: int


def _context(request):
    return audit_context_from_request(request)


def _organised(request, event_id: UUID):
    return selectors.event_get_for_organiser(request.auth, public_id=event_id)


def _event_visible(request, event_id: UUID):
    event = Event.objects.filter(public_id=event_id).first()
    if event is None:
        raise NotFound()
    return selectors.event_get_public(event.slug, request.auth)


def _my_participant(request, participant_id: UUID) -> Participant:
    participant = selectors.participant_get_for_user(request.auth, participant_id)
    if not selectors.participant_is_users(request.auth, participant):
        raise NotFound()
    return participant


# Events


@router.get("/events", response=list[EventOut], auth=None, summary="Published events")
def event_list(request):
    return list(selectors.event_list_public()[:100])


@router.get("/events/{slug}", response=EventOut, auth=None, summary="One published event")
def event_detail(request, slug: str):
    return selectors.event_get_public(slug[:120])


@router.post("/events", response={201: EventOut}, summary="Create an event (organisers)")
def event_create(request, payload: EventIn, idempotency_key: str | None = KEY):
    data = services.EventData(**payload.dict())
    return _once(
        request,
        idempotency_key,
        scope="expo.event",
        payload=payload.dict(),
        out=EventOut,
        make=lambda: services.event_create(user=request.auth, data=data, context=_context(request)),
    )


@router.post("/events/{event_id}/booths", response={201: BoothOut}, summary="Draw a booth")
def booth_create(request, event_id: UUID, payload: BoothIn, idempotency_key: str | None = KEY):
    event = _organised(request, event_id)
    hall = Hall.objects.filter(pk=payload.hall_id, events=event).first()
    if hall is None:
        raise NotFound()

    def make():
        return services.booth_create(
            user=request.auth,
            event=event,
            hall=hall,
            code=payload.code,
            column=payload.column,
            row=payload.row,
            width=payload.width,
            depth=payload.depth,
            context=_context(request),
        )

    return _once(
        request,
        idempotency_key,
        scope=f"expo.booth:{event.pk}",
        payload=payload.dict(),
        out=BoothOut,
        make=make,
    )


@router.get("/events/{event_id}/exhibitors", response=list[ExhibitorOut], summary="Applications")
def exhibitor_list(request, event_id: UUID):
    return list(selectors.exhibitor_list_for_organiser(_organised(request, event_id)))


# Exhibitors


@router.post("/events/{event_id}/exhibitors", response={201: ExhibitorOut}, summary="Apply")
def exhibitor_apply(request, event_id: UUID, payload: ApplyIn, idempotency_key: str | None = KEY):
    event = _event_visible(request, event_id)
    seller = selectors.sellers_of(request.auth).filter(public_id=payload.seller_id).first()
    if seller is None:
        raise NotFound()
    products = Product.objects.filter(public_id__in=payload.product_ids, seller=seller).values_list(
        "pk", flat=True
    )
    if len(products) != len(set(payload.product_ids)):
        raise DomainError(
            "product_not_yours", _("Choose products from your own catalog."), "product_ids"
        )
    hall = event.halls.filter(pk=payload.preferred_hall_id).first()

    def make():
        return services.exhibitor_apply(
            user=request.auth,
            seller=seller,
            event=event,
            booth_size=payload.booth_size,
            preferred_hall=hall,
            product_ids=list(products),
            note=payload.note,
        )

    return _once(
        request,
        idempotency_key,
        scope=f"expo.exhibitor:{event.pk}",
        payload=payload.dict(),
        out=ExhibitorOut,
        make=make,
    )


@router.get("/exhibitors/{exhibitor_id}", response=ExhibitorOut, summary="One application")
def exhibitor_get(request, exhibitor_id: UUID):
    return selectors.exhibitor_get_for_user(request.auth, exhibitor_id)


@router.post("/exhibitors/{exhibitor_id}/decision", response=ExhibitorOut, summary="Decide")
def exhibitor_decide(request, exhibitor_id: UUID, payload: DecisionIn):
    exhibitor = selectors.exhibitor_get_for_user(request.auth, exhibitor_id)
    if not selectors.may_organise(request.auth, exhibitor.event):
        raise NotFound()
    context = _context(request)
    if payload.decision == "reject":
        return services.exhibitor_reject(
            user=request.auth, exhibitor=exhibitor, reason=payload.reason, context=context
        )
    if payload.decision == "paid":
        return services.exhibitor_fee_paid(user=request.auth, exhibitor=exhibitor, context=context)
    booth = None
    if payload.booth_code:
        booth = Booth.objects.filter(event=exhibitor.event, code=payload.booth_code.upper()).first()
        if booth is None:
            raise NotFound()
    return services.exhibitor_approve(
        user=request.auth, exhibitor=exhibitor, booth=booth, context=context
    )


# Visitors


@router.post(
    "/events/{event_id}/registrations", response={201: RegistrationOut}, summary="Register"
)
def registration_create(
    request, event_id: UUID, payload: RegistrationIn, idempotency_key: str | None = KEY
):
    event = _event_visible(request, event_id)

    def make():
        return services.registration_create(
            user=request.auth,
            event=event,
            kind=payload.kind,
            full_name=payload.full_name,
            organisation=payload.organisation,
            province_id=payload.province_code,
            seeking=payload.seeking,
            category_ids=list(
                event.categories.filter(pk__in=payload.category_ids).values_list("pk", flat=True)
            ),
        )

    return _once(
        request,
        idempotency_key,
        scope=f"expo.registration:{event.pk}",
        payload=payload.dict(),
        out=RegistrationOut,
        make=make,
    )


@router.get("/registrations/{registration_id}", response=RegistrationOut, summary="E-ticket")
def registration_get(request, registration_id: UUID):
    return selectors.registration_get_for_user(request.auth, registration_id)


@router.post("/events/{event_id}/check-in", response=CheckInOut, summary="Check a ticket in")
def check_in(request, event_id: UUID, payload: CheckInIn):
    event = _organised(request, event_id)
    registration = services.check_in(
        user=request.auth, event=event, token=payload.token, context=_context(request)
    )
    return {
        "full_name": registration.full_name,
        "kind": registration.kind,
        "count": services.checked_in_count(event),
    }


# Meetings


@router.get("/events/{event_id}/participants/mine", response=list[ParticipantOut], summary="Me")
def participants_mine(request, event_id: UUID):
    event = _event_visible(request, event_id)
    return selectors.participants_for_user(request.auth, event)


@router.get(
    "/participants/{participant_id}/counterparts",
    response=list[ParticipantOut],
    summary="Recommended counterparts",
)
def counterparts(request, participant_id: UUID):
    return selectors.recommended_counterparts(_my_participant(request, participant_id))


@router.post("/participants/{participant_id}/requests", response={201: RequestOut}, summary="Mark")
def request_mark(request, participant_id: UUID, payload: MarkIn, idempotency_key: str | None = KEY):
    participant = _my_participant(request, participant_id)
    recipient = Participant.objects.filter(
        public_id=payload.counterpart_id, event=participant.event
    ).first()
    if recipient is None:
        raise NotFound()
    return _once(
        request,
        idempotency_key,
        scope=f"expo.request:{participant.pk}",
        payload=payload.dict(),
        out=RequestOut,
        make=lambda: services.meeting_request_mark(
            user=request.auth,
            requester=participant,
            recipient=recipient,
            preference=payload.preference,
        ),
    )


@router.get("/participants/{participant_id}/requests", response=list[RequestOut], summary="Mine")
def request_list(request, participant_id: UUID):
    return list(selectors.requests_for(_my_participant(request, participant_id)))


@router.put("/participants/{participant_id}/availability", response=ParticipantOut)
def availability_set(request, participant_id: UUID, payload: AvailabilityIn):
    return services.availability_set(
        user=request.auth,
        participant=_my_participant(request, participant_id),
        slots=payload.slots,
        max_meetings=payload.max_meetings,
    )


@router.get("/participants/{participant_id}/agenda", response=list[MeetingOut], summary="Agenda")
def agenda(request, participant_id: UUID):
    return list(
        selectors.agenda_for(selectors.participant_get_for_user(request.auth, participant_id))
    )


@router.post("/requests/{request_id}/answer", response=RequestOut, summary="Accept or decline")
def request_answer(request, request_id: UUID, payload: AnswerIn):
    meeting_request = selectors.request_get_for_user(request.auth, request_id)
    return services.meeting_request_answer(
        user=request.auth,
        request=meeting_request,
        accept=payload.accept,
        preference=payload.preference,
    )


@router.post(
    "/events/{event_id}/schedule-runs", response={202: RunOut}, summary="Run the scheduler"
)
def schedule_start(request, event_id: UUID, payload: RunIn, idempotency_key: str | None = KEY):
    event = _organised(request, event_id)

    def make():
        run = services.schedule_start(
            user=request.auth,
            event=event,
            time_limit_s=payload.time_limit_s,
            context=_context(request),
        )
        run.refresh_from_db()
        return run

    return _once(
        request,
        idempotency_key,
        scope=f"expo.schedule:{event.pk}",
        payload=payload.dict(),
        out=RunOut,
        make=make,
        status=202,
    )


@router.get("/schedule-runs/{run_id}", response=RunOut, summary="Scheduler progress")
def schedule_run_get(request, run_id: UUID):
    return selectors.schedule_run_get_for_user(request.auth, run_id)


@router.post("/events/{event_id}/agenda/publish", summary="Publish the final agenda")
def agenda_publish(request, event_id: UUID):
    event = _organised(request, event_id)
    count = services.agenda_publish(user=request.auth, event=event, context=_context(request))
    return {"meetings": count}


@router.post("/meetings/{meeting_id}/held", response=MeetingOut, summary="Table check-in")
def meeting_held(request, meeting_id: UUID):
    meeting = selectors.meeting_get_for_user(request.auth, meeting_id)
    if not selectors.may_organise(request.auth, meeting.event):
        raise NotFound()
    return services.meeting_check_in(user=request.auth, meeting=meeting, context=_context(request))


@router.post("/meetings/{meeting_id}/move", response=MeetingOut, summary="Reschedule (organisers)")
def meeting_move(request, meeting_id: UUID, payload: MoveIn):
    meeting = selectors.meeting_get_for_user(request.auth, meeting_id)
    if not selectors.may_organise(request.auth, meeting.event):
        raise NotFound()
    return services.meeting_move(
        user=request.auth,
        meeting=meeting,
        slot=payload.slot,
        table=payload.table - 1 if payload.table else None,
        context=_context(request),
    )


@router.post("/meetings/{meeting_id}/cancel", response=MeetingOut, summary="Drop a meeting")
def meeting_cancel(request, meeting_id: UUID):
    meeting = selectors.meeting_get_for_user(request.auth, meeting_id)
    return services.meeting_cancel(user=request.auth, meeting=meeting, context=_context(request))


@router.post("/meetings/{meeting_id}/outcome", summary="Record what happened")
def meeting_outcome(request, meeting_id: UUID, payload: OutcomeIn):
    meeting = selectors.meeting_get_for_user(request.auth, meeting_id)
    side = next(
        (
            person
            for person in (meeting.buyer, meeting.exhibitor)
            if selectors.participant_is_users(request.auth, person)
        ),
        None,
    )
    if side is None:
        raise NotFound()
    outcome = services.meeting_outcome_record(
        user=request.auth,
        meeting=meeting,
        participant=side,
        result=payload.result,
        deal_value_vnd=payload.deal_value_vnd,
    )
    return {"result": outcome.result, "deal_value_vnd": outcome.deal_value_vnd}
