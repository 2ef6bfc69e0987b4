"""The expo API: events, booths, exhibitors, registrations and check-in, B2B meetings."""

import json
from uuid import UUID

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Header, Router, Schema, Status

from phohang.catalog.models import Product
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError, NotFound
from phohang.core.idempotency import idempotent_call
from phohang.orders.api import keyed_response

from . import selectors, services
from .models import Booth, Event, Hall, Participant
from .schemas import (
    AnswerIn,
    ApplyIn,
    AvailabilityIn,
    BoothIn,
    BoothOut,
    CheckInIn,
    CheckInOut,
    DecisionIn,
    EventIn,
    EventOut,
    ExhibitorOut,
    MarkIn,
    MeetingOut,
    MoveIn,
    OutcomeIn,
    ParticipantOut,
    RegistrationIn,
    RegistrationOut,
    RequestOut,
    RunIn,
    RunOut,
)

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


def _once(request, key, scope: str, payload: Schema, out, make, status: int = 201):
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
        idempotent_call, user=request.auth, scope=scope, key=key, payload=payload.dict(), call=call
    )


KEY = Header(
    None,
    description="Optional Idempotency-Key: a retry with the same key gets the first answer.",
)


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
        "expo.event",
        payload,
        EventOut,
        lambda: services.event_create(user=request.auth, data=data, context=_context(request)),
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

    return _once(request, idempotency_key, f"expo.booth:{event.pk}", payload, BoothOut, make)


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
        request, idempotency_key, f"expo.exhibitor:{event.pk}", payload, ExhibitorOut, make
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
        request, idempotency_key, f"expo.registration:{event.pk}", payload, RegistrationOut, make
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
        f"expo.request:{participant.pk}",
        payload,
        RequestOut,
        lambda: services.meeting_request_mark(
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
        request, idempotency_key, f"expo.schedule:{event.pk}", payload, RunOut, make, status=202
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
