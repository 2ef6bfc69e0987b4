"""Events, halls and booths: what organisers set up before anyone applies."""

from dataclasses import dataclass, field
from datetime import date, time

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.core.audit import AuditContext, audit_record, snapshot
from phohang.core.errors import Conflict, DomainError, Forbidden
from phohang.core.text import clean_free_text, clean_line, slugify_vi

from ..models import Booth, Event, Hall, Venue
from ..selectors import may_create_events, may_organise


@dataclass
class EventData:
    name_vi: str
    name_en: str
    kind: str
    starts_on: date
    ends_on: date
    venue_id: int
    hall_ids: list[int]
    exhibitors_open_on: date
    exhibitors_close_on: date
    visitors_open_on: date
    visitors_close_on: date
    description: str = ""
    category_ids: list[int] = field(default_factory=list)
    booth_fee_vnd: int = 0
    requests_need_acceptance: bool = True
    request_expiry_hours: int = 72
    booking: str = Event.Booking.SCHEDULER
    meeting_day: date | None = None
    first_slot_at: time = time(9, 0)
    slot_minutes: int = 20
    slot_count: int = 12
    tables: int = 20
    max_meetings: int = 8
    everyone_meets: bool = False
    is_published: bool = False


def _refuse(code: str, message: str | Promise, field: str = "") -> DomainError:
    return DomainError(code, message, field)


def _check_dates(data: EventData) -> None:
    if data.ends_on < data.starts_on:
        raise _refuse("dates_reversed", _("The last day must be on or after the first."), "ends_on")
    if (data.ends_on - data.starts_on).days > 31:
        raise _refuse("too_long", _("An event lasts at most 31 days."), "ends_on")
    for opens, closes, name in (
        (data.exhibitors_open_on, data.exhibitors_close_on, "exhibitors_close_on"),
        (data.visitors_open_on, data.visitors_close_on, "visitors_close_on"),
    ):
        if closes < opens:
            raise _refuse(
                "window_reversed", _("Registration must close on or after it opens."), name
            )
        if closes > data.ends_on:
            raise _refuse("window_after_event", _("Registration must close by the last day."), name)
    if data.kind not in Event.Kind.values:
        raise _refuse("kind_unknown", _("Choose a kind of event."), "kind")
    if data.booking not in Event.Booking.values:
        raise _refuse("booking_unknown", _("Choose how meetings are booked."), "booking")


def _check_meetings(data: EventData) -> None:
    if data.meeting_day is None:
        return
    if not data.starts_on <= data.meeting_day <= data.ends_on:
        raise _refuse(
            "meeting_day_outside",
            _("The meeting day must be one of the event's days."),
            "meeting_day",
        )
    if not 1 <= data.slot_count <= 48:
        raise _refuse("slots_range", _("Between 1 and 48 meeting slots."), "slot_count")
    if not 1 <= data.tables <= 500:
        raise _refuse("tables_range", _("Between 1 and 500 meeting tables."), "tables")
    if not 5 <= data.slot_minutes <= 120:
        raise _refuse("minutes_range", _("A meeting lasts 5 to 120 minutes."), "slot_minutes")
    if not 1 <= data.max_meetings <= data.slot_count:
        raise _refuse(
            "cap_range",
            _("The meeting cap must be between 1 and the number of slots."),
            "max_meetings",
        )
    end_minutes = data.first_slot_at.hour * 60 + data.first_slot_at.minute
    if end_minutes + data.slot_count * data.slot_minutes > 24 * 60:
        raise _refuse("past_midnight", _("The meetings must end by midnight."), "slot_count")


def _halls_free(data: EventData, exclude_pk: int | None = None) -> list[Hall]:
    halls = list(Hall.objects.filter(pk__in=data.hall_ids, venue_id=data.venue_id))
    if not halls or len(halls) != len(set(data.hall_ids)):
        raise _refuse("halls_unknown", _("Choose halls of the chosen venue."), "hall_ids")
    others = Event.objects.filter(
        halls__in=halls, starts_on__lte=data.ends_on, ends_on__gte=data.starts_on
    )
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise Conflict(
            "hall_taken",
            _("A chosen hall is already booked on those days by another event."),
        )
    return halls


