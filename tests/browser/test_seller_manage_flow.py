"""Issue 16 in a real browser: the seller's product form and shop dashboard after their helpers
were folded, on a laptop and on a phone: refusals keep the form and say why, saves land."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from playwright.sync_api import expect

from phohang.accounts.tests.factories import UserFactory
from phohang.catalog.models import Product
from phohang.catalog.tests.factories import ProductFactory, VariantFactory
from phohang.sellers.tests.factories import SellerFactory, SellerMemberFactory

from .actions import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SELLER_EMAIL = "lan.nguyen@example.vn"
SELLER_PASSWORD = "chè-tân-cương-thái-nguyên-2025"
SHOTS = Path(__file__).resolve().parent.parent.parent / "var" / "screenshots" / "seller_manage"
SIZES = {"laptop": (1366, 900), "phone": (390, 844)}


@pytest.fixture
def categories(transactional_db):
    """The seeded category tree; transactional tests flush what the data migration loaded."""
    seed = importlib.import_module("phohang.catalog.migrations.0002_seed_categories").seed
    seed(apps, None)


def _has_no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("size", SIZES)
def test_seller_product_form_and_dashboard_refuse_and_save(
    page, page_problems, administrative_units, categories, size
):
    owner = UserFactory(email=SELLER_EMAIL, password=SELLER_PASSWORD, full_name="Nguyễn Thị Lan")
    seller = SellerFactory(name="Hợp tác xã Chè Tân Cương", province_code="19")
    SellerMemberFactory(seller=seller, user=owner)
    product = ProductFactory(seller=seller, title="Chè búp Tân Cương")
    VariantFactory(product=product, name="Gói 200 g")
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    SHOTS.mkdir(parents=True, exist_ok=True)

    page.goto("/")
    sign_in(page, SELLER_EMAIL, SELLER_PASSWORD)

    # An empty new product is refused with the reasons on the form; nothing is stored.
    page.goto("/shop/products/new/")
    page.get_by_role("main").locator("form button[type=submit]").last.click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert Product.objects.filter(seller=seller).count() == 1
    assert _has_no_horizontal_overflow(page)
    page.screenshot(path=str(SHOTS / f"new_refused_{size}.png"), full_page=True)

    # The edit page saves a new title and says so.
    page.goto(f"/shop/products/{product.public_id}/")
    title = page.get_by_role("main").locator("input[name=title]")
    title.fill("Chè búp Tân Cương loại đặc biệt")
    title.evaluate("input => input.form.requestSubmit()")
    expect(page.get_by_text("Đã lưu thay đổi.")).to_be_visible()
    product.refresh_from_db()
    assert product.title == "Chè búp Tân Cương loại đặc biệt"
    assert _has_no_horizontal_overflow(page)
    page.screenshot(path=str(SHOTS / f"edit_saved_{size}.png"), full_page=True)

    # The dashboard refuses an invitation to a malformed address and keeps the members list.
    page.goto("/sellers/dashboard/")
    invite = page.get_by_role("main").locator("form[action='/sellers/dashboard/staff/invite/']")
    invite.locator("input[name=email]").fill("khong-phai-email")
    invite.locator("input[name=email]").evaluate(
        "input => { input.type = 'text'; input.form.noValidate = true; input.form.requestSubmit(); }"
    )
    expect(page.locator(".errorlist").first).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Nguyễn Thị Lan")
    assert _has_no_horizontal_overflow(page)
    page.screenshot(path=str(SHOTS / f"dashboard_refused_{size}.png"), full_page=True)
    # The refused forms answer 400 on purpose; nothing else may go wrong on the pages.
    assert [problem for problem in page_problems.all() if "status of 400" not in problem] == []
