import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from phohang.accounts.tests.factories import AuthorityFactory, UserFactory, login_verified
from phohang.catalog.models import Product

from .factories import OcopProductFactory, ProductFactory, VariantFactory, category, member_of

pytestmark = pytest.mark.django_db


def test_product_page_shows_variants_ocop_and_json_ld(client):
    product = OcopProductFactory(description="<script>alert(1)</script>Chè ngon")
    product.description_html = "<p>Chè ngon</p>"
    product.save()
    VariantFactory(product=product, sku="CHE-500", price_vnd=180_000)

    response = client.get(product.get_absolute_url())

    body = response.content.decode()
    assert response.status_code == 200
    assert "180.000 ₫" in body
    assert 'id="ocop-badge"' in body
    assert f'<link rel="canonical" href="http://testserver{product.get_absolute_url()}">' in body
    assert "<script>alert(1)" not in body
    start = body.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(body[start : body.index("</script>", start)])
    assert (data["@type"], data["offers"][0]["price"], data["offers"][0]["priceCurrency"]) == (
        "Product",
        "180000",
        "VND",
    )


def test_product_page_redirects_wrong_slug_and_hides_drafts(client):
    product = ProductFactory()
    draft = ProductFactory(status="draft")

    response = client.get(
        reverse("catalog:product", kwargs={"slug": "sai", "public_id": product.public_id})
    )
    assert (response.status_code, response["Location"]) == (301, product.get_absolute_url())
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_product_page_shows_changes_and_takedowns_at_once(
    client, django_capture_on_commit_callbacks
):
    from phohang.catalog import services
    from phohang.core.audit import AuditContext
    from phohang.sellers.models import Seller

    product = OcopProductFactory(title="Nước mắm Phú Quốc 40 độ đạm")
    variant = VariantFactory(product=product, sku="NM-1", price_vnd=120_000, stock_on_hand=30)
    assert "120.000 ₫" in client.get(product.get_absolute_url()).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.product_update(
            product=product,
            context=AuditContext(),
            title="Nước mắm Phú Quốc 43 độ đạm",
            variants=[{"name": "Chai 500 ml", "sku": "NM-1", "price_vnd": 135_000}],
        )
        services.stock_set(variant_id=variant.pk, on_hand=17)

    product.refresh_from_db()
    body = client.get(product.get_absolute_url()).content.decode()
    assert ("Nước mắm Phú Quốc 43 độ đạm" in body, "135.000 ₫" in body) == (True, True)
    assert ("120.000 ₫" in body, "17 gói" in body) == (False, True)

    Seller.objects.filter(pk=product.seller_id).update(is_active=False)

    assert client.get(product.get_absolute_url()).status_code == 404


def test_product_page_lists_wholesale_tiers_of_each_variant(client):
    from phohang.catalog.models import WholesaleTier

    product = ProductFactory()
    bulk = VariantFactory(product=product, price_vnd=180_000)
    VariantFactory(product=product, price_vnd=90_000)
    WholesaleTier.objects.create(variant=bulk, min_quantity=20, price_vnd=150_000)
    WholesaleTier.objects.create(variant=bulk, min_quantity=10, price_vnd=165_000)

    body = client.get(product.get_absolute_url()).content.decode()

    assert body.index("165.000 ₫") < body.index("150.000 ₫")
    assert body.count("165.000 ₫") == 1


def test_product_page_suggests_province_then_category_without_repeats(client):
    from phohang.geo.models import Province

    product = ProductFactory(title="Chè Tân Cương")
    neighbours = [ProductFactory(title=f"Chè Hà Nội {n}") for n in range(5)]
    faraway = ProductFactory(title="Chè Phú Quốc", origin_province=Province.objects.get(code="91"))
    ProductFactory(
        title="Gạo ST25",
        category=category("gao-ngu-coc"),
        origin_province=Province.objects.get(code="92"),
    )

    response = client.get(product.get_absolute_url())

    newest = [p.pk for p in reversed(neighbours)]
    assert [p.pk for p in response.context["same_province"]] == newest[:4]
    assert [p.pk for p in response.context["same_category"]] == [faraway.pk, newest[4]]


def test_expired_ocop_has_no_badge(client):
    import datetime

    from django.utils import timezone

    product = OcopProductFactory(ocop_expires_on=timezone.localdate() - datetime.timedelta(1))

    body = client.get(product.get_absolute_url()).content.decode()

    assert 'id="ocop-badge"' not in body


