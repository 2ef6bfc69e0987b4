"""Issue 5 in a real browser: a two-seller cart, VietQR and gateway checkouts, shipping, a return."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from phohang.accounts.models import User
from phohang.accounts.tests.factories import UserFactory
from phohang.catalog.models import ProductVariant
from phohang.geo.models import Ward
from phohang.logistics.models import ShippingRate
from phohang.orders.models import Order
from phohang.orders.tests.factories import ProductFactory, VariantFactory
from phohang.payments.models import LedgerEntry, Payment, Refund
from phohang.sellers.tests.factories import SellerFactory, SellerMemberFactory

from .actions import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "chè-tân-cương-thái-nguyên-2025"
BUYER_EMAIL = "lan.nguyen@example.vn"
TEA_OWNER_EMAIL = "chu.che@example.vn"
SESAME_OWNER_EMAIL = "chu.me@example.vn"
ADMIN_EMAIL = "ke.toan@phohang.vn"
HANOI, HUE = "01", "46"


@pytest.fixture
def shop(administrative_units):
    """Two sellers in two provinces, one product each, a buyer, and platform staff with TOTP."""
    tea_seller = SellerFactory(name="Hợp tác xã Chè Tân Cương", province_code=HANOI)
    sesame_seller = SellerFactory(name="Cơ sở Mè xửng Thiên Hương", province_code=HUE)
    SellerMemberFactory(
        seller=tea_seller, user=UserFactory(email=TEA_OWNER_EMAIL, password=PASSWORD)
    )
    SellerMemberFactory(
        seller=sesame_seller, user=UserFactory(email=SESAME_OWNER_EMAIL, password=PASSWORD)
    )
    tea = VariantFactory(
        product=ProductFactory(seller=tea_seller, title="Chè búp Tân Cương"),
        name="Túi 500 g",
        price_vnd=120_000,
        weight_grams=500,
        stock_on_hand=10,
    )
    sesame = VariantFactory(
        product=ProductFactory(seller=sesame_seller, title="Mè xửng Huế", origin_province_id=HUE),
        name="Hộp 250 g",
        price_vnd=45_000,
        weight_grams=250,
        stock_on_hand=10,
    )
    # Huế → Hà Nội parcels up to 2 kg cost 25.000 ₫; Hà Nội → Hà Nội falls back to the default.
    ShippingRate.objects.create(
        origin_province_id=HUE, destination_province_id=HANOI, max_weight_grams=2000, fee_vnd=25_000
    )
    UserFactory(email=BUYER_EMAIL, password=PASSWORD, full_name="Nguyễn Thị Lan")
    admin = User.objects.create_user(
        email=ADMIN_EMAIL, password=PASSWORD, full_name="Kế toán", is_staff=True, is_superuser=True
    )
    device = TOTPDevice.objects.create(user=admin, name="Authenticator", confirmed=True)
    return {"tea": tea, "sesame": sesame, "admin_device": device}


def _add_to_cart(page: Page, variant: ProductVariant, quantity: int) -> None:
    page.goto(variant.product.get_absolute_url())
    page.get_by_label("Số lượng").fill(str(quantity))
    page.get_by_role("button", name="Thêm vào giỏ", exact=True).first.click()
    expect(page.get_by_role("status")).to_contain_text("Đã thêm vào giỏ hàng.")


def _check_out(page: Page, method_label: str) -> None:
    """Fill the delivery address in Hà Nội, choose `method_label`, place it."""
    ward = Ward.objects.filter(province_id=HANOI).order_by("code").first()
    page.get_by_role("link", name="Giỏ hàng").click()
    page.get_by_role("link", name="Thanh toán", exact=True).click()
    form = page.get_by_role("main")
    form.get_by_label("Số điện thoại người nhận").fill("0912 345 678")
    form.locator("input[name=street]").fill("12 phố Hàng Bạc")
    province = form.locator("select[name=province]")
    # The address book may already hold Hà Nội: choose it only when it is not chosen, as a person
    # would (choosing it again reloads the ward list over HTMX and clears the chosen ward).
    if province.input_value() != HANOI:
        province.select_option(HANOI)
    # The ward list arrives over HTMX once a province is chosen.
    expect(form.locator(f"select[name=ward] option[value='{ward.code}']")).to_have_count(1)
    form.locator("select[name=ward]").select_option(ward.code)
    form.get_by_label(method_label).check()
    # Shipping and the expected date arrive over HTMX as soon as the ward is chosen; no extra
    # button to press before "Đặt hàng".
    expect(page.locator("#checkout-summary")).to_contain_text("Dự kiến giao")
    page.get_by_role("button", name="Đặt hàng").click()


def _ship(page: Page, order: Order, tracking: str) -> None:
    page.goto("/orders/shop/")
    page.get_by_role("link", name=order.number).click()
    page.get_by_role("button", name="Đánh dấu đã đóng gói").click()
    expect(page.get_by_role("status")).to_contain_text("Đã cập nhật đơn hàng.")
    page.get_by_label("Đơn vị vận chuyển").fill("Viettel Post")
    page.get_by_label("Mã vận đơn").fill(tracking)
    page.get_by_role("button", name="Đánh dấu đã gửi hàng").click()
    expect(page.locator("h1 .status")).to_have_text("Đang giao")


def test_two_seller_cart_paid_by_vietqr_and_gateway_shipped_and_partly_refunded(
    page, page_problems, shop
):
    tea, sesame = shop["tea"], shop["sesame"]

    # An anonymous visitor fills a cart from two sellers, then signs in: the cart follows.
    page.goto("/")
    _add_to_cart(page, tea, 2)
    _add_to_cart(page, sesame, 1)
    expect(page.locator("#cart-link .badge")).to_have_text("3")
    sign_in(page, BUYER_EMAIL, PASSWORD)
    expect(page.locator("#cart-link .badge")).to_have_text("3")

    # Checkout 1: both sellers, by VietQR; one order per seller, one payment.
    _check_out(page, "Chuyển khoản ngân hàng (VietQR)")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thanh toán cho PH")
    expect(page.locator(".vietqr svg")).to_be_visible()
    memo = page.locator(".vietqr code").inner_text()
    first = Payment.objects.get(reference=memo)
    # 2 × 120.000 + 30.000 (default fee) and 45.000 + 25.000 (Huế → Hà Nội band).
    assert first.amount_vnd == 340_000
    expect(page.get_by_role("main")).to_contain_text("340.000 ₫")
    sign_out(page)

    # Platform staff import the bank statement: the transfer matches and the orders are paid.
    sign_in(page, ADMIN_EMAIL, PASSWORD, shop["admin_device"])
    page.goto("/payments/review/")
    statement = (
        "Mã giao dịch,Ngày,Số tiền,Nội dung\r\n"
        f"FT2611300001,30/11/2026,340000,NGUYEN THI LAN CK {memo} thanh toan\r\n"
    ).encode()
    page.locator("input[type=file]").set_input_files(
        {"name": "sao-ke.csv", "mimeType": "text/csv", "buffer": statement}
    )
    page.get_by_role("button", name="Nhập sao kê").click()
    # The import runs as a file job; its page reports the outcome.
    expect(page.get_by_role("heading", level=1)).to_contain_text("sao-ke.csv")
    expect(page.locator("#file-job-message")).to_contain_text(
        "Đã nhập: 1 khớp, 0 cần xem xét, 0 đã có."
    )
    first.refresh_from_db()
    assert first.status == "captured"
    vietqr_orders = list(Order.objects.filter(checkout=first.checkout).order_by("seller__name"))
    assert [order.status for order in vietqr_orders] == ["paid", "paid"]
    sign_out(page)

    # Checkout 2: the sesame seller only, through the sandbox gateway and back.
    _add_to_cart(page, sesame, 2)
    sign_in(page, BUYER_EMAIL, PASSWORD)
    _check_out(page, "Thẻ hoặc ví (VNPay)")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "VNPay sandbox (trang ngân hàng thử nghiệm)"
    )
    expect(page.get_by_role("main")).to_contain_text("115.000 ₫")
    page.get_by_role("button", name="Chấp thuận thanh toán").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kết quả thanh toán")
    expect(page.get_by_role("main")).to_contain_text("Đã thanh toán")
    gateway_order = Order.objects.get(checkout__payment_method="vnpay")
    assert gateway_order.status == "paid"
    sign_out(page)

    # Each seller packs and ships with a carrier and a tracking number.
    tea_order, sesame_order = vietqr_orders[1], vietqr_orders[0]
    assert tea_order.seller_id == tea.seller_id
    sign_in(page, TEA_OWNER_EMAIL, PASSWORD)
    _ship(page, tea_order, "VTP000111")
    sign_out(page)
    sign_in(page, SESAME_OWNER_EMAIL, PASSWORD)
    _ship(page, sesame_order, "VTP000222")
    _ship(page, gateway_order, "VTP000333")
    sign_out(page)

    # The buyer receives the gateway order and returns one of its two boxes.
    sign_in(page, BUYER_EMAIL, PASSWORD)
    page.goto(gateway_order.get_absolute_url())
    expect(page.get_by_role("main")).to_contain_text("Viettel Post VTP000333")
    page.get_by_role("button", name="Tôi đã nhận hàng").click()
    page.get_by_role("link", name="Yêu cầu trả hàng").click()
    page.get_by_label("Vì sao bạn trả hàng?").fill("Một hộp bị móp, bánh vỡ.")
    page.get_by_label("Mè xửng Huế").fill("1")
    page.get_by_role("button", name="Gửi yêu cầu trả hàng").click()
    expect(page.get_by_role("status")).to_contain_text("Yêu cầu trả hàng đã được gửi")
    sign_out(page)

    # The seller accepts and refunds that box through the gateway's refund API.
    sign_in(page, SESAME_OWNER_EMAIL, PASSWORD)
    page.goto(gateway_order.get_absolute_url())
    page.get_by_label("Chấp nhận trả hàng").check()
    page.get_by_role("button", name="Gửi quyết định").click()
    page.get_by_role("link", name="Hoàn tiền cho người mua").click()
    expect(page.get_by_label("Số tiền hoàn (₫)")).to_have_value("45000")
    page.get_by_role("main").get_by_role("button", name="Hoàn tiền").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi nhận hoàn tiền.")
    expect(page.locator("h1 .status")).to_have_text("Đã hoàn tiền")
    sign_out(page)

    refund = Refund.objects.get()
    assert (refund.order_id, refund.amount_vnd, refund.status) == (
        gateway_order.pk,
        45_000,
        "succeeded",
    )
    entries = LedgerEntry.objects.filter(order=gateway_order).order_by("id")
    assert [(e.kind, e.amount_vnd) for e in entries] == [("capture", 115_000), ("refund", 45_000)]
    shipped = {o.number: (o.status, o.carrier, o.tracking_number) for o in Order.objects.all()}
    assert shipped[tea_order.number] == ("shipped", "Viettel Post", "VTP000111")
    assert shipped[sesame_order.number] == ("shipped", "Viettel Post", "VTP000222")
    assert shipped[gateway_order.number] == ("refunded", "Viettel Post", "VTP000333")
    tea.refresh_from_db()
    sesame.refresh_from_db()
    # Shipped units left the shelf; the returned box came back.
    assert (tea.stock_on_hand, tea.stock_reserved) == (8, 0)
    assert (sesame.stock_on_hand, sesame.stock_reserved) == (8, 0)
    assert page_problems.all() == []
