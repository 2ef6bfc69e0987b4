"""A shopper's cart, checkout, order page and a message to the shop, at desktop and phone sizes.

Screenshots go to docs/screenshots/ (cart-*, checkout-*, order-*, messages-*).
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from phohang.accounts.tests.factories import UserFactory
from phohang.geo.models import Ward
from phohang.messaging.models import Message
from phohang.orders import services
from phohang.orders.models import Order
from phohang.orders.tests.factories import ProductFactory, VariantFactory
from phohang.sellers.tests.factories import SellerFactory, SellerMemberFactory

from .actions import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
PASSWORD = "gạo-st25-sóc-trăng-2025"
HANOI = "01"


@pytest.fixture
def cart_of_two_shops(administrative_units):
    tea_shop = SellerFactory(name="Hợp tác xã Chè Tân Cương Thái Nguyên", province_code="19")
    rice_shop = SellerFactory(name="Cơ sở Gạo ST25 Sóc Trăng", province_code="92")
    for shop in (tea_shop, rice_shop):
        SellerMemberFactory(seller=shop)
    tea = VariantFactory(
        product=ProductFactory(seller=tea_shop, title="Chè Tân Cương đặc biệt, hộp 200 g"),
        name="Hộp 200 g",
        price_vnd=185_000,
        weight_grams=250,
    )
    rice = VariantFactory(
        product=ProductFactory(seller=rice_shop, title="Gạo ST25 Sóc Trăng túi 5 kg", unit="bag"),
        name="Túi 5 kg",
        price_vnd=210_000,
        weight_grams=5_000,
    )
    buyer = UserFactory(
        email="lan.nguyen@example.vn",
        password=PASSWORD,
        full_name="Nguyễn Thị Lan",
        phone="0912345678",
    )
    cart = services.cart_get_or_create(user=buyer)
    services.cart_line_set(cart=cart, variant_id=tea.pk, quantity=2)
    services.cart_line_set(cart=cart, variant_id=rice.pk, quantity=1)
    return {"buyer": buyer, "tea": tea, "rice": rice}


def _fits_the_width(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        assert _fits_the_width(page), f"{name} overflows at {size}"
        page.screenshot(path=str(SHOTS / f"{name}-{size}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_cart_checkout_order_page_and_a_message_to_the_shop(page, page_problems, cart_of_two_shops):
    ward = Ward.objects.filter(province_id=HANOI).order_by("code").first()
    page.goto("/")
    sign_in(page, "lan.nguyen@example.vn", PASSWORD)

    # The cart: thumbnails, one block per shop, shipping once a ward is chosen.
    page.goto("/orders/cart/")
    expect(page.locator(".seller-group")).to_have_count(2)
    page.locator("#ship-province").select_option(HANOI)
    expect(page.locator(f"#ship-ward option[value='{ward.code}']")).to_have_count(1)
    page.locator("#ship-ward").select_option(ward.code)
    expect(page.locator("#cart-summary")).to_contain_text("Dự kiến giao")
    _shoot(page, "cart")

    # Checkout: phone prefilled from the profile, shipping shown at once, one click to order.
    page.get_by_role("link", name="Thanh toán", exact=True).click()
    form = page.locator("#checkout-form")
    expect(form.get_by_label("Số điện thoại người nhận")).to_have_value("0912345678")
    form.locator("input[name=street]").fill("12 phố Hàng Bạc")
    form.locator("select[name=province]").select_option(HANOI)
    expect(form.locator(f"select[name=ward] option[value='{ward.code}']")).to_have_count(1)
    form.locator("select[name=ward]").select_option(ward.code)
    expect(page.locator("#checkout-summary")).to_contain_text("Dự kiến giao")
    form.get_by_label("Lưu địa chỉ này vào sổ địa chỉ").check()
    _shoot(page, "checkout")
    page.get_by_role("button", name="Đặt hàng").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cảm ơn bạn đã đặt hàng")
    assert Order.objects.filter(buyer=cart_of_two_shops["buyer"]).count() == 2

    # The order page: a timeline with the steps ahead and an expected delivery date.
    order = Order.objects.filter(buyer=cart_of_two_shops["buyer"]).order_by("number").first()
    page.goto(order.get_absolute_url())
    expect(page.locator(".order-timeline .timeline-step")).to_have_count(5)
    expect(page.locator(".order-eta")).to_contain_text("Dự kiến giao")
    _shoot(page, "order")

    # A question to the shop about the product; the header counts nothing unread for the sender.
    product = cart_of_two_shops["tea"].product
    page.goto(f"/messages/start/?seller={product.seller.public_id}&product={product.public_id}")
    expect(page.get_by_role("main")).to_contain_text(product.title)
    page.get_by_label("Tin nhắn của bạn").fill("Chè này giao Hà Nội mấy ngày ạ? Mình lấy 5 hộp.")
    page.get_by_role("button", name="Gửi").click()
    expect(page.locator(".message-bubble.is-mine")).to_contain_text("Mình lấy 5 hộp")
    page.get_by_label("Tin nhắn của bạn").fill("Shop có xuất hóa đơn VAT không ạ?")
    page.get_by_role("button", name="Gửi").click()
    expect(page.locator(".message-bubble.is-mine")).to_have_count(2)
    assert Message.objects.count() == 2
    _shoot(page, "messages")

    assert page_problems.all() == []
