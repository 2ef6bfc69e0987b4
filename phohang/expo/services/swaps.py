"""Participants swap the times of two of their own provisional meetings."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.core.errors import Conflict, DomainError, Forbidden

from ..models import Meeting, Participant
from ..selectors import LIVE, participant_is_users
from .meetings import _notify

# A slot no agenda reaches: one meeting parks there while the two swap, so that no moment holds
# two meetings of one person (or at one table) in the same slot.
PARKING_SLOT = 32_000


def _shared_side(meeting: Meeting, other: Meeting) -> Participant | None:
    mine = {meeting.buyer_id, meeting.exhibitor_id} & {other.buyer_id, other.exhibitor_id}
    if len(mine) != 1:
        return None
    shared = mine.pop()
    return meeting.buyer if meeting.buyer_id == shared else meeting.exhibitor


def _counterpart(meeting: Meeting, me: Participant) -> Participant:
    return meeting.exhibitor if meeting.buyer_id == me.pk else meeting.buyer


def _check_free(person: Participant, slot: int, *, exclude: list[int]) -> None:
    if slot not in person.available_slots:
        raise Conflict(
            "not_available", _("%(name)s is not available then.") % {"name": person.name}
        )
    busy = (
        Meeting.objects.filter(LIVE, slot=slot)
        .filter(Q(buyer=person) | Q(exhibitor=person))
        .exclude(pk__in=exclude)
        .exists()
    )
    if busy:
        raise Conflict(
            "double_booked", _("%(name)s has another meeting then.") % {"name": person.name}
        )


@transaction.atomic
def meeting_swap(*, user: User, meeting: Meeting, other: Meeting) -> tuple[Meeting, Meeting]:
    """Swap the slots (and tables) of two provisional meetings the user takes part in; each
    counterpart must be available and free at the other time, and is told."""
    locked = {
        m.pk: m
        for m in Meeting.objects.select_for_update()
        .select_related("event", "buyer", "exhibitor")
        .filter(pk__in=[meeting.pk, other.pk])
        .order_by("pk")
    }
    if meeting.pk == other.pk or len(locked) != 2:
        raise DomainError("same_meeting", _("Choose another of your meetings to swap with."))
    meeting, other = locked[meeting.pk], locked[other.pk]
    me = _shared_side(meeting, other) if meeting.event_id == other.event_id else None
    if me is None or not participant_is_users(user, me):
        raise Forbidden("not_participant", _("You can swap only two of your own meetings."))
    provisional = Meeting.Status.PROVISIONAL
    if meeting.status != provisional or other.status != provisional:
        raise Conflict("agenda_final", _("Only meetings of the provisional agenda can be swapped."))
    pair = [meeting.pk, other.pk]
    _check_free(_counterpart(meeting, me), other.slot, exclude=pair)
    _check_free(_counterpart(other, me), meeting.slot, exclude=pair)
    first, second = (meeting.slot, meeting.table), (other.slot, other.table)
    try:
        with transaction.atomic():
            Meeting.objects.filter(pk=meeting.pk).update(slot=PARKING_SLOT)
            Meeting.objects.filter(pk=other.pk).update(slot=first[0], table=first[1])
            Meeting.objects.filter(pk=meeting.pk).update(slot=second[0], table=second[1])
    except IntegrityError as error:
        raise Conflict(
            "slot_taken", _("Someone took this slot just now; choose another.")
        ) from error
    meeting.slot, meeting.table = second
    other.slot, other.table = first
    for moved in (meeting, other):
        when = moved.event.slot_label(moved.slot)
        _notify(_counterpart(moved, me), _("A meeting moved to %(when)s") % {"when": when})
    return meeting, other
