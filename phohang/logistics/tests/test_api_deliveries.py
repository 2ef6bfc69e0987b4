"""Contract-delivery parcels over the API: the seller lists what to send, books it once per
Idempotency-Key, and both teams follow it; others get 404 and refusals change nothing."""

import json

import pytest

from phohang.logistics.models import Shipment
from phohang.trade.models import Delivery
from phohang.trade.tests import factories as trade_factories

from .test_api import post
from .test_imports_and_contracts import contract
from .test_shipments import packed_order

pytestmark = pytest.mark.django_db
API = "/api/v1/logistics"


def book_url(signed, sequence):
    return f"{API}/contracts/{signed.public_id}/deliveries/{sequence}/shipment"


def test_seller_lists_books_once_and_both_teams_track_the_delivery(client):
    signed, owner, member = contract()
    first = signed.deliveries.order_by("sequence").first()
    client.force_login(owner)

    listed = client.get(f"{API}/deliveries").json()["items"]
    booked = post(client, book_url(signed, first.sequence), {"carrier": "ghtk"}, key="hd-key-0001")
    replay = post(client, book_url(signed, first.sequence), {"carrier": "ghtk"}, key="hd-key-0001")
    after = client.get(f"{API}/deliveries").json()["items"]
    client.force_login(member)
    tracked = client.get(f"{API}/shipments/{booked.json()['id']}")
    of_contract = client.get(f"{API}/contracts/{signed.public_id}/shipments").json()["items"]
    deliveries_only = client.get(f"{API}/shipments", {"kind": "delivery"}).json()["items"]
    orders_only = client.get(f"{API}/shipments", {"kind": "order"}).json()["items"]

    assert listed[0]["contract"] == str(signed.public_id)
    assert listed[0]["sequence"] == first.sequence and listed[0]["weight_kg"] == 2000
    assert booked.status_code == 201, booked.content
    assert replay.status_code == 201 and replay["Idempotent-Replayed"] == "true"
    assert replay.json() == booked.json()
    assert Shipment.objects.count() == 1
    first.refresh_from_db()
    assert first.status == Delivery.Status.SHIPPED
    assert first.sequence not in [d["sequence"] for d in after]
    body = tracked.json()
    assert tracked.status_code == 200
    assert body["contract"] == str(signed.public_id) and body["delivery_sequence"] == 1
    assert body["order_number"] is None
    assert [event["status"] for event in body["events"]] == ["created"]
    assert [s["id"] for s in of_contract] == [body["id"]]
    assert [s["id"] for s in deliveries_only] == [body["id"]] and orders_only == []


def test_strangers_get_404_and_nothing_is_booked(client):
    signed, _owner, member = contract()
    client.force_login(trade_factories.UserFactory())

    stranger = post(client, book_url(signed, 1), {"carrier": "ghtk"})
    stranger_reads = client.get(f"{API}/contracts/{signed.public_id}/shipments").json()["items"]
    client.force_login(member)
    buyer_books = post(client, book_url(signed, 1), {"carrier": "ghtk"})

    assert stranger.status_code == buyer_books.status_code == 404
    assert stranger_reads == []
    assert not Shipment.objects.exists()


@pytest.mark.parametrize(
    ("body", "key", "status"),
    [
        ({"carrier": "dhl"}, "hd-key-0002", 422),
        ({}, "hd-key-0002", 422),
        ({"carrier": "ghn"}, "short", 422),
    ],
)
def test_bad_booking_gets_a_clear_4xx_and_changes_nothing(client, body, key, status):
    signed, owner, _member = contract()
    client.force_login(owner)

    response = post(client, book_url(signed, 1), body, key=key)

    assert response.status_code == status
    assert "error" in response.json() or "detail" in response.json()
    assert not Shipment.objects.exists()
    assert signed.deliveries.get(sequence=1).status == Delivery.Status.SCHEDULED


def test_a_second_key_for_a_shipped_delivery_is_a_conflict(client):
    signed, owner, _member = contract()
    client.force_login(owner)
    post(client, book_url(signed, 1), {"carrier": "ghn"}, key="hd-key-0003")

    again = post(client, book_url(signed, 1), {"carrier": "ghn"}, key="hd-key-0004")
    unknown = post(client, book_url(signed, 99), {"carrier": "ghn"}, key="hd-key-0005")

    assert again.status_code == 409
    assert again.json()["error"]["code"] == "not_scheduled"
    assert unknown.status_code == 404
    assert Shipment.objects.count() == 1


def test_an_order_booking_replayed_after_shipping_gets_its_first_answer(client):
    order, owner = packed_order()
    client.force_login(owner)
    url = f"{API}/orders/{order.public_id}/shipment"

    booked = post(client, url, {"carrier": "ghn"})
    replay = post(client, url, {"carrier": "ghn"})

    assert booked.status_code == replay.status_code == 201
    assert replay["Idempotent-Replayed"] == "true"
    assert Shipment.objects.count() == 1


def test_unknown_kind_is_refused(client):
    _order, owner = packed_order()
    client.force_login(owner)

    response = client.get(f"{API}/shipments", {"kind": "everything"})

    assert response.status_code in (400, 422)
    assert json.loads(response.content)["error"]["code"] == "kind"


def test_openapi_lists_the_delivery_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert f"{API}/deliveries" in paths
    assert "post" in paths[f"{API}/contracts/{{contract_id}}/deliveries/{{sequence}}/shipment"]
    assert f"{API}/contracts/{{contract_id}}/shipments" in paths
