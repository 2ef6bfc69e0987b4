from datetime import timedelta

import pytest
from django.utils import timezone, translation
from icalendar import Calendar

from phohang.core.errors import Conflict, DomainError, Forbidden
from phohang.core.models import AuditRecord
from phohang.expo import selectors, services
from phohang.expo.models import Booth, Event, Exhibitor, Meeting, MeetingRequest, Registration

from .factories import (
    ProductFactory,
    UserFactory,
    approved_exhibitor,
    context,
    event_data,
    event_with_booths,
    organiser,
    seller_with_owner,
    trade_buyer,
    venue_with_halls,
)

pytestmark = pytest.mark.django_db


def test_event_create_puts_the_creator_on_the_organiser_team():
    user = organiser()
    venue = venue_with_halls()

    event = services.event_create(user=user, data=event_data(venue), context=context(user))

    assert event.slug == f"tuan-hang-ocop-ha-noi-{event.starts_on.year}"
    assert list(event.organisers.all()) == [user]
    assert AuditRecord.objects.filter(action="expo.event.created").count() == 1


def test_event_create_refuses_a_hall_booked_on_overlapping_days():
    user = organiser()
    venue = venue_with_halls()
    first = services.event_create(user=user, data=event_data(venue), context=context(user))

    with pytest.raises(Conflict) as refused:
        services.event_create(
            user=user,
            data=event_data(
                venue, name_vi="Hội chợ khác", starts_on=first.ends_on, ends_on=first.ends_on
            ),
            context=context(user),
        )

    assert refused.value.code == "hall_taken"
    assert Event.objects.count() == 1


def test_event_create_allows_the_hall_again_after_the_event():
    user = organiser()
    venue = venue_with_halls()
    first = services.event_create(user=user, data=event_data(venue), context=context(user))
    later = first.ends_on + timedelta(days=1)

    services.event_create(
        user=user,
        data=event_data(venue, starts_on=later, ends_on=later, meeting_day=later),
        context=context(user),
    )

    assert Event.objects.count() == 2


def test_event_create_refuses_a_buyer():
    buyer = UserFactory()

    with pytest.raises(Forbidden):
        services.event_create(user=buyer, data=event_data(venue_with_halls()), context=context())

    assert Event.objects.count() == 0


def test_event_create_refuses_a_meeting_day_outside_the_event():
    user = organiser()
    venue = venue_with_halls()
    data = event_data(venue)
    data.meeting_day = data.ends_on + timedelta(days=1)

    with pytest.raises(DomainError) as refused:
        services.event_create(user=user, data=data, context=context(user))

    assert refused.value.code == "meeting_day_outside"
    assert Event.objects.count() == 0


def test_booth_outside_the_grid_is_refused():
    event = event_with_booths(booths=0)
    user, hall = event.organisers.get(), event.halls.get()

    with pytest.raises(DomainError) as refused:
        services.booth_create(
            user=user,
            event=event,
            hall=hall,
            code="Z-1",
            column=9,
            row=0,
            width=2,
            context=context(),
        )

    assert refused.value.code == "booth_outside"
    assert "10 × 6" in str(refused.value.message)
    assert Booth.objects.count() == 0


def test_overlapping_booths_are_refused():
    event = event_with_booths(booths=1)
    user, hall = event.organisers.get(), event.halls.get()

    with pytest.raises(Conflict):
        services.booth_create(
            user=user, event=event, hall=hall, code="B-1", column=0, row=0, context=context()
        )

    assert Booth.objects.count() == 1


def test_two_sellers_apply_and_get_different_booths():
    event = event_with_booths(booths=2)

    first, _owner = approved_exhibitor(event, "Hợp tác xã Chè Tân Cương")
    second, _owner = approved_exhibitor(event, "Công ty Gốm Bát Tràng")

    assert {first.booth.code, second.booth.code} == {"A-01", "A-02"}
    assert first.status == second.status == Exhibitor.Status.APPROVED
    assert first.fee_vnd == 4_500_000


