import io
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from phohang.orders.events import order_placed

from .factories import SellerFactory, order_make, product_of

pytestmark = pytest.mark.django_db

YEAR = date.today().year - 1


def _sell(province: str, sellers: int, buyer: str = "01") -> None:
    created = timezone.make_aware(datetime(YEAR, 6, 1, 10))
    for _ in range(sellers):
        seller = SellerFactory(province_code=province)
        order = order_make(
            variants=[(product_of(seller, price=100_000), 1)],
            buyer_province=buyer,
            created_at=created + timedelta(days=1),
        )
        order_placed.send(sender="orders", order_ids=[order.pk])


def test_open_api_suppresses_provinces_with_fewer_than_five_sellers(client):
    _sell("01", 6)
    _sell("79", 5)
    _sell("08", 2)

    body = client.get("/api/v1/stats/provinces", {"year": YEAR}).json()

    cells = {row["province_code"]: row for row in body["rows"]}
    assert body["min_sellers"] == 5
    assert cells["08"] == {
        "province_code": "08",
        "province": "Tuyên Quang",
        "sellers": None,
        "gmv_vnd": None,
        "suppressed": True,
    }
    # One hidden cell could be worked out from the total, so the next smallest is hidden too.
    assert (cells["79"]["suppressed"], cells["79"]["gmv_vnd"]) == (True, None)
    assert (cells["01"]["sellers"], cells["01"]["gmv_vnd"]) == (6, 600_000)


def test_open_data_page_shows_no_cell_under_five_sellers(client):
    _sell("01", 5)
    _sell("08", 1, buyer="79")

    response = client.get(reverse("insights:open"), {"year": YEAR})

    assert response.status_code == 200
    for table in response.context["tables"].values():
        for row in table:
            assert row["suppressed"] or row["sellers"] >= 5
    assert "100.000 ₫" not in response.content.decode()


def test_open_flows_hide_pairs_with_few_sellers(client):
    _sell("01", 5, buyer="79")
    _sell("01", 1, buyer="08")

    rows = client.get("/api/v1/stats/flows", {"year": YEAR}).json()["rows"]

    assert [(r["destination_code"], r["suppressed"], r["gmv_vnd"]) for r in rows] == [
        ("08", True, None),
        ("79", True, None),
    ]


def test_open_data_xlsx_download_leaves_suppressed_cells_empty(client):
    _sell("01", 6)
    _sell("79", 5)
    _sell("08", 2)

    response = client.get(reverse("insights:open_xlsx", args=["provinces"]), {"year": YEAR})

    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows == [
        ("province", "sellers", "gmv_vnd", "suppressed"),
        ("Hà Nội", 6, 600_000, 0),
        ("Tuyên Quang", None, None, 1),
        ("Hồ Chí Minh", None, None, 1),
    ]
