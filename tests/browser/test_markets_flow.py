"""Issue 21 in a real browser: a lot of VietGAP lychee from Bắc Giang registered against a contract
delivery, its QR label printed and scanned by a visitor; a trader's price upload with one bad row;
an officer who sees the pork price spike and downloads the weekly report; bad input refused.
Every page is checked at 1366×900 and 390×844 for English words and horizontal overflow."""

import datetime
import io
import os
from decimal import Decimal
from pathlib import Path

import pytest
import zxingcpp
from django.utils import timezone
from openpyxl import load_workbook
from PIL import Image
from playwright.sync_api import Page, expect

from phohang.accounts.models import User
from phohang.markets.models import (
    Consignment,
    GoodsGroup,
    Market,
    PriceAlert,
    PriceProduct,
    PriceReport,
    Trader,
    Unit,
)
from phohang.markets.services import price_rollups_rebuild
from phohang.sellers.tests.factories import SellerFactory

from .actions import authority_with_totp, sign_in, sign_out
from .test_vietnamese_walk import VISIBLE_TEXT_JS, english_words

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(
    os.environ.get(
        "PHOHANG_MARKETS_SCREENSHOTS",
        Path(__file__).resolve().parents[2] / "test-results" / "markets",
    )
)
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
PASSWORD = "chợ-đầu-mối-long-biên-2026"
MANAGER_EMAIL = "banquanly@longbien.example.vn"
TRADER_EMAIL = "tieuthuong.a01@example.vn"
OFFICER_EMAIL = "giamsat.gia@congthuong.hanoi.gov.vn"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
OVERFLOW_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _ward(province: str, name: str):
    from phohang.geo.models import Ward

    return Ward.objects.filter(province_id=province, name=name).first()


@pytest.fixture
def scene(administrative_units):
    from phohang.markets.tests.factories import lychee_delivery

    manager = User.objects.create_user(
        email=MANAGER_EMAIL, password=PASSWORD, full_name="Nguyễn Văn Hùng"
    )
    trader_user = User.objects.create_user(
        email=TRADER_EMAIL, password=PASSWORD, full_name="Trần Thị Lan"
    )
    market = Market.objects.create(
        slug="long-bien",
        code="LB",
        name="Chợ đầu mối Long Biên",
        kind=Market.Kind.WHOLESALE_TYPE,
        street="Số 1 phố Phúc Xá",
        ward=_ward("01", "Phường Hồng Hà"),
        area_m2=30_000,
        opens_at=datetime.time(20),
        closes_at=datetime.time(8),
        goods_groups=[GoodsGroup.FRUIT, GoodsGroup.VEGETABLES, GoodsGroup.PORK],
    )
    market.managers.add(manager)
    Market.objects.create(
        slug="phia-nam",
        code="PN",
        name="Chợ đầu mối phía Nam",
        kind=Market.Kind.OFFICIAL,
        street="Đường Pháp Vân",
        ward=_ward("01", "Phường Yên Sở"),
        area_m2=64_000,
        opens_at=datetime.time(0),
        closes_at=datetime.time(0),
        goods_groups=[GoodsGroup.PORK],
    )
    trader = Trader.objects.create(
        market=market,
        stall="A01",
        name="Hộ kinh doanh hoa quả Trần Thị Lan",
        goods="vải thiều, thịt lợn",
        goods_group=GoodsGroup.FRUIT,
    )
    trader.users.add(trader_user)
    pork = PriceProduct.objects.create(
        slug="thit-lon-mong-san",
        name="Thịt lợn mông sấn",
        unit=Unit.KG,
        goods_group=GoodsGroup.PORK,
        is_essential=True,
    )
    PriceProduct.objects.create(
        slug="vai-thieu-luc-ngan", name="Vải thiều Lục Ngạn", unit=Unit.KG, goods_group="fruit"
    )
    today = timezone.localdate()
    PriceReport.objects.bulk_create(
        PriceReport(
            market=market,
            product=pork,
            day=today - datetime.timedelta(days=back),
            min_vnd=110_000,
            typical_vnd=115_000,
            max_vnd=120_000,
        )
        for back in range(1, 8)
    )
    price_rollups_rebuild(start=today - datetime.timedelta(days=8), end=today)
    seller = SellerFactory(name="Hợp tác xã Vải thiều Lục Ngạn", province_code="24")
    delivery = lychee_delivery(seller)
    device = authority_with_totp(email=OFFICER_EMAIL, password=PASSWORD, full_name="Phạm Thu Trang")
    return {"market": market, "delivery": delivery, "device": device}


def _check(page: Page, name: str, viewport: str, problems: list[str]) -> None:
    """No English words on a Vietnamese page, no sideways scrolling; a screenshot to look at."""
    page.wait_for_load_state("load")
    english = english_words(page.evaluate(VISIBLE_TEXT_JS))
    if english:
        problems.append(f"{viewport} {name}: English words {sorted(set(english))}")
    overflow = page.evaluate(OVERFLOW_JS)
    if overflow > 1:
        problems.append(f"{viewport} {name}: {overflow}px of horizontal overflow")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{viewport}.png"), full_page=True)


