"""What a person does in the browser again and again: signing in (with the second factor for
staff), signing out. Shared by the flows so a change to the sign-in page is fixed in one place."""

import re

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from phohang.accounts.models import User


def authority_with_totp(*, email: str, password: str, full_name: str) -> TOTPDevice:
    """A city-level authority officer with a confirmed authenticator, as the MFA policy requires.

    An officer of no province and not city-level sees nothing (SEC-04 fails closed).
    """
    officer = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name,
        is_authority=True,
        is_city_authority=True,
    )
    return TOTPDevice.objects.create(user=officer, name="Authenticator", confirmed=True)


def _click_in_header(page: Page, target) -> None:
    """On a phone the account links sit behind the menu button: open it when they are hidden."""
    toggle = page.locator(".menu-toggle")
    if not target.is_visible() and toggle.is_visible():
        toggle.click()
    if target.is_visible():
        target.click()
    else:  # a page whose menu stays closed (no script): follow the link as a keyboard user would
        target.evaluate("element => element.click()")


def sign_in(page: Page, identifier: str, password: str, device: TOTPDevice | None = None) -> None:
    """Sign in from the header link of the current page; `device` answers the second factor."""
    _click_in_header(
        page, page.get_by_role("link", name="Đăng nhập", exact=True, include_hidden=True)
    )
    page.get_by_label("Email hoặc số điện thoại di động").fill(identifier)
    page.get_by_label(re.compile(r"^Mật khẩu")).fill(password)
    page.get_by_role("main").get_by_role("button", name="Đăng nhập").click()
    if device is not None:
        expect(page.get_by_role("heading", level=1)).to_have_text("Xác nhận danh tính")
        page.get_by_label("Mã 6 chữ số từ ứng dụng xác thực").fill(f"{totp(device.bin_key):06d}")
        page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("button", name="Đăng xuất", include_hidden=True)).to_have_count(1)


def sign_out(page: Page) -> None:
    _click_in_header(page, page.get_by_role("button", name="Đăng xuất", include_hidden=True))
    expect(page.get_by_role("status")).to_contain_text("Bạn đã đăng xuất.")
