"""Listing pages and related cards live in the shared cache, stamped with the catalog
generation; a web process keeps none of them, so every node sees every invalidation."""

import sys

import pytest
from django.core.cache import cache

from phohang.catalog import selectors
from phohang.catalog.models import Product
from phohang.geo.models import Province
from phohang.sellers.models import Seller

from .factories import ProductFactory, VariantFactory

pytestmark = pytest.mark.django_db


def _page_titles(province) -> list[str]:
    page = selectors.listing_page(
        listing={"province": province}, sort="newest", per_page=12, number=1
    )
    return [product.title for product in page.object_list]


def _retitle_behind_the_catalogs_back(product, title: str) -> None:
    """A change no catalog event announces (as another node's change looks to this one)."""
    Product.objects.filter(pk=product.pk).update(title=title)


def test_a_listing_page_is_served_from_the_shared_cache_until_the_generation_changes():
    hanoi = Province.objects.get(code="01")
    product = ProductFactory(title="Chè Tân Cương", origin_province=hanoi)
    assert _page_titles(hanoi) == ["Chè Tân Cương"]

    _retitle_behind_the_catalogs_back(product, "Chè Shan Tuyết")
    served_from_cache = _page_titles(hanoi)
    selectors.listing_caches_forget()  # what any node does after a catalog change
    served_after = _page_titles(hanoi)

    assert served_from_cache == ["Chè Tân Cương"]
    assert served_after == ["Chè Shan Tuyết"]


def test_an_entry_of_an_older_generation_is_never_served():
    generation, _found = selectors.generation_entries([])
    selectors.generation_entries_store(generation, {"catalog:test": "old"})

    selectors.listing_caches_forget()
    new_generation, found = selectors.generation_entries(["catalog:test"])

    assert new_generation != generation
    assert found == {}
    assert cache.get("catalog:test") == (generation, "old")


def test_clearing_the_shared_cache_leaves_no_page_behind_in_the_process():
    hanoi = Province.objects.get(code="01")
    product = ProductFactory(title="Gạo ST25", origin_province=hanoi)
    _page_titles(hanoi)

    _retitle_behind_the_catalogs_back(product, "Gạo ST25 lúa tôm")
    cache.clear()

    assert _page_titles(hanoi) == ["Gạo ST25 lúa tôm"]


def test_related_cards_come_from_the_shared_cache_and_follow_the_generation():
    hanoi = Province.objects.get(code="01")
    shown = ProductFactory(origin_province=hanoi)
    VariantFactory(product=shown)
    neighbour = ProductFactory(title="Bánh cốm Hàng Than", origin_province=hanoi)

    first = selectors.product_page_get(shown.public_id).same_province
    _retitle_behind_the_catalogs_back(neighbour, "Bánh cốm Nguyên Ninh")
    cached = selectors.product_page_get(shown.public_id).same_province
    selectors.listing_caches_forget()
    fresh = selectors.product_page_get(shown.public_id).same_province

    assert [card.title for card in first] == ["Bánh cốm Hàng Than"]
    assert [card.title for card in cached] == ["Bánh cốm Hàng Than"]
    assert [card.title for card in fresh] == ["Bánh cốm Nguyên Ninh"]


def _module_containers() -> dict[tuple[str, str], int]:
    """Sizes of the dicts, lists and sets every phohang module holds at module level."""
    return {
        (name, attribute): len(value)
        for name, module in list(sys.modules.items())
        if name.startswith("phohang.")
        for attribute, value in list(vars(module).items())
        if isinstance(value, dict | list | set)
    }


def test_serving_catalog_pages_grows_no_module_level_container(client):
    hanoi = Province.objects.get(code="01")
    products = [ProductFactory(origin_province=hanoi) for _ in range(3)]
    for product in products:
        VariantFactory(product=product)
    client.get("/")  # modules imported, start-up work done
    before = _module_containers()

    for product in products:
        assert client.get(product.get_absolute_url()).status_code == 200
    assert client.get("/dac-san/ha-noi/").status_code == 200
    assert client.get("/dac-san/ha-noi/?page=1&per_page=12&sort=price_asc").status_code == 200
    assert client.get("/").status_code == 200

    after = _module_containers()
    assert {key: size for key, size in after.items() if before.get(key) != size} == {}


def test_cards_by_public_id_keep_the_order_given_and_leave_out_what_is_not_listed():
    shown, later = ProductFactory(), ProductFactory()
    draft = ProductFactory(status=Product.Status.DRAFT)
    withheld = ProductFactory()
    Seller.objects.filter(pk=withheld.seller_id).update(is_active=False)

    cards = selectors.product_cards_for_public_ids(
        [later.public_id, draft.public_id, "not-a-uuid", withheld.public_id, shown.public_id]
    )

    assert [card.pk for card in cards] == [later.pk, shown.pk]
