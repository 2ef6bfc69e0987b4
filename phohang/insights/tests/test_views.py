import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from phohang.accounts.tests.factories import UserFactory
from phohang.catalog.tests.factories import member_of
from phohang.core.access import policy_of
from phohang.core.models import AuditRecord
from phohang.core.tests import hostile_spreadsheets as hostile
from phohang.insights import urls as insights_urls
from phohang.insights.charts import RENDERERS
from phohang.insights.models import OfficialStatistic, StatisticsImport, Target
from phohang.insights.selectors import DATASETS, PAGES, filters_default
from phohang.orders.events import order_placed

from .factories import SellerFactory, order_make, product_of

pytestmark = pytest.mark.django_db

DASHBOARD_URLS = [
    reverse("insights:overview"),
    reverse("insights:sales"),
    reverse("insights:flows"),
    reverse("insights:ocop"),
    reverse("insights:sellers"),
    reverse("insights:trade"),
    reverse("insights:statistics"),
    reverse("insights:targets"),
    *[reverse("insights:export", args=[key, "csv"]) for key in DATASETS],
    reverse("insights:export", args=["platform", "xlsx"]),
]


@pytest.mark.parametrize("url", DASHBOARD_URLS)
def test_buyer_gets_403_on_every_dashboard_url(buyer_client, url):
    assert buyer_client.get(url).status_code == 403


@pytest.mark.parametrize("url", DASHBOARD_URLS)
def test_seller_gets_403_on_every_dashboard_url(seller_client, url):
    assert seller_client.get(url).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("insights:overview"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def _sales():
    hanoi = SellerFactory(province_code="01", name="Gốm <script>alert(1)</script>")
    thai = SellerFactory(province_code="08")
    for seller, buyer, quantity in [(hanoi, "79", 2), (thai, "01", 3)]:
        order = order_make(
            variants=[(product_of(seller, price=100_000), quantity)], buyer_province=buyer
        )
        order_placed.send(sender="orders", order_ids=[order.pk])


@pytest.mark.parametrize(
    "name", ["overview", "sales", "flows", "ocop", "sellers", "trade", "statistics", "targets"]
)
def test_authority_opens_every_dashboard_page(authority_client, name):
    _sales()

    response = authority_client.get(reverse(f"insights:{name}"))

    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_province_filter_limits_figures_to_sellers_of_that_province(authority_client):
    _sales()
    today = date.today()

    response = authority_client.get(
        reverse("insights:overview"),
        {
            "start": f"{today.year - 1}-01-01",
            "end": today.isoformat(),
            "grain": "year",
            "province": "08",
        },
    )

    assert response.status_code == 200
    assert response.context["headline"]["gmv_vnd"] == 300_000
    assert response.context["headline"]["orders"] == 1
    assert "<svg" in response.content.decode()


def test_chart_xlsx_download_has_the_table_and_is_audited(authority_client):
    _sales()

    response = authority_client.get(
        reverse("insights:export", args=["seller_provinces", "xlsx"]), {"grain": "year"}
    )

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Tỉnh/thành phố", "GMV (₫)", "Đơn hàng", "Tỷ trọng GMV (%)")
    assert sorted((row[0], row[1]) for row in rows[1:]) == [
        ("Hà Nội", 200_000),
        ("Tuyên Quang", 300_000),
    ]
    record = AuditRecord.objects.get(action="insights.export")
    assert (record.object_id, record.after["format"]) == ("seller_provinces", "xlsx")


def test_csv_export_neutralises_formula_cells(authority_client):
    Target.objects.all().delete()
    OfficialStatistic.objects.create(
        indicator="retail_sales",
        period="2026-01",
        period_kind="month",
        period_start=date(2026, 1, 1),
        value=1,
        unit="tỷ đồng",
        source='=HYPERLINK("http://evil")',
    )

    response = authority_client.get(
        reverse("insights:export", args=["official", "csv"]),
        {"start": "2026-01-01", "end": "2026-01-31", "grain": "month"},
    )

    body = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    assert ",=HYPERLINK" not in body


def test_statistics_import_reports_two_bad_rows_and_keeps_the_rest(
    authority_client, django_capture_on_commit_callbacks
):
    content = (
        "indicator,period,value,unit,source\n"
        'retail_sales,2026-01,"56.123,5",tỷ đồng,Cục Thống kê Hà Nội\n'
        "retail_sales,2026-13,1,tỷ đồng,Cục Thống kê Hà Nội\n"
        "Chỉ số sản xuất công nghiệp,2026-01,108.2,%,Cục Thống kê Hà Nội\n"
        "doanh thu ảo,2026-01,abc,%,x\n"
    ).encode()
    upload = SimpleUploadedFile("thong-ke.csv", content, content_type="text/csv")

    with django_capture_on_commit_callbacks(execute=True):
        started = authority_client.post(reverse("insights:statistics"), {"file": upload})
    job_page = authority_client.get(started["Location"])
    response = authority_client.get(job_page.context["back"])

    assert job_page.context["job"].message == {
        "vi": "Đã nhập 2 trên 4 dòng.",
        "en": "2 of 4 rows imported.",
    }
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.rows_total, report.rows_imported) == (4, 2)
    assert [error["row"] for error in report.errors] == [3, 5]
    assert sorted(OfficialStatistic.objects.values_list("indicator", "period", "value")) == [
        ("industrial_production_index", "2026-01", Decimal("108.2")),
        ("retail_sales", "2026-01", Decimal("56123.5")),
    ]


