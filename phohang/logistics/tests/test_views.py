import base64
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from PIL import Image

from phohang.accounts.tests.factories import UserFactory
from phohang.core.models import AuditRecord
from phohang.logistics.models import PlanRun, ProofOfDelivery, Stop

from .factories import RUN_DATE, HeavyTruckFactory, StopFactory, VehicleFactory, hub_with_manager

pytestmark = pytest.mark.django_db


def _signature() -> str:
    image = Image.new("RGB", (40, 20), "white")
    output = io.BytesIO()
    image.save(output, "PNG")
    return "data:image/png;base64," + base64.b64encode(output.getvalue()).decode()


def test_hub_page_is_for_its_managers_only(client):
    hub, manager = hub_with_manager()
    StopFactory(hub=hub, name="Quán phở Lý Quốc Sư")
    url = f"{hub.get_absolute_url()}?date={RUN_DATE.isoformat()}"

    client.force_login(UserFactory())
    refused = client.get(url)
    client.force_login(manager)
    shown = client.get(url)

    assert refused.status_code == 404
    assert shown.status_code == 200
    assert "Quán phở Lý Quốc Sư" in shown.content.decode()
    assert "Tuyến giao" in shown.content.decode()


def test_plan_page_draws_routes_and_links_each_run_sheet(client, plan_now):
    hub, manager = hub_with_manager()
    truck = HeavyTruckFactory(hub=hub)
    StopFactory(
        hub=hub,
        name="Nhà hàng Sen Tây Hồ",
        window_start=datetime.time(22, 0),
        window_end=datetime.time(4, 0),
        window_ends_next_day=True,
    )
    plan = plan_now(hub, manager)
    client.force_login(manager)

    page = client.get(plan.get_absolute_url())
    sheet = client.get(reverse("logistics:run_sheet", args=[plan.public_id, truck.public_id]))

    body = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in body and "<polyline" in body
    assert reverse("logistics:run_sheet", args=[plan.public_id, truck.public_id]) in body
    assert sheet.status_code == 200
    assert "Nhà hàng Sen Tây Hồ" in sheet.content.decode()


def test_plan_with_more_demand_than_the_fleet_shows_the_reason_and_stores_nothing(client):
    hub, manager = hub_with_manager()
    VehicleFactory(hub=hub, capacity_kg=100)
    StopFactory(hub=hub, demand_kg=Decimal("250"))
    client.force_login(manager)

    response = client.post(
        reverse("logistics:plan_start", args=[hub.public_id]) + f"?date={RUN_DATE}",
        {"time_limit_s": 5},
    )

    assert response.status_code == 422
    assert "toàn bộ xe chỉ chở được 100 kg" in response.content.decode()
    assert PlanRun.objects.count() == 0


def test_stop_form_refuses_a_window_that_ends_before_it_starts(client):
    hub, manager = hub_with_manager()
    stop = StopFactory(hub=hub)
    client.force_login(manager)

    response = client.post(
        reverse("logistics:stop_edit", args=[stop.public_id]),
        {
            "name": stop.name,
            "kind": "delivery",
            "ward": stop.ward_id,
            "latitude": "21.03",
            "longitude": "105.85",
            "demand_kg": "30",
            "volume_m3": "0.2",
            "window_start": "15:00",
            "window_end": "09:00",
            "service_minutes": "5",
        },
    )

    stop.refresh_from_db()
    assert response.status_code == 422
    assert "Khung giờ kết thúc trước khi bắt đầu" in response.content.decode()
    assert stop.window_start == datetime.time(9, 30)


def test_driver_records_a_signed_delivery_kept_private(client):
    hub, manager = hub_with_manager()
    stop = StopFactory(hub=hub)
    client.force_login(manager)

    response = client.post(
        reverse("logistics:stop_proof", args=[stop.public_id]),
        {"outcome": "delivered", "received_by": "Chị Lan", "signature": _signature()},
    )
    client.force_login(UserFactory())
    stranger = client.get(reverse("logistics:proof_image", args=[stop.public_id]))
    client.force_login(manager)
    own = client.get(reverse("logistics:proof_image", args=[stop.public_id]))

    stop.refresh_from_db()
    assert response.status_code == 302
    assert stop.status == Stop.Status.DONE
    assert ProofOfDelivery.objects.get(stop=stop).received_by == "Chị Lan"
    assert stranger.status_code == 404
    assert own.status_code == 200 and own["Content-Type"] == "image/png"
    assert AuditRecord.objects.filter(action="logistics.stop.delivered").count() == 1


def test_delivery_without_signature_or_photo_is_refused(client):
    hub, manager = hub_with_manager()
    stop = StopFactory(hub=hub)
    client.force_login(manager)

    client.post(reverse("logistics:stop_proof", args=[stop.public_id]), {"outcome": "delivered"})

    stop.refresh_from_db()
    assert stop.status == Stop.Status.PENDING
    assert ProofOfDelivery.objects.count() == 0


def test_hub_page_links_the_next_days_that_have_stops(client):
    from django.utils import timezone

    hub, manager = hub_with_manager()
    later = timezone.localdate() + datetime.timedelta(days=3)
    StopFactory(hub=hub, run_date=later)
    StopFactory(hub=hub, run_date=RUN_DATE)  # long past: not offered
    client.force_login(manager)

    response = client.get(hub.get_absolute_url())

    body = response.content.decode()
    assert f'href="?date={later.isoformat()}"' in body
    assert f'href="?date={RUN_DATE.isoformat()}"' not in body
