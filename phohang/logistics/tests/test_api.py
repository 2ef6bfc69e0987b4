import json

import pytest

from phohang.accounts.tests.factories import UserFactory
from phohang.logistics.models import PlanRun, Shipment, Stop

from .factories import RUN_DATE, HeavyTruckFactory, StopFactory, hub_with_manager, ward
from .test_shipments import packed_order

pytestmark = pytest.mark.django_db

STOP = {
    "date": RUN_DATE.isoformat(),
    "name": "Bếp ăn Trường Mầm non Hoa Sen",
    "street": "5 phố Cửa Bắc",
    "latitude": 21.041,
    "longitude": 105.843,
    "demand_kg": "35.5",
    "window_start": "22:00",
    "window_end": "04:00",
    "window_ends_next_day": True,
}


def post(client, url, body, key="key-0001-abcd"):
    return client.post(
        url, json.dumps(body), content_type="application/json", headers={"idempotency-key": key}
    )


def test_manager_adds_a_stop_once_per_key_and_others_get_404(client):
    hub, manager = hub_with_manager()
    url = f"/api/v1/logistics/hubs/{hub.public_id}/stops"

    client.force_login(UserFactory())
    stranger = post(client, url, STOP)
    client.force_login(manager)
    first = post(client, url, STOP)
    replay = post(client, url, STOP)

    assert stranger.status_code == 404
    assert first.status_code == 201
    assert replay.status_code == 201 and replay["Idempotent-Replayed"] == "true"
    assert first.json()["name"] == STOP["name"]
    assert Stop.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"latitude": None, "longitude": None}, "no_coordinates"),
        ({"window_ends_next_day": False}, "empty_time_window"),
    ],
)
def test_bad_stop_gets_a_clear_4xx_and_stores_nothing(client, change, code):
    hub, manager = hub_with_manager()
    client.force_login(manager)

    response = post(client, f"/api/v1/logistics/hubs/{hub.public_id}/stops", STOP | change)

    assert response.status_code == 422
    assert response.json()["error"]["code"] == code
    assert Stop.objects.count() == 0


def test_stop_from_ward_code_takes_the_wards_centre(client):
    hub, manager = hub_with_manager()
    client.force_login(manager)
    body = STOP | {"latitude": None, "longitude": None, "ward_code": ward().code}

    response = post(client, f"/api/v1/logistics/hubs/{hub.public_id}/stops", body)

    assert response.status_code == 201
    assert Stop.objects.get().latitude is not None


def test_plan_runs_and_reports_routes_and_unserved(client, django_capture_on_commit_callbacks):
    hub, manager = hub_with_manager()
    HeavyTruckFactory(hub=hub)
    StopFactory(hub=hub)  # a day window inside the ring: the heavy truck may not serve it
    client.force_login(manager)

    with django_capture_on_commit_callbacks(execute=True):
        started = post(
            client,
            f"/api/v1/logistics/hubs/{hub.public_id}/plans",
            {"date": RUN_DATE.isoformat(), "time_limit_s": 1},
        )
    plan = PlanRun.objects.get()
    fetched = client.get(f"/api/v1/logistics/plans/{plan.public_id}")

    assert started.status_code == 202
    body = fetched.json()
    assert body["status"] == "done"
    assert [item["reason"] for item in body["unserved"]] == ["truck_rule"]
    assert "Vành đai 3,5" in body["unserved"][0]["message"]


def test_seller_books_a_shipment_and_the_buyer_reads_it(client):
    order, owner = packed_order()
    client.force_login(owner)

    booked = post(
        client, f"/api/v1/logistics/orders/{order.public_id}/shipment", {"carrier": "ghn"}
    )
    client.force_login(order.buyer)
    shipment = Shipment.objects.get()
    read = client.get(f"/api/v1/logistics/shipments/{shipment.public_id}")

    assert booked.status_code == 201
    assert read.status_code == 200
    assert read.json()["tracking_code"] == shipment.tracking_code
    assert [event["status"] for event in read.json()["events"]] == ["created"]
