"""B2B meetings: requests and their answers, availability, agendas, check-in at the table, outcomes."""

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.accounts.services import notification_send
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import Conflict, DomainError, Forbidden
from phohang.core.transitions import StateMachine, history_row, history_start, transition

from ..models import Event, Meeting, MeetingOutcome, MeetingRequest, Participant, RequestEvent
from ..selectors import LIVE, may_organise, participant_is_users

REQUESTER, RECIPIENT, SYSTEM, ORGANISER = "requester", "recipient", "system", "organiser"
_R = MeetingRequest.Status
REQUEST_MACHINE = StateMachine(
    name="expo.meeting_request",
    moves={
        (_R.PENDING, _R.ACCEPTED): {RECIPIENT, SYSTEM},
        (_R.PENDING, _R.DECLINED): {RECIPIENT},
        (_R.PENDING, _R.CANCELLED): {REQUESTER},
        (_R.PENDING, _R.EXPIRED): {SYSTEM},
        (_R.ACCEPTED, _R.CANCELLED): {REQUESTER, RECIPIENT, ORGANISER},
        (_R.DISMISSED, _R.PENDING): {REQUESTER},
        (_R.DISMISSED, _R.ACCEPTED): {REQUESTER},
    },
    history=history_row(RequestEvent, "request"),
)
PRIORITY_RANK = {"normal": 1, "high": 2, "must": 3}


def priority_of(role: str, preference: str) -> str:
    """Buyers' wishes weigh more than exhibitors' (as hosted-buyer programmes do)."""
    if preference == MeetingRequest.Preference.MUST:
        return "must" if role == Participant.Role.BUYER else "high"
    return "high" if role == Participant.Role.BUYER else "normal"


def _stronger(a: str, b: str) -> str:
    return a if PRIORITY_RANK[a] >= PRIORITY_RANK[b] else b


def _user_of(participant: Participant) -> list[User]:
    if participant.registration is not None:
        return [participant.registration.user]
    if participant.exhibitor is None:
        return []
    members = participant.exhibitor.seller.members.filter(is_active=True).select_related("user")
    return [member.user for member in members]


def _notify(participant: Participant, title: str | Promise, body: str | Promise = "") -> None:
    link = reverse("expo:meetings", kwargs={"slug": participant.event.slug})
    for user in _user_of(participant):
        notification_send(user=user, title=str(title)[:200], body=str(body), link=link)


def _acting_as(user: User, participant: Participant) -> None:
    if not participant_is_users(user, participant):
        raise Forbidden("not_participant", _("You do not act for this participant."))


@transaction.atomic
def meeting_request_mark(
    *,
    user: User,
    requester: Participant,
    recipient: Participant,
    preference: str,
    now: datetime | None = None,
) -> MeetingRequest:
    """Mark a counterpart must-meet, want or no thanks; the first two send a request."""
    now = now or timezone.now()
    _acting_as(user, requester)
    if requester.pk == recipient.pk:
        raise DomainError("request_to_self", _("You cannot ask to meet yourself."), "recipient")
    if recipient.event_id != requester.event_id:
        raise DomainError("other_event", _("The counterpart is not at this event."), "recipient")
    if recipient.role == requester.role:
        raise DomainError(
            "same_side",
            _("Meetings are between trade buyers and exhibitors."),
            "recipient",
        )
    if preference not in MeetingRequest.Preference.values:
        raise DomainError("preference_unknown", _("Choose must meet, want or no thanks."))
    event = requester.event
    if event.agenda == Event.Agenda.FINAL:
        raise Conflict("agenda_final", _("The agenda is final; no new requests."))
    if MeetingRequest.objects.filter(
        requester=recipient, recipient=requester, status__in=[_R.PENDING, _R.ACCEPTED]
    ).exists():
        raise Conflict(
            "asked_already",
            _("They have already asked to meet you: answer their request instead."),
        )
    existing = MeetingRequest.objects.filter(requester=requester, recipient=recipient).first()
    priority = priority_of(requester.role, preference)
    if existing is not None:
        return _remark(user, existing, preference, priority)
    dismissed = preference == MeetingRequest.Preference.NO
    needs_answer = event.requests_need_acceptance
    try:
        with transaction.atomic():
            request = MeetingRequest.objects.create(
                event=event,
                requester=requester,
                recipient=recipient,
                preference=preference,
                priority=priority,
                status=_R.DISMISSED if dismissed else (_R.PENDING if needs_answer else _R.ACCEPTED),
                expires_at=now + timedelta(hours=event.request_expiry_hours)
                if needs_answer and not dismissed
                else None,
            )
    except IntegrityError as error:
        raise Conflict("asked_already", _("You have already marked this counterpart.")) from error
    history_start(REQUEST_MACHINE, request, actor=user)
    if not dismissed:
        _notify(
            recipient,
            _("%(name)s would like to meet you") % {"name": requester.name},
            _("Answer in your meetings page.") if needs_answer else "",
        )
    return request


