"""B2B meetings: marks, answers, availability, bookings, agendas, cancellations, outcomes."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from phohang.core.access import signed_in
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError
from phohang.core.views import protect_file_response

from .. import selectors, services
from ..forms import (
    AvailabilityForm,
    OutcomeForm,
)
from ..models import MeetingRequest, Participant
from .common import act, event_public, found, is_uuid, refused


@signed_in
@require_GET
def meetings(request, slug):
    event = event_public(request, slug)
    sides = []
    for participant in selectors.participants_for_user(request.user, event):
        requests = list(selectors.requests_for(participant))
        marks = {r.recipient_id: r for r in requests if r.requester_id == participant.pk}
        asked = {r.requester_id for r in requests if r.recipient_id == participant.pk}
        counterparts = [
            {
                "participant": row.participant,
                "trade_score": row.trade_score,
                "mark": marks.get(row.participant.pk),
                "asked_me": row.participant.pk in asked,
            }
            for row in selectors.counterparts_ranked(participant)
        ]
        sides.append(
            {
                "participant": participant,
                "counterparts": counterparts,
                "incoming": [
                    r
                    for r in requests
                    if r.recipient_id == participant.pk
                    and r.status == MeetingRequest.Status.PENDING
                ],
                "accepted": [r for r in requests if r.status == MeetingRequest.Status.ACCEPTED],
                "agenda": list(selectors.agenda_for(participant)),
                "availability": AvailabilityForm(
                    event=event,
                    initial={
                        "slots": participant.available_slots,
                        "max_meetings": participant.max_meetings,
                    },
                    prefix=f"p{participant.pk}",
                ),
            }
        )
    context = {"event": event, "sides": sides, "slots": range(event.slot_count)}
    return render(request, "expo/meetings.html", context)


def _meetings_url(event) -> str:
    return reverse("expo:meetings", kwargs={"slug": event.slug})


def _back(request, event) -> str:
    """The page the form came from (a path on this site), else the event's meetings page."""
    back = request.POST.get("back", "")
    if back.startswith("/") and not back.startswith("//") and "\\" not in back:
        return back
    return _meetings_url(event)


def _my_participant(request, public_id) -> Participant:
    participant = found(selectors.participant_get_for_user, request.user, public_id)
    if not selectors.participant_is_users(request.user, participant):
        raise Http404
    return participant


@signed_in
@require_POST
def request_mark(request, public_id):
    participant = _my_participant(request, public_id)
    back = _meetings_url(participant.event)
    counterpart = request.POST.get("counterpart", "")
    recipient = (
        Participant.objects.filter(public_id=counterpart, event=participant.event).first()
        if is_uuid(counterpart)
        else None
    )
    if recipient is None:
        return refused(
            request, DomainError("unknown_counterpart", _("Choose a counterpart.")), back
        )
    return act(
        request,
        lambda: services.meeting_request_mark(
            user=request.user,
            requester=participant,
            recipient=recipient,
            preference=request.POST.get("preference", ""),
        ),
        back=back,
        done=_("Saved."),
    )


@signed_in
@require_POST
def request_answer(request, public_id):
    meeting_request = found(selectors.request_get_for_user, request.user, public_id)
    back = _meetings_url(meeting_request.event)
    return act(
        request,
        lambda: services.meeting_request_answer(
            user=request.user,
            request=meeting_request,
            accept=request.POST.get("answer") == "accept",
            preference=request.POST.get("preference", "want"),
        ),
        back=back,
        done=_("Your answer was sent."),
    )


@signed_in
@require_POST
def availability(request, public_id):
    participant = _my_participant(request, public_id)
    event = participant.event
    back = _meetings_url(event)
    form = AvailabilityForm(request.POST, event=event, prefix=f"p{participant.pk}")
    if not form.is_valid():
        message = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return refused(request, DomainError("invalid", message), back)
    return act(
        request,
        lambda: services.availability_set(
            user=request.user,
            participant=participant,
            slots=form.cleaned_data["slots"],
            max_meetings=form.cleaned_data["max_meetings"],
        ),
        back=back,
        done=_("Your availability was saved."),
    )


@signed_in
@require_POST
def meeting_book(request, public_id):
    meeting_request = found(selectors.request_get_for_user, request.user, public_id)
    back = _meetings_url(meeting_request.event)
    try:
        slot = int(request.POST.get("slot", ""))
        services.meeting_book(user=request.user, request=meeting_request, slot=slot)
    except ValueError:
        return refused(request, DomainError("slot_missing", _("Choose a slot.")), back)
    except DomainError as error:
        return refused(request, error, back)
    messages.success(request, _("The meeting is booked."))
    return redirect(back)


@signed_in
@require_GET
def agenda(request, public_id):
    participant = found(selectors.participant_get_for_user, request.user, public_id)
    context = {
        "event": participant.event,
        "participant": participant,
        "meetings": selectors.agenda_for(participant),
        "is_mine": selectors.participant_is_users(request.user, participant),
    }
    return render(request, "expo/agenda.html", context)


@signed_in
@require_GET
def agenda_ics(request, public_id):
    participant = found(selectors.participant_get_for_user, request.user, public_id)
    response = HttpResponse(services.agenda_ics(participant), content_type="text/calendar")
    return protect_file_response(
        response, f"lich-hen-{participant.event.slug}.ics", cache="private, no-store"
    )


@signed_in
@require_POST
def meeting_cancel(request, public_id):
    meeting = found(selectors.meeting_get_for_user, request.user, public_id)
    back = _back(request, meeting.event)
    return act(
        request,
        lambda: services.meeting_cancel(
            user=request.user, meeting=meeting, context=audit_context_from_request(request)
        ),
        back=back,
        done=_("The meeting was cancelled; the other side is told."),
    )


@signed_in
@require_POST
def meeting_swap(request, public_id):
    """A participant swaps the times of two of their provisional meetings."""
    meeting = found(selectors.meeting_get_for_user, request.user, public_id)
    back = _back(request, meeting.event)
    other_id = request.POST.get("other", "")
    if not is_uuid(other_id):
        return refused(
            request,
            DomainError("same_meeting", _("Choose another of your meetings to swap with.")),
            back,
        )
    other = found(selectors.meeting_get_for_user, request.user, other_id)
    return act(
        request,
        lambda: services.meeting_swap(user=request.user, meeting=meeting, other=other),
        back=back,
        done=_("The two meetings swapped times; the other sides are told."),
    )


@signed_in
@require_POST
def meeting_outcome(request, public_id):
    meeting = found(selectors.meeting_get_for_user, request.user, public_id)
    back = _meetings_url(meeting.event)
    form = OutcomeForm(request.POST)
    side = next(
        (
            p
            for p in (meeting.buyer, meeting.exhibitor)
            if selectors.participant_is_users(request.user, p)
        ),
        None,
    )
    if side is None:
        raise Http404
    if not form.is_valid():
        return refused(request, DomainError("invalid", _("Choose what happened.")), back)
    return act(
        request,
        lambda: services.meeting_outcome_record(
            user=request.user,
            meeting=meeting,
            participant=side,
            result=form.cleaned_data["result"],
            deal_value_vnd=form.cleaned_data["deal_value_vnd"] or 0,
        ),
        back=back,
        done=_("Thank you; the outcome is recorded."),
    )