def _unique_slug(name: str, starts_on: date) -> str:
    base = slugify_vi(name, 90)
    if not base.endswith(str(starts_on.year)):
        base = f"{base}-{starts_on.year}"
    slug, n = base, 1
    while Event.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def event_create(*, user: User, data: EventData, context: AuditContext) -> Event:
    """Create an event in free halls; the creator joins its organiser team."""
    if not may_create_events(user):
        raise Forbidden("not_organiser", _("Only authority staff can create events."))
    name_vi, name_en = clean_line(data.name_vi), clean_line(data.name_en)
    if not name_vi:
        raise _refuse("name_missing", _("Give the event a Vietnamese name."), "name_vi")
    _check_dates(data)
    _check_meetings(data)
    venue = Venue.objects.select_for_update().filter(pk=data.venue_id).first()
    if venue is None:
        raise _refuse("venue_unknown", _("Choose a venue."), "venue_id")
    halls = _halls_free(data)
    event = Event.objects.create(
        slug=_unique_slug(name_vi, data.starts_on),
        name_vi=name_vi,
        name_en=name_en or name_vi,
        kind=data.kind,
        description=clean_free_text(data.description),
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        venue=venue,
        exhibitors_open_on=data.exhibitors_open_on,
        exhibitors_close_on=data.exhibitors_close_on,
        visitors_open_on=data.visitors_open_on,
        visitors_close_on=data.visitors_close_on,
        booth_fee_vnd=max(0, int(data.booth_fee_vnd)),
        requests_need_acceptance=data.requests_need_acceptance,
        request_expiry_hours=data.request_expiry_hours,
        booking=data.booking,
        meeting_day=data.meeting_day,
        first_slot_at=data.first_slot_at,
        slot_minutes=data.slot_minutes,
        slot_count=data.slot_count,
        tables=data.tables,
        max_meetings=data.max_meetings,
        everyone_meets=data.everyone_meets,
        is_published=data.is_published,
    )
    event.halls.set(halls)
    event.categories.set(data.category_ids)
    event.organisers.add(user)
    audit_record(
        context=context,
        action="expo.event.created",
        obj=event,
        after=snapshot(event, ["slug", "kind", "starts_on", "ends_on", "is_published"]),
    )
    return event


EDITED_FIELDS = [
    "name_vi",
    "name_en",
    "kind",
    "starts_on",
    "ends_on",
    "venue",
    "exhibitors_open_on",
    "exhibitors_close_on",
    "visitors_open_on",
    "visitors_close_on",
    "booth_fee_vnd",
    "meeting_day",
    "first_slot_at",
    "slot_minutes",
    "slot_count",
    "tables",
    "max_meetings",
    "booking",
    "is_published",
]


def _check_keeps_what_exists(event: Event, data: EventData, halls: list[Hall]) -> None:
    """An edit may not strand booths in a dropped hall or meetings past the slots and tables."""
    kept = {hall.pk for hall in halls}
    if event.booths.exclude(hall_id__in=kept).exists():
        raise _refuse(
            "hall_has_booths",
            _("Booths are drawn in a hall you removed; move or delete them first."),
            "hall_ids",
        )
    live = event.meetings.exclude(status="cancelled")
    if live.filter(Q(slot__gte=data.slot_count) | Q(table__gte=data.tables)).exists():
        raise _refuse(
            "meetings_outside",
            _("Meetings are booked in slots or at tables you removed; move them first."),
            "slot_count",
        )
    if live.exists() and data.meeting_day != event.meeting_day:
        raise _refuse(
            "meeting_day_fixed",
            _("Meetings are booked on the meeting day; it can no longer change."),
            "meeting_day",
        )


@transaction.atomic
def event_update(*, user: User, event: Event, data: EventData, context: AuditContext) -> Event:
    """Change an event (its organisers only); refuses what the create refuses, and any change
    that would leave booths or meetings outside the event."""
    if not may_organise(user, event):
        raise Forbidden("not_organiser", _("Only the event's organisers can do this."))
    event = Event.objects.select_for_update().get(pk=event.pk)
    name_vi, name_en = clean_line(data.name_vi), clean_line(data.name_en)
    if not name_vi:
        raise _refuse("name_missing", _("Give the event a Vietnamese name."), "name_vi")
    _check_dates(data)
    _check_meetings(data)
    venue = Venue.objects.select_for_update().filter(pk=data.venue_id).first()
    if venue is None:
        raise _refuse("venue_unknown", _("Choose a venue."), "venue_id")
    halls = _halls_free(data, exclude_pk=event.pk)
    _check_keeps_what_exists(event, data, halls)
    before = snapshot(event, EDITED_FIELDS)
    for name, value in (
        ("name_vi", name_vi),
        ("name_en", name_en or name_vi),
        ("kind", data.kind),
        ("description", clean_free_text(data.description)),
        ("starts_on", data.starts_on),
        ("ends_on", data.ends_on),
        ("venue", venue),
        ("exhibitors_open_on", data.exhibitors_open_on),
        ("exhibitors_close_on", data.exhibitors_close_on),
        ("visitors_open_on", data.visitors_open_on),
        ("visitors_close_on", data.visitors_close_on),
        ("booth_fee_vnd", max(0, int(data.booth_fee_vnd))),
        ("requests_need_acceptance", data.requests_need_acceptance),
        ("booking", data.booking),
        ("meeting_day", data.meeting_day),
        ("first_slot_at", data.first_slot_at),
        ("slot_minutes", data.slot_minutes),
        ("slot_count", data.slot_count),
        ("tables", data.tables),
        ("max_meetings", data.max_meetings),
        ("everyone_meets", data.everyone_meets),
        ("is_published", data.is_published),
    ):
        setattr(event, name, value)
    event.save()
    event.halls.set(halls)
    event.categories.set(data.category_ids)
    after = snapshot(event, EDITED_FIELDS)
    if after != before:
        audit_record(
            context=context, action="expo.event.updated", obj=event, before=before, after=after
        )
    return event