def test_when_booths_run_out_the_application_waits():
    event = event_with_booths(booths=1)
    approved_exhibitor(event, "Hợp tác xã Chè Tân Cương")

    late, _owner = approved_exhibitor(event, "Công ty Gốm Bát Tràng")

    assert late.status == Exhibitor.Status.WAITLISTED
    assert late.booth is None


def test_a_given_booth_is_never_given_twice():
    event = event_with_booths(booths=1)
    first, _owner = approved_exhibitor(event)
    seller, owner = seller_with_owner(name="Làng lụa Vạn Phúc")
    second = services.exhibitor_apply(user=owner, seller=seller, event=event)
    user = event.organisers.get()

    with pytest.raises(Conflict) as refused:
        services.exhibitor_approve(
            user=user, exhibitor=second, booth=first.booth, context=context(user)
        )

    assert refused.value.code == "booth_taken"
    second.refresh_from_db()
    assert (second.status, second.booth_id) == (Exhibitor.Status.APPLIED, None)


def test_apply_refuses_products_of_another_seller():
    event = event_with_booths()
    seller, owner = seller_with_owner()
    other_product = ProductFactory()

    with pytest.raises(DomainError) as refused:
        services.exhibitor_apply(
            user=owner, seller=seller, event=event, product_ids=[other_product.pk]
        )

    assert refused.value.code == "product_not_yours"
    assert Exhibitor.objects.count() == 0


def test_reject_needs_a_reason_and_is_audited():
    event = event_with_booths()
    seller, owner = seller_with_owner()
    exhibitor = services.exhibitor_apply(user=owner, seller=seller, event=event)
    user = event.organisers.get()

    with pytest.raises(DomainError):
        services.exhibitor_reject(user=user, exhibitor=exhibitor, reason=" ", context=context(user))
    services.exhibitor_reject(
        user=user, exhibitor=exhibitor, reason="Sản phẩm chưa đạt OCOP", context=context(user)
    )

    exhibitor.refresh_from_db()
    assert exhibitor.status == Exhibitor.Status.REJECTED
    assert exhibitor.decision_reason == "Sản phẩm chưa đạt OCOP"
    assert AuditRecord.objects.filter(action="expo.exhibitor.rejected").count() == 1


def test_ticket_check_in_once_refuses_the_second_and_forged():
    event = event_with_booths()
    registration, _user = trade_buyer(event)
    staff = event.organisers.get()
    token = services.ticket_token(registration)

    services.check_in(user=staff, event=event, token=token.lower(), context=context(staff))
    with pytest.raises(Conflict) as second:
        services.check_in(user=staff, event=event, token=token, context=context(staff))
    forged = registration.ticket_code + "-AAAAAA"
    with pytest.raises(DomainError) as refused:
        services.check_in(user=staff, event=event, token=forged, context=context(staff))

    assert second.value.code == "already_checked_in"
    assert refused.value.code == "ticket_forged"
    assert services.checked_in_count(event) == 1


def test_check_in_refuses_someone_not_organising():
    event = event_with_booths()
    registration, user = trade_buyer(event)

    with pytest.raises(Forbidden):
        services.check_in(
            user=user, event=event, token=services.ticket_token(registration), context=context()
        )

    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_register_twice_is_refused():
    event = event_with_booths()
    _registration, user = trade_buyer(event)

    with pytest.raises(Conflict):
        services.registration_create(
            user=user, event=event, kind="public", full_name="Nguyễn Thu Hà"
        )

    assert Registration.objects.count() == 1


def test_badge_is_a_pdf():
    event = event_with_booths()
    registration, _user = trade_buyer(event)

    assert services.badge_pdf(registration).startswith(b"%PDF")


def _buyer_and_exhibitor(event=None):
    event = event or event_with_booths()
    exhibitor, owner = approved_exhibitor(event)
    registration, buyer_user = trade_buyer(event)
    return event, registration.participant, buyer_user, exhibitor.participant, owner