def _remark(user: User, request: MeetingRequest, preference: str, priority: str) -> MeetingRequest:
    """Change the wish on an earlier mark: priority while it is live, or revive a 'no thanks'."""
    if preference == MeetingRequest.Preference.NO:
        if request.status in (_R.PENDING, _R.ACCEPTED):
            return meeting_request_cancel(user=user, request=request)
        return request
    if request.status == _R.DISMISSED:
        target = _R.PENDING if request.event.requests_need_acceptance else _R.ACCEPTED
        transition(REQUEST_MACHINE, request, to=target, actor_kind=REQUESTER, actor=user)
    elif request.status not in (_R.PENDING, _R.ACCEPTED):
        raise Conflict("request_closed", _("This request is closed."))
    MeetingRequest.objects.filter(pk=request.pk).update(preference=preference, priority=priority)
    request.preference, request.priority = preference, priority
    return request


@transaction.atomic
def meeting_request_answer(
    *,
    user: User,
    request: MeetingRequest,
    accept: bool,
    preference: str = "want",
    now: datetime | None = None,
) -> MeetingRequest:
    """The recipient accepts (adding their own wish to the priority) or declines."""
    now = now or timezone.now()
    _acting_as(user, request.recipient)
    if request.status == _R.PENDING and request.expires_at and request.expires_at <= now:
        transition(REQUEST_MACHINE, request, to=_R.EXPIRED, actor_kind=SYSTEM)
        raise Conflict("request_expired", _("This request has expired."))
    if not accept:
        transition(REQUEST_MACHINE, request, to=_R.DECLINED, actor_kind=RECIPIENT, actor=user)
        _notify(request.requester, _("%(name)s declined to meet") % {"name": request.recipient})
        return request
    if preference not in (MeetingRequest.Preference.MUST, MeetingRequest.Preference.WANT):
        preference = MeetingRequest.Preference.WANT
    priority = _stronger(request.priority, priority_of(request.recipient.role, preference))
    transition(
        REQUEST_MACHINE,
        request,
        to=_R.ACCEPTED,
        actor_kind=RECIPIENT,
        actor=user,
        fields={"priority": priority},
    )
    _notify(request.requester, _("%(name)s accepted to meet") % {"name": request.recipient})
    return request


@transaction.atomic
def meeting_request_cancel(*, user: User, request: MeetingRequest) -> MeetingRequest:
    is_requester = participant_is_users(user, request.requester)
    if not (is_requester or participant_is_users(user, request.recipient)):
        raise Forbidden("not_participant", _("You do not act for this participant."))
    transition(
        REQUEST_MACHINE,
        request,
        to=_R.CANCELLED,
        actor_kind=REQUESTER if is_requester else RECIPIENT,
        actor=user,
    )
    for meeting in request.meetings.filter(LIVE):
        _cancel(meeting, user)
    return request


def meeting_requests_expire(*, now: datetime | None = None) -> int:
    """Expire pending requests past their time; returns how many."""
    now = now or timezone.now()
    count = 0
    for request in MeetingRequest.objects.filter(status=_R.PENDING, expires_at__lte=now):
        with transaction.atomic():
            transition(REQUEST_MACHINE, request, to=_R.EXPIRED, actor_kind=SYSTEM)
        count += 1
    return count


@transaction.atomic
def availability_set(
    *, user: User, participant: Participant, slots: list[int], max_meetings: int
) -> Participant:
    """The slots the participant can meet in and how many meetings they want at most."""
    _acting_as(user, participant)
    event = participant.event
    slots = sorted(set(slots))
    if any(slot < 0 or slot >= event.slot_count for slot in slots):
        raise DomainError(
            "slot_outside_event",
            _("Choose slots of the event's meeting day only (1 to %(count)s).")
            % {"count": event.slot_count},
            "slots",
        )
    if not slots:
        raise DomainError("no_slot", _("Choose at least one slot."), "slots")
    if not 1 <= max_meetings <= event.max_meetings:
        raise DomainError(
            "cap_range",
            _("At most %(cap)s meetings at this event.") % {"cap": event.max_meetings},
            "max_meetings",
        )
    if event.agenda == Event.Agenda.FINAL:
        raise Conflict("agenda_final", _("The agenda is final; ask the organiser to change it."))
    Participant.objects.filter(pk=participant.pk).update(
        available_slots=slots, max_meetings=max_meetings
    )
    participant.available_slots, participant.max_meetings = slots, max_meetings
    return participant


def _live_in_slot(slot: int, exclude_pk: int | None) -> QuerySet[Meeting]:
    """Meetings not cancelled in `slot`, leaving out the one being moved."""
    meetings = Meeting.objects.filter(LIVE, slot=slot)
    return meetings.exclude(pk=exclude_pk) if exclude_pk is not None else meetings


