import re

import pytest
from django.urls import reverse

from phohang.catalog.models import Product
from phohang.catalog.services import (
    product_rating_set,
    rating_tenths,
    stock_commit_sale,
    stock_reserve,
    stock_return,
)

from .factories import ProductFactory, VariantFactory, category

pytestmark = pytest.mark.django_db

CARD_TITLE = re.compile(r'<span class="product-card-title">([^<]+)</span>')


def test_shipped_units_count_as_sold_and_returns_take_them_back():
    variant = VariantFactory(stock_on_hand=50)
    other = VariantFactory(product=variant.product, sku="SKU-1KG", stock_on_hand=50)
    stock_reserve(variant_id=variant.pk, quantity=3, reference="DH1")
    stock_reserve(variant_id=other.pk, quantity=2, reference="DH2")

    stock_commit_sale(variant_id=variant.pk, quantity=3, reference="DH1")
    stock_commit_sale(variant_id=other.pk, quantity=2, reference="DH2")
    stock_return(variant_id=variant.pk, quantity=1, reference="DH1")

    assert Product.objects.get(pk=variant.product_id).sold_count == 4


def test_a_return_of_a_sale_older_than_the_count_never_goes_below_zero():
    variant = VariantFactory(stock_on_hand=5)

    stock_return(variant_id=variant.pk, quantity=2, reference="DH-OLD")

    assert Product.objects.get(pk=variant.product_id).sold_count == 0


def test_rating_average_rounds_half_up_to_a_tenth():
    assert [
        rating_tenths(count=0, total=0),
        rating_tenths(count=3, total=14),
        rating_tenths(count=4, total=19),
        rating_tenths(count=2, total=10),
    ] == [0, 47, 48, 50]


def test_rating_set_refuses_impossible_totals_and_changes_nothing():
    product = ProductFactory()

    with pytest.raises(ValueError):
        product_rating_set(product_id=product.pk, count=2, total=11)
    with pytest.raises(ValueError):
        product_rating_set(product_id=product.pk, count=2, total=1)

    product.refresh_from_db()
    assert (product.rating_count, product.rating_total, product.rating_tenths) == (0, 0, 0)


def test_best_rated_sort_puts_higher_averages_then_more_reviews_first(client):
    unrated = ProductFactory(title="Chè chưa có đánh giá")
    good = ProductFactory(title="Chè bốn sao rưỡi")
    best_few = ProductFactory(title="Chè năm sao một đánh giá")
    best_many = ProductFactory(title="Chè năm sao nhiều đánh giá")
    product_rating_set(product_id=good.pk, count=2, total=9)
    product_rating_set(product_id=best_few.pk, count=1, total=5)
    product_rating_set(product_id=best_many.pk, count=12, total=60)

    response = client.get(reverse("catalog:category", args=[category().slug]), {"sort": "rating"})

    assert CARD_TITLE.findall(response.content.decode()) == [
        best_many.title,
        best_few.title,
        good.title,
        unrated.title,
    ]


def test_cards_show_rating_and_units_sold_the_vietnamese_way(client):
    product = ProductFactory(title="Mật ong bạc hà Hà Giang", sold_count=1_250)
    product_rating_set(product_id=product.pk, count=3, total=14)

    body = client.get(reverse("catalog:category", args=[category().slug])).content.decode()

    assert "★</span> 4,7" in body
    assert "Đã bán 1,2k" in body
