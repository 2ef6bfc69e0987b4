"""Done-when flow in Chromium: a Hanoi supermarket's rice demand, a Điện Biên cooperative's quote,
acceptance, and the contract on both sides' pages."""

from datetime import timedelta

import pytest
from django.test import Client

from phohang.accounts.models import Notification
from phohang.trade import services
from phohang.trade.models import Demand, SupplyContract

from .factories import (
    CategoryFactory,
    offer_data,
    opt_in,
    organisation_with_member,
    seller_with_owner,
    today,
)

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]


@pytest.fixture(autouse=True)
def _allow_sync_orm_beside_playwright(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are still sync.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _signed_in_page(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="vi-VN")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context.new_page()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_supermarket_demand_cooperative_quote_and_contract(live_server):
    from playwright.sync_api import sync_playwright

    rice = CategoryFactory(name_vi="Gạo", name_en="Rice", slug="gao-trinh-duyet")
    organisation, buyer = organisation_with_member(name="Siêu thị Thủ Đô")
    cooperative, owner = seller_with_owner(name="Hợp tác xã Gạo Mường Thanh")
    opt_in(owner)
    services.offer_create(
        user=owner, seller=cooperative, data=offer_data(rice, title="Gạo tám Điện Biên VietGAP")
    )
    start = today() + timedelta(days=10)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        page = _signed_in_page(browser, live_server, buyer)
        page.goto(f"{live_server.url}/trade/demands/new/")
        page.fill("#id_title", "Gạo tám Điện Biên đạt VietGAP")
        page.select_option("#id_category", str(rice.pk))
        page.fill("#id_quantity", "2")
        page.select_option("#id_unit", "tonne")
        page.select_option("#id_frequency", "monthly")
        page.select_option("#id_delivery_province", "01")
        page.fill("#id_delivery_start", start.isoformat())
        page.fill("#id_delivery_end", (start + timedelta(days=90)).isoformat())
        page.check("input[name=certifications][value=vietgap]")
        page.fill("#id_closing_date", (today() + timedelta(days=7)).isoformat())
        page.click("form.stacked button[type=submit]")
        page.wait_for_url("**/trade/demands/*/")
        demand = Demand.objects.get()
        assert "Gạo tám Điện Biên VietGAP" in page.content()
        assert Notification.objects.filter(
            user=owner, link__contains=str(demand.public_id)
        ).exists()

        supplier_page = _signed_in_page(browser, live_server, owner)
        supplier_page.goto(f"{live_server.url}{demand.get_absolute_url()}")
        supplier_page.fill("#id_price_per_unit_vnd", "23.500.000")
        supplier_page.fill("#id_quantity", "2")
        supplier_page.fill("#id_delivery_start", start.isoformat())
        supplier_page.fill("#id_delivery_end", (start + timedelta(days=35)).isoformat())
        supplier_page.fill("#id_valid_until", (today() + timedelta(days=10)).isoformat())
        supplier_page.click("#quote button[type=submit]")
        supplier_page.wait_for_url("**/trade/quotes/*/")

        page.goto(f"{live_server.url}/trade/demands/{demand.public_id}/quotes/")
        page.click("table.compare form button.button-small")
        page.wait_for_url("**/trade/contracts/*/")
        contract = SupplyContract.objects.get()

        page.goto(f"{live_server.url}/trade/mine/")
        supplier_page.goto(f"{live_server.url}/trade/mine/")
        assert contract.get_absolute_url() in page.inner_html("#contracts")
        assert contract.get_absolute_url() in supplier_page.inner_html("#contracts")
        browser.close()
