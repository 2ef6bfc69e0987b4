"""Issue 23 in a real browser: an investor's inquiry that the operator moves to a site visit, a
manufacturer finding an ISO 9001 plastic-injection supplier by typing "ep nhua", an official
seeing a late substation milestone, and every bad input the issue names refused with a message.

Screenshots go to var/screenshots/directory/ (PHOHANG_SCREENSHOTS overrides it)."""

import datetime
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from phohang.directory.models import Inquiry, Milestone, ParkChange
from phohang.directory.tests.factories import (
    MilestoneFactory,
    ParkFactory,
    ProjectFactory,
    VillageFactory,
    manufacturer,
)
from phohang.trade.tests.factories import PASSWORD, UserFactory

from .actions import authority_with_totp, sign_in, sign_out
from .test_vietnamese_walk import VISIBLE_TEXT_JS, english_words

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(
    os.environ.get(
        "PHOHANG_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var/screenshots/directory"
    )
)
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
OFFICIAL_EMAIL = "congnghiep@congthuong.hanoi.gov.vn"
# Units; "logistics", which Vietnamese law writes as it is (Luật Thương mại, "dịch vụ logistics");
# "nn" of the day hint nn/tt/nnnn (ngày/tháng/năm) of the shared day input.
ALLOWED = {"kV", "MVA", "logistics", "nn"}
FITS_JS = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def _check(page: Page, name: str, viewport: str = "desktop") -> None:
    """The page is Vietnamese, fits the width, and is kept as a screenshot."""
    english = [w for w in english_words(page.evaluate(VISIBLE_TEXT_JS)) if w not in ALLOWED]
    assert english == [], f"{name}: English words on a Vietnamese page: {english}"
    assert page.evaluate(FITS_JS), f"{name} overflows at {viewport}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{viewport}.png"), full_page=True)


def _new_page(browser, live_server, viewport: str = "desktop") -> Page:
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport=VIEWPORTS[viewport],
    )
    page = context.new_page()
    page.set_default_navigation_timeout(30_000)
    page.goto("/")
    return page


def _parks():
    operator = UserFactory(full_name="Lê Minh Tuấn")
    phu_nghia = ParkFactory(
        name="Khu công nghiệp Phú Nghĩa",
        slug="khu-cong-nghiep-phu-nghia",
        free_area_ha=Decimal("21.4"),
        total_area_ha=Decimal("170"),
        occupancy_percent=Decimal("87.4"),
        operator__name="Công ty CP Đầu tư Phát triển Phú Nghĩa",
        operator_members=[operator],
    )
    ParkFactory(name="Cụm công nghiệp Bát Tràng", free_area_ha=Decimal("1.6"))
    ParkFactory(name="Khu công nghiệp Hiệp Phước", province_id="79", free_area_ha=Decimal("220"))
    intruder = UserFactory(full_name="Trần Văn Bình")
    ParkFactory(
        name="Khu công nghiệp Quang Minh", free_area_ha=Decimal("3"), operator_members=[intruder]
    )
    return phu_nghia, operator, intruder


def test_investor_inquiry_becomes_a_lead_the_operator_moves_to_site_visit(
    browser, live_server, page, administrative_units
):
    park, operator, intruder = _parks()
    investor = UserFactory(full_name="Nguyễn Thị Mai Anh")

    # The investor filters Hà Nội parks with at least 5 ha free; a negative area is refused.
    page.goto("/")
    sign_in(page, investor.email, PASSWORD)
    page.goto("/cong-nghiep/khu-cong-nghiep/")
    page.get_by_label(re.compile("^Tỉnh")).select_option(label="Hà Nội")
    page.get_by_label("Đất trống từ (ha)").fill("-5")
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_role("alert")).to_contain_text("Con số này không được âm.")
    page.get_by_label("Đất trống từ (ha)").fill("5")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("#park-count")).to_have_text("Tìm thấy 1 khu, cụm công nghiệp")
    expect(page.locator(".park-list")).not_to_contain_text("Bát Tràng")
    expect(page.locator(".park-list")).not_to_contain_text("Hiệp Phước")
    _check(page, "parks-filtered")

    # The inquiry: a negative area needed is refused, then it goes through.
    page.get_by_role("link", name="Khu công nghiệp Phú Nghĩa").click()
    page.get_by_label("Doanh nghiệp").fill("Công ty TNHH Điện tử Hòa Bình")
    page.get_by_label("Người liên hệ").fill("Nguyễn Thị Mai Anh")
    page.get_by_label("Điện thoại").fill("0912 345 678")
    page.get_by_label("Ngành nghề").select_option(label="Điện tử")
    page.get_by_label("Diện tích cần thuê (ha)").fill("-2")
    page.get_by_role("button", name="Gửi yêu cầu").click()
    expect(page.get_by_role("alert")).to_contain_text("Diện tích cần thuê phải lớn hơn 0.")
    assert Inquiry.objects.count() == 0
    page.get_by_label("Diện tích cần thuê (ha)").fill("6")
    page.get_by_role("button", name="Gửi yêu cầu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gửi yêu cầu")
    _check(page, "park-inquiry-sent")
    sign_out(page)

    # The operator sees the lead and moves it on to a site visit.
    sign_in(page, operator.email, PASSWORD)
    page.goto("/cong-nghiep/van-hanh/")
    page.get_by_role("link", name="Công ty TNHH Điện tử Hòa Bình").click()
    page.get_by_role("button", name="Đã liên hệ").click()
    expect(page.get_by_role("status")).to_contain_text("Đã chuyển bước khách hàng.")
    page.get_by_role("button", name="Khảo sát thực địa").click()
    expect(page.locator("#lead-status")).to_have_text("Khảo sát thực địa")
    _check(page, "lead-site-visit")
    assert Inquiry.objects.get().status == Inquiry.Status.SITE_VISIT

    # Occupancy over 100 % is refused with a message and nothing is proposed.
    page.goto(f"/cong-nghiep/van-hanh/khu/{park.public_id}/")
    page.get_by_label("Tỷ lệ lấp đầy (%)").fill("120")
    page.locator("form", has=page.get_by_label("Tỷ lệ lấp đầy (%)")).get_by_role(
        "button", name="Gửi thẩm định"
    ).click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "Tỷ lệ lấp đầy là phần trăm từ 0 đến 100."
    )
    _check(page, "operator-occupancy-refused")
    sign_out(page)
    assert ParkChange.objects.count() == 0

    # Another operator cannot open (or change) this park: it is not found.
    sign_in(page, intruder.email, PASSWORD)
    response = page.goto(f"/cong-nghiep/van-hanh/khu/{park.public_id}/")
    assert response is not None and response.status == 404
    assert ParkChange.objects.count() == 0