def _person_busy(participant: Participant, slot: int, exclude_pk: int | None = None) -> bool:
    return (
        _live_in_slot(slot, exclude_pk)
        .filter(Q(buyer=participant) | Q(exhibitor=participant))
        .exists()
    )


def _free_table(
    event: Event, slot: int, preferred: int | None = None, exclude_pk: int | None = None
) -> int:
    used = set(_live_in_slot(slot, exclude_pk).filter(event=event).values_list("table", flat=True))
    if preferred is not None and preferred not in used and 0 <= preferred < event.tables:
        return preferred
    table = next((t for t in range(event.tables) if t not in used), None)
    if table is None:
        raise Conflict("slot_full", _("Every table is taken in this slot."))
    return table


def _check_slot(meeting: Meeting, slot: int) -> None:
    event = meeting.event
    if not 0 <= slot < event.slot_count:
        raise DomainError("slot_outside_event", _("This slot is not on the event's agenda."))
    for person in (meeting.buyer, meeting.exhibitor):
        if slot not in person.available_slots:
            raise Conflict(
                "not_available", _("%(name)s is not available then.") % {"name": person.name}
            )
        if _person_busy(person, slot, exclude_pk=meeting.pk):
            raise Conflict(
                "double_booked", _("%(name)s has another meeting then.") % {"name": person.name}
            )


def _sides(request: MeetingRequest) -> tuple[Participant, Participant]:
    if request.requester.role == Participant.Role.BUYER:
        return request.requester, request.recipient
    return request.recipient, request.requester


@transaction.atomic
def meeting_book(*, user: User, request: MeetingRequest, slot: int) -> Meeting:
    """Book an accepted request into a slot yourself (events where participants book)."""
    if not (
        participant_is_users(user, request.requester)
        or participant_is_users(user, request.recipient)
    ):
        raise Forbidden("not_participant", _("You do not act for this participant."))
    event = request.event
    if event.booking != Event.Booking.SELF:
        raise Conflict("scheduler_books", _("The organiser's scheduler assigns the meetings."))
    if request.status != _R.ACCEPTED:
        raise Conflict("not_accepted", _("Only accepted requests can be booked."))
    if request.meetings.filter(LIVE).exists():
        raise Conflict("already_booked", _("This meeting is already booked."))
    buyer, exhibitor = _sides(request)
    meeting = Meeting(
        event=event,
        request=request,
        buyer=buyer,
        exhibitor=exhibitor,
        slot=slot,
        table=0,
        status=Meeting.Status.CONFIRMED,
    )
    _check_slot(meeting, slot)
    for person in (buyer, exhibitor):
        if (
            Meeting.objects.filter(LIVE).filter(Q(buyer=person) | Q(exhibitor=person)).count()
            >= person.max_meetings
        ):
            raise Conflict("cap_reached", _("%(name)s has no meetings left.") % {"name": person})
    meeting.table = _free_table(event, slot)
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError as error:
        raise Conflict(
            "slot_taken", _("Someone took this slot just now; choose another.")
        ) from error
    return meeting


@transaction.atomic
def meeting_move(
    *, user: User, meeting: Meeting, slot: int, table: int | None = None, context: AuditContext
) -> Meeting:
    """The organiser reschedules a meeting; both sides are told."""
    if not may_organise(user, meeting.event):
        raise Forbidden("not_organiser", _("Only the event's organisers can do this."))
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.HELD):
        raise Conflict("meeting_closed", _("This meeting can no longer be moved."))
    _check_slot(meeting, slot)
    before = {"slot": meeting.slot, "table": meeting.table}
    new_table = _free_table(meeting.event, slot, table, exclude_pk=meeting.pk)
    if table is not None and new_table != table:
        raise Conflict("table_taken", _("That table is taken in this slot."))
    try:
        with transaction.atomic():
            Meeting.objects.filter(pk=meeting.pk).update(slot=slot, table=new_table)
    except IntegrityError as error:
        raise Conflict(
            "slot_taken", _("Someone took this slot just now; choose another.")
        ) from error
    meeting.slot, meeting.table = slot, new_table
    audit_record(
        context=context,
        action="expo.meeting.moved",
        obj=meeting,
        before=before,
        after={"slot": slot, "table": new_table},
    )
    when = meeting.event.slot_label(slot)
    for person in (meeting.buyer, meeting.exhibitor):
        _notify(person, _("A meeting moved to %(when)s") % {"when": when})
    return meeting


def _cancel(meeting: Meeting, user: User) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    meeting.status = Meeting.Status.CANCELLED
    for person in (meeting.buyer, meeting.exhibitor):
        if not participant_is_users(user, person):
            _notify(
                person,
                _("Meeting at %(when)s cancelled")
                % {"when": meeting.event.slot_label(meeting.slot)},
            )


