"""Done-when flow in Chromium: a hub manager plans tomorrow's 60 stops for four trucks (one heavy),
sees the heavy truck inside the ring only at night, moves a stop, plans again and works a run sheet."""

import re

import pytest
from django.test import Client
from django.utils import translation

from phohang.logistics.demo import HUB_MANAGER_EMAIL, load_logistics_demo
from phohang.logistics.models import Hub, PlanRun, Stop
from phohang.orders.models import Order

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu"]
NIGHT = re.compile(r"^(2[1-3]:\d\d|0[0-5]:\d\d \(hôm sau\))$")


@pytest.fixture(autouse=True)
def _allow_sync_orm_beside_playwright(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _signed_in_page(browser, live_server, user, viewport):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="vi-VN", viewport=viewport)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    return page, problems


def _route_rows(page, vehicle_name):
    section = page.locator(
        "section.route-table", has=page.get_by_role("heading", name=vehicle_name)
    )
    rows = []
    for row in section.locator("tbody tr").all():
        cells = [cell.inner_text().strip() for cell in row.locator("td").all()]
        rows.append({"name": cells[1], "start": cells[3], "in_zone": cells[4] == "có"})
    return rows


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_hub_manager_plans_moves_a_stop_replans_and_prints_a_run_sheet(live_server):
    from playwright.sync_api import expect, sync_playwright

    load_logistics_demo()
    hub = Hub.objects.get()
    manager = hub.managers.get(email=HUB_MANAGER_EMAIL)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page, problems = _signed_in_page(
            browser, live_server, manager, {"width": 1366, "height": 900}
        )
        page.goto(f"{live_server.url}/van-chuyen/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Chợ đầu mối Long Biên")
        expect(page.locator("#stops tbody tr")).to_have_count(60)
        page.get_by_label("Thời gian tìm tuyến (giây)").fill("3")
        page.get_by_role("button", name="Lập tuyến").click()

        expect(page.get_by_text("Đã lập tuyến xong.")).to_be_visible()
        expect(page.locator("figure.plan-map svg polyline")).to_have_count(4)
        heavy = _route_rows(page, "Hyundai Mighty EX8")
        in_zone = [row for row in heavy if row["in_zone"]]
        assert in_zone, "the heavy truck serves the night markets inside the ring"
        assert all(NIGHT.match(row["start"]) for row in in_zone), in_zone
        first_plan = PlanRun.objects.get()

        # Move a shop's delivery to the early afternoon.
        stop = Stop.objects.filter(name__startswith="Cửa hàng").order_by("id").first()
        page.get_by_role("link", name="Chợ đầu mối Long Biên").click()
        page.get_by_role("link", name=stop.name, exact=True).first.click()
        page.get_by_label("Từ").fill("13:00")
        page.get_by_label(re.compile(r"^Đến:?$")).fill("14:00")
        page.get_by_role("button", name="Lưu").click()
        expect(page.get_by_text("điểm giao đã thay đổi; hãy lập tuyến lại")).to_be_visible()
        page.get_by_role("link", name=re.compile("Đã lập xong")).click()
        expect(page.locator("#plan-stale")).to_be_visible()
        page.locator("#plan-stale").get_by_role("button", name="Lập tuyến lại").click()

        expect(page.get_by_text("Đã lập tuyến xong.")).to_be_visible()
        expect(page.locator("#plan-stale")).to_have_count(0)
        second_plan = PlanRun.objects.exclude(pk=first_plan.pk).get()
        visit = next(
            v
            for route in second_plan.result["routes"]
            for v in route["visits"]
            if v["stop"] == str(stop.public_id)
        )
        assert 13 * 3600 <= visit["start_s"] <= 14 * 3600

        # The heavy truck's run sheet: printable, a signature recorded at the first stop.
        page.locator("section.route-table", has_text="Hyundai Mighty EX8").get_by_role(
            "link", name="Phiếu chạy xe"
        ).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Hyundai Mighty EX8")
        expect(page.get_by_role("button", name="In")).to_be_visible()
        page.emulate_media(media="print")
        expect(page.locator(".proof-form").first).to_be_hidden()
        expect(page.locator(".signature-box").first).to_be_visible()
        page.emulate_media(media="screen")
        first = page.locator("li.run-stop").first
        canvas = first.locator("canvas")
        box = canvas.bounding_box()
        page.mouse.move(box["x"] + 20, box["y"] + 60)
        page.mouse.down()
        page.mouse.move(box["x"] + 120, box["y"] + 30, steps=8)
        page.mouse.move(box["x"] + 220, box["y"] + 80, steps=8)
        page.mouse.up()
        first.get_by_label("Người nhận").fill("Anh Tuấn")
        first.get_by_role("button", name="Ghi nhận").click()
        expect(page.get_by_role("status")).to_contain_text("Đã ghi nhận cho")
        expect(page.locator("li.run-stop").first).to_contain_text("Đã giao xong")

        phone, phone_problems = _signed_in_page(
            browser, live_server, manager, {"width": 390, "height": 844}
        )
        phone.goto(f"{live_server.url}{second_plan.get_absolute_url()}")
        expect(phone.locator("figure.plan-map svg").first).to_be_visible()
        width = phone.evaluate("document.documentElement.scrollWidth")
        browser.close()

    assert Stop.objects.filter(status=Stop.Status.DONE).count() == 1
    assert width <= 390
    assert problems == [] and phone_problems == []


