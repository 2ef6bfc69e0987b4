"""Behaviour that keeps search fast on a large catalogue: bounded samples, bulk loading,
vocabulary-driven autocomplete. Sample sizes are shrunk so a few rows exercise it."""

import pytest
from django.db import connection

from phohang.search.models import SearchDocument, SearchTerm
from phohang.search.selectors import SearchFilters, product_search, product_suggest, products
from phohang.search.services import index_build

from .factories import index, row

pytestmark = pytest.mark.django_db

HCM = {"province_code": "79", "province_name": "Thành phố Hồ Chí Minh"}
HANOI = {"province_code": "01", "province_name": "Thành phố Hà Nội"}


def test_broad_query_counts_every_match_and_scales_facets_from_its_sample(monkeypatch):
    monkeypatch.setattr(products, "SAMPLE", 4)
    index(*[row(f"Gạo tám thơm {n}", **(HCM if n % 3 else HANOI)) for n in range(12)])

    result = product_search(query="gạo", page_size=4)

    provinces = {value.value: value.count for value in result.facets["province"]}
    assert len(result.documents) == 4
    if result.is_total_estimated:
        # PostgreSQL estimates a huge match set; it is never below what was seen.
        assert result.total > 4
    else:
        assert result.total == 12
    assert set(provinces) <= {"79", "01"}
    assert sum(provinces.values()) == pytest.approx(result.total, abs=3)


def test_small_match_set_is_counted_exactly():
    index(*[row(f"Gạo nếp cái hoa vàng {n}") for n in range(5)], row("Bún khô"))

    result = product_search(query="gạo nếp")

    assert (result.total, result.is_total_estimated) == (5, False)
    assert [(value.value, value.count) for value in result.facets["province"]] == [("01", 5)]


def test_filtered_broad_query_counts_only_the_filtered_matches(monkeypatch):
    monkeypatch.setattr(products, "SAMPLE", 3)
    index(*[row(f"Mật ong rừng {n}", **(HCM if n < 2 else HANOI)) for n in range(8)])

    result = product_search(query="mật ong", filters=SearchFilters(provinces=["79"]))

    assert result.total == 2
    assert sorted(document.province_code for document in result.documents) == ["79", "79"]


def test_product_missing_only_the_place_leads_the_partial_matches(monkeypatch):
    monkeypatch.setattr(products, "RELAXED_SAMPLE", 2)
    jacket = row("Áo khoác gió nam", **HANOI)
    index(jacket, *[row(f"Bánh mì que {n}", **HCM) for n in range(6)])

    result = product_search(query="áo khoác hcm")

    assert result.is_partial_match
    assert result.documents[0].key == str(jacket["id"])


def test_deep_page_beyond_the_ranking_pool_still_lists_products():
    index(*[row(f"Nước mắm cá cơm {n}") for n in range(30)])

    page = product_search(query="nước mắm", page=7, page_size=20)
    shallow = product_search(query="nước mắm", page=1, page_size=20)

    assert (page.total, len(page.documents)) == (30, 0)
    assert len(shallow.documents) == 20


def test_suggest_completes_a_prefix_with_the_most_frequent_words():
    index(row("Bưởi Diễn"), row("Bưởi da xanh"), row("Buôn Ma Thuột cà phê"), row("Bún khô"))

    titles = [suggestion.title for suggestion in product_suggest(query="buo")]

    assert sorted(titles) == ["Buôn Ma Thuột cà phê", "Bưởi Diễn", "Bưởi da xanh"]


def test_suggest_finds_nothing_for_a_prefix_no_word_has():
    index(row("Bưởi Diễn"))

    assert product_suggest(query="xyq") == []


def test_suggest_with_a_one_letter_last_word_keeps_titles_with_such_a_word():
    index(row("Thời trang nữ"), row("Thời gian biểu"), row("Thời trang nam"))

    titles = [suggestion.title for suggestion in product_suggest(query="thời t")]

    assert sorted(titles) == ["Thời trang nam", "Thời trang nữ"]


def test_bulk_build_of_an_empty_index_matches_the_incremental_one():
    rows = [row("Chè Thái Nguyên", id=501), row("Cà phê Sơn La", id=502)]
    repeated = row("Chè Thái Nguyên loại 1", id=501)

    written = index_build(rows=[*rows, repeated])
    added = index(row("Chè búp Tân Cương", id=503))

    first = product_search(query="che thai nguyen").documents[0]
    assert (written, SearchDocument.objects.count()) == (2, 3)
    assert (first.key, first.title) == ("501", "Chè Thái Nguyên loại 1")
    assert product_search(query="tan cuong").documents[0].key == str(added[0]["id"])
    assert SearchTerm.objects.get(term="cuong").frequency == 1


@pytest.mark.postgres
def test_search_leaves_the_planner_settings_of_an_enclosing_transaction_as_they_were():
    index(*[row(f"Gạo tám thơm {n}") for n in range(3)])

    product_search(query="gạo")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan'),"
            " current_setting('enable_bitmapscan')"
        )
        settings = cursor.fetchone()

    assert settings == ("on", "on", "on")


def test_results_heading_says_about_when_the_total_is_an_estimate():
    from django.template.loader import render_to_string
    from django.utils import translation

    from phohang.search.selectors import SORTS, SearchResult

    result = SearchResult("gạo", [], 52_000, 1, 20, "relevance", {}, is_total_estimated=True)
    context = {"result": result, "query": "gạo", "sorts": SORTS, "previous_link": "",
               "next_link": "", "did_you_mean_link": ""}  # fmt: skip

    with translation.override("vi"):
        html = render_to_string("search/partials/_results.html", context)

    assert "khoảng 52000 sản phẩm cho “gạo”" in html
