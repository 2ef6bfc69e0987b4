"""A participant swaps the times of two provisional meetings; others' and final ones stay."""

import pytest
from django.urls import reverse

from phohang.core.errors import Conflict, DomainError, Forbidden
from phohang.expo import services
from phohang.expo.models import Event, Meeting, Participant

from .factories import approved_exhibitor, event_with_booths, trade_buyer

pytestmark = pytest.mark.django_db


def two_meetings():
    """A buyer with two exhibitors at slots 1 and 3 on the provisional agenda."""
    event = event_with_booths(booths=2, booking=Event.Booking.SELF, requests_need_acceptance=False)
    tea, tea_owner = approved_exhibitor(event)
    pottery, _pottery_owner = approved_exhibitor(event, "Công ty Gốm Bát Tràng")
    registration, user = trade_buyer(event)
    buyer = registration.participant
    booked = []
    for exhibitor, slot in ((tea, 1), (pottery, 3)):
        request = services.meeting_request_mark(
            user=user, requester=buyer, recipient=exhibitor.participant, preference="want"
        )
        booked.append(services.meeting_book(user=user, request=request, slot=slot))
    # As the organiser's scheduler leaves them until the agenda is published.
    Meeting.objects.update(status=Meeting.Status.PROVISIONAL)
    for meeting in booked:
        meeting.refresh_from_db()
    return event, user, tea_owner, booked


def slots():
    return dict(Meeting.objects.values_list("exhibitor__name", "slot"))


def test_buyer_swaps_two_meetings_and_both_exhibitors_keep_their_tables_free():
    _event, user, _owner, (first, second) = two_meetings()
    before = slots()

    moved, other = services.meeting_swap(user=user, meeting=first, other=second)

    assert (moved.slot, other.slot) == (3, 1)
    assert slots() == {name: 4 - slot for name, slot in before.items()}


def test_swap_is_refused_when_a_counterpart_cannot_make_the_other_time():
    _event, user, _owner, (first, second) = two_meetings()
    Participant.objects.filter(pk=first.exhibitor_id).update(available_slots=[0, 1, 2])
    before = slots()

    with pytest.raises(Conflict) as refused:
        services.meeting_swap(user=user, meeting=first, other=second)

    assert refused.value.code == "not_available"
    assert slots() == before


def test_only_own_provisional_meetings_are_swapped():
    _event, user, tea_owner, (first, second) = two_meetings()
    before = slots()

    with pytest.raises(Forbidden):
        services.meeting_swap(user=tea_owner, meeting=first, other=second)
    with pytest.raises(DomainError):
        services.meeting_swap(user=user, meeting=first, other=first)
    Meeting.objects.update(status=Meeting.Status.CONFIRMED)  # the final agenda
    with pytest.raises(Conflict) as final:
        services.meeting_swap(user=user, meeting=first, other=second)

    assert final.value.code == "agenda_final"
    assert slots() == before


def test_swap_from_the_agenda_page(client):
    event, user, tea_owner, (first, second) = two_meetings()
    url = reverse("expo:meeting_swap", args=[first.public_id])
    body = {"other": str(second.public_id), "back": "//evil.example/"}

    client.force_login(tea_owner)
    stranger = client.post(url, body)
    client.force_login(user)
    page = client.get(reverse("expo:agenda", args=[first.buyer.public_id]))
    swapped = client.post(url, body)

    assert stranger.status_code == 404
    assert "Đổi giờ" in page.content.decode()
    assert swapped.status_code == 302
    assert swapped["Location"] == reverse("expo:meetings", kwargs={"slug": event.slug})
    assert slots()["Công ty Gốm Bát Tràng"] == 1