@transaction.atomic
def meeting_cancel(*, user: User, meeting: Meeting, context: AuditContext) -> Meeting:
    """Either side drops the meeting (or the organiser cancels it); the other side is told."""
    is_side = participant_is_users(user, meeting.buyer) or participant_is_users(
        user, meeting.exhibitor
    )
    if not (is_side or may_organise(user, meeting.event)):
        raise Forbidden("not_participant", _("You do not act for this participant."))
    if meeting.status in (Meeting.Status.CANCELLED, Meeting.Status.HELD):
        raise Conflict("meeting_closed", _("This meeting can no longer be cancelled."))
    _cancel(meeting, user)
    if not is_side:
        audit_record(context=context, action="expo.meeting.cancelled", obj=meeting)
    return meeting


@transaction.atomic
def agenda_publish(*, user: User, event: Event, context: AuditContext) -> int:
    """Make the provisional agenda final and tell everyone with a meeting; returns meetings."""
    if not may_organise(user, event):
        raise Forbidden("not_organiser", _("Only the event's organisers can do this."))
    event.agenda = (
        Event.objects.select_for_update().values_list("agenda", flat=True).get(pk=event.pk)
    )
    if event.agenda != Event.Agenda.PROVISIONAL:
        raise Conflict("no_provisional", _("There is no provisional agenda to publish."))
    count = event.meetings.filter(status=Meeting.Status.PROVISIONAL).update(
        status=Meeting.Status.CONFIRMED
    )
    if not Event.objects.filter(pk=event.pk, agenda=Event.Agenda.PROVISIONAL).update(
        agenda=Event.Agenda.FINAL
    ):
        raise Conflict("changed_meanwhile", _("Someone else changed this just now."))
    event.agenda = Event.Agenda.FINAL
    audit_record(
        context=context, action="expo.agenda.published", obj=event, after={"meetings": count}
    )
    people = Participant.objects.filter(event=event).filter(
        Q(pk__in=event.meetings.filter(LIVE).values("buyer"))
        | Q(pk__in=event.meetings.filter(LIVE).values("exhibitor"))
    )
    for person in people.select_related("registration__user", "exhibitor__seller"):
        _notify(person, _("Your meeting agenda for %(event)s is final") % {"event": event})
    return count


@transaction.atomic
def meeting_check_in(*, user: User, meeting: Meeting, context: AuditContext) -> Meeting:
    """Table staff mark the meeting held when both sides sit down."""
    if not may_organise(user, meeting.event):
        raise Forbidden("not_organiser", _("Only the event's organisers can do this."))
    if meeting.status == Meeting.Status.HELD:
        raise Conflict("already_held", _("This meeting is already marked held."))
    if meeting.status != Meeting.Status.CONFIRMED:
        raise Conflict("not_confirmed", _("Only meetings on the final agenda can be held."))
    now = timezone.now()
    if not Meeting.objects.filter(pk=meeting.pk, status=Meeting.Status.CONFIRMED).update(
        status=Meeting.Status.HELD, held_at=now
    ):
        raise Conflict("changed_meanwhile", _("Someone else changed this just now."))
    meeting.status, meeting.held_at = Meeting.Status.HELD, now
    audit_record(context=context, action="expo.meeting.held", obj=meeting)
    return meeting


@transaction.atomic
def meeting_outcome_record(
    *, user: User, meeting: Meeting, participant: Participant, result: str, deal_value_vnd: int = 0
) -> MeetingOutcome:
    """After the meeting's time, one side says what happened (met, deal and its value, no-show)."""
    _acting_as(user, participant)
    if participant.pk not in (meeting.buyer_id, meeting.exhibitor_id):
        raise Forbidden("not_participant", _("You do not act for this participant."))
    if meeting.status not in (Meeting.Status.CONFIRMED, Meeting.Status.HELD):
        raise Conflict("meeting_closed", _("This meeting was not on the final agenda."))
    if timezone.now() < meeting.event.slot_start(meeting.slot):
        raise Conflict("too_early", _("Record the outcome after the meeting."))
    if result not in MeetingOutcome.Result.values:
        raise DomainError("result_unknown", _("Choose what happened."), "result")
    if result == MeetingOutcome.Result.DEAL and deal_value_vnd <= 0:
        raise DomainError(
            "deal_value_missing", _("Give the deal's value in đồng."), "deal_value_vnd"
        )
    value = deal_value_vnd if result == MeetingOutcome.Result.DEAL else 0
    outcome, _created = MeetingOutcome.objects.update_or_create(
        meeting=meeting,
        participant=participant,
        defaults={"result": result, "deal_value_vnd": value},
    )
    return outcome
