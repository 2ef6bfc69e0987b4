import itertools
from datetime import UTC, datetime, timedelta

from phohang.search.services import documents_upsert

_ids = itertools.count(1)
_BASE = datetime(2026, 1, 1, tzinfo=UTC)


def row(title: str, **fields) -> dict:
    """A catalog-shaped search row with sensible defaults."""
    number = fields.pop("id", None) or next(_ids)
    return {
        "id": number,
        "public_id": f"p-{number}",
        "title": title,
        "category_name": "Thực phẩm",
        "category_slug": "thuc-pham",
        "seller_name": "HTX Mẫu",
        "seller_type": "cooperative",
        "description": "",
        "province_code": "01",
        "province_name": "Thành phố Hà Nội",
        "min_price_vnd": 100_000,
        "ocop_stars": 0,
        "has_stock": True,
        "published_at": _BASE + timedelta(days=number % 1000),
        "url": f"/p/{number}/",
        "image_url": "",
        **fields,
    }


def index(*rows: dict) -> list[dict]:
    documents_upsert(rows=rows)
    return list(rows)


def coffee_corpus() -> dict[str, dict]:
    """A small shop: the products the issue names plus look-alikes."""
    rows = {
        "bmt": row(
            "Cà phê Buôn Ma Thuột rang xay 500g",
            category_name="Cà phê",
            category_slug="ca-phe",
            province_code="66",
            province_name="Tỉnh Đắk Lắk",
            ocop_stars=4,
            min_price_vnd=180_000,
        ),
        "sonla": row(
            "Cà phê Sơn La Arabica 500g",
            category_name="Cà phê",
            category_slug="ca-phe",
            province_code="14",
            province_name="Tỉnh Sơn La",
            min_price_vnd=150_000,
        ),
        "che": row(
            "Chè Thái Nguyên Tân Cương 200g",
            category_name="Chè",
            category_slug="che",
            province_code="19",
            province_name="Tỉnh Thái Nguyên",
            ocop_stars=3,
            min_price_vnd=120_000,
        ),
        "mam": row(
            "Nước mắm Phú Quốc 40 độ đạm chai 500ml",
            category_name="Nước mắm",
            category_slug="nuoc-mam",
            province_code="91",
            province_name="Tỉnh An Giang",
            min_price_vnd=90_000,
        ),
        "vai": row(
            "Vải thiều Lục Ngạn hộp 5kg",
            category_name="Trái cây",
            category_slug="trai-cay",
            province_code="24",
            province_name="Tỉnh Bắc Ninh",
            min_price_vnd=250_000,
        ),
        "gao": row(
            "Gạo ST25 túi 5kg",
            category_name="Gạo",
            category_slug="gao",
            province_code="92",
            province_name="Thành phố Cần Thơ",
            seller_type="enterprise",
            min_price_vnd=40_000,
        ),
        "ao": row(
            "Áo thun nam cotton",
            category_name="Thời trang",
            category_slug="thoi-trang",
            province_code="79",
            province_name="Thành phố Hồ Chí Minh",
            seller_type="individual",
            min_price_vnd=1_200_000,
        ),
    }
    index(*rows.values())
    return rows
