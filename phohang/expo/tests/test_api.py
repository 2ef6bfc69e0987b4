import pytest

from phohang.accounts.models import TokenScope
from phohang.accounts.services import api_token_create
from phohang.accounts.tests.factories import fresh_code
from phohang.expo import services
from phohang.expo.models import Event, Meeting, MeetingRequest

from .factories import (
    approved_exhibitor,
    event_data,
    event_with_booths,
    trade_buyer,
    venue_with_halls,
)
from .factories import organiser as organiser_factory

pytestmark = pytest.mark.django_db


def _auth(user) -> dict:
    code = fresh_code(user) if user.is_staff_like else ""
    _token, raw = api_token_create(
        user=user, name="test", scopes=[TokenScope.READ, TokenScope.TRADE], otp_code=code
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_published_events_are_listed_without_signing_in(client):
    event = event_with_booths()

    response = client.get("/api/v1/expo/events")

    assert response.status_code == 200
    assert [row["slug"] for row in response.json()] == [event.slug]


def test_an_organiser_creates_an_event_and_an_overlap_is_refused(client):
    user = organiser_factory()
    venue = venue_with_halls()
    body = {
        key: (value.isoformat() if hasattr(value, "isoformat") else value)
        for key, value in event_data(venue).__dict__.items()
    }

    headers = _auth(user)

    created = client.post("/api/v1/expo/events", body, content_type="application/json", **headers)
    clash = client.post("/api/v1/expo/events", body, content_type="application/json", **headers)

    assert created.status_code == 201
    assert clash.status_code == 409
    assert clash.json()["error"]["code"] == "hall_taken"
    assert Event.objects.count() == 1


def test_a_buyer_marks_must_meet_and_sees_the_scheduled_meeting(client):
    event = event_with_booths()
    exhibitor, owner = approved_exhibitor(event)
    registration, buyer = trade_buyer(event)
    participant = registration.participant
    staff = event.organisers.get()

    marked = client.post(
        f"/api/v1/expo/participants/{participant.public_id}/requests",
        {"counterpart_id": str(exhibitor.participant.public_id), "preference": "must"},
        content_type="application/json",
        **_auth(buyer),
    )
    meeting_request = MeetingRequest.objects.get()
    answered = client.post(
        f"/api/v1/expo/requests/{meeting_request.public_id}/answer",
        {"accept": True},
        content_type="application/json",
        **_auth(owner),
    )
    run = client.post(
        f"/api/v1/expo/events/{event.public_id}/schedule-runs",
        {"time_limit_s": 2},
        content_type="application/json",
        **_auth(staff),
    )
    agenda = client.get(f"/api/v1/expo/participants/{participant.public_id}/agenda", **_auth(buyer))

    assert (marked.status_code, marked.json()["priority"]) == (201, "must")
    assert answered.json()["status"] == "accepted"
    assert (run.status_code, run.json()["status"], run.json()["meetings_count"]) == (202, "done", 1)
    assert [row["exhibitor"] for row in agenda.json()] == [exhibitor.participant.name]
    assert Meeting.objects.count() == 1


def test_a_request_to_oneself_is_422_and_stores_nothing(client):
    event = event_with_booths()
    registration, buyer = trade_buyer(event)
    participant = registration.participant

    response = client.post(
        f"/api/v1/expo/participants/{participant.public_id}/requests",
        {"counterpart_id": str(participant.public_id), "preference": "must"},
        content_type="application/json",
        **_auth(buyer),
    )

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "request_to_self"
    assert MeetingRequest.objects.count() == 0


def test_check_in_by_api_refuses_a_second_scan(client):
    event = event_with_booths()
    registration, _buyer = trade_buyer(event)
    staff = event.organisers.get()
    headers = _auth(staff)
    body = {"token": services.ticket_token(registration)}
    url = f"/api/v1/expo/events/{event.public_id}/check-in"

    first = client.post(url, body, content_type="application/json", **headers)
    second = client.post(url, body, content_type="application/json", **headers)

    assert (first.status_code, first.json()["count"]) == (200, 1)
    assert (second.status_code, second.json()["error"]["code"]) == (409, "already_checked_in")


def test_the_organiser_moves_a_meeting_only_to_a_slot_both_can_make(client):
    from .factories import context

    event = event_with_booths()
    exhibitor, owner = approved_exhibitor(event)
    registration, buyer = trade_buyer(event)
    request = services.meeting_request_mark(
        user=buyer,
        requester=registration.participant,
        recipient=exhibitor.participant,
        preference="must",
    )
    services.meeting_request_answer(user=owner, request=request, accept=True)
    services.availability_set(
        user=buyer, participant=registration.participant, slots=[1, 3], max_meetings=2
    )
    staff = event.organisers.get()
    services.schedule_start(user=staff, event=event, time_limit_s=2, context=context(staff))
    meeting = Meeting.objects.get()
    other_slot = 3 if meeting.slot == 1 else 1
    headers = _auth(staff)
    url = f"/api/v1/expo/meetings/{meeting.public_id}/move"

    refused = client.post(url, {"slot": 0}, content_type="application/json", **headers)
    moved = client.post(url, {"slot": other_slot}, content_type="application/json", **headers)

    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "not_available")
    assert (moved.status_code, moved.json()["slot"]) == (200, other_slot)
    assert owner.notifications.filter(title__startswith="Một cuộc gặp được dời").count() == 1


def test_event_create_with_an_idempotency_key_is_done_once_and_replayed(client):
    user = organiser_factory()
    venue = venue_with_halls()
    body = {
        key: (value.isoformat() if hasattr(value, "isoformat") else value)
        for key, value in event_data(venue).__dict__.items()
    }
    headers = _auth(user) | {"HTTP_IDEMPOTENCY_KEY": "event-key-0001"}

    first = client.post("/api/v1/expo/events", body, content_type="application/json", **headers)
    retry = client.post("/api/v1/expo/events", body, content_type="application/json", **headers)
    other = client.post(
        "/api/v1/expo/events",
        body | {"name_vi": "Tuần hàng khác"},
        content_type="application/json",
        **headers,
    )

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.content == first.content and retry["Idempotent-Replayed"] == "true"
    assert first.json()["slug"] and first.json()["venue"] == venue.name
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert Event.objects.count() == 1


def test_a_keyed_refusal_is_replayed_and_stores_nothing(client):
    event = event_with_booths()
    registration, buyer = trade_buyer(event)
    participant = registration.participant
    headers = _auth(buyer) | {"HTTP_IDEMPOTENCY_KEY": "mark-key-0001"}
    url = f"/api/v1/expo/participants/{participant.public_id}/requests"
    body = {"counterpart_id": str(participant.public_id), "preference": "must"}

    first = client.post(url, body, content_type="application/json", **headers)
    retry = client.post(url, body, content_type="application/json", **headers)

    assert first.status_code == retry.status_code == 422
    assert retry.content == first.content
    assert MeetingRequest.objects.count() == 0
