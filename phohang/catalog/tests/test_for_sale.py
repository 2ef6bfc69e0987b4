"""The "for sale" rule lives in one place, `ProductVariantQuerySet.for_sale`: a published
product of an active, verified seller, with a unit available. Carts and checkout read its
catalog half (`listed`) and compare the units available with the quantity wanted."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phohang.catalog.models import Product, ProductVariant
from phohang.catalog.selectors import product_search_documents, variants_for_sale
from phohang.geo.models import Province
from phohang.sellers.tests.factories import SellerFactory

from .factories import ProductFactory, VariantFactory, category

pytestmark = pytest.mark.django_db

STATUSES = list(Product.Status)
# (product status, seller active, seller verified): every combination.
STATES = list(itertools.product(STATUSES, [True, False], [True, False]))
PROVINCES = {  # seller (active, verified) → the seller's province, so provinces differ too
    (True, True): "79",
    (True, False): "01",
    (False, True): "92",
    (False, False): "08",
}


def _is_listed(state) -> bool:
    status, active, verified = state
    return status == Product.Status.PUBLISHED and active and verified


@pytest.fixture
def matrix():
    """({state: variant}, extras): one product per state, with a variant whose values differ
    from all the others. Extras: a second variant of the sellable product and of a suspended
    one, and two variants whose own (copied) seller column disagrees with their product's
    seller: the rule goes by the product's seller."""
    sellers = {
        standing: SellerFactory(
            is_active=standing[0], is_verified=standing[1], province_code=province
        )
        for standing, province in PROVINCES.items()
    }
    by_state = {}
    for n, (status, active, verified) in enumerate(STATES):
        product = ProductFactory(
            seller=sellers[(active, verified)],
            status=status,
            title=f"Sản phẩm {status} {n}",
            category=category("che-tra") if n % 2 else category("gao-ngu-coc"),
            origin_province=Province.objects.get(code="01" if n % 3 else "92"),
        )
        by_state[(status, active, verified)] = VariantFactory(
            product=product,
            name=f"Gói {n}",
            sku=f"SKU-BRIEF-{n:02d}",
            price_vnd=100_000 + 1_000 * n,
            weight_grams=None if n % 4 == 0 else 100 * n,
            stock_on_hand=20 + n,
            # Every third variant is sold out: all its units are held by orders.
            stock_reserved=20 + n if n % 3 == 0 else n,
        )
    sellable = by_state[(Product.Status.PUBLISHED, True, True)]
    extras = [
        VariantFactory(product=sellable.product, name="Thùng 10 gói", price_vnd=950_000),
        VariantFactory(
            product=by_state[(Product.Status.SUSPENDED, True, True)].product, name="Hộp quà"
        ),
        VariantFactory(product=sellable.product, seller=sellers[(False, False)], name="Lẻ"),
        VariantFactory(
            product=by_state[(Product.Status.PUBLISHED, False, False)].product,
            seller=sellers[(True, True)],
            name="Lẻ",
        ),
    ]
    return by_state, extras


def _summary(variant) -> dict:
    """What checkout reads of a variant, its product, seller and seller's province."""
    product, seller = variant.product, variant.product.seller
    province = seller.province
    return {
        "id": variant.pk,
        "name": variant.name,
        "sku": variant.sku,
        "price_vnd": variant.price_vnd,
        "weight_grams": variant.weight_grams,
        "stock_on_hand": variant.stock_on_hand,
        "stock_reserved": variant.stock_reserved,
        "available": variant.available,
        "product_id": variant.product_id,
        "seller_id": variant.seller_id,
        "product.id": product.pk,
        "product.title": product.title,
        "product.slug": product.slug,
        "product.category_id": product.category_id,
        "product.origin_province_id": product.origin_province_id,
        "product.status": str(product.status),
        "seller.id": seller.pk,
        "seller.name": seller.name,
        "seller.slug": seller.slug,
        "seller.is_active": (type(seller.is_active), seller.is_active),
        "seller.is_verified": (type(seller.is_verified), seller.is_verified),
        "province.code": province.code,
        "province.name": province.name,
        "province.short_name": province.short_name,
        "province.slug": province.slug,
    }


def _unknown_ids(known) -> list[int]:
    top = max(known)
    return [top + 1, top + 1_000, 0, -1]


def _expected_for_sale(variants) -> set[int]:
    """The rule written out in Python from the rows as stored."""
    return {
        variant.pk
        for variant in variants
        if variant.product.status == Product.Status.PUBLISHED
        and variant.product.seller.is_active
        and variant.product.seller.is_verified
        and variant.stock_on_hand > variant.stock_reserved
    }


