"""Done-when journeys of issue 22 in Chromium, at 1366×900 and 390×844: an unverified seller
cannot publish, verifies through the e-ID flow and can; a listing with a banned word typed
without diacritics is held for review; a complaint the seller leaves unanswered escalates; the
authority downloads the monthly report; a buyer exports their data."""

import datetime
import json
import os
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from phohang.accounts.tests.factories import (
    AdminFactory,
    AuthorityFactory,
    UserFactory,
    login_verified,
)
from phohang.catalog.models import Product
from phohang.catalog.tests.factories import ProductFactory, VariantFactory, member_of
from phohang.compliance import services
from phohang.compliance.models import Complaint, DataRequest, RulesVersion, ScreeningRule
from phohang.core.audit import AuditContext
from phohang.orders.tests.factories import place
from phohang.payments.services import payment_capture, payment_start

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu"]
SHOTS = Path(os.environ.get("PHOHANG_SCREENSHOTS", "/tmp/phohang-compliance-shots"))
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
# Words that would betray an untranslated string on a Vietnamese page.
ENGLISH = re.compile(
    r"\b(Complaint|Seller|Listing|Takedown|Status|Download|Report|Identity|Verify|Submit|"
    r"Approve|Refuse|Deadline|Overdue|Your|the)\b"
)


