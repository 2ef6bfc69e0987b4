"""Issue 2 in a real browser: register, sign in, switch language, apply, approve, verified badge."""

import io
import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image
from playwright.sync_api import Page, expect

from phohang.sellers.models import Seller, SellerApplication

from .actions import authority_with_totp, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

APPLICANT_EMAIL = "lan.nguyen@example.vn"
APPLICANT_NAME = "Nguyễn Thị Lan"
APPLICANT_PASSWORD = "chè-tân-cương-thơm-ngon-2025"
AUTHORITY_EMAIL = "kiem.duyet@congthuong.hanoi.gov.vn"
AUTHORITY_PASSWORD = "sở-công-thương-hà-nội-2025"
SHOP_NAME = "Hộ kinh doanh Chè Lan Tân Cương"
CITIZEN_ID = "001203004567"
REGISTRATION_NUMBER = "01A8012345"
PROVINCE_NAME = "Hà Nội"


def _png_document() -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (34, 120, 60)).save(buffer, format="PNG")
    return {"name": "giay-chung-nhan.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def _switch_language(page: Page, label: str, button: str) -> None:
    page.get_by_label("Language" if button == "Change" else "Ngôn ngữ").select_option(label=label)
    page.locator("form.language-switch").get_by_role("button", name=button).click()


def _register(page: Page) -> None:
    page.get_by_role("link", name="Đăng ký", exact=True).click()
    page.get_by_label("Họ và tên").fill(APPLICANT_NAME)
    page.get_by_label("Địa chỉ email").fill(APPLICANT_EMAIL)
    page.get_by_label(re.compile(r"^Mật khẩu")).fill(APPLICANT_PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(APPLICANT_PASSWORD)
    page.get_by_label("Tôi đồng ý với điều khoản sử dụng").check()
    page.get_by_role("main").get_by_role("button", name="Tạo tài khoản").click()


def _apply_as_household(page: Page) -> None:
    page.get_by_role("link", name="Bán hàng trên Phố Hàng").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký bán hàng trên Phố Hàng")
    page.get_by_label("Tôi bán hàng với tư cách").select_option(label="Hộ kinh doanh")
    page.get_by_label("Tên doanh nghiệp hoặc cửa hàng").fill(SHOP_NAME)
    page.get_by_label("Sản phẩm bạn sản xuất hoặc kinh doanh").fill("Chè búp Tân Cương sao tay.")
    page.get_by_label("Số đăng ký kinh doanh").fill(REGISTRATION_NUMBER)
    page.get_by_label("Số CCCD").fill(CITIZEN_ID)
    page.get_by_label("Người đại diện hoặc chủ hộ").fill(APPLICANT_NAME)
    page.get_by_label("Số điện thoại di động liên hệ").fill("0912 345 678")
    page.get_by_label("Số nhà, tên đường").fill("12 Hàng Đào")
    ward_select = page.get_by_label("Phường / xã")
    # Before a province is chosen the ward list holds only its placeholder.
    expect(ward_select.locator("option")).to_have_count(1)
    with page.expect_response(re.compile(r"/geo/wards/\?")):
        page.get_by_label("Tỉnh / thành phố").select_option(label=PROVINCE_NAME)
    expect(ward_select.locator("option", has_text="Phường Hoàn Kiếm")).to_have_count(1)
    ward_select.select_option(label="Phường Hoàn Kiếm")
    page.get_by_label("Tài liệu kèm theo").set_input_files([_png_document()])
    page.get_by_label("Tôi đồng ý để Phố Hàng và Sở Công Thương").check()
    page.get_by_role("button", name="Gửi hồ sơ").click()


def _approve_as_authority(page: Page, device: TOTPDevice) -> None:
    sign_in(page, AUTHORITY_EMAIL, AUTHORITY_PASSWORD, device)
    page.get_by_role("link", name="Cơ quan quản lý").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hồ sơ đăng ký bán hàng cần xét duyệt"
    )
    page.get_by_role("link", name=SHOP_NAME).click()
    expect(page.get_by_role("main")).to_contain_text(CITIZEN_ID)
    page.locator("select[name=decision]").select_option("approve")
    page.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(page.get_by_role("status")).to_contain_text(f"Đã phê duyệt: {SHOP_NAME}")


def test_household_seller_onboarding_end_to_end(page, page_problems, administrative_units):
    device = authority_with_totp(
        email=AUTHORITY_EMAIL, password=AUTHORITY_PASSWORD, full_name="Trần Văn Kiểm"
    )

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    _register(page)
    expect(page.get_by_role("status")).to_contain_text("Chào mừng bạn đến với Phố Hàng!")
    expect(page.get_by_role("navigation", name="Tài khoản")).to_contain_text(APPLICANT_NAME)
    sign_out(page)
    sign_in(page, APPLICANT_EMAIL, APPLICANT_PASSWORD)
    expect(page.get_by_role("navigation", name="Tài khoản")).to_contain_text(APPLICANT_NAME)

    _switch_language(page, "English", "Đổi")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("link", name="Sell on Phố Hàng").first).to_be_visible()
    _switch_language(page, "Tiếng Việt", "Change")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()

    _apply_as_household(page)
    expect(page.get_by_role("status")).to_contain_text("Hồ sơ của bạn đã được gửi.")
    expect(page.get_by_role("main")).to_contain_text("Đã nộp")
    application = SellerApplication.objects.get(name=SHOP_NAME)
    assert (application.seller_type, application.status) == ("household", "submitted")
    assert application.address.province.short_name == PROVINCE_NAME
    assert application.documents.count() == 1
    sign_out(page)

    _approve_as_authority(page, device)
    sign_out(page)

    seller = Seller.objects.get(name=SHOP_NAME)
    page.goto(f"/sellers/{seller.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(SHOP_NAME)
    expect(page.locator("#verified-badge")).to_have_text("✓ Đã được Sở Công Thương xác minh")
    assert page_problems.all() == []


def test_keyboard_reaches_skip_link_then_search_box(page, page_problems):
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Chuyển đến nội dung chính")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()

    page.goto("/")
    search_box = page.get_by_label("Tìm sản phẩm")
    for _ in range(5):
        page.keyboard.press("Tab")
        if search_box.evaluate("element => element === document.activeElement"):
            break
    expect(search_box).to_be_focused()
    assert page_problems.all() == []
