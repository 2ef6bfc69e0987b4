import pytest
from django.test import Client

from phohang.catalog.models import Product

from .factories import ProductFactory, VariantFactory, member_of

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "title": "Nước mắm Phú Quốc 40 độ đạm",
    "description": "Cá cơm **ủ chượp**",
    "category": "nuoc-mam-gia-vi",
    "province_code": "91",
    "unit": "bottle",
    "variants": [{"name": "Chai 500 ml", "sku": "NM-500", "price_vnd": 120000, "stock_on_hand": 8}],
}


def test_public_list_and_detail_only_published():
    VariantFactory(product=ProductFactory(title="Chè công khai"))
    draft = ProductFactory(status="draft")
    client = Client()

    listing = client.get("/api/v1/catalog/products/").json()
    detail = client.get(f"/api/v1/catalog/products/{draft.public_id}")

    assert [item["title"] for item in listing["items"]] == ["Chè công khai"]
    assert detail.status_code == 404


def test_seller_crud_through_the_api():
    seller = ProductFactory().seller
    client = Client()
    client.force_login(member_of(seller))

    created = client.post("/api/v1/catalog/my/products/", PAYLOAD, content_type="application/json")
    public_id = created.json()["id"]
    published = client.post(f"/api/v1/catalog/my/products/{public_id}/publish")
    updated = client.put(
        f"/api/v1/catalog/my/products/{public_id}",
        {**PAYLOAD, "title": "Nước mắm Phú Quốc 43 độ đạm"},
        content_type="application/json",
    )
    variant_id = updated.json()["variants"][0]["id"]
    stock = client.put(
        f"/api/v1/catalog/my/products/{public_id}/variants/{variant_id}/stock",
        {"on_hand": 3},
        content_type="application/json",
    )

    assert created.status_code == 201
    assert published.json()["status"] == "published"
    assert updated.json()["title"] == "Nước mắm Phú Quốc 43 độ đạm"
    assert stock.json()["stock"][0]["on_hand"] == 3
    # A listing that was public is kept for the retention period (law 122/2025); a draft goes.
    assert client.delete(f"/api/v1/catalog/my/products/{public_id}").status_code == 422
    assert Product.objects.filter(public_id=public_id).exists()
    draft = client.post(
        "/api/v1/catalog/my/products/",
        {**PAYLOAD, "variants": [{**PAYLOAD["variants"][0], "sku": "DRAFT-1"}]},
        content_type="application/json",
    ).json()["id"]
    assert client.delete(f"/api/v1/catalog/my/products/{draft}").status_code == 204
    assert not Product.objects.filter(public_id=draft).exists()


def test_other_sellers_product_is_404_and_untouched():
    theirs = ProductFactory()
    mine = ProductFactory()
    client = Client()
    client.force_login(member_of(mine.seller))

    responses = [
        client.get(f"/api/v1/catalog/my/products/{theirs.public_id}"),
        client.put(
            f"/api/v1/catalog/my/products/{theirs.public_id}",
            PAYLOAD,
            content_type="application/json",
        ),
        client.delete(f"/api/v1/catalog/my/products/{theirs.public_id}"),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404]
    theirs.refresh_from_db()
    assert theirs.status == "published"


def test_invalid_payload_is_422_and_creates_nothing():
    seller = ProductFactory().seller
    client = Client()
    client.force_login(member_of(seller))
    before = Product.objects.count()

    response = client.post(
        "/api/v1/catalog/my/products/",
        {**PAYLOAD, "variants": [{**PAYLOAD["variants"][0], "price_vnd": -5}]},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert Product.objects.count() == before


def test_anonymous_cannot_write():
    response = Client().post(
        "/api/v1/catalog/my/products/", PAYLOAD, content_type="application/json"
    )

    assert response.status_code == 401


def test_catalog_operations_are_in_the_openapi_schema():
    schema = Client().get("/api/v1/openapi.json").json()

    paths = set(schema["paths"])
    assert {
        "/api/v1/catalog/products/",
        "/api/v1/catalog/products/{public_id}",
        "/api/v1/catalog/my/products/",
        "/api/v1/catalog/my/products/{public_id}",
        "/api/v1/catalog/categories/",
    } <= paths