def _count_queries(client, url, params) -> tuple[int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.parametrize("url_name", ["category", "parent_category", "province", "ocop"])
def test_listing_queries_do_not_grow_with_page_size(client, url_name):
    for _ in range(50):
        OcopProductFactory()
    url = {
        "category": reverse("catalog:category", kwargs={"slug": "che-tra"}),
        "parent_category": reverse("catalog:category", kwargs={"slug": "do-uong"}),
        "province": reverse("catalog:province", kwargs={"slug": "ha-noi"}),
        "ocop": reverse("catalog:ocop"),
    }[url_name]

    cold, warm = [], []
    for size in (12, 24, 48):
        for sort in ("newest", "price_asc", "ocop"):
            cache.clear()
            params = {"per_page": size, "sort": sort, "page": 1 if size == 48 else 2}
            count, response = _count_queries(client, url, params)
            assert len(response.context["products"]) == min(size, 50 - size * (params["page"] - 1))
            cold.append(count)
            warm.append(_count_queries(client, url, params)[0])

    assert set(cold) == {cold[0]}
    assert set(warm) == {warm[0]}
    assert warm[0] <= 3


def test_home_and_product_page_queries_are_fixed(client):
    def queries(url):
        cache.clear()
        client.get(url)
        return _count_queries(client, url, {})[0]

    product = OcopProductFactory()
    VariantFactory(product=product)
    home, page = queries("/"), queries(product.get_absolute_url())
    for _ in range(20):
        OcopProductFactory(ocop_stars=5)
        VariantFactory(product=product)

    assert (queries("/"), queries(product.get_absolute_url())) == (home, page)


def test_listing_count_leaves_out_products_of_withheld_sellers(client):
    shown = OcopProductFactory(ocop_stars=5)
    OcopProductFactory(ocop_stars=5, seller__is_active=False)
    OcopProductFactory(ocop_stars=5, seller__is_verified=False)
    OcopProductFactory(ocop_stars=5, status="draft")

    response = client.get(reverse("catalog:province", kwargs={"slug": "ha-noi"}))

    assert [p.pk for p in response.context["products"]] == [shown.pk]
    assert response.context["page"].paginator.count == 1
    for url, params in [
        (reverse("catalog:category", kwargs={"slug": "che-tra"}), {}),
        (reverse("catalog:category", kwargs={"slug": "do-uong"}), {}),
        (reverse("catalog:ocop"), {}),
        (reverse("catalog:ocop"), {"stars": "5"}),
    ]:
        listing = client.get(url, params).context
        assert (listing["page"].paginator.count, len(listing["products"])) == (1, 1), url
    assert client.get(reverse("catalog:ocop"), {"stars": "4"}).context["page"].paginator.count == 0
    assert client.get(reverse("catalog:province_index")).context["rows"] == [
        {"origin_province__slug": "ha-noi", "origin_province__short_name": "Hà Nội", "count": 1}
    ]


def test_seller_withheld_in_the_admin_leaves_listings_at_once(
    client, django_capture_on_commit_callbacks
):
    product = OcopProductFactory(title="Mật ong bạc hà Mèo Vạc", ocop_stars=4)
    listing = reverse("catalog:province", kwargs={"slug": "ha-noi"})
    assert client.get(listing).context["page"].paginator.count == 1  # now cached

    seller = product.seller
    seller.is_active = False
    with django_capture_on_commit_callbacks(execute=True):
        seller.save()  # as the admin's change form does

    response = client.get(listing)
    assert response.context["page"].paginator.count == 0
    assert "Mật ong bạc hà Mèo Vạc" not in response.content.decode()
    assert "Mật ong bạc hà Mèo Vạc" not in client.get("/").content.decode()


def test_ocop_sort_lists_certified_products_first(client):
    plain = ProductFactory(title="Chè thường")
    three = OcopProductFactory(title="Chè ba sao", ocop_stars=3)
    five = OcopProductFactory(title="Chè năm sao", ocop_stars=5)

    response = client.get(reverse("catalog:province", kwargs={"slug": "ha-noi"}), {"sort": "ocop"})

    assert [p.pk for p in response.context["products"]] == [five.pk, three.pk, plain.pk]


def test_catalog_changes_show_on_listing_and_home_at_once(
    client, django_capture_on_commit_callbacks
):
    from phohang.catalog import services
    from phohang.core.audit import AuditContext

    product = OcopProductFactory(title="Chè Tân Cương đặc biệt", ocop_stars=5)
    VariantFactory(product=product, sku="CHE-1", price_vnd=180_000)
    listing = reverse("catalog:province", kwargs={"slug": "ha-noi"})
    assert "180.000 ₫" in client.get(listing).content.decode()
    assert "Chè Tân Cương đặc biệt" in client.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.product_update(
            product=product,
            context=AuditContext(),
            title="Chè Tân Cương vụ mới",
            variants=[{"name": "Gói 500 g", "sku": "CHE-1", "price_vnd": 99_000}],
        )

    body = client.get(listing).content.decode()
    assert ("99.000 ₫" in body, "180.000 ₫" in body) == (True, False)
    assert "Chè Tân Cương vụ mới" in body
    assert "Chè Tân Cương vụ mới" in client.get("/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.product_suspend(
            product=product, reason="Sai thông tin xuất xứ", context=AuditContext()
        )

    response = client.get(listing)
    assert (list(response.context["products"]), response.context["page"].paginator.count) == (
        [],
        0,
    )
    assert "Chè Tân Cương vụ mới" not in client.get("/").content.decode()


def test_product_cards_follow_the_language(client):
    ProductFactory(unit="bottle")
    url = reverse("catalog:province", kwargs={"slug": "ha-noi"})

    vietnamese = client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()

    assert ("/ chai" in vietnamese, "/ bottle" in english) == (True, True)


def test_province_listing_title_and_filter(client):
    ProductFactory(title="Chè Hà Nội")
    other = ProductFactory(title="Nước mắm Phú Quốc")
    from phohang.geo.models import Province

    other.origin_province = Province.objects.get(code="91")
    other.save()

    response = client.get(reverse("catalog:province", kwargs={"slug": "ha-noi"}))

    assert response.context["heading"] == "Đặc sản Hà Nội"
    assert [p.title for p in response.context["products"]] == ["Chè Hà Nội"]


def test_home_shows_ocop_and_regional_sections(client):
    product = OcopProductFactory(ocop_stars=5)

    body = client.get("/").content.decode()

    assert product.title in body


def test_seller_creates_product_through_the_form(client):
    seller = ProductFactory().seller
    user = member_of(seller)
    client.force_login(user)
    from phohang.catalog.tests.factories import category

    response = client.post(
        reverse("catalog:manage_create"),
        {
            "title": "Vải thiều Lục Ngạn",
            "category": category("trai-cay").pk,
            "description": "Vải **tươi**",
            "origin_province": "24",
            "unit": "kg",
            "is_made_in_vietnam": "on",
            "variants-TOTAL_FORMS": "1",
            "variants-INITIAL_FORMS": "0",
            "variants-0-name": "Thùng 5 kg",
            "variants-0-sku": "VAI-5",
            "variants-0-price": "250.000",
            "variants-0-stock_on_hand": "30",
            "variants-0-low_stock_threshold": "5",
        },
    )

    product = Product.objects.get(title="Vải thiều Lục Ngạn")
    assert response.status_code == 302
    assert (product.status, product.min_price_vnd, product.seller) == ("draft", 250_000, seller)


def test_other_sellers_products_are_404_in_the_manager(client):
    mine = ProductFactory()
    theirs = ProductFactory()
    client.force_login(member_of(mine.seller))

    assert client.get(reverse("catalog:manage_edit", args=[mine.public_id])).status_code == 200
    assert client.get(reverse("catalog:manage_edit", args=[theirs.public_id])).status_code == 404
    response = client.post(reverse("catalog:manage_hide", args=[theirs.public_id]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "published"


def test_buyers_cannot_open_the_manager(client):
    client.force_login(UserFactory())

    assert client.get(reverse("catalog:manage_list")).status_code == 403


def test_authority_suspends_and_seller_sees_reason(client):
    product = ProductFactory()
    VariantFactory(product=product)
    authority = AuthorityFactory()
    login_verified(client, authority)

    response = client.post(
        reverse("catalog:moderation_action", args=[product.public_id, "suspend"]),
        {"reason": "Sai thông tin xuất xứ"},
    )

    assert response.status_code == 302
    product.refresh_from_db()
    assert (product.status, product.suspension_reason) == ("suspended", "Sai thông tin xuất xứ")
    client.logout()
    client.force_login(member_of(product.seller))
    body = client.get(reverse("catalog:manage_edit", args=[product.public_id])).content.decode()
    assert "Sai thông tin xuất xứ" in body
    assert client.get(product.get_absolute_url()).status_code == 404


def test_seller_cannot_moderate(client):
    product = ProductFactory()
    client.force_login(member_of(product.seller))

    response = client.post(
        reverse("catalog:moderation_action", args=[product.public_id, "suspend"]),
        {"reason": "tự đình chỉ"},
    )

    assert response.status_code == 403
    product.refresh_from_db()
    assert product.status == "published"


def test_import_page_flow(client, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    seller = ProductFactory().seller
    client.force_login(member_of(seller))
    data = (
        "Mã SKU,Tên sản phẩm,Phân loại,Danh mục,Tỉnh/thành xuất xứ,Đơn vị,Giá (đồng)\r\n"
        "A-1,Gốm Bát Tràng men lam,Bình,gom-su,Hà Nội,cái,650.000\r\n"
        "A-2,Gốm lỗi,Bình,gom-su,Hà Nội,cái,-5\r\n"
    ).encode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("catalog:import_upload"), {"file": SimpleUploadedFile("g.csv", data)}
        )
    detail = response["Location"]
    body = client.get(detail).content.decode()
    assert 'id="import-problems"' in body
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail, {"publish": "1"})

    assert response.status_code == 302
    product = Product.objects.get(title="Gốm Bát Tràng men lam")
    assert product.status == "published"
    assert client.get(reverse("catalog:province", kwargs={"slug": "ha-noi"})).status_code == 200


def test_export_is_an_attachment(client):
    variant = VariantFactory()
    client.force_login(member_of(variant.seller))

    response = client.get(reverse("catalog:export", args=["xlsx"]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