def test_authority_saves_a_target(authority_client):
    response = authority_client.post(
        reverse("insights:targets"),
        {
            "indicator": "retail_sales",
            "period": "2027-q2",
            "value": "11.5",
            "unit": "%",
            "note": "",
        },
    )

    assert response.status_code == 302
    target = Target.objects.get(period="2027-Q2")
    assert (target.period_kind, target.period_start, str(target.value)) == (
        "quarter",
        date(2027, 4, 1),
        "11.50",
    )


def test_city_targets_are_seeded():
    target = Target.objects.get(indicator="retail_sales", period="2026")
    industry = Target.objects.get(indicator="industrial_value_added", period="2026")

    assert (str(target.value), str(industry.value)) == ("10.54", "8.30")


def _dashboard_routes() -> list[tuple[str, str]]:
    """(method, url) for every route of the insights URLconf that is not public open data."""
    sample = {"pk": 1, "dataset": "platform", "file_format": "xlsx", "table": "monthly"}
    routes = []
    for pattern in insights_urls.urlpatterns:
        if policy_of(pattern.callback) == "public":
            continue
        names = pattern.pattern.regex.groupindex
        url = reverse(f"insights:{pattern.name}", kwargs={name: sample[name] for name in names})
        routes.append(("post" if pattern.name == "target_delete" else "get", url))
    return routes


@pytest.mark.parametrize("who", ["buyer", "seller"])
def test_buyer_and_seller_get_403_on_every_route_of_the_insights_urlconf(client, who):
    user = UserFactory() if who == "buyer" else member_of(SellerFactory())
    client.force_login(user)
    routes = _dashboard_routes()

    statuses = {url: getattr(client, method)(url).status_code for method, url in routes}

    public = {p.name for p in insights_urls.urlpatterns if policy_of(p.callback) == "public"}
    assert public == {"open", "open_csv", "open_xlsx"}
    assert len(routes) == len(insights_urls.urlpatterns) - len(public)
    assert set(statuses.values()) == {403}, statuses


def test_every_chart_has_an_svg_a_data_table_and_csv_and_xlsx_downloads(authority_client):
    _sales()
    shown = [key for keys in PAGES.values() for key in keys]

    for page, keys in PAGES.items():
        html = authority_client.get(reverse(f"insights:{page}")).content.decode()
        for key in keys:
            dataset = DATASETS[key](filters_default())
            section = html.split(f'<section class="insights-chart" id="{key}"', 1)[1]
            section = section.split("</section>", 1)[0]
            if dataset.chart != "none":
                # Drawn on the server: no script, no CDN.
                assert dataset.chart in RENDERERS, key
                assert '<svg xmlns="http://www.w3.org/2000/svg"' in section, key
            assert "<table" in section and "<tbody>" in section, key
            for file_format in ("csv", "xlsx"):
                assert reverse("insights:export", args=[key, file_format]) in section, key
            xlsx = authority_client.get(reverse("insights:export", args=[key, "xlsx"]))
            header = next(
                load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True)
            )
            assert header == tuple(str(column.label) for column in dataset.columns), key
            csv = authority_client.get(reverse("insights:export", args=[key, "csv"]))
            assert csv.status_code == 200, key

    assert set(shown) == set(DATASETS)


def test_bad_filters_get_400_with_the_reason_and_the_default_view(authority_client):
    response = authority_client.get(
        reverse("insights:sales"), {"start": "2026-05-01", "end": "2026-01-01", "grain": "month"}
    )

    assert response.status_code == 400
    assert "Ngày bắt đầu không được sau ngày kết thúc." in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2026-05-01", "end": "2026-01-01", "grain": "month"},
        {"start": "hôm qua", "end": "2026-01-01", "grain": "month"},
        {"start": "2026-01-01", "end": "2026-02-01", "grain": "week"},
        {"start": "2026-01-01", "end": "2026-02-01", "grain": "month", "province": "99"},
    ],
)
def test_export_with_bad_filters_is_refused_with_400_and_not_audited(authority_client, params):
    response = authority_client.get(reverse("insights:export", args=["platform", "csv"]), params)

    assert response.status_code == 400
    assert response.content
    assert not AuditRecord.objects.filter(action="insights.export").exists()


