"""Organisers edit an event; what would strand booths or meetings, or clash, changes nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse

from phohang.accounts.tests.factories import login_verified
from phohang.core.errors import Conflict, DomainError, Forbidden
from phohang.core.models import AuditRecord
from phohang.expo import services
from phohang.expo.models import Event, Hall, Meeting

from .factories import (
    UserFactory,
    approved_exhibitor,
    context,
    event_data,
    event_with_booths,
    trade_buyer,
    venue_with_halls,
)

pytestmark = pytest.mark.django_db


def edit(event, user=None, **changes):
    user = user or event.organisers.get()
    return services.event_update(
        user=user, event=event, data=event_data(event.venue, **changes), context=context(user)
    )


def snapshot(event):
    return Event.objects.filter(pk=event.pk).values(
        "name_vi", "slot_count", "tables", "meeting_day", "booth_fee_vnd"
    )[0]


def test_organiser_renames_the_event_and_changes_the_fee_audited():
    event = event_with_booths()

    edit(event, name_vi="Tuần hàng OCOP Thủ đô", booth_fee_vnd=5_000_000)

    event.refresh_from_db()
    assert (event.name_vi, event.booth_fee_vnd) == ("Tuần hàng OCOP Thủ đô", 5_000_000)
    record = AuditRecord.objects.get(action="expo.event.updated")
    assert record.before["booth_fee_vnd"] == 4_500_000


def test_dropping_a_hall_with_booths_or_shrinking_below_meetings_is_refused():
    event = event_with_booths(booking=Event.Booking.SELF, requests_need_acceptance=False)
    exhibitor, _owner = approved_exhibitor(event)
    registration, user = trade_buyer(event)
    request = services.meeting_request_mark(
        user=user,
        requester=registration.participant,
        recipient=exhibitor.participant,
        preference="want",
    )
    services.meeting_book(user=user, request=request, slot=3)
    Hall.objects.create(venue=event.venue, name="Nhà B", columns=8, rows=4)
    other_hall = event.venue.halls.get(name="Nhà B")
    before = snapshot(event)

    with pytest.raises(DomainError) as dropped:
        edit(event, hall_ids=[other_hall.pk], booking=Event.Booking.SELF)
    with pytest.raises(DomainError) as shrunk:
        edit(event, slot_count=3, max_meetings=2, booking=Event.Booking.SELF)
    with pytest.raises(DomainError) as moved_day:
        edit(event, meeting_day=event.ends_on, booking=Event.Booking.SELF)

    assert (dropped.value.code, shrunk.value.code, moved_day.value.code) == (
        "hall_has_booths",
        "meetings_outside",
        "meeting_day_fixed",
    )
    assert snapshot(event) == before
    assert Meeting.objects.get().slot == 3


def test_an_edit_into_another_events_hall_and_days_is_refused():
    event = event_with_booths()
    venue = event.venue
    other_venue = venue_with_halls(name="Cung Văn hóa Hữu nghị", halls=(("Sảnh chính", 8, 6),))
    user = event.organisers.get()
    other = services.event_create(
        user=user,
        data=event_data(other_venue, starts_on=event.ends_on + timedelta(days=5)),
        context=context(user),
    )

    with pytest.raises(Conflict):
        services.event_update(
            user=user,
            event=other,
            data=event_data(venue, starts_on=event.starts_on, ends_on=event.ends_on),
            context=context(user),
        )

    other.refresh_from_db()
    assert other.venue_id == other_venue.pk


def test_only_the_events_organisers_edit_it(client):
    event = event_with_booths()
    # An officer of another province (Hồ Chí Minh City) is no organiser of a Hanoi event.
    stranger = UserFactory(is_authority=True, authority_province_id="79")

    with pytest.raises(Forbidden):
        edit(event, user=stranger, name_vi="Đổi tên")
    login_verified(client, stranger)
    page = client.get(reverse("expo:event_edit", args=[event.slug]))

    assert page.status_code == 404
    assert Event.objects.get(pk=event.pk).name_vi == "Tuần hàng OCOP Hà Nội"


def test_the_edit_page_shows_the_event_and_a_refusal_keeps_it(client):
    event = event_with_booths()
    login_verified(client, event.organisers.get())
    url = reverse("expo:event_edit", args=[event.slug])

    page = client.get(url)
    form = page.context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("hall_ids", "categories")
    }
    data |= {"venue": event.venue_id, "hall_ids": form.initial["hall_ids"]}
    data["ends_on"] = (event.starts_on - timedelta(days=1)).isoformat()
    refused = client.post(url, data)

    assert page.status_code == 200 and "Tuần hàng OCOP Hà Nội" in page.content.decode()
    assert refused.status_code == 400
    assert Event.objects.get(pk=event.pk).ends_on == event.ends_on
