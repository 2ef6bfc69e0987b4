"""`variants_for_sale_brief` (hand-written SQL, for checkout) answers exactly as the ORM's
`variants_for_sale`: the same "can be bought now" rule and the same values."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phohang.catalog.models import Product
from phohang.catalog.selectors import variants_for_sale, variants_for_sale_brief
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


def _can_be_bought(state) -> bool:
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
            stock_reserved=n,
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


@pytest.mark.parametrize("state", STATES, ids=lambda state: "-".join(map(str, state)))
def test_each_state_is_sold_by_both_or_neither(matrix, state):
    by_state, _extras = matrix
    variant = by_state[state]

    brief = variants_for_sale_brief([variant.pk])
    orm = variants_for_sale([variant.pk]).in_bulk()

    expected = {variant.pk} if _can_be_bought(state) else set()
    assert set(brief) == set(orm) == expected


def test_the_whole_matrix_at_once_gives_the_same_variants_and_values(matrix):
    by_state, extras = matrix
    ids = [variant.pk for variant in [*by_state.values(), *extras]]
    ids += _unknown_ids(ids)

    brief = variants_for_sale_brief(ids)
    orm = variants_for_sale(ids).in_bulk()

    sellable = by_state[(Product.Status.PUBLISHED, True, True)]
    assert set(brief) == set(orm) == {sellable.pk, extras[0].pk, extras[2].pk}
    assert {pk: _summary(v) for pk, v in brief.items()} == {
        pk: _summary(v) for pk, v in orm.items()
    }
    assert brief[sellable.pk].product.seller.province.code == "79"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_choice_of_ids_gives_the_same_answer_as_the_orm(matrix, data):
    by_state, extras = matrix
    known = [variant.pk for variant in [*by_state.values(), *extras]]
    pool = known + _unknown_ids(known)
    ids = data.draw(st.lists(st.sampled_from(pool), max_size=12), label="ids")
    as_text = data.draw(st.booleans(), label="ids as strings")
    given_ids = [str(pk) for pk in ids] if as_text else ids

    brief = variants_for_sale_brief(iter(given_ids))
    orm = variants_for_sale(given_ids).in_bulk()

    assert sorted(brief) == sorted(orm)
    assert {pk: _summary(v) for pk, v in brief.items()} == {
        pk: _summary(v) for pk, v in orm.items()
    }


def test_one_query_and_the_sellers_province_is_loaded(matrix, django_assert_num_queries):
    by_state, extras = matrix
    ids = [variant.pk for variant in [*by_state.values(), *extras]]

    with django_assert_num_queries(1):
        found = variants_for_sale_brief(ids)
        read = [
            (
                variant.price_vnd,
                variant.available,
                variant.name,
                variant.sku,
                variant.weight_grams,
                variant.product.title,
                variant.product.category_id,
                variant.product.origin_province_id,
                variant.product.seller.name,
                variant.product.seller.province.name,
                variant.product.seller.province.short_name,
            )
            for variant in found.values()
        ]

    assert len(read) == 3
    assert {row[9] for row in read} == {Province.objects.get(code="79").name}


def test_no_ids_costs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert variants_for_sale_brief([]) == {}


def test_unlisted_fields_are_deferred_and_load_correctly(matrix, django_assert_num_queries):
    by_state, _extras = matrix
    sellable = by_state[(Product.Status.PUBLISHED, True, True)]

    variant = variants_for_sale_brief([sellable.pk])[sellable.pk]

    assert "gtin" in variant.get_deferred_fields()
    assert "description" in variant.product.get_deferred_fields()
    with django_assert_num_queries(1):
        assert variant.low_stock_threshold == sellable.low_stock_threshold
    with django_assert_num_queries(1):
        assert variant.product.public_id == sellable.product.public_id
