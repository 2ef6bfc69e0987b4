"""In Chromium: a signed-in buyer opens a product page, sees every carrier's quote to their
default ward, and the line follows the quantity they type (HTMX, no console error)."""

import pytest

from phohang.accounts.tests.factories import UserFactory
from phohang.orders import services as order_services
from phohang.orders.tests.factories import VariantFactory, ward

from .test_browser_logistics import CHROMIUM_ARGS, _signed_in_page

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(autouse=True)
def _allow_sync_orm_beside_playwright(monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_buyer_sees_carrier_quotes_follow_the_quantity(live_server, viewport):
    from playwright.sync_api import expect, sync_playwright

    variant = VariantFactory(product__unit="pack", weight_grams=1500, stock_on_hand=20)
    buyer = UserFactory()
    home = ward("01")
    order_services.saved_address_add(
        user=buyer, street="5 Hàng Bạc", ward=home, province=home.province,
        recipient_name="Lê Hoa", recipient_phone="0912345678", make_default=True,
    )  # fmt: skip

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page, problems = _signed_in_page(browser, live_server, buyer, VIEWPORTS[viewport])
        page.goto(live_server.url + variant.product.get_absolute_url())
        quotes = page.locator("#carrier-quotes")
        expect(quotes).to_contain_text("1 gói, 1,5 kg")
        quotes.locator("summary").click()
        for carrier in ("Giao Hàng Nhanh", "Giao Hàng Tiết Kiệm", "Viettel Post"):
            expect(quotes.get_by_role("row", name=carrier)).to_be_visible()

        page.locator("#add-quantity").fill("3")
        page.locator("#add-quantity").dispatch_event("change")

        expect(quotes).to_contain_text("3 gói, 4,5 kg")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        browser.close()

    assert width <= VIEWPORTS[viewport]["width"]
    assert problems == []
