import pytest
from django.urls import reverse

from phohang.accounts.tests.factories import AdminFactory, login_verified
from phohang.catalog.models import Category

from .factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    ["admin:catalog_category_changelist", "admin:catalog_product_changelist"],
)
def test_admin_changelist_opens_for_verified_superuser(client, name):
    VariantFactory(product=ProductFactory())
    login_verified(client, AdminFactory())

    response = client.get(reverse(name), {"q": "a"})

    assert response.status_code == 200


def test_admin_product_page_is_read_only(client):
    product = ProductFactory(title="Gạo ST25 Sóc Trăng")
    VariantFactory(product=product)
    login_verified(client, AdminFactory())

    page = client.get(reverse("admin:catalog_product_change", args=[product.pk]))
    post = client.post(
        reverse("admin:catalog_product_change", args=[product.pk]), {"title": "Đổi tên"}
    )

    product.refresh_from_db()
    assert (page.status_code, post.status_code) == (200, 403)
    assert product.title == "Gạo ST25 Sóc Trăng"


def test_admin_category_refuses_a_parent_below_itself(client):
    top = Category.objects.create(name_vi="Gốc", name_en="Root", slug="goc-thu")
    child = Category.objects.create(name_vi="Con", name_en="Child", slug="con-thu", parent=top)
    login_verified(client, AdminFactory())

    response = client.post(
        reverse("admin:catalog_category_change", args=[top.pk]),
        {
            "parent": child.pk,
            "name_vi": "Gốc",
            "name_en": "Root",
            "slug": "goc-thu",
            "position": 0,
            "is_active": "on",
        },
    )

    top.refresh_from_db()
    assert response.status_code == 200
    assert top.parent_id is None