def _unexpected(page_problems) -> list[str]:
    """Page problems other than the 422 answers to the bad input this test sends on purpose."""
    return [
        problem
        for problem in page_problems.all()
        if "status of 422" not in problem
        or not any(path in problem for path in ("/lo-hang-moi/", "/bao-gia/"))
    ]


def _register_lychee(page: Page, delivery) -> str:
    page.goto("/cho-dau-moi/quan-ly/")
    page.get_by_role("link", name="Chợ đầu mối Long Biên").click()
    page.get_by_role("link", name="Ghi nhận lô hàng").click()
    page.get_by_label("Hàng hóa").fill("Vải thiều Lục Ngạn")
    page.get_by_label("Nhóm hàng").select_option(label="Trái cây")
    page.get_by_label("Số lượng").fill("2,5".replace(",", "."))
    page.get_by_label("Đơn vị").select_option(label="tấn")
    page.get_by_label("Hoặc gõ địa danh (cả tên cũ)").fill("Lục Ngạn, Bắc Giang")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page.get_by_label("Ngày thu hoạch hoặc sản xuất").fill(yesterday.isoformat())
    arrived = timezone.localtime() - datetime.timedelta(hours=2)
    page.get_by_label("Thời điểm về chợ").fill(arrived.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("VietGAP", exact=True).check()
    page.get_by_label("Đợt giao của hợp đồng").select_option(str(delivery.pk))
    page.get_by_label("Kết quả kiểm tra (PDF, JPEG hoặc PNG)").set_input_files(
        {"name": "ket-qua-test-nhanh.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Ghi nhận và cấp mã").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi nhận lô hàng, mã LB-")
    return Consignment.objects.get().code


def test_lychee_lot_from_contract_to_a_scanned_trace(page, page_problems, scene):
    problems: list[str] = []
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.goto("/cho-dau-moi/")
    sign_in(page, MANAGER_EMAIL, PASSWORD)

    # A harvest after the arrival is refused with a message and stores nothing.
    page.goto("/cho-dau-moi/quan-ly/cho/long-bien/lo-hang-moi/")
    page.get_by_label("Hàng hóa").fill("Vải thiều")
    page.get_by_label("Số lượng").fill("100")
    page.get_by_label("Tỉnh/thành xuất xứ").select_option(label="Bắc Ninh")
    page.get_by_label("Nhà sản xuất (hợp tác xã, trang trại hoặc doanh nghiệp)").fill(
        "Hợp tác xã Vải thiều Lục Ngạn"
    )
    page.get_by_label("Ngày thu hoạch hoặc sản xuất").fill(timezone.localdate().isoformat())
    two_days_ago = timezone.localtime() - datetime.timedelta(days=2)
    page.get_by_label("Thời điểm về chợ").fill(two_days_ago.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Ghi nhận và cấp mã").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "Ngày thu hoạch hoặc sản xuất không thể sau khi lô hàng về chợ."
    )
    assert Consignment.objects.count() == 0

    code = _register_lychee(page, scene["delivery"])
    lot = Consignment.objects.get()
    assert (lot.origin_province.name, lot.contract_delivery_id, lot.weight_kg) == (
        "Tỉnh Bắc Ninh",
        scene["delivery"].pk,
        Decimal("2500.0"),
    )
    assert lot.producer_name == "Hợp tác xã Vải thiều Lục Ngạn"
    scene["delivery"].refresh_from_db()  # the buyer's contract counts it as received
    assert scene["delivery"].status == "received"
    page.get_by_role("button", name="Đạt kiểm tra", exact=True).click()
    page.get_by_role("button", name="Đang bán").click()
    expect(page.get_by_role("status")).to_contain_text("Đã đổi trạng thái.")
    _check(page, "lo-hang", "desktop", problems)

    page.get_by_role("link", name="In tem QR").click()
    expect(page.locator(".label-code")).to_have_text(code)
    _check(page, "tem-qr", "desktop", problems)
    picture = Image.open(io.BytesIO(page.locator("#label svg").screenshot()))
    scanned = zxingcpp.read_barcodes(picture)
    assert len(scanned) == 1
    url = scanned[0].text
    assert url.endswith(f"/cho-dau-moi/truy-xuat/{code}/")
    sign_out(page)

    # A visitor scans the label.
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vải thiều Lục Ngạn")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Hợp tác xã Vải thiều Lục Ngạn")
    expect(main).to_contain_text("Tỉnh Bắc Ninh")
    expect(main).to_contain_text("VietGAP")
    expect(main).to_contain_text("Đang bán cho người mua")
    expect(main).not_to_contain_text("Nguyễn Văn Hùng")
    for name, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        page.reload()
        _check(page, "truy-xuat", name, problems)
    # The market's page: its traders read as cards on a phone.
    for name, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        page.goto("/cho-dau-moi/long-bien/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Long Biên")
        _check(page, "cho", name, problems)

    assert problems == [], problems
    assert _unexpected(page_problems) == []


def _csv(rows: list[str]) -> bytes:
    return "\n".join(["mặt hàng,thấp nhất,phổ biến,cao nhất", *rows]).encode()


def test_trader_upload_with_a_bad_row_and_the_officer_sees_the_spike(page, page_problems, scene):
    problems: list[str] = []
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.goto("/cho-dau-moi/")
    sign_in(page, TRADER_EMAIL, PASSWORD)

    # A price for another market is refused with a message naming the trader's own market.
    page.goto("/cho-dau-moi/bao-gia/")
    # A tampered form: the market list offers only the trader's own market.
    page.evaluate(
        """(value) => { const option = document.createElement('option');
        option.value = value; option.text = 'Chợ đầu mối phía Nam';
        document.querySelector('#id_market').append(option); }""",
        str(Market.objects.get(slug="phia-nam").pk),
    )
    page.get_by_label("Chợ").select_option(label="Chợ đầu mối phía Nam")
    page.get_by_label("Mặt hàng").select_option(label="Thịt lợn mông sấn")
    page.get_by_label("Thấp nhất (₫)").fill("110000")
    page.get_by_label("Phổ biến (₫)").fill("115000")
    page.get_by_label("Cao nhất (₫)").fill("120000")
    page.get_by_role("button", name="Lưu giá").click()
    expect(page.get_by_role("main")).to_contain_text(
        "Bạn chỉ được báo giá cho: Chợ đầu mối Long Biên."
    )
    # A negative price and a price for a future day are refused too.
    page.get_by_label("Chợ").select_option(label="Chợ đầu mối Long Biên")
    page.get_by_label("Thấp nhất (₫)").fill("-5000")
    page.get_by_role("button", name="Lưu giá").click()
    expect(page.get_by_role("main")).to_contain_text("Giá là số đồng nguyên, lớn hơn 0.")
    page.get_by_label("Thấp nhất (₫)").fill("110000")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.get_by_label("Ngày").fill(tomorrow.isoformat())
    page.get_by_role("button", name="Lưu giá").click()
    expect(page.get_by_role("main")).to_contain_text("không cho ngày tương lai")
    _check(page, "bao-gia-loi", "desktop", problems)
    assert PriceReport.objects.filter(day__gte=timezone.localdate()).count() == 0

    page.goto("/cho-dau-moi/bao-gia/tai-len/")
    page.get_by_label("Tệp CSV hoặc XLSX").set_input_files(
        {
            "name": "gia-hom-nay.csv",
            "mimeType": "text/csv",
            "buffer": _csv(
                [
                    "Thịt lợn mông sấn,135.000,140.000,145.000",
                    "Vải thiều Lục Ngạn,40.000,35.000,30.000",
                ]
            ),
        }
    )
    page.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_role("main")).to_contain_text("Đã lưu 1 trên 2 dòng, 1 dòng bị từ chối.")
    page.get_by_role("link", name="Quay lại", exact=True).click()
    expect(page.locator("#upload-result")).to_contain_text(
        "Giá thấp nhất đang cao hơn giá cao nhất."
    )
    expect(page.locator("#upload-result td").first).to_have_text("3")
    _check(page, "tai-len", "desktop", problems)
    today_prices = PriceReport.objects.filter(day=timezone.localdate())
    assert list(today_prices.values_list("product__slug", "typical_vnd")) == [
        ("thit-lon-mong-san", 140_000)
    ]
    assert PriceAlert.objects.count() == 1
    sign_out(page)

    sign_in(page, OFFICER_EMAIL, PASSWORD, scene["device"])
    page.goto("/cho-dau-moi/giam-sat/")
    alerts = page.locator(".alert-list")
    expect(alerts).to_contain_text("Thịt lợn mông sấn")
    expect(alerts).to_contain_text("▲ 21,7 %")
    for name, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        page.reload()
        _check(page, "giam-sat", name, problems)
    page.set_viewport_size(VIEWPORTS["desktop"])
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Báo cáo tuần (XLSX)").click()
    sheet = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes())).active
    assert sheet["A1"].value.startswith("Giá bán buôn hàng thiết yếu")
    with page.expect_download() as pdf_info:
        page.get_by_role("link", name="Báo cáo tuần (PDF)").click()
    assert Path(pdf_info.value.path()).read_bytes().startswith(b"%PDF")

    for name, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        for url, label in (
            ("/cho-dau-moi/", "danh-sach-cho"),
            ("/cho-dau-moi/bang-gia/", "bang-gia-ha-noi"),
            ("/cho-dau-moi/long-bien/bang-gia/", "bang-gia-long-bien"),
            ("/cho-dau-moi/bang-gia/mat-hang/thit-lon-mong-san/", "dien-bien-gia"),
            ("/cho-dau-moi/long-bien/?q=vai+thieu", "danh-ba-tieu-thuong"),
        ):
            page.goto(url)
            _check(page, label, name, problems)
    expect(page.get_by_role("main")).to_contain_text("Hộ kinh doanh hoa quả Trần Thị Lan")

    assert problems == [], problems
    assert _unexpected(page_problems) == []