def test_unreadable_statistics_file_fails_with_a_message_and_imports_nothing(
    authority_client, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("so-lieu.xlsx", b"not a workbook", content_type="application/zip")

    with django_capture_on_commit_callbacks(execute=True):
        started = authority_client.post(reverse("insights:statistics"), {"file": upload})
    response = authority_client.get(started["Location"])

    assert response.status_code == 200
    assert response.context["job"].status == "failed"
    assert "Hãy lưu bảng tính dạng XLSX hoặc CSV rồi tải lên lại." in response.content.decode()
    assert not OfficialStatistic.objects.exists()
    assert not StatisticsImport.objects.exists()


def test_demo_history_fills_every_dashboard_chart(authority_client):
    from phohang.insights.demo import load_demo

    for province in ("01", "24", "33", "79", "08"):
        SellerFactory(province_code=province)
    load_demo(io.StringIO())

    response = authority_client.get(reverse("insights:overview"))

    headline = response.context["headline"]
    assert headline["gmv_vnd"] > 0 and headline["orders"] > 0
    assert headline["active_sellers"] == 5
    sellers = authority_client.get(reverse("insights:sellers")).context["charts"][0]["dataset"]
    assert max(row["active"] for row in sellers.rows) == 5
    charts = {
        chart["dataset"].key: chart
        for chart in authority_client.get(reverse("insights:flows")).context["charts"]
    }
    flows = charts["flows"]["dataset"]
    assert sum(row["gmv_vnd"] for row in flows.rows) == headline["gmv_vnd"]
    assert charts["flow_map"]["svg"].count("marker-end=") == len(charts["flow_map"]["dataset"].rows)


@pytest.mark.parametrize(
    ("make", "name", "message"),
    [
        (
            hostile.padded_dimension_xlsx,
            "so-lieu.xlsx",
            "Tệp có hơn 10.000 dòng (tính cả dòng trống). Hãy chia thành các tệp tối đa "
            "10.000 dòng; chưa có gì được nhập.",
        ),
        (hostile.huge_column_xlsx, "so-lieu.xlsx", "Có dòng dài hơn 64 cột; chưa có gì được nhập."),
        (
            hostile.zip_bomb_xlsx,
            "so-lieu.xlsx",
            "Tệp XLSX khi giải nén lớn hơn 20 MB; chưa có gì được nhập.",
        ),
        (hostile.many_columns_csv, "so-lieu.csv", "Có dòng dài hơn 64 cột; chưa có gì được nhập."),
    ],
)
def test_hostile_statistics_file_fails_its_job_and_imports_nothing(
    authority_client, django_capture_on_commit_callbacks, make, name, message
):
    headers = ["indicator", "period", "value", "unit", "source"]

    with django_capture_on_commit_callbacks(execute=True):
        started = authority_client.post(
            reverse("insights:statistics"), {"file": SimpleUploadedFile(name, make(headers))}
        )
    job = authority_client.get(started["Location"]).context["job"]

    assert (job.status, job.message["vi"]) == ("failed", message)
    assert not StatisticsImport.objects.exists()
    assert not OfficialStatistic.objects.exists()


def test_flow_map_draws_a_line_per_flow_wider_for_the_larger_value(authority_client):
    hanoi, hue = SellerFactory(province_code="01"), SellerFactory(province_code="46")
    for seller, buyer, price in [
        (hanoi, "46", 3_000_000),
        (hue, "01", 300_000),
        (hanoi, "01", 900_000),
    ]:
        order = order_make(variants=[(product_of(seller, price=price), 1)], buyer_province=buyer)
        order_placed.send(sender="orders", order_ids=[order.pk])

    response = authority_client.get(reverse("insights:flows"))

    chart = next(c for c in response.context["charts"] if c["dataset"].key == "flow_map")
    pairs = [(row["origin_code"], row["destination_code"]) for row in chart["dataset"].rows]
    assert pairs == [("01", "46"), ("46", "01")]
    widths = re.findall(
        r'stroke-width="([0-9.]+)" stroke-opacity="0.6" stroke-linecap', chart["svg"]
    )
    # Drawn smallest first: Huế → Hà Nội, then the ten times larger Hà Nội → Huế.
    assert [float(width) for width in widths] == [3.8, 10.0]
    assert "Hà Nội → Huế" in response.text
