import pytest
from django.urls import reverse

from phohang.accounts.tests.factories import login_verified
from phohang.expo import services
from phohang.expo.models import Event, Meeting, Registration

from .factories import (
    UserFactory,
    approved_exhibitor,
    context,
    event_with_booths,
    organiser,
    trade_buyer,
    venue_with_halls,
)

pytestmark = pytest.mark.django_db


def test_event_page_draws_the_floor_plan_with_taken_booths(client):
    event = event_with_booths(booths=2)
    exhibitor, _owner = approved_exhibitor(event)

    response = client.get(reverse("expo:event", kwargs={"slug": event.slug}))

    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('class="booth') == 2
    assert 'class="booth booth-taken" data-code="A-01"' in body
    assert exhibitor.seller.name in body


def test_an_unpublished_event_is_hidden_from_the_public(client):
    event = event_with_booths(is_published=False)

    response = client.get(reverse("expo:event", kwargs={"slug": event.slug}))

    assert response.status_code == 404


def test_someone_elses_agenda_answers_404(client):
    event = event_with_booths()
    registration, _user = trade_buyer(event)
    client.force_login(UserFactory())

    page = client.get(
        reverse("expo:agenda", kwargs={"public_id": registration.participant.public_id})
    )
    ics = client.get(
        reverse("expo:agenda_ics", kwargs={"public_id": registration.participant.public_id})
    )

    assert (page.status_code, ics.status_code) == (404, 404)


def test_manage_page_is_404_for_an_officer_of_another_province(client):
    event = event_with_booths()
    login_verified(client, UserFactory(is_authority=True, authority_province_id="79"))

    response = client.get(reverse("expo:manage", kwargs={"slug": event.slug}))

    assert response.status_code == 404


def test_check_in_scan_refuses_a_forged_ticket_and_a_second_scan(client):
    event = event_with_booths()
    registration, _user = trade_buyer(event)
    login_verified(client, event.organisers.get())
    url = reverse("expo:check_in_scan", kwargs={"slug": event.slug})
    token = services.ticket_token(registration)

    first = client.post(url, {"token": token})
    second = client.post(url, {"token": token})
    forged = client.post(url, {"token": registration.ticket_code + "-QQQQQQ"})

    assert (first.status_code, first.json()["count"]) == (200, 1)
    assert second.status_code == 409
    assert "đã vào lúc" in second.json()["message"]
    assert (forged.status_code, forged.json()["code"]) == (422, "ticket_forged")
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1


def test_check_in_page_allows_the_camera(client):
    event = event_with_booths()
    login_verified(client, event.organisers.get())

    response = client.get(reverse("expo:check_in", kwargs={"slug": event.slug}))

    assert response.status_code == 200
    assert response["Permissions-Policy"].startswith("camera=(self)")


def test_overlapping_event_form_says_the_hall_is_taken(client):
    user = organiser()
    venue = venue_with_halls()
    from .factories import event_data

    first = services.event_create(user=user, data=event_data(venue), context=context(user))
    login_verified(client, user)
    hall = venue.halls.get()

    response = client.post(
        reverse("expo:event_create"),
        {
            "name_vi": "Hội chợ trùng ngày",
            "kind": "trade_fair",
            "starts_on": first.starts_on.isoformat(),
            "ends_on": first.ends_on.isoformat(),
            "venue": venue.pk,
            "hall_ids": [hall.pk],
            "exhibitors_open_on": first.exhibitors_open_on.isoformat(),
            "exhibitors_close_on": first.exhibitors_close_on.isoformat(),
            "visitors_open_on": first.visitors_open_on.isoformat(),
            "visitors_close_on": first.visitors_close_on.isoformat(),
            "booth_fee_vnd": 0,
            "first_slot_at": "09:00",
            "slot_minutes": 20,
            "slot_count": 12,
            "tables": 20,
            "max_meetings": 8,
            "booking": "scheduler",
        },
    )

    assert response.status_code == 400
    assert "đã có sự kiện khác đặt" in response.content.decode()
    assert Event.objects.count() == 1