def test_buyer_must_meet_weighs_most_and_exhibitor_accepts():
    _event, buyer, buyer_user, exhibitor, owner = _buyer_and_exhibitor()

    request = services.meeting_request_mark(
        user=buyer_user, requester=buyer, recipient=exhibitor, preference="must"
    )
    services.meeting_request_answer(user=owner, request=request, accept=True)

    request.refresh_from_db()
    assert (request.priority, request.status) == ("must", MeetingRequest.Status.ACCEPTED)


def test_exhibitor_want_is_normal_until_the_buyer_wants_it_too():
    _event, buyer, buyer_user, exhibitor, owner = _buyer_and_exhibitor()

    request = services.meeting_request_mark(
        user=owner, requester=exhibitor, recipient=buyer, preference="want"
    )
    assert request.priority == "normal"
    services.meeting_request_answer(
        user=buyer_user, request=request, accept=True, preference="must"
    )

    request.refresh_from_db()
    assert request.priority == "must"


def test_a_request_to_oneself_is_refused():
    _event, buyer, buyer_user, _exhibitor, _owner = _buyer_and_exhibitor()

    with pytest.raises(DomainError) as refused:
        services.meeting_request_mark(
            user=buyer_user, requester=buyer, recipient=buyer, preference="must"
        )

    assert refused.value.code == "request_to_self"
    assert MeetingRequest.objects.count() == 0


def test_a_request_for_someone_else_is_refused():
    _event, buyer, _buyer_user, exhibitor, _owner = _buyer_and_exhibitor()

    with pytest.raises(Forbidden):
        services.meeting_request_mark(
            user=UserFactory(), requester=buyer, recipient=exhibitor, preference="must"
        )

    assert MeetingRequest.objects.count() == 0


def test_an_expired_request_cannot_be_accepted():
    _event, buyer, buyer_user, exhibitor, owner = _buyer_and_exhibitor()
    request = services.meeting_request_mark(
        user=buyer_user, requester=buyer, recipient=exhibitor, preference="want"
    )

    with pytest.raises(Conflict):
        services.meeting_request_answer(
            user=owner, request=request, accept=True, now=timezone.now() + timedelta(days=4)
        )

    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.PENDING


def test_availability_outside_the_event_is_refused():
    event, buyer, buyer_user, _exhibitor, _owner = _buyer_and_exhibitor()

    with pytest.raises(DomainError) as refused:
        services.availability_set(
            user=buyer_user, participant=buyer, slots=[0, event.slot_count], max_meetings=2
        )

    assert refused.value.code == "slot_outside_event"
    buyer.refresh_from_db()
    assert buyer.available_slots == [0, 1, 2, 3]


def _scheduled(event=None):
    event, buyer, buyer_user, exhibitor, owner = _buyer_and_exhibitor(event)
    request = services.meeting_request_mark(
        user=buyer_user, requester=buyer, recipient=exhibitor, preference="must"
    )
    services.meeting_request_answer(user=owner, request=request, accept=True)
    user = event.organisers.get()
    services.availability_set(user=buyer_user, participant=buyer, slots=[2, 3], max_meetings=2)
    run = services.schedule_start(user=user, event=event, time_limit_s=2, context=context(user))
    return event, buyer, buyer_user, exhibitor, owner, run


def test_the_scheduler_places_the_accepted_request_in_a_slot_both_can_make():
    event, buyer, _buyer_user, exhibitor, _owner, run = _scheduled()

    run.refresh_from_db()
    meeting = Meeting.objects.get()
    event.refresh_from_db()
    assert (run.status, run.meetings_count, run.progress) == ("done", 1, 100)
    assert meeting.slot in (2, 3)
    assert (meeting.buyer, meeting.exhibitor, meeting.status) == (buyer, exhibitor, "provisional")
    assert event.agenda == Event.Agenda.PROVISIONAL


