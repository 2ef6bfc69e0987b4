"""Issue 7 in a real browser: the authority filters the dashboard to one province, downloads a
chart as XLSX, imports official figures with two bad rows; the public page hides small cells."""

import io
import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from phohang.insights.models import OfficialStatistic
from phohang.insights.tests.factories import SellerFactory, order_make, product_of
from phohang.orders.events import order_placed

from .actions import authority_with_totp, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AUTHORITY_EMAIL = "thong.ke@congthuong.hanoi.gov.vn"
AUTHORITY_PASSWORD = "sở-công-thương-hà-nội-2026"
# Rows 2 and 4 are good; row 3 has month 13 and row 5 an unknown indicator and a non-number.
STATISTICS_CSV = (
    "indicator,period,value,unit,source\n"
    'retail_sales,2026-01,"56.123,5",tỷ đồng,Cục Thống kê Hà Nội\n'
    "retail_sales,2026-13,1,tỷ đồng,Cục Thống kê Hà Nội\n"
    "Chỉ số sản xuất công nghiệp,2026-01,108.2,%,Cục Thống kê Hà Nội\n"
    "doanh thu ảo,2026-01,abc,%,x\n"
)


def _sales_in_two_provinces() -> None:
    """Three orders from Hanoi sellers (800.000 ₫) and one from Tuyên Quang (300.000 ₫)."""
    placed = timezone.now() - timedelta(days=3)
    for province, price, quantity in [("01", 200_000, 1), ("01", 150_000, 2), ("01", 300_000, 1)]:
        seller = SellerFactory(province_code=province)
        order = order_make(
            variants=[(product_of(seller, price=price), quantity)],
            buyer_province="79",
            created_at=placed,
        )
        order_placed.send(sender="orders", order_ids=[order.pk])
    tea = SellerFactory(province_code="08", name="HTX Chè Tân Trào")
    order = order_make(
        variants=[(product_of(tea, price=100_000), 3)], buyer_province="01", created_at=placed
    )
    order_placed.send(sender="orders", order_ids=[order.pk])


def _authority_signs_in(page: Page) -> None:
    device = authority_with_totp(
        email=AUTHORITY_EMAIL, password=AUTHORITY_PASSWORD, full_name="Nguyễn Thị Thống Kê"
    )
    page.goto("/")
    sign_in(page, AUTHORITY_EMAIL, AUTHORITY_PASSWORD, device)


def test_authority_filters_to_a_province_downloads_xlsx_and_imports_statistics(
    page, page_problems, administrative_units, tmp_path
):
    _sales_in_two_provinces()

    _authority_signs_in(page)
    page.goto("/insights/")
    headline = page.locator("#market-headline")  # the market figures, not the compliance counters
    expect(headline).to_contain_text("1.100.000 ₫")
    page.get_by_label("Tỉnh/thành của người bán").select_option(label="Tuyên Quang")
    page.get_by_role("button", name="Áp dụng").click()
    expect(page).to_have_url(re.compile(r"province=08"))
    expect(headline).to_contain_text("300.000 ₫")
    expect(headline).not_to_contain_text("1.100.000 ₫")

    chart = page.locator("section#seller_provinces")
    page.goto(page.url.replace("/insights/?", "/insights/sales/?"))
    expect(chart.get_by_role("table")).to_contain_text("Tuyên Quang")
    expect(chart.get_by_role("table")).not_to_contain_text("Hà Nội")
    with page.expect_download() as download_info:
        chart.get_by_role("link", name="XLSX").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    sheet = load_workbook(io.BytesIO(saved.read_bytes())).active
    assert list(sheet.iter_rows(values_only=True)) == [
        ("Tỉnh/thành phố", "GMV (₫)", "Đơn hàng", "Tỷ trọng GMV (%)"),
        ("Tuyên Quang", 300_000, 1, 100),
    ]

    page.goto("/insights/statistics/")
    page.get_by_label("Tệp số liệu thống kê chính thức (CSV hoặc XLSX)").set_input_files(
        files=[
            {
                "name": "so-lieu-thang-1.csv",
                "mimeType": "text/csv",
                "buffer": STATISTICS_CSV.encode("utf-8"),
            }
        ]
    )
    page.get_by_role("main").get_by_role("button", name="Nhập", exact=True).click()
    # The import runs as a file job; its page links back to the report.
    expect(page.get_by_role("heading", level=1)).to_contain_text("so-lieu-thang-1.csv")
    page.get_by_role("link", name="Quay lại").first.click()
    report = page.locator(".insights-report")
    expect(report).to_contain_text("Đã nhập 2 trên 4 dòng.")
    problems = report.get_by_role("table")
    expect(problems.locator("tbody tr")).to_have_count(2)
    expect(problems.locator("tbody tr th")).to_have_text(["3", "5"])
    assert sorted(OfficialStatistic.objects.values_list("indicator", "period")) == [
        ("industrial_production_index", "2026-01"),
        ("retail_sales", "2026-01"),
    ]
    assert page_problems.all() == []


def test_public_open_data_page_shows_no_cell_backed_by_fewer_than_five_sellers(
    page, page_problems, administrative_units
):
    year = timezone.localdate().year - 1
    placed = timezone.make_aware(datetime(year, 5, 10, 9))
    for province, sellers in [("01", 6), ("79", 5), ("08", 2)]:
        for _ in range(sellers):
            seller = SellerFactory(province_code=province)
            order = order_make(
                variants=[(product_of(seller, price=120_000), 1)],
                buyer_province="01",
                created_at=placed,
            )
            order_placed.send(sender="orders", order_ids=[order.pk])

    page.goto(f"/insights/open/?year={year}")

    provinces = page.get_by_role(
        "table", name=re.compile(rf"^Doanh số theo tỉnh.thành người bán, năm {year}")
    )
    expect(provinces.locator("tbody tr")).to_have_count(3)
    for row in provinces.locator("tbody tr").all():
        cells = row.locator("td")
        if cells.count() == 1:
            expect(cells).to_have_text("đã ẩn")
        else:
            assert int(cells.first.inner_text()) >= 5
    expect(provinces.locator("tbody tr", has_text="Tuyên Quang")).to_contain_text("đã ẩn")
    expect(provinces.locator("tbody tr", has_text="Hà Nội")).to_contain_text("720.000 ₫")
    assert page_problems.all() == []