def test_manufacturer_finds_an_iso_9001_plastic_injection_supplier_typing_ep_nhua(
    browser, live_server, page, administrative_units
):
    manufacturer(
        "Công ty TNHH Nhựa kỹ thuật Tân Phát",
        processes=["plastic_injection", "mould_making"],
        certifications=["iso9001", "iatf16949"],
        materials="Nhựa ABS, PC, POM",
    )
    manufacturer("Công ty TNHH Nhựa Gia dụng Hồng Hà", processes=["plastic_injection"])
    manufacturer(
        "Công ty CP Cơ khí Minh Khang", processes=["cnc_machining"], certifications=["iso9001"]
    )

    page.goto("/cong-nghiep/nha-san-xuat/")
    page.get_by_label("Bạn cần gia công gì?").fill("ep nhua")
    page.get_by_label("Chứng nhận").select_option(label="ISO 9001")
    page.get_by_role("button", name="Tìm kiếm").last.click()

    results = page.locator(".maker-list")
    expect(results).to_contain_text("Công ty TNHH Nhựa kỹ thuật Tân Phát")
    expect(results).to_contain_text("Ép nhựa")
    expect(results).not_to_contain_text("Hồng Hà")
    expect(results).not_to_contain_text("Minh Khang")
    _check(page, "capability-search")


