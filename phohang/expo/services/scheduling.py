"""The organiser's scheduler run (in the task worker, with progress), and agendas as iCalendar."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import Conflict, Forbidden

from ..models import Event, Meeting, MeetingRequest, Participant, ScheduleRun
from ..scheduling import Options, Problem, Progress, Request, schedule
from ..scheduling import Participant as Person
from ..selectors import agenda_for, may_organise

MAX_TIME_LIMIT_S = 60


@transaction.atomic
def schedule_start(
    *, user: User, event: Event, time_limit_s: int = 20, context: AuditContext
) -> ScheduleRun:
    """Queue a scheduler run; it replaces the provisional agenda when it ends."""
    from ..tasks import schedule_run_task

    if not may_organise(user, event):
        raise Forbidden("not_organiser", _("Only the event's organisers can do this."))
    event.agenda = (
        Event.objects.select_for_update().values_list("agenda", flat=True).get(pk=event.pk)
    )
    if not event.has_meetings:
        raise Conflict("no_meetings", _("This event has no meeting day set."))
    if event.agenda == Event.Agenda.FINAL:
        raise Conflict("agenda_final", _("The agenda is final; it can no longer be rescheduled."))
    if event.booking != Event.Booking.SCHEDULER:
        raise Conflict("self_booking", _("Participants book their own slots at this event."))
    if event.schedule_runs.filter(status__in=["queued", "running"]).exists():
        raise Conflict("run_in_progress", _("The scheduler is already running for this event."))
    run = ScheduleRun.objects.create(
        event=event, requested_by=user, time_limit_s=max(1, min(time_limit_s, MAX_TIME_LIMIT_S))
    )
    audit_record(context=context, action="expo.schedule.started", obj=event)
    transaction.on_commit(lambda: schedule_run_task.enqueue(run_id=run.pk))
    return run


def build_problem(event: Event) -> tuple[Problem, list[MeetingRequest]]:
    """The scheduler's problem from the event's accepted requests and people's availability."""
    requests = list(
        MeetingRequest.objects.filter(event=event, status=MeetingRequest.Status.ACCEPTED)
        .select_related("requester", "recipient")
        .order_by("pk")
    )
    people = Participant.objects.filter(event=event).order_by("pk")
    persons = tuple(
        Person(
            id=str(person.pk),
            role=person.role,
            available_slots=tuple(s for s in person.available_slots if 0 <= s < event.slot_count),
            max_meetings=person.max_meetings,
        )
        for person in people
    )
    asks = tuple(
        Request(str(request.requester_id), str(request.recipient_id), request.priority)
        for request in requests
    )
    return Problem(
        slots=event.slot_count, tables=event.tables, participants=persons, requests=asks
    ), requests


def _store_progress(run: ScheduleRun, progress: Progress) -> None:
    fraction = getattr(progress, "fraction", None)
    percent = int(100 * fraction) if fraction is not None else 0
    ScheduleRun.objects.filter(pk=run.pk).update(
        phase=progress.phase[:40],
        progress=max(5, min(95, percent)),
        objective=progress.objective,
        bound=progress.bound,
    )


def schedule_run(*, run_id: int) -> ScheduleRun:
    """Solve, then replace the provisional meetings in one transaction."""
    run = ScheduleRun.objects.select_related("event").get(pk=run_id)
    if run.status != ScheduleRun.Status.QUEUED:
        return run
    event = run.event
    ScheduleRun.objects.filter(pk=run.pk).update(status=ScheduleRun.Status.RUNNING, progress=2)
    try:
        problem, requests = build_problem(event)
        options = Options(
            time_limit_s=run.time_limit_s, everyone_meets=event.everyone_meets, must_first=True
        )
        result = schedule(problem, options, progress=lambda p: _store_progress(run, p))
        by_pair = {(str(r.requester_id), str(r.recipient_id)): r for r in requests}
        by_pair |= {(str(r.recipient_id), str(r.requester_id)): r for r in requests}
        with transaction.atomic():
            locked = Event.objects.select_for_update().get(pk=event.pk)
            if locked.agenda == Event.Agenda.FINAL:
                raise Conflict("agenda_final", _("The agenda became final during the run."))
            event.meetings.filter(status=Meeting.Status.PROVISIONAL).update(
                status=Meeting.Status.CANCELLED
            )
            meetings = []
            for meeting in result.meetings:
                request = by_pair[(meeting.a, meeting.b)]
                buyer, exhibitor = (
                    (request.requester, request.recipient)
                    if request.requester.role == Participant.Role.BUYER
                    else (request.recipient, request.requester)
                )
                meetings.append(
                    Meeting(
                        event=event,
                        request=request,
                        buyer=buyer,
                        exhibitor=exhibitor,
                        slot=meeting.slot,
                        table=meeting.table,
                        run=run,
                    )
                )
            Meeting.objects.bulk_create(meetings)
            Event.objects.filter(pk=event.pk).update(agenda=Event.Agenda.PROVISIONAL)
            ScheduleRun.objects.filter(pk=run.pk).update(
                status=ScheduleRun.Status.DONE,
                progress=100,
                phase="done",
                objective=result.objective,
                bound=result.lp_bound,
                requests_count=len(requests),
                meetings_count=len(meetings),
                issues=[f"{issue.code}: {issue.detail}" for issue in result.issues][:50],
                finished_at=timezone.now(),
            )
    except Exception:
        ScheduleRun.objects.filter(pk=run.pk).update(
            status=ScheduleRun.Status.FAILED, progress=100, finished_at=timezone.now()
        )
        raise
    run.refresh_from_db()
    return run


def agenda_ics(participant: Participant) -> bytes:
    """The participant's meetings as an iCalendar file (one VEVENT per meeting)."""
    from icalendar import Calendar
    from icalendar import Event as CalendarEvent

    event = participant.event
    calendar = Calendar()
    calendar.add("prodid", "-//Phố Hàng//Expo//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{event.name_vi}: {participant.name}")
    for meeting in agenda_for(participant).select_related("event__venue"):
        other = meeting.exhibitor if meeting.buyer_id == participant.pk else meeting.buyer
        start = event.slot_start(meeting.slot)
        item = CalendarEvent()
        item.add("uid", f"{meeting.public_id}@phohang.vn")
        item.add("dtstamp", timezone.now())
        item.add("dtstart", start)
        item.add("dtend", start + timedelta(minutes=event.slot_minutes))
        item.add("summary", gettext("Meeting with %(name)s") % {"name": other.name})
        item.add(
            "location",
            gettext("Table %(table)s, %(venue)s")
            % {"table": meeting.table + 1, "venue": event.venue},
        )
        item.add("status", "CONFIRMED" if meeting.status != "provisional" else "TENTATIVE")
        calendar.add_component(item)
    return bytes(calendar.to_ical())
