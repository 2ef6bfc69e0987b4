"""Issue 20 in Chromium: city staff keep the shipping rate table, the cash-on-delivery fee and
Hanoi's truck rules on pages (refusals change nothing, changes are audited); a hub manager
imports the day's packed orders as stops. Screenshots at 1366×900 and 390×844."""

from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from phohang.accounts.models import User
from phohang.core.models import AuditRecord
from phohang.logistics.models import CodFee, ShippingRate, Stop, TruckClassRule, TruckZone

from .actions import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "chè-tân-cương-thái-nguyên-2025"
HANOI, HUE = "01", "46"
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


def _shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert fits, f"{name} overflows at {size}"
        page.screenshot(path=str(SHOTS / f"logistics-{name}-{size}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


@pytest.fixture
def officer(administrative_units):
    user = User.objects.create_user(
        email="van.tai@congthuong.hanoi.gov.vn",
        password=PASSWORD,
        full_name="Trần Văn Tải",
        is_authority=True,
        # The platform-wide tables are a city-level duty (SEC-04).
        is_city_authority=True,
    )
    return user, TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=True)


def test_authority_keeps_the_rate_table_the_cod_fee_and_the_truck_rules(
    page, page_problems, officer
):
    user, device = officer
    TruckZone.objects.all().delete()
    zone = TruckZone.objects.create(
        name="Vành đai 3,5",
        legal_basis="Quyết định 01/2026/QĐ-UBND",
        polygon=[[21.113, 105.742], [21.139, 105.825], [20.965, 105.925], [20.935, 105.775]],
    )
    TruckClassRule.objects.create(
        zone=zone, name="Từ 2 tấn", min_gross_kg=2000, allowed_windows=[["21:00", "06:00"]]
    )
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/")
    sign_in(page, user.email, PASSWORD, device)

    page.goto("/van-chuyen/bang-gia/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bảng phí vận chuyển")
    form = page.locator("#band-form")
    form.get_by_label("Từ tỉnh/thành (người bán)").select_option(HUE)
    form.get_by_label("Đến tỉnh/thành (người mua)").select_option(HANOI)
    form.get_by_label("Khối lượng tối đa (g)").fill("2000")
    form.get_by_label("Phí (₫)").fill("-25000")
    form.get_by_role("button", name="Thêm bậc").click()
    expect(page.locator("#band-form")).to_contain_text(
        "Phí phải là số đồng nguyên từ 0 đến 100.000.000."
    )
    assert not ShippingRate.objects.exists()

    page.locator("#band-form").get_by_label("Phí (₫)").fill("25000")
    page.locator("#band-form").get_by_role("button", name="Thêm bậc").click()
    expect(page.get_by_role("status")).to_contain_text("Đã thêm bậc phí vận chuyển.")
    expect(page.locator(".zone-bands tbody tr")).to_have_count(1)
    expect(page.locator(".zone-bands")).to_contain_text("25.000 ₫")

    # The same limit again would overlap the band just added.
    form = page.locator("#band-form")
    form.get_by_label("Từ tỉnh/thành (người bán)").select_option(HUE)
    form.get_by_label("Đến tỉnh/thành (người mua)").select_option(HANOI)
    form.get_by_label("Khối lượng tối đa (g)").fill("2000")
    form.get_by_label("Phí (₫)").fill("20000")
    form.get_by_role("button", name="Thêm bậc").click()
    expect(page.locator("#band-form")).to_contain_text("các bậc không được chồng lấn")

    # The cash-on-delivery fee: a percent with two decimals at most, then saved.
    page.goto("/van-chuyen/bang-gia/")
    cod = page.locator("#cod-form")
    cod.get_by_label("Phần trăm số tiền thu hộ").fill("1.234")
    cod.get_by_label("Tối thiểu (₫)").fill("10000")
    cod.get_by_role("button", name="Lưu phí").click()
    expect(page.locator("#cod-form")).to_contain_text("Chỉ dùng tối đa hai chữ số thập phân.")
    assert not CodFee.objects.exists()
    page.locator("#cod-form").get_by_label("Phần trăm số tiền thu hộ").fill("1.5")
    page.locator("#cod-form").get_by_role("button", name="Lưu phí").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu phí thu hộ.")
    expect(page.locator("#cod-fees")).to_contain_text("10.000 ₫")
    _shoot(page, "rates")

    page.locator(".zone-bands").get_by_role("link", name="Sửa").click()
    page.get_by_label("Phí (₫)").fill("27000")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".zone-bands")).to_contain_text("27.000 ₫")
    page.locator(".zone-bands").get_by_role("button", name="Xóa").click()
    expect(page.get_by_role("status")).to_contain_text("Đã xóa bậc phí vận chuyển.")
    expect(page.locator(".zone-bands")).to_have_count(0)
    assert not ShippingRate.objects.exists()

    # Truck rules: a window that is not a time is refused; a later start for heavy trucks saved.
    page.get_by_role("link", name="Quy định xe tải").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quy định xe tải")
    page.get_by_role("row", name="Từ 2 tấn").get_by_role("link", name="Sửa").click()
    page.get_by_label("Giờ được vào vùng", exact=False).fill("ban đêm")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#staff-form")).to_contain_text("Viết khung giờ dạng")
    page.get_by_label("Giờ được vào vùng", exact=False).fill("22:00-05:00")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu quy định xe tải.")
    expect(page.get_by_role("row", name="Từ 2 tấn")).to_contain_text("22:00–05:00")
    _shoot(page, "truck-rules")

    actions = list(
        AuditRecord.objects.filter(action__startswith="logistics.")
        .order_by("id")
        .values_list("action", "actor_id")
    )
    assert actions == [
        ("logistics.shipping_rate.created", user.pk),
        ("logistics.cod_fee.set", user.pk),
        ("logistics.shipping_rate.updated", user.pk),
        ("logistics.shipping_rate.deleted", user.pk),
        ("logistics.truck_class.updated", user.pk),
    ]
    # Refused forms answer 400 on purpose, and Chromium logs every 4xx page load on the console.
    refused = [p for p in page_problems.all() if "status of 400 (Bad Request)" in p]
    assert len(refused) == 4
    assert [p for p in page_problems.all() if p not in refused] == []


def test_hub_manager_imports_the_days_packed_orders(page, page_problems, administrative_units):
    from phohang.logistics.tests.factories import HubFactory
    from phohang.logistics.tests.test_shipments import packed_order

    order, _owner = packed_order()
    manager = User.objects.create_user(
        email="dieuphoi@phohang.vn", password=PASSWORD, full_name="Điều phối viên"
    )
    hub = HubFactory(managers=[manager])
    hub.sellers.add(order.seller)
    page.goto("/")
    sign_in(page, manager.email, PASSWORD)

    page.goto(f"/van-chuyen/diem-tap-ket/{hub.public_id}/?date=2026-12-09")
    expect(page.locator("#stops")).to_contain_text("chưa có điểm giao nào")
    page.get_by_role("button", name="Nhập đơn đã đóng gói và đợt giao hợp đồng").click()
    expect(page.get_by_role("status")).to_contain_text("Đã thêm 1 điểm giao")
    expect(page.locator("#stops")).to_contain_text(order.number)
    page.get_by_role("button", name="Nhập đơn đã đóng gói và đợt giao hợp đồng").click()
    expect(page.get_by_role("status")).to_contain_text("Đã thêm 0 điểm giao, 1 điểm đã có")
    _shoot(page, "hub-import")

    assert Stop.objects.filter(hub=hub, order=order).count() == 1
    assert page_problems.all() == []