def _post_webhook(live_server, carrier, headers, query, body):
    import urllib.parse
    import urllib.request

    url = f"{live_server.url}/api/v1/logistics/carriers/{carrier}/webhook"
    if query:
        url += "?" + urllib.parse.urlencode(query)
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json", **headers}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the live server
        return response.status


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_buyer_follows_a_parcel_to_delivered_through_carrier_webhooks(live_server):
    import datetime

    from playwright.sync_api import expect, sync_playwright

    from phohang.logistics.carriers import simulator

    from .test_shipments import packed_order, ship

    order, owner = packed_order()
    shipment = ship(order, owner, carrier="viettelpost")
    start = datetime.datetime.now(datetime.UTC)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page, problems = _signed_in_page(
            browser, live_server, order.buyer, {"width": 390, "height": 844}
        )
        page.goto(f"{live_server.url}/van-chuyen/kien-hang/")
        page.get_by_role("link", name=shipment.tracking_code).click()
        expect(page.locator("#shipment-status")).to_have_text("Đã tạo đơn")
        for minutes, status, label in [
            (5, "picked_up", "Đã lấy hàng"),
            (60, "in_transit", "Đang vận chuyển"),
            (120, "out_for_delivery", "Đang giao"),
            (150, "delivered", "Đã giao"),
        ]:
            headers, query, body = simulator.webhook(
                "viettelpost",
                tracking_code=shipment.tracking_code,
                status=status,
                at=start + datetime.timedelta(minutes=minutes),
                cod_vnd=order.total_vnd,
            )
            assert _post_webhook(live_server, "viettelpost", headers, query, body) == 200
            page.reload()
            expect(page.locator("#shipment-status")).to_have_text(label)
        expect(page.locator("#shipment-timeline li")).to_have_count(5)
        width = page.evaluate("document.documentElement.scrollWidth")
        # The carrier collected the cash: payments delivered the order, which the buyer sees.
        page.goto(f"{live_server.url}{order.get_absolute_url()}")
        with translation.override("vi"):
            delivered = str(Order.Status.DELIVERED.label)
        expect(page.get_by_role("main")).to_contain_text(delivered)
        order_page_width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > 391)
                .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
                .slice(0, 8)"""
        )
        browser.close()

    shipment.refresh_from_db()
    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED
    assert shipment.cod_collected_vnd == order.total_vnd
    assert width <= 390
    assert order_page_width <= 390, wide
    assert problems == []
