import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from phohang.accounts.tests.factories import AuthorityFactory, UserFactory, login_verified
from phohang.catalog.tests.factories import ProductFactory
from phohang.core.models import AuditRecord
from phohang.markets import services
from phohang.markets.models import Consignment, PriceReport, Trader
from phohang.sellers.models import SellerType
from phohang.sellers.tests.factories import SellerFactory

from .factories import (
    MarketFactory,
    PriceProductFactory,
    TraderFactory,
    context_for,
    lychee_data,
    market_with_manager,
)

pytestmark = pytest.mark.django_db


def lot(market, manager, **overrides):
    return services.consignment_register(
        market=market, data=lychee_data(**overrides), user=manager, context=context_for(manager)
    )


def test_directory_search_finds_a_trader_without_diacritics(client):
    market = MarketFactory()
    TraderFactory(market=market, name="Hộ kinh doanh Đỗ Thị Vải", goods="vải thiều Lục Ngạn")
    TraderFactory(market=market, name="Cửa hàng cá chép Bình", goods="cá chép, cá trắm")

    html = client.get(market.get_absolute_url(), {"q": "vai thieu"}).content.decode()

    assert "Đỗ Thị Vải" in html
    assert "cá chép Bình" not in html


def test_directory_is_paged_thirty_stalls_at_a_time_keeping_the_search(client):
    market = MarketFactory()
    for number in range(35):
        TraderFactory(market=market, stall=f"A{number:02d}", name=f"Sạp rau {number:02d}")

    first = client.get(market.get_absolute_url()).content.decode()
    second = client.get(market.get_absolute_url(), {"page": 2}).content.decode()
    searched = client.get(market.get_absolute_url(), {"q": "rau", "page": 2}).content.decode()

    assert first.count('data-label="Sạp"') == 30 and "Sạp rau 29" in first
    assert "Sạp rau 30" not in first and "Trang 1 / 2" in first
    assert second.count('data-label="Sạp"') == 5 and "Sạp rau 34" in second
    assert "q=rau" in searched and "Sạp rau 30" in searched


def test_trace_page_shows_origin_and_path_but_no_personal_data(client):
    market, manager = market_with_manager()
    producer = SellerFactory(seller_type=SellerType.HOUSEHOLD, name="Hộ ông Nguyễn Văn Riêng")
    consignment = lot(market, manager, producer_seller=producer)

    response = client.get(reverse("markets:trace", kwargs={"code": consignment.code.lower()}))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Vải thiều Lục Ngạn" in html
    assert "Bắc Ninh" in html
    assert "VietGAP" in html
    assert "Nguyễn Văn Riêng" not in html
    assert manager.full_name not in html
    assert manager.email not in html


def test_unknown_trace_code_is_404(client):
    assert client.get(reverse("markets:trace", kwargs={"code": "LB-NOPE"})).status_code == 404


def test_qr_code_is_an_svg_of_the_trace_page(client):
    market, manager = market_with_manager()
    consignment = lot(market, manager)

    response = client.get(reverse("markets:trace_qr", kwargs={"code": consignment.code}))

    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<svg")


def test_product_page_shows_the_trace_of_its_linked_lot(client):
    seller = SellerFactory()
    product = ProductFactory(seller=seller)
    market, manager = market_with_manager()
    consignment = lot(market, manager, producer_seller=seller)
    services.consignment_link_product(
        consignment=consignment, product=product, context=context_for(manager)
    )

    html = client.get(product.get_absolute_url()).content.decode()

    assert consignment.get_trace_url() in html


def test_a_consignment_of_another_market_answers_404(client):
    market, manager = market_with_manager()
    consignment = lot(market, manager)
    _other_market, stranger = market_with_manager()
    client.force_login(stranger)

    response = client.get(consignment.get_absolute_url())

    assert response.status_code == 404


def test_manager_registers_a_consignment_with_a_harvest_after_arrival_and_gets_a_message(client):
    market, manager = market_with_manager()
    client.force_login(manager)
    arrived = timezone.localtime() - datetime.timedelta(days=3)

    response = client.post(
        reverse("markets:consignment_create", kwargs={"slug": market.slug}),
        {
            "goods": "Vải thiều",
            "goods_group": "fruit",
            "quantity": "100",
            "unit": "kg",
            "origin_province": "24",
            "producer_name": "Hợp tác xã Vải thiều Lục Ngạn",
            "harvest_date": timezone.localdate().isoformat(),
            "arrived_at": arrived.strftime("%Y-%m-%dT%H:%M"),
            "check_kind": "food_safety",
        },
    )

    assert response.status_code == 422
    assert "sau khi lô hàng" in response.content.decode()
    assert Consignment.objects.count() == 0


def test_price_form_refuses_a_price_for_another_market_with_a_message(client):
    own, other = MarketFactory(name="Chợ Long Biên Thử"), MarketFactory()
    trader_user = UserFactory()
    TraderFactory(market=own, users=[trader_user])
    product = PriceProductFactory()
    client.force_login(trader_user)

    response = client.post(
        reverse("markets:price_entry"),
        {
            "market": other.pk,
            "product": product.pk,
            "day": timezone.localdate().isoformat(),
            "min_vnd": 58000,
            "typical_vnd": 60000,
            "max_vnd": 62000,
        },
    )

    assert response.status_code == 422
    assert "Chợ Long Biên Thử" in response.content.decode()
    assert PriceReport.objects.count() == 0


