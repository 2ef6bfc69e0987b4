import datetime

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image, ImageDraw

from phohang.logistics.carriers import simulator
from phohang.logistics.label import _barcode
from phohang.logistics.models import CarrierWebhook, Shipment
from phohang.orders.tests.factories import UserFactory

from .test_shipments import packed_order, ship

pytestmark = pytest.mark.django_db


def test_seller_books_a_packed_order_from_its_page(client):
    order, owner = packed_order()
    client.force_login(owner)
    url = reverse("logistics:shipment_create", args=[order.public_id])

    page = client.get(url)
    key = page.context["form"].initial["idempotency_key"]
    booked = client.post(url, {"carrier": "ghtk", "idempotency_key": key})
    again = client.post(url, {"carrier": "ghtk", "idempotency_key": key})

    shipment = Shipment.objects.get()
    assert page.status_code == 200 and "Giao Hàng Tiết Kiệm" in page.content.decode()
    assert booked.status_code == 302 and booked["Location"] == shipment.get_absolute_url()
    assert again.status_code == 404  # the order is shipped now: no longer waiting for a carrier
    assert Shipment.objects.count() == 1


def test_buyer_follows_the_parcel_and_others_cannot(client):
    order, owner = packed_order()
    shipment = ship(order, owner)
    headers, query, body = simulator.webhook(
        "ghn",
        tracking_code=shipment.tracking_code,
        status="out_for_delivery",
        at=datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC),
    )
    webhook = client.post(
        "/api/v1/logistics/carriers/ghn/webhook",
        body,
        content_type="application/json",
        headers=headers,
    )

    client.force_login(UserFactory())
    stranger = client.get(shipment.get_absolute_url())
    client.force_login(order.buyer)
    own = client.get(shipment.get_absolute_url())

    assert webhook.status_code == 200 and webhook.json()["outcome"] == "applied"
    assert stranger.status_code == 404
    assert own.status_code == 200
    assert "Đang giao" in own.content.decode()


def test_forged_webhook_gets_403_with_a_message_and_changes_nothing(client):
    order, owner = packed_order()
    shipment = ship(order, owner)
    headers, query, body = simulator.webhook(
        "ghn",
        tracking_code=shipment.tracking_code,
        status="delivered",
        at=datetime.datetime(2026, 3, 10, 9, 0, tzinfo=datetime.UTC),
    )

    response = client.post(
        "/api/v1/logistics/carriers/ghn/webhook",
        body,
        content_type="application/json",
        headers={"Token": "forged"},
    )

    shipment.refresh_from_db()
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "webhook_refused"
    assert shipment.status == "created"
    assert CarrierWebhook.objects.count() == 0


def test_label_is_a_pdf_for_the_sellers_team_only(client):
    order, owner = packed_order()
    shipment = ship(order, owner)
    url = reverse("logistics:shipment_label", args=[shipment.public_id])

    client.force_login(order.buyer)
    buyer = client.get(url)
    client.force_login(owner)
    seller = client.get(url)

    assert buyer.status_code == 404
    assert seller.status_code == 200 and seller.content.startswith(b"%PDF")


def test_label_barcode_reads_back_as_the_tracking_code():
    image = Image.new("RGB", (1240, 300), "white")

    _barcode(ImageDraw.Draw(image), "S1.A1.173734710", 50, 40, 220, 1140)

    found = zxingcpp.read_barcodes(image)
    assert [(r.format.name, r.text) for r in found] == [("Code128", "S1.A1.173734710")]