@transaction.atomic
def event_publish(*, user: User, event: Event, is_published: bool, context: AuditContext) -> Event:
    """Show or hide the event's public page."""
    if not may_organise(user, event):
        raise Forbidden("not_organiser", _("Only the event's organisers can do this."))
    Event.objects.filter(pk=event.pk).update(is_published=is_published)
    audit_record(
        context=context,
        action="expo.event.published" if is_published else "expo.event.hidden",
        obj=event,
        before={"is_published": event.is_published},
        after={"is_published": is_published},
    )
    event.is_published = is_published
    return event


@transaction.atomic
def organiser_add(*, user: User, event: Event, member: User, context: AuditContext) -> None:
    """Add someone to the organiser team (check-in staff, table hosts)."""
    if not may_organise(user, event):
        raise Forbidden("not_organiser", _("Only the event's organisers can do this."))
    event.organisers.add(member)
    audit_record(
        context=context, action="expo.event.organiser_added", obj=event, after={"user": member.pk}
    )


@transaction.atomic
def organiser_remove(*, user: User, event: Event, member: User, context: AuditContext) -> None:
    """Take someone off the organiser team; the team never ends up empty."""
    if not may_organise(user, event):
        raise Forbidden("not_organiser", _("Only the event's organisers can do this."))
    team = list(
        Event.objects.select_for_update().get(pk=event.pk).organisers.values_list("pk", flat=True)
    )
    if member.pk not in team:
        raise DomainError("not_in_team", _("This person is not on the organiser team."))
    if len(team) == 1:
        raise Conflict("last_organiser", _("An event keeps at least one organiser."))
    event.organisers.remove(member)
    audit_record(
        context=context,
        action="expo.event.organiser_removed",
        obj=event,
        before={"user": member.pk},
    )


def _overlaps(a: Booth, b: Booth) -> bool:
    return not (
        a.column + a.width <= b.column
        or b.column + b.width <= a.column
        or a.row + a.depth <= b.row
        or b.row + b.depth <= a.row
    )


def booth_place_check(booth: Booth, hall: Hall, event: Event) -> None:
    """Refuse a booth outside the hall's grid or over another booth of the event."""
    if booth.width < 1 or booth.depth < 1:
        raise _refuse("booth_size", _("A booth is at least one cell wide and deep."), "width")
    if booth.column + booth.width > hall.columns or booth.row + booth.depth > hall.rows:
        raise _refuse(
            "booth_outside",
            _("The booth does not fit inside the hall's grid (%(columns)s × %(rows)s cells).")
            % {"columns": hall.columns, "rows": hall.rows},
            "column",
        )
    others = Booth.objects.filter(event=event, hall=hall).exclude(pk=booth.pk)
    if any(_overlaps(booth, other) for other in others):
        raise Conflict("booth_overlap", _("The booth overlaps another booth."))


@transaction.atomic
def booth_create(
    *,
    user: User,
    event: Event,
    hall: Hall,
    code: str,
    column: int,
    row: int,
    width: int = 1,
    depth: int = 1,
    context: AuditContext,
) -> Booth:
    """Draw one booth on a hall's grid (cells counted from 0 at the top left)."""
    if not may_organise(user, event):
        raise Forbidden("not_organiser", _("Only the event's organisers can do this."))
    if not event.halls.filter(pk=hall.pk).exists():
        raise _refuse("hall_not_in_event", _("The hall is not part of this event."), "hall")
    code = clean_line(code).upper()[:12]
    if not code:
        raise _refuse("code_missing", _("Give the booth a code, e.g. A-01."), "code")
    if min(column, row) < 0:
        raise _refuse("booth_outside", _("Cells are counted from 0."), "column")
    booth = Booth(
        event=event, hall=hall, code=code, column=column, row=row, width=width, depth=depth
    )
    Event.objects.select_for_update().filter(pk=event.pk).first()
    booth_place_check(booth, hall, event)
    try:
        with transaction.atomic():
            booth.save()
    except IntegrityError as error:
        raise Conflict("booth_code_taken", _("Another booth already has this code.")) from error
    audit_record(
        context=context,
        action="expo.booth.created",
        obj=event,
        after={"booth": code, "hall": hall.name, "at": [column, row, width, depth]},
    )
    return booth
