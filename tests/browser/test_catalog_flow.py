"""Issue 3 in a real browser: import with bad rows, publish, find by province; suspend with a reason."""

import importlib

import pytest
from django.apps import apps
from playwright.sync_api import expect

from phohang.accounts.tests.factories import UserFactory
from phohang.catalog.models import Product
from phohang.catalog.tests.factories import ProductFactory, VariantFactory
from phohang.geo.models import Province
from phohang.sellers.tests.factories import SellerFactory, SellerMemberFactory

from .actions import authority_with_totp, sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SELLER_EMAIL = "hoa.tran@example.vn"
SELLER_PASSWORD = "nước-mắm-phú-quốc-thơm-2025"
AUTHORITY_EMAIL = "kiem.duyet@congthuong.hanoi.gov.vn"
AUTHORITY_PASSWORD = "sở-công-thương-hà-nội-2025"
HEADER = "Mã SKU,Tên sản phẩm,Phân loại,Danh mục,Tỉnh/thành xuất xứ,Đơn vị,Giá (đồng),Tồn kho"
# Rows 2-4 and 6 are valid; rows 5, 7 and 8 are not (negative price, unknown province,
# unknown category). Row numbers count the header as row 1, as a spreadsheet does.
IMPORT_ROWS = [
    'MAM-1,Mắm tôm chua Huế,Hũ 300 g,nuoc-mam-gia-vi,Huế,hộp,"85.000",20',
    "MAM-2,Mắm tôm chua Huế,Hũ 500 g,nuoc-mam-gia-vi,Huế,hộp,130000,12",
    "MECHAY-1,Mè xửng Huế,Hộp 250 g,banh-keo-mut,Huế,hộp,45000,40",
    "BAD-PRICE,Tôm chua Huế,Hũ 400 g,nuoc-mam-gia-vi,Huế,hộp,-90000,5",
    "NON-1,Nón lá Huế,Cái,may-tre-dan,Huế,cái,120000,8",
    "BAD-PROV,Kẹo cau,Gói,banh-keo-mut,Atlantis,gói,30000,5",
    "BAD-CAT,Trà cung đình,Hộp,khong-co-danh-muc,Huế,hộp,60000,5",
]


@pytest.fixture
def categories(transactional_db):
    """The seeded category tree; transactional tests flush what the data migration loaded."""
    seed = importlib.import_module("phohang.catalog.migrations.0002_seed_categories").seed
    seed(apps, None)


def _seller_owner():
    owner = UserFactory(email=SELLER_EMAIL, password=SELLER_PASSWORD, full_name="Trần Thị Hoa")
    seller = SellerFactory(name="Cơ sở Mắm Huế Bà Hoa", province_code="46")
    SellerMemberFactory(seller=seller, user=owner)
    return seller


def test_seller_imports_csv_publishes_and_buyer_finds_it_by_province(
    page, page_problems, administrative_units, categories
):
    seller = _seller_owner()
    data = ("\r\n".join([HEADER, *IMPORT_ROWS]) + "\r\n").encode("utf-8")

    page.goto("/")
    sign_in(page, SELLER_EMAIL, SELLER_PASSWORD)
    page.goto("/shop/products/import/")
    page.locator("input[type=file]").set_input_files(
        {"name": "hang-hue.csv", "mimeType": "text/csv", "buffer": data}
    )
    page.get_by_role("main").locator("button[type=submit]").click()
    problems = page.locator("#import-problems tbody tr")
    expect(problems).to_have_count(3)
    reported_rows = [row.locator("td").first.inner_text() for row in problems.all()]
    assert reported_rows == ["5", "7", "8"]
    expect(page.locator("#import-confirm")).to_be_visible()
    page.locator("#import-confirm").click()
    expect(page.locator("#import-result")).to_be_visible()
    assert Product.objects.filter(seller=seller).count() == 3
    product = Product.objects.get(seller=seller, title="Mè xửng Huế")
    assert product.status == "draft"

    page.goto(f"/shop/products/{product.public_id}/")
    page.get_by_role("main").locator(
        f"form[action='/shop/products/{product.public_id}/publish/'] button"
    ).click()
    # Once published, the edit page offers to hide the product instead.
    expect(
        page.get_by_role("main").locator(f"form[action='/shop/products/{product.public_id}/hide/']")
    ).to_have_count(1)
    product.refresh_from_db()
    assert product.status == "published"
    sign_out(page)

    province = Province.objects.get(pk=product.origin_province_id)
    page.goto(f"/dac-san/{province.slug}/")
    cards = page.locator(".product-card-title")
    expect(cards).to_have_text(["Mè xửng Huế"])
    cards.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mè xửng Huế")
    assert page_problems.all() == []


def test_authority_suspends_product_and_seller_sees_why(
    page, page_problems, administrative_units, categories
):
    seller = _seller_owner()
    product = ProductFactory(seller=seller, title="Mắm ruốc Huế đặc biệt")
    VariantFactory(product=product)
    device = authority_with_totp(
        email=AUTHORITY_EMAIL, password=AUTHORITY_PASSWORD, full_name="Trần Văn Kiểm"
    )
    reason = "Nhãn ghi sai nơi sản xuất; đề nghị bổ sung giấy chứng nhận xuất xứ."

    page.goto("/")
    sign_in(page, AUTHORITY_EMAIL, AUTHORITY_PASSWORD, device)
    page.goto(f"/authority/products/{product.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mắm ruốc Huế đặc biệt")
    page.locator(
        f"form[action='/authority/products/{product.public_id}/suspend/'] textarea[name=reason],"
        f"form[action='/authority/products/{product.public_id}/suspend/'] input[name=reason]"
    ).fill(reason)
    page.locator("#suspend-button").click()
    expect(page.get_by_role("main").locator(".status-suspended")).to_be_visible()
    sign_out(page)
    product.refresh_from_db()
    assert (product.status, product.suspension_reason) == ("suspended", reason)

    page.goto("/")
    sign_in(page, SELLER_EMAIL, SELLER_PASSWORD)
    page.goto(f"/shop/products/{product.public_id}/")
    expect(page.locator("#suspension-reason")).to_contain_text(reason)
    assert page_problems.all() == []