def test_price_form_refuses_a_negative_price(client):
    market, manager = market_with_manager()
    client.force_login(manager)

    response = client.post(
        reverse("markets:price_entry"),
        {
            "market": market.pk,
            "product": PriceProductFactory().pk,
            "day": timezone.localdate().isoformat(),
            "min_vnd": -1,
            "typical_vnd": 60000,
            "max_vnd": 62000,
        },
    )

    assert response.status_code == 422
    assert "lớn hơn 0" in response.content.decode()
    assert PriceReport.objects.count() == 0


def _csv(rows: list[str]) -> SimpleUploadedFile:
    body = "\n".join(["mặt hàng,thấp nhất,phổ biến,cao nhất", *rows]).encode()
    return SimpleUploadedFile("gia-hom-nay.csv", body, content_type="text/csv")


def test_upload_stores_good_rows_and_reports_the_bad_one(
    client, django_capture_on_commit_callbacks
):
    market, manager = market_with_manager()
    pork = PriceProductFactory(name="Thịt lợn hơi")
    chicken = PriceProductFactory(name="Gà ta hơi", slug="ga-ta-hoi")
    client.force_login(manager)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("markets:price_upload"),
            {
                "market": market.pk,
                "day": timezone.localdate().isoformat(),
                "file": _csv(["Thịt lợn hơi,58.000,60.000,62.000", "Gà ta hơi,99000,95000,90000"]),
            },
        )
    job_page = client.get(response["Location"])
    back = client.get(
        reverse("markets:price_upload") + "?job=" + response["Location"].split("/")[-2]
    )

    assert job_page.status_code == 200
    assert list(PriceReport.objects.values_list("product__name", "typical_vnd")) == [
        ("Thịt lợn hơi", 60_000)
    ]
    html = back.content.decode()
    assert "1 trên 2" in html or "1 of 2" in html
    assert "<td>3</td>" in html
    assert not PriceReport.objects.filter(product=chicken).exists()
    assert pork.prices.count() == 1


def test_upload_rows_for_another_market_are_refused(django_capture_on_commit_callbacks):
    own = MarketFactory(slug="long-bien-thu")
    other = MarketFactory(slug="phia-nam-thu")
    user = UserFactory()
    TraderFactory(market=own, users=[user])
    PriceProductFactory(name="Thịt lợn hơi")
    body = "chợ,mặt hàng,thấp nhất,phổ biến,cao nhất\nphia-nam-thu,Thịt lợn hơi,1,2,3\n".encode()

    result = services.price_import_file(
        data=body,
        name="gia.csv",
        user=user,
        market=None,
        day=timezone.localdate(),
        context=context_for(user),
    )

    assert result["stored"] == 0
    assert "long" not in result["errors"][0]["vi"].lower() or own.name in result["errors"][0]["vi"]
    assert PriceReport.objects.filter(market=other).count() == 0


def test_monitoring_is_for_authority_staff_only(client):
    client.force_login(UserFactory())
    assert client.get(reverse("markets:monitoring")).status_code == 403

    login_verified(client, AuthorityFactory())
    assert client.get(reverse("markets:monitoring")).status_code == 200


def test_weekly_report_downloads_as_xlsx_and_pdf_with_an_audit_record(client):
    market, manager = market_with_manager()
    product = PriceProductFactory(name="Thịt lợn mông sấn")
    services.price_report(
        user=manager,
        market=market,
        product=product,
        day=timezone.localdate() - datetime.timedelta(days=1),
        min_vnd=110_000,
        typical_vnd=115_000,
        max_vnd=120_000,
        context=context_for(manager),
    )
    login_verified(client, AuthorityFactory())

    xlsx = client.get(reverse("markets:weekly_report", kwargs={"file_format": "xlsx"}))
    pdf = client.get(reverse("markets:weekly_report", kwargs={"file_format": "pdf"}))

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert "Thịt lợn mông sấn" in names
    assert pdf.content.startswith(b"%PDF")
    assert AuditRecord.objects.filter(action="markets.report.exported").count() == 2


def test_manager_adds_a_trader_and_a_taken_stall_is_refused(client):
    market, manager = market_with_manager()
    client.force_login(manager)
    data = {
        "stall": "b12",
        "name": "Hộ kinh doanh rau Lan",
        "goods": "rau muống",
        "goods_group": "vegetables",
    }

    first = client.post(reverse("markets:trader_add", kwargs={"slug": market.slug}), data)
    second = client.post(reverse("markets:trader_add", kwargs={"slug": market.slug}), data)

    assert first.status_code == 302
    assert second.status_code == 422
    assert list(Trader.objects.values_list("stall", flat=True)) == ["B12"]


def test_xlsx_upload_is_read(django_capture_on_commit_callbacks):
    market, manager = market_with_manager()
    PriceProductFactory(name="Thịt lợn hơi")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mặt hàng", "Thấp nhất", "Phổ biến", "Cao nhất"])
    sheet.append(["Thịt lợn hơi", 58000, 60000, 62000])
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = services.price_import_file(
        data=buffer.getvalue(),
        name="gia.xlsx",
        user=manager,
        market=market,
        day=timezone.localdate(),
        context=context_for(manager),
    )

    assert (result["stored"], result["errors"]) == (1, [])


def test_price_alerts_have_their_own_line_in_the_notification_settings(client):
    officer = AuthorityFactory()
    login_verified(client, officer)

    page = client.get(reverse("accounts:notification_settings"))
    client.post(
        reverse("accounts:notification_settings"),
        {"orders-in_app": "on", "account-in_app": "on", "markets-email": "on"},
    )

    assert "Giá chợ đầu mối (cảnh báo giá)" in page.content.decode()
    setting = officer.notification_settings.get(kind="markets")
    assert (setting.in_app, setting.email) == (False, True)
