"""Issue 22, duty 4 in a real browser on the ASGI server: a shop goes live, pins a product, a viewer
buys it and comments, the authority stops the stream and every open viewer page shows it ended;
and a stream by an unverified shop is refused."""

import os
import socket
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from phohang.catalog.tests.factories import VariantFactory
from phohang.livestream.models import LiveOrder, LiveSession
from phohang.trade.tests.factories import PASSWORD, UserFactory, seller_with_owner

from .actions import authority_with_totp, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAYER = "https://www.youtube.com/embed/live_stream?channel=UCphohang"
TITLE = "Chè Tân Cương trực tiếp tối nay"
SHOTS = Path(os.environ.get("PHOHANG_SCREENSHOTS", "test-results/screenshots"))


@pytest.fixture
def asgi_server(administrative_units, settings):
    """uvicorn serving config/asgi.py (pages, static files and WebSockets) in this process."""
    import uvicorn
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    # pytest-django turns DEBUG off, and the start-up checks would then ask for production keys.
    settings.DEBUG = True
    from config.asgi import application

    settings.DEBUG = False

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(
            ASGIStaticFilesHandler(application),
            host="127.0.0.1",
            port=port,
            lifespan="off",
            log_level="warning",
            ws="websockets-sansio",
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def _page(browser, base_url: str, csp_problems: list, *, phone: bool = False) -> Page:
    viewport = {"width": 390, "height": 844} if phone else {"width": 1366, "height": 900}
    context = browser.new_context(
        base_url=base_url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport=viewport
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (event) => "
        "console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));"
    )
    page.on(
        "console",
        lambda message: "CSP violation" in message.text and csp_problems.append(message.text),
    )
    page.goto("/")
    return page


def _no_horizontal_overflow(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"livestream-{name}.png"), full_page=True)


def _schedule(page: Page, title: str) -> None:
    page.goto("/truc-tuyen/cua-hang/")
    page.get_by_label("Tiêu đề").fill(title)
    page.get_by_label("Bắt đầu lúc").fill("2030-06-01T20:00")
    page.get_by_label("Kết thúc lúc").fill("2030-06-01T21:30")
    page.get_by_label("Địa chỉ nhúng trình phát").fill(PLAYER)
    page.get_by_role("button", name="Lên lịch", exact=True).click()


def test_a_shop_goes_live_a_viewer_buys_and_comments_and_the_authority_stops_it(
    browser, asgi_server
):
    seller, owner = seller_with_owner()
    variant = VariantFactory(product__seller=seller, stock_on_hand=20, price_vnd=185_000)
    buyer = UserFactory(email="nguoixem@example.vn", full_name="Trần Thị Xem")
    officer = authority_with_totp(
        email="canbo.live@congthuong.gov.vn", password=PASSWORD, full_name="Cán bộ Sở"
    )
    csp: list[str] = []

    shop = _page(browser, asgi_server, csp)
    sign_in(shop, owner.email, PASSWORD)
    _schedule(shop, TITLE)
    expect(shop.get_by_role("heading", level=1)).to_have_text(TITLE)
    session = LiveSession.objects.get()
    shop.get_by_label("Cửa hàng đáp ứng điều kiện kinh doanh").check()
    shop.get_by_label("Đã có hồ sơ chất lượng").check()
    shop.get_by_label("Không cần xác nhận nội dung quảng cáo").check()
    shop.get_by_role("button", name="Xác nhận giấy tờ").click()
    shop.get_by_role("button", name="Bắt đầu phát").click()
    expect(shop.get_by_role("button", name="Kết thúc phiên")).to_be_visible()

    viewer = _page(browser, asgi_server, csp)
    sign_in(viewer, buyer.email, PASSWORD)
    viewer.goto(session.get_absolute_url())
    anonymous = _page(browser, asgi_server, csp, phone=True)
    anonymous.goto(session.get_absolute_url())
    for page in (viewer, anonymous):
        expect(page.locator("#live")).to_have_attribute("data-connected", "1")

    shop.get_by_label("Ghim sản phẩm").select_option(label=variant.product.title)
    shop.get_by_role("button", name="Ghim", exact=True).click()
    # The open viewer pages get the pin over the live connection, without reloading.
    for page in (viewer, anonymous):
        expect(page.locator("#live-pins")).to_contain_text(variant.product.title)
    _shot(viewer, "viewer-desktop")
    _shot(anonymous, "viewer-phone")
    _no_horizontal_overflow(anonymous)

    viewer.get_by_role("link", name="Mua ngay").click()
    viewer.get_by_label("Tên người nhận").fill("Trần Thị Xem")
    viewer.get_by_label("Số điện thoại người nhận").fill("0912345678")
    viewer.get_by_label("Số nhà, tên đường").fill("12 Hàng Bạc")
    viewer.get_by_label("Tỉnh / thành phố").select_option(value="01")
    expect(viewer.locator("#id_ward option")).not_to_have_count(1)
    viewer.locator("#id_ward").select_option(index=1)
    _shot(viewer, "buy")
    viewer.get_by_role("button", name="Đặt hàng").click()
    expect(viewer.locator(".messages")).to_contain_text("Đơn hàng đã được xác nhận")
    link = LiveOrder.objects.get()
    assert link.session == session and link.order.buyer == buyer

    viewer.goto(session.get_absolute_url())
    expect(viewer.locator("#live")).to_have_attribute("data-connected", "1")
    viewer.get_by_placeholder("Viết bình luận…").fill("Chè pha nước thứ hai còn thơm không shop?")
    viewer.get_by_role("button", name="Gửi").click()
    for page in (viewer, anonymous, shop):
        expect(page.locator("#live-comments")).to_contain_text(
            "Chè pha nước thứ hai còn thơm không shop?"
        )

    staff = _page(browser, asgi_server, csp)
    sign_in(staff, officer.user.email, PASSWORD, officer)
    staff.goto(session.get_absolute_url())
    staff.get_by_label("Lý do").fill("Quảng cáo sai công dụng")
    _shot(staff, "authority")
    staff.get_by_role("button", name="Dừng phiên").click()

    for page in (viewer, anonymous, shop):
        expect(page.locator("#live-ended")).to_be_visible()
        expect(page.locator("#live-ended")).to_contain_text("đã bị cơ quan quản lý dừng")
        expect(page.locator(".live-player iframe")).to_have_count(0)
        expect(page.locator(".live-head .live-status")).to_have_text("Bị cơ quan quản lý dừng")
    _shot(anonymous, "stopped-phone")
    _shot(viewer, "stopped-desktop")
    session.refresh_from_db()
    assert (session.status, session.stop_reason) == ("stopped", "Quảng cáo sai công dụng")
    assert csp == []


def test_a_stream_by_an_unverified_shop_is_refused(browser, asgi_server):
    seller, owner = seller_with_owner(is_verified=False)
    csp: list[str] = []
    page = _page(browser, asgi_server, csp, phone=True)
    sign_in(page, owner.email, PASSWORD)

    _schedule(page, "Phiên của shop chưa xác minh")

    expect(page.get_by_role("alert").first).to_contain_text(
        "Chỉ người bán đã được xác minh danh tính mới được bán hàng qua phát trực tiếp."
    )
    _shot(page, "unverified-phone")
    _no_horizontal_overflow(page)
    assert LiveSession.objects.count() == 0