def test_booth_outside_the_grid_is_refused_on_the_page(client):
    event = event_with_booths(booths=0)
    login_verified(client, event.organisers.get())

    response = client.post(
        reverse("expo:booth_add", kwargs={"slug": event.slug}),
        {
            "hall": event.halls.get().pk,
            "code": "X-9",
            "column": 10,
            "row": 0,
            "width": 1,
            "depth": 1,
        },
    )

    assert response.status_code == 400
    assert "nằm ngoài lưới" in response.content.decode()
    assert event.booths.count() == 0


def test_a_request_to_oneself_on_the_page_is_refused(client):
    event = event_with_booths()
    registration, user = trade_buyer(event)
    client.force_login(user)
    participant = registration.participant

    response = client.post(
        reverse("expo:request_mark", kwargs={"public_id": participant.public_id}),
        {"counterpart": str(participant.public_id), "preference": "must"},
    )

    assert response.status_code == 422
    assert "không thể đề nghị gặp chính mình" in response.content.decode()


def test_agenda_ics_downloads_for_its_owner(client):
    event = event_with_booths()
    exhibitor, owner = approved_exhibitor(event)
    registration, user = trade_buyer(event)
    request = services.meeting_request_mark(
        user=user,
        requester=registration.participant,
        recipient=exhibitor.participant,
        preference="must",
    )
    services.meeting_request_answer(user=owner, request=request, accept=True)
    staff = event.organisers.get()
    services.schedule_start(user=staff, event=event, time_limit_s=2, context=context(staff))
    client.force_login(user)

    response = client.get(
        reverse("expo:agenda_ics", kwargs={"public_id": registration.participant.public_id})
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    assert b"BEGIN:VEVENT" in response.content
    assert Meeting.objects.count() == 1


def test_after_the_meeting_each_side_records_the_outcome_on_the_agenda(client):
    from datetime import timedelta

    from django.utils import timezone

    from phohang.expo.models import MeetingOutcome

    event = event_with_booths()
    exhibitor, owner = approved_exhibitor(event)
    registration, user = trade_buyer(event)
    request = services.meeting_request_mark(
        user=user,
        requester=registration.participant,
        recipient=exhibitor.participant,
        preference="must",
    )
    services.meeting_request_answer(user=owner, request=request, accept=True)
    staff = event.organisers.get()
    services.schedule_start(user=staff, event=event, time_limit_s=2, context=context(staff))
    services.agenda_publish(user=staff, event=event, context=context(staff))
    Event.objects.filter(pk=event.pk).update(meeting_day=timezone.localdate() - timedelta(days=1))
    meeting = Meeting.objects.get()
    client.force_login(owner)

    page = client.get(reverse("expo:meetings", kwargs={"slug": event.slug}))
    response = client.post(
        reverse("expo:meeting_outcome", kwargs={"public_id": meeting.public_id}),
        {"result": "deal", "deal_value_vnd": "85000000"},
    )

    assert reverse("expo:meeting_outcome", kwargs={"public_id": meeting.public_id}) in (
        page.content.decode()
    )
    assert response.status_code == 302
    outcome = MeetingOutcome.objects.get()
    assert (outcome.participant, outcome.result, outcome.deal_value_vnd) == (
        exhibitor.participant,
        "deal",
        85_000_000,
    )


def test_expire_command_closes_unanswered_requests():
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from phohang.expo.models import MeetingRequest

    event = event_with_booths()
    exhibitor, _owner = approved_exhibitor(event)
    registration, user = trade_buyer(event)
    services.meeting_request_mark(
        user=user,
        requester=registration.participant,
        recipient=exhibitor.participant,
        preference="want",
    )
    MeetingRequest.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    out = StringIO()

    call_command("expo_expire_requests", stdout=out)

    assert MeetingRequest.objects.get().status == MeetingRequest.Status.EXPIRED
    assert out.getvalue().startswith("1 ")


def test_the_organiser_hides_the_event_page_and_it_is_audited(client):
    from phohang.core.models import AuditRecord

    event = event_with_booths()
    login_verified(client, event.organisers.get())

    response = client.post(reverse("expo:event_publish", kwargs={"slug": event.slug}))

    event.refresh_from_db()
    assert response.status_code == 302
    assert event.is_published is False
    assert AuditRecord.objects.filter(action="expo.event.hidden").count() == 1
