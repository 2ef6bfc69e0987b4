"""Issue 19 in a real browser: an OCOP week from creation to a meeting held, and bad input refused."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from phohang.expo.models import Hall, Meeting, Registration, Venue
from phohang.trade.tests.factories import PASSWORD, UserFactory, seller_with_owner

from .actions import authority_with_totp, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ORGANISER_EMAIL = "hoicho@congthuong.hanoi.gov.vn"
EVENT_NAME = "Tuần hàng OCOP Hà Nội mùa xuân"


def _shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert fits, f"{name} overflows at {size}"
        page.screenshot(path=str(SHOTS / f"expo-flow-{name}-{size}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def _new_page(browser, live_server) -> Page:
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    page = context.new_page()
    page.goto("/")
    return page


def _create_event(page: Page) -> None:
    today = timezone.localdate()
    starts = today + timedelta(days=10)
    page.goto("/hoi-cho/to-chuc/tao-moi/")
    page.get_by_label("Tên tiếng Việt").fill(EVENT_NAME)
    page.get_by_label("Loại").select_option(label="Tuần hàng OCOP và đặc sản vùng miền")
    page.get_by_label("Ngày đầu").fill(starts.isoformat())
    page.get_by_label("Ngày cuối").fill((starts + timedelta(days=2)).isoformat())
    page.get_by_label("Địa điểm").select_option(label="Trung tâm Triển lãm Giảng Võ")
    page.get_by_label("Trung tâm Triển lãm Giảng Võ · Nhà A").check()
    page.get_by_label("Mở nhận đăng ký gian hàng").fill(today.isoformat())
    page.get_by_label("Hạn đăng ký gian hàng").fill(starts.isoformat())
    page.get_by_label("Mở đăng ký tham quan").fill(today.isoformat())
    page.get_by_label("Hạn đăng ký tham quan").fill(starts.isoformat())
    page.get_by_label("Ngày gặp gỡ giao thương B2B").fill((starts + timedelta(days=1)).isoformat())
    page.get_by_label("Số khung giờ gặp").fill("6")
    page.get_by_label("Số bàn gặp").fill("4")
    page.get_by_label("Số cuộc gặp tối đa mỗi người").fill("4")
    page.get_by_label("Yêu cầu gặp cần bên kia chấp nhận").uncheck()
    page.get_by_label("Công khai trang sự kiện ngay").check()
    page.get_by_role("button", name="Tạo sự kiện").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EVENT_NAME)


def _draw_booth(page: Page, code: str, column: int) -> None:
    form = page.locator("form.booth-form")
    form.get_by_label("Mã gian hàng").fill(code)
    form.get_by_label("Cột (tính từ 0)").fill(str(column))
    form.get_by_label("Hàng (tính từ 0)").fill("0")
    form.get_by_role("button", name="Thêm gian hàng").click()


def _apply(page: Page, email: str, document: bytes | None = None) -> None:
    sign_in(page, email, PASSWORD)
    page.get_by_role("link", name="Hội chợ, triển lãm").click()
    page.get_by_role("link", name=EVENT_NAME).click()
    page.get_by_role("link", name="Đăng ký gian hàng").click()
    if document:
        page.get_by_label("Tài liệu gửi ban tổ chức").set_input_files(
            {"name": "giay-chung-nhan-ocop.pdf", "mimeType": "application/pdf", "buffer": document}
        )
        _shoot(page, "apply")
    page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(page.get_by_role("status")).to_contain_text("Hồ sơ của bạn đã được gửi")
    sign_out(page)


def test_ocop_week_from_creation_to_a_meeting_held(browser, live_server, page, page_problems):
    venue = Venue.objects.create(
        name="Trung tâm Triển lãm Giảng Võ", address="148 Giảng Võ, Hà Nội", province_id="01"
    )
    Hall.objects.create(venue=venue, name="Nhà A", columns=8, rows=4)
    device = authority_with_totp(email=ORGANISER_EMAIL, password=PASSWORD, full_name="Đỗ Hải Yến")
    tea, tea_owner = seller_with_owner(name="Hợp tác xã Chè Tân Cương")
    _pottery, pottery_owner = seller_with_owner(name="Xưởng gốm Minh Đức")
    buyer = UserFactory(full_name="Nguyễn Thu Hà")
    stranger = UserFactory()

    # The organiser creates the OCOP week and draws booths; one outside the grid is refused.
    organiser = _new_page(browser, live_server)
    sign_in(organiser, ORGANISER_EMAIL, PASSWORD, device)
    _create_event(organiser)
    _draw_booth(organiser, "A-01", 0)
    _draw_booth(organiser, "A-02", 2)
    _draw_booth(organiser, "A-99", 8)
    expect(organiser.get_by_role("alert")).to_contain_text("nằm ngoài lưới")
    expect(organiser.locator("svg g.booth")).to_have_count(2)

    # Two sellers apply; the organiser approves both and they get different booths.
    page.goto("/")
    _apply(page, tea_owner.email, document=PDF)
    _apply(page, pottery_owner.email)
    organiser.reload()
    # The tea cooperative's certificate is there for the organiser to read before deciding.
    document = organiser.locator("table.applications").get_by_role("link", name="Tài liệu")
    expect(document).to_have_count(1)
    assert organiser.request.get(document.get_attribute("href")).body() == PDF
    _shoot(organiser, "manage")
    organiser.get_by_role("button", name="Duyệt").first.click()
    organiser.get_by_role("button", name="Duyệt").first.click()
    expect(organiser.locator("svg g.booth-taken")).to_have_count(2)

    # A trade buyer registers, gets a QR ticket and marks the tea cooperative must-meet.
    sign_in(page, buyer.email, PASSWORD)
    page.goto(f"/hoi-cho/{_slug()}/")
    page.get_by_role("link", name="Đăng ký tham quan").click()
    page.get_by_label("Người mua doanh nghiệp").check()
    page.get_by_label("Tổ chức").fill("Siêu thị BRG Mart")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.locator(".ticket-qr svg")).to_be_visible()
    token = page.locator(".ticket-code").inner_text()
    page.get_by_role("link", name="Gặp gỡ B2B").click()
    page.get_by_role("button", name="Nhất định phải gặp Hợp tác xã Chè Tân Cương").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu.")
    _shoot(page, "meetings")

    # The organiser runs the scheduler and publishes the final agenda.
    organiser.reload()
    organiser.get_by_role("button", name="Chạy xếp lịch").click()
    expect(organiser.locator(".schedule-run")).to_contain_text("Đã xếp 1 cuộc gặp")
    organiser.get_by_role("link", name="Quay lại sự kiện").click()
    organiser.get_by_role("button", name="Công bố lịch gặp chính thức").click()
    expect(organiser.get_by_role("status")).to_contain_text("Lịch gặp đã chính thức: 1 cuộc gặp")

    # Both sides see the meeting and download the ICS.
    page.reload()
    agenda = page.locator("table.agenda")
    expect(agenda).to_contain_text("Hợp tác xã Chè Tân Cương")
    with page.expect_download() as download:
        page.get_by_role("link", name="Thêm vào lịch của tôi (ICS)").click()
    assert b"BEGIN:VEVENT" in Path(download.value.path()).read_bytes()
    sign_out(page)
    sign_in(page, tea_owner.email, PASSWORD)
    page.goto(f"/hoi-cho/{_slug()}/gap-go/")
    expect(page.locator("table.agenda")).to_contain_text("Siêu thị BRG Mart")
    with page.expect_download() as download:
        page.get_by_role("link", name="Thêm vào lịch của tôi (ICS)").click()
    assert "Siêu thị BRG Mart" in Path(download.value.path()).read_text(encoding="utf-8")
    sign_out(page)

    # Someone else's agenda is not found.
    sign_in(page, stranger.email, PASSWORD)
    buyer_side = Registration.objects.get().participant
    response = page.goto(f"/hoi-cho/nguoi-gap/{buyer_side.public_id}/lich-hen/")
    assert response.status == 404
    assert "404" in page_problems.console_errors.pop()

    # The buyer checks in with the ticket; a second scan and a forged ticket are refused.
    organiser.goto(f"/hoi-cho/{_slug()}/check-in/")
    ticket = organiser.get_by_label("Mã vé")
    ticket.fill(token)
    ticket.press("Enter")
    expect(organiser.locator("#check-in-result")).to_contain_text("Chào mừng Nguyễn Thu Hà")
    expect(organiser.locator("#check-in-count")).to_have_text("1")
    ticket.fill(token)
    ticket.press("Enter")
    expect(organiser.locator("#check-in-result")).to_contain_text("đã vào lúc")
    ticket.fill(token[:-6] + "AAAAAA")
    ticket.press("Enter")
    expect(organiser.locator("#check-in-result")).to_contain_text("Vé này không hợp lệ")

    # At the table the meeting is marked held.
    organiser.goto(f"/hoi-cho/{_slug()}/quan-ly/")
    organiser.get_by_role("button", name="Ghi nhận đã gặp").click()
    expect(organiser.get_by_role("status")).to_contain_text("Cuộc gặp đã được ghi nhận là đã gặp")
    assert Meeting.objects.get().status == Meeting.Status.HELD
    assert Registration.objects.get().checked_in_at is not None
    assert page_problems.all() == []


def _slug() -> str:
    from phohang.expo.models import Event

    return Event.objects.get().slug