def test_official_sees_the_late_substation_milestone_and_reversed_dates_are_refused(
    browser, live_server, page, administrative_units
):
    project = ProjectFactory(name="Trạm biến áp 220 kV Đông Anh")
    today = datetime.date.today()
    MilestoneFactory(
        project=project,
        name="Nghiệm thu, đóng điện",
        planned_start=today - datetime.timedelta(days=200),
        planned_end=today - datetime.timedelta(days=30),
    )
    device = authority_with_totp(
        email=OFFICIAL_EMAIL, password=PASSWORD, full_name="Phạm Thu Trang"
    )

    page.goto("/")
    sign_in(page, OFFICIAL_EMAIL, PASSWORD, device)
    page.goto("/cong-nghiep/")
    page.get_by_role("link", name="Mốc chậm tiến độ").click()
    table = page.locator("table")
    expect(table).to_contain_text("Trạm biến áp 220 kV Đông Anh")
    expect(table).to_contain_text("Nghiệm thu, đóng điện")
    _check(page, "late-milestones")

    page.get_by_role("link", name="Trạm biến áp 220 kV Đông Anh").click()
    expect(page.locator(".gantt svg .gantt-late")).to_have_count(1)
    form = page.locator("form", has=page.get_by_label("Bắt đầu theo kế hoạch"))
    form.get_by_label("Mốc tiến độ").fill("Đóng điện đợt 2")
    form.get_by_label("Bắt đầu theo kế hoạch").fill("01/05/2027")
    form.get_by_label("Hoàn thành theo kế hoạch").fill("01/04/2027")
    form.get_by_role("button", name="Thêm mốc").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "Mốc tiến độ không thể kết thúc trước khi bắt đầu."
    )
    _check(page, "milestone-refused")
    assert Milestone.objects.count() == 1


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_directory_pages_are_vietnamese_and_fit_the_screen(
    browser, live_server, viewport, administrative_units
):
    park, _operator, _intruder = _parks()
    VillageFactory(name="Làng gốm Bát Tràng", slug="lang-gom-bat-trang", crafts="Gốm sứ")
    VillageFactory(
        name="Làng lụa Vạn Phúc", crafts="Dệt lụa tơ tằm", latitude=20.978, longitude=105.774
    )
    manufacturer("Công ty TNHH Nhựa kỹ thuật Tân Phát", processes=["plastic_injection"])
    project = ProjectFactory(name="Trạm biến áp 110 kV Sóc Sơn 2")
    MilestoneFactory(project=project)
    page = _new_page(browser, live_server, viewport)

    for name, url in (
        ("home", "/cong-nghiep/"),
        ("parks", "/cong-nghiep/khu-cong-nghiep/"),
        ("park", park.get_absolute_url()),
        ("manufacturers", "/cong-nghiep/nha-san-xuat/?q=ep+nhua"),
        ("villages", "/cong-nghiep/lang-nghe/"),
        ("village", "/cong-nghiep/lang-nghe/lang-gom-bat-trang/"),
        ("projects", "/cong-nghiep/du-an/"),
        ("project", project.get_absolute_url()),
        ("key-products", "/cong-nghiep/san-pham-chu-luc/"),
    ):
        page.goto(url)
        _check(page, name, viewport)


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_manufacturer_keeps_its_capabilities_current_and_search_finds_them(
    browser, live_server, viewport, administrative_units
):
    owner = UserFactory(full_name="Vũ Thị Hồng Nhung")
    maker = manufacturer(
        "Công ty TNHH Nhựa kỹ thuật Tân Phát",
        processes=["plastic_injection"],
        certifications=["iso9001"],
        materials="Nhựa ABS",
    )
    maker.members.add(owner)
    page = _new_page(browser, live_server, viewport)
    sign_in(page, owner.email, PASSWORD)

    page.goto("/cong-nghiep/nha-san-xuat/cua-toi/")
    expect(page.get_by_role("heading", name="Cập nhật năng lực")).to_be_visible()
    page.get_by_label("Ép nhựa").uncheck()
    page.get_by_role("button", name="Lưu năng lực").click()
    expect(page.get_by_role("alert").first).to_contain_text("Chọn ít nhất một công nghệ gia công.")
    _check(page, "capabilities-refused", viewport)
    assert list(maker.processes.values_list("code", flat=True)) == ["plastic_injection"]

    page.get_by_label("Ép nhựa").check()
    page.get_by_label("Đúc áp lực").check()
    page.get_by_label("IATF 16949", exact=True).check()
    page.get_by_label("IATF 16949 có hiệu lực đến").fill("31/12/2028")
    page.get_by_label("Vật liệu").fill("Nhựa ABS, nhôm ADC12")
    _check(page, "capabilities-edit", viewport)
    page.get_by_role("button", name="Lưu năng lực").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu năng lực")
    expect(page.locator(".facts")).to_contain_text("Đúc áp lực")
    expect(page.locator(".facts")).to_contain_text("IATF 16949 (đến 12/2028)")

    page.goto("/cong-nghiep/nha-san-xuat/?q=duc+ap+luc&certification=iatf16949")
    expect(page.locator(".maker-list")).to_contain_text("Công ty TNHH Nhựa kỹ thuật Tân Phát")


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_village_board_links_a_shop_that_then_shows_on_the_village_page(
    browser, live_server, viewport, administrative_units
):
    from phohang.sellers.tests.factories import SellerFactory

    board_member = UserFactory(full_name="Nguyễn Văn Hưng")
    village = VillageFactory(name="Làng gốm Bát Tràng", slug="lang-gom-bat-trang", crafts="Gốm sứ")
    village.board.add(board_member)
    SellerFactory(name="Gốm Minh Hải Bát Tràng")
    SellerFactory(name="Gốm Đông Hải")
    page = _new_page(browser, live_server, viewport)
    sign_in(page, board_member.email, PASSWORD)

    page.goto("/cong-nghiep/lang-nghe/lang-gom-bat-trang/")
    page.get_by_role("link", name="Quản lý gian hàng của làng").click()
    page.get_by_label("Tên gian hàng").fill("Gốm")
    page.get_by_role("button", name="Tìm gian hàng").click()
    candidates = page.locator("#shop-candidates")
    expect(candidates.locator("li")).to_have_count(2)
    assert candidates.locator("li").first.inner_text().startswith("Gốm Đông Hải")
    _check(page, "village-shops-search", viewport)
    page.get_by_role("button", name="Liên kết Gốm Minh Hải Bát Tràng").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Gốm Minh Hải Bát Tràng đã hiển thị trên trang làng nghề."
    )
    _check(page, "village-shops-linked", viewport)
    assert list(village.sellers.values_list("name", flat=True)) == ["Gốm Minh Hải Bát Tràng"]

    page.goto("/cong-nghiep/lang-nghe/lang-gom-bat-trang/")
    expect(page.locator("main")).to_contain_text("Gốm Minh Hải Bát Tràng")
    page.goto("/cong-nghiep/lang-nghe/lang-gom-bat-trang/cua-hang/")
    page.get_by_role("button", name="Gỡ liên kết Gốm Minh Hải Bát Tràng").click()
    expect(page.get_by_role("status")).to_contain_text("không còn hiển thị")
    assert not village.sellers.exists()