def test_publish_confirms_the_agenda_and_the_ics_holds_the_meeting():
    event, buyer, _buyer_user, exhibitor, _owner, _run = _scheduled()
    user = event.organisers.get()

    services.agenda_publish(user=user, event=event, context=context(user))

    meeting = Meeting.objects.get()
    with translation.override("en"):
        calendar = Calendar.from_ical(services.agenda_ics(buyer))
    items = list(calendar.walk("VEVENT"))
    assert meeting.status == Meeting.Status.CONFIRMED
    assert len(items) == 1
    assert str(items[0]["summary"]) == f"Meeting with {exhibitor.name}"
    assert items[0].decoded("dtstart") == event.slot_start(meeting.slot)


def test_table_check_in_marks_a_final_meeting_held_once():
    event, *_rest = _scheduled()
    user = event.organisers.get()
    meeting = Meeting.objects.get()
    with pytest.raises(Conflict):
        services.meeting_check_in(user=user, meeting=meeting, context=context(user))
    services.agenda_publish(user=user, event=event, context=context(user))
    meeting.refresh_from_db()

    services.meeting_check_in(user=user, meeting=meeting, context=context(user))

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    with pytest.raises(Conflict):
        services.meeting_check_in(user=user, meeting=meeting, context=context(user))


def test_a_participant_drops_a_meeting_and_the_other_side_is_told():
    event, _buyer, buyer_user, _exhibitor, owner, _run = _scheduled()
    meeting = Meeting.objects.get()

    services.meeting_cancel(user=buyer_user, meeting=meeting, context=context(buyer_user))

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert owner.notifications.filter(title__startswith="Cuộc gặp lúc").count() == 1


def test_organiser_cannot_move_a_meeting_to_a_slot_someone_cannot_make():
    event, *_rest = _scheduled()
    user = event.organisers.get()
    meeting = Meeting.objects.get()
    slot = meeting.slot

    with pytest.raises(Conflict):
        services.meeting_move(user=user, meeting=meeting, slot=0, context=context(user))

    meeting.refresh_from_db()
    assert meeting.slot == slot


def test_self_booking_refuses_a_double_booking():
    event = event_with_booths(booths=2, booking=Event.Booking.SELF, requests_need_acceptance=False)
    exhibitor, _owner = approved_exhibitor(event)
    second, _owner2 = approved_exhibitor(event, "Công ty Gốm Bát Tràng")
    registration, user = trade_buyer(event)
    buyer = registration.participant
    first_request = services.meeting_request_mark(
        user=user, requester=buyer, recipient=exhibitor.participant, preference="want"
    )
    second_request = services.meeting_request_mark(
        user=user, requester=buyer, recipient=second.participant, preference="want"
    )
    services.meeting_book(user=user, request=first_request, slot=1)

    with pytest.raises(Conflict) as refused:
        services.meeting_book(user=user, request=second_request, slot=1)

    assert refused.value.code == "double_booked"
    assert Meeting.objects.count() == 1


def test_outcomes_feed_the_event_figures():
    event, buyer, buyer_user, exhibitor, owner, _run = _scheduled()
    user = event.organisers.get()
    services.agenda_publish(user=user, event=event, context=context(user))
    meeting = Meeting.objects.get()
    Event.objects.filter(pk=event.pk).update(meeting_day=timezone.localdate() - timedelta(days=1))
    meeting.refresh_from_db()

    services.meeting_outcome_record(
        user=owner,
        meeting=meeting,
        participant=exhibitor,
        result="deal",
        deal_value_vnd=120_000_000,
    )
    services.meeting_outcome_record(
        user=buyer_user, meeting=meeting, participant=buyer, result="met"
    )

    figures = selectors.event_figures(event)
    assert figures["deal_value_vnd"] == 120_000_000
    assert figures["acceptance_percent"] == 100
    assert figures["no_shows"] == 0