@pytest.fixture(autouse=True)
def _allow_sync_orm_beside_playwright(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _page(browser, live_server, user, viewport, *, staff=False):
    client = Client()
    if staff:
        login_verified(client, user)
    else:
        client.force_login(user)
    context = browser.new_context(
        locale="vi-VN", viewport=viewport, base_url=live_server.url, accept_downloads=True
    )
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    return page, problems


def _check(page, name: str, problems: list[str]) -> None:
    """A screenshot to look at; no horizontal overflow, no English words, no console error."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name}: {overflow}px of horizontal overflow"
    text = page.locator("main").inner_text()
    assert not ENGLISH.findall(text), (
        f"{name}: English on a Vietnamese page: {ENGLISH.findall(text)}"
    )
    assert problems == [], problems


def _draft(seller, title):
    product = ProductFactory(
        seller=seller, title=title, status=Product.Status.DRAFT, published_at=None
    )
    VariantFactory(product=product)
    return product


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_unverified_seller_cannot_publish_then_verifies_with_eid_and_can(
    live_server, chromium, size
):
    from playwright.sync_api import expect

    product = ProductFactory(
        title="Chè búp Tân Cương hộp 200 g",
        status=Product.Status.DRAFT,
        published_at=None,
        seller__is_verified=False,
        seller__identity_level="none",
    )
    VariantFactory(product=product)
    page, problems = _page(chromium, live_server, member_of(product.seller), VIEWPORTS[size])

    page.goto(f"/shop/products/{product.public_id}/")
    page.get_by_role("button", name="Đăng bán", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("đã xác minh")
    page.goto("/tuan-thu/nguoi-ban/")
    expect(page.locator("#identity-badge")).to_have_text("Chưa định danh")
    _check(page, f"seller-unverified-{size}", problems)
    page.get_by_role("button", name="Định danh qua VNeID").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Định danh điện tử (mô phỏng)")
    _check(page, f"eid-simulator-{size}", problems)
    page.get_by_role("button", name="Xác nhận danh tính của tôi").click()
    expect(page.locator(".messages")).to_contain_text("Bạn đã được định danh")
    expect(page.locator("#identity-badge")).to_contain_text("Định danh điện tử mức 2")
    _check(page, f"seller-verified-{size}", problems)
    page.goto(f"/shop/products/{product.public_id}/")
    page.get_by_role("button", name="Đăng bán", exact=True).click()

    product.refresh_from_db()
    assert product.status == Product.Status.PUBLISHED


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_banned_word_without_diacritics_is_held_and_waits_in_the_queue(live_server, chromium, size):
    from playwright.sync_api import expect

    services.screening_rule_add(
        kind=ScreeningRule.Kind.BANNED,
        phrase="thuốc lá điện tử",
        category_id=None,
        note="Nghị quyết 173/2024/QH15",
        context=AuditContext(),
    )
    ProductFactory(title="Cà phê Buôn Ma Thuột rang mộc")
    product = _draft(ProductFactory().seller, "Thuoc la dien tu vi xoai")
    seller_page, problems = _page(chromium, live_server, member_of(product.seller), VIEWPORTS[size])

    seller_page.goto(f"/shop/products/{product.public_id}/")
    seller_page.get_by_role("button", name="Đăng bán", exact=True).click()
    expect(seller_page.locator(".messages")).to_contain_text("chờ sàn kiểm duyệt")
    _check(seller_page, f"listing-held-{size}", problems)

    officer = AuthorityFactory(is_city_authority=True)
    page, problems = _page(chromium, live_server, officer, VIEWPORTS[size], staff=True)
    page.goto("/tuan-thu/kiem-duyet/")
    item = page.locator(".cp-item", has_text="Thuoc la dien tu vi xoai")
    expect(item).to_contain_text("Hàng cấm kinh doanh")
    expect(item).to_contain_text("thuốc lá điện tử")
    _check(page, f"queue-{size}", problems)
    item.get_by_placeholder("Lý do gửi người bán").fill("Thuốc lá điện tử bị cấm kinh doanh")
    item.get_by_role("button", name="Từ chối và tạm ngừng").click()
    expect(page.locator(".messages")).to_contain_text("Đã từ chối")

    product.refresh_from_db()
    assert product.status == Product.Status.SUSPENDED


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_buyer_complains_seller_misses_the_deadline_and_it_escalates(live_server, chromium, size):
    from playwright.sync_api import expect

    buyer = UserFactory(full_name="Lê Thị Hoa")
    order = place(buyer, [(VariantFactory(stock_on_hand=4), 1)]).orders.get()
    page, problems = _page(chromium, live_server, buyer, VIEWPORTS[size])

    page.goto("/tuan-thu/khieu-nai-cua-toi/moi/")
    page.get_by_role("link", name=re.compile(f"Khiếu nại đơn {order.number}")).click()
    page.get_by_label("Sự việc").fill("Giao thiếu một gói chè so với đơn đặt.")
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.locator("#complaint-status")).to_have_text("Chờ người bán trả lời")
    _check(page, f"complaint-filed-{size}", problems)

    escalated = services.complaints_escalate_overdue(
        now=timezone.now() + datetime.timedelta(days=3, minutes=1)
    )
    assert escalated == 1
    page.reload()
    expect(page.locator("#complaint-status")).to_have_text("Sàn đang xử lý")

    officer = AuthorityFactory(is_city_authority=True)
    staff_page, problems = _page(chromium, live_server, officer, VIEWPORTS[size], staff=True)
    staff_page.goto("/tuan-thu/")
    expect(staff_page.locator("#counters")).to_contain_text("Khiếu nại chuyển lên sàn")
    _check(staff_page, f"dashboard-{size}", problems)
    staff_page.goto("/tuan-thu/khieu-nai/?status=escalated")
    expect(staff_page.locator("tr.cp-overdue")).to_have_count(1)
    _check(staff_page, f"complaints-escalated-{size}", problems)
    assert Complaint.objects.get().status == Complaint.Status.ESCALATED


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_authority_downloads_the_monthly_report(live_server, chromium):
    from playwright.sync_api import expect

    ProductFactory()
    officer = AuthorityFactory(is_city_authority=True)
    for size, viewport in VIEWPORTS.items():
        page, problems = _page(chromium, live_server, officer, viewport, staff=True)
        page.goto("/tuan-thu/bao-cao/")
        expect(page.locator("#report")).to_contain_text("Tin đăng mới trong kỳ")
        _check(page, f"report-{size}", problems)
        with page.expect_download() as download_info:
            page.locator("#download-xlsx").click()
        download = download_info.value
        assert download.suggested_filename.startswith("bao-cao-tuan-thu-")
        assert download.suggested_filename.endswith(".xlsx")
        assert Path(download.path()).read_bytes()[:2] == b"PK"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_buyer_exports_their_data(live_server, chromium, size):
    from playwright.sync_api import expect

    buyer = UserFactory(full_name="Trần Văn Minh", password="mat-khau-rat-dai-2026")
    page, problems = _page(chromium, live_server, buyer, VIEWPORTS[size])

    page.goto("/tuan-thu/du-lieu-ca-nhan/")
    expect(page.locator("#consents input[type=checkbox]:checked")).to_have_count(0)
    _check(page, f"privacy-{size}", problems)
    page.get_by_label("Mật khẩu của bạn, để xác nhận chính bạn").fill("mat-khau-rat-dai-2026")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Tải dữ liệu của tôi").click()
    data = json.loads(Path(download_info.value.path()).read_text())

    assert data["subject"]["full_name"] == "Trần Văn Minh"
    assert DataRequest.objects.get(requester=buyer).status == DataRequest.Status.DONE


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_refund_decided_on_a_complaint_shows_on_the_buyers_order(live_server, chromium, size):
    from playwright.sync_api import expect

    RulesVersion.objects.create(
        version="2026.1",
        title="Quy chế hoạt động sàn Phố Hàng",
        body="Điều 1. Phạm vi áp dụng.",
        effective_from=timezone.now() - datetime.timedelta(days=30),
    )
    buyer = UserFactory()
    variant = VariantFactory(price_vnd=120_000, stock_on_hand=5, product__title="Chè Tân Cương")
    checkout = place(buyer, [(variant, 1)], method="vnpay")
    payment_capture(
        payment_id=payment_start(checkout=checkout, method="vnpay").pk, provider_transaction="T1"
    )
    order = checkout.orders.get()
    complaint = services.complaint_file(
        complainant=buyer,
        target=Complaint.Target.ORDER,
        reference=str(order.public_id),
        body="Hộp chè bị ẩm, người bán không trả lời",
        evidence=None,
        context=AuditContext(actor=buyer),
    )
    Complaint.objects.filter(pk=complaint.pk).update(status=Complaint.Status.ESCALATED)

    staff, problems = _page(chromium, live_server, AdminFactory(), VIEWPORTS[size], staff=True)
    staff.goto(f"/tuan-thu/khieu-nai/{complaint.public_id}/")
    staff.get_by_label("Kết quả").select_option("refund")
    staff.locator("textarea[name=note]").last.fill("Hàng hỏng khi giao, hoàn một phần")
    staff.get_by_label("Số tiền hoàn (đồng)").fill("50000")
    staff.get_by_role("button", name="Giải quyết").click()
    expect(staff.locator("#complaint-refund")).to_contain_text("50.000")
    _check(staff, f"complaint-refund-staff-{size}", problems)

    page, problems = _page(chromium, live_server, buyer, VIEWPORTS[size])
    page.goto(order.get_absolute_url())
    expect(page.locator(".order-complaint-refund")).to_contain_text("50.000")
    expect(page.locator("#order-rules-link")).to_contain_text("2026.1")
    _check(page, f"order-refund-rules-{size}", problems)
    page.locator("#order-rules-link").click()
    expect(page.locator("#order-rules")).to_contain_text("2026.1")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_authority_overview_shows_the_compliance_counters(live_server, chromium, size):
    from playwright.sync_api import expect

    page, problems = _page(chromium, live_server, AuthorityFactory(), VIEWPORTS[size], staff=True)
    page.goto("/insights/")
    expect(page.locator("#insights-compliance")).to_contain_text("Yêu cầu gỡ bỏ quá hạn")
    _check(page, f"insights-compliance-{size}", problems)