@pytest.mark.parametrize("state", STATES, ids=lambda state: "-".join(map(str, state)))
def test_each_catalog_state_is_listed_only_when_published_by_an_active_verified_seller(
    matrix, state
):
    by_state, _extras = matrix
    variant = by_state[state]

    listed = set(ProductVariant.objects.listed().filter(pk=variant.pk))
    for_sale = set(ProductVariant.objects.for_sale().filter(pk=variant.pk))

    assert listed == ({variant} if _is_listed(state) else set())
    assert for_sale == ({variant} if _is_listed(state) and variant.available > 0 else set())


def test_for_sale_is_listed_and_in_stock_over_the_whole_matrix(matrix):
    by_state, extras = matrix
    variants = [
        ProductVariant.objects.select_related("product__seller").get(pk=variant.pk)
        for variant in [*by_state.values(), *extras]
    ]

    for_sale = set(ProductVariant.objects.for_sale().values_list("pk", flat=True))

    assert for_sale == _expected_for_sale(variants)
    sellable = by_state[(Product.Status.PUBLISHED, True, True)]
    # The sellable product's variants, the odd ones whose copied seller column disagrees
    # included: the rule goes by the product's seller.
    assert for_sale == {sellable.pk, extras[0].pk, extras[2].pk} - {
        variant.pk for variant in variants if variant.available == 0
    }


def test_a_sold_out_variant_is_listed_but_not_for_sale():
    variant = VariantFactory(stock_on_hand=3, stock_reserved=3)

    assert list(ProductVariant.objects.listed()) == [variant]
    assert list(ProductVariant.objects.for_sale()) == []

    ProductVariant.objects.filter(pk=variant.pk).update(stock_on_hand=4)
    assert list(ProductVariant.objects.for_sale()) == [variant]


def test_search_documents_say_in_stock_by_the_same_rule():
    product = ProductFactory()
    sold_out = VariantFactory(product=product, stock_on_hand=2, stock_reserved=2)

    (before,) = product_search_documents([product.pk])
    ProductVariant.objects.filter(pk=sold_out.pk).update(stock_reserved=1)
    (after,) = product_search_documents([product.pk])

    assert (before["has_stock"], after["has_stock"]) == (False, True)


@pytest.mark.parametrize("state", STATES, ids=lambda state: "-".join(map(str, state)))
def test_variants_for_sale_reads_the_listed_ones(matrix, state):
    by_state, _extras = matrix
    variant = by_state[state]

    found = variants_for_sale([variant.pk]).in_bulk()

    assert set(found) == ({variant.pk} if _is_listed(state) else set())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_choice_of_ids_gives_the_listed_variants_with_their_values(matrix, data):
    by_state, extras = matrix
    known = [variant.pk for variant in [*by_state.values(), *extras]]
    pool = known + _unknown_ids(known)
    ids = data.draw(st.lists(st.sampled_from(pool), max_size=12), label="ids")
    as_text = data.draw(st.booleans(), label="ids as strings")
    given_ids = [str(pk) for pk in ids] if as_text else ids

    found = variants_for_sale(iter(given_ids)).in_bulk()

    whole = (
        ProductVariant.objects.listed()
        .filter(pk__in=ids)
        .select_related("product__seller__province")
        .in_bulk()
    )
    assert sorted(found) == sorted(whole)
    assert {pk: _summary(v) for pk, v in found.items()} == {
        pk: _summary(v) for pk, v in whole.items()
    }


def test_one_query_and_the_sellers_province_is_loaded(matrix, django_assert_num_queries):
    by_state, extras = matrix
    ids = [variant.pk for variant in [*by_state.values(), *extras]]

    with django_assert_num_queries(1):
        found = variants_for_sale(ids).in_bulk()
        read = [
            (
                variant.price_vnd,
                variant.available,
                variant.name,
                variant.sku,
                variant.weight_grams,
                variant.product.title,
                variant.product.unit,
                variant.product.category_id,
                variant.product.origin_province_id,
                variant.product.seller.name,
                variant.product.seller.province.name,
                variant.product.seller.province.short_name,
            )
            for variant in found.values()
        ]

    assert len(read) == 3
    assert {row[10] for row in read} == {Province.objects.get(code="79").name}


def test_no_ids_costs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert variants_for_sale([]).in_bulk() == {}


def test_unlisted_fields_are_deferred_and_load_correctly(matrix, django_assert_num_queries):
    by_state, _extras = matrix
    sellable = by_state[(Product.Status.PUBLISHED, True, True)]

    variant = variants_for_sale([sellable.pk]).in_bulk()[sellable.pk]

    assert "gtin" in variant.get_deferred_fields()
    assert "description" in variant.product.get_deferred_fields()
    with django_assert_num_queries(1):
        assert variant.low_stock_threshold == sellable.low_stock_threshold
    with django_assert_num_queries(1):
        assert variant.product.public_id == sellable.product.public_id
