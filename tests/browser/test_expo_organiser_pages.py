"""Issue 19 in Chromium: an organiser keeps venues and halls, edits an event and its team;
bad input is refused with a message and changes nothing. Screenshots at 1366×900 and 390×844."""

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from phohang.core.audit import AuditContext
from phohang.expo import services
from phohang.expo.models import Event, Hall, Venue
from phohang.expo.tests.factories import event_data
from phohang.trade.tests.factories import PASSWORD, UserFactory

from .actions import authority_with_totp, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


def _shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert fits, f"{name} overflows at {size}"
        page.screenshot(path=str(SHOTS / f"expo-{name}-{size}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_organiser_keeps_venues_halls_the_event_and_its_team(
    page, page_problems, administrative_units
):
    device = authority_with_totp(
        email="to.chuc@congthuong.hanoi.gov.vn", password=PASSWORD, full_name="Đỗ Hải Yến"
    )
    organiser = device.user
    UserFactory(email="tiep.don@phohang.vn", full_name="Lê Tiếp Đón")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/")
    sign_in(page, organiser.email, PASSWORD, device)

    page.goto("/hoi-cho/to-chuc/")
    page.get_by_role("link", name="Địa điểm và nhà triển lãm").click()
    form = page.locator("#venue-form")
    form.get_by_label("Tên địa điểm").fill("Trung tâm Hội chợ Giảng Võ")
    form.get_by_label("Địa chỉ").fill("148 Giảng Võ, Ba Đình")
    form.get_by_label("Tỉnh/thành").select_option("01")
    form.get_by_role("button", name="Thêm địa điểm").click()
    expect(page.get_by_role("status")).to_contain_text("Đã thêm địa điểm")
    hall = page.locator("#hall-form")
    hall.get_by_label("Tên nhà triển lãm").fill("Nhà A1")
    hall.get_by_label("Số cột ô 3 m").fill("61")
    hall.get_by_label("Số hàng ô 3 m").fill("8")
    hall.get_by_role("button", name="Thêm nhà triển lãm").click()
    expect(page.locator("#hall-form")).to_contain_text("từ 1 đến 60 cột")
    assert not Hall.objects.exists()
    page.locator("#hall-form").get_by_label("Số cột ô 3 m").fill("12")
    page.locator("#hall-form").get_by_role("button", name="Thêm nhà triển lãm").click()
    expect(page.locator("#halls svg")).to_have_count(1)
    _shoot(page, "venue")

    venue = Venue.objects.get()
    event = services.event_create(
        user=organiser, data=event_data(venue), context=AuditContext(actor=organiser)
    )
    page.goto(f"/hoi-cho/{event.slug}/quan-ly/")
    page.get_by_role("link", name="Sửa sự kiện").click()
    edit = page.locator("#event-form")
    edit.get_by_label("Ngày cuối").fill((event.starts_on - timedelta(days=1)).isoformat())
    edit.get_by_role("button", name="Lưu sự kiện").click()
    expect(page.locator("#event-form")).to_contain_text("Ngày cuối phải bằng hoặc sau ngày đầu.")
    assert Event.objects.get().ends_on == event.ends_on
    page.locator("#event-form").get_by_label("Ngày cuối").fill(event.ends_on.isoformat())
    page.locator("#event-form").get_by_label("Phí gian hàng", exact=False).fill("5000000")
    page.locator("#event-form").get_by_role("button", name="Lưu sự kiện").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu sự kiện.")
    assert Event.objects.get().booth_fee_vnd == 5_000_000

    page.get_by_role("link", name="Ban tổ chức").click()
    team = page.locator("#team-form")
    team.get_by_label("Email của tài khoản cần thêm").fill("khong.co@phohang.vn")
    team.get_by_role("button", name="Thêm vào ban tổ chức").click()
    expect(page.locator("#team-form")).to_contain_text("Không có tài khoản đang hoạt động")
    page.locator("#team-form").get_by_label("Email của tài khoản cần thêm").fill(
        "tiep.don@phohang.vn"
    )
    page.locator("#team-form").get_by_role("button", name="Thêm vào ban tổ chức").click()
    expect(page.locator("#team")).to_contain_text("Lê Tiếp Đón")
    _shoot(page, "team")

    assert Event.objects.get().organisers.count() == 2
    refused = [p for p in page_problems.all() if "status of 400 (Bad Request)" in p]
    assert len(refused) == 3
    assert [p for p in page_problems.all() if p not in refused] == []
