import unicodedata

import pytest

from phohang.search.selectors import SearchFilters, product_search, product_suggest
from phohang.search.services import documents_delete

from .factories import coffee_corpus, index, row

pytestmark = pytest.mark.django_db


def _titles(query: str, **kwargs) -> list[str]:
    return [document.title for document in product_search(query=query, **kwargs).documents]


@pytest.mark.parametrize(
    "query",
    [
        "cà phê buôn ma thuột",
        "ca phe buon ma thuot",
        "cà phe BMT",
        "caphe buôn mê thuột",
        "cafe daklak",
        unicodedata.normalize("NFD", "cà phê buôn ma thuột"),
        "ca phê buon ma thuôt",
        "ca phe buon ma thuoot",
    ],
)
def test_every_way_of_typing_finds_buon_ma_thuot_coffee_first(query):
    coffee_corpus()

    titles = _titles(query)

    assert titles[0] == "Cà phê Buôn Ma Thuột rang xay 500g"


def test_tra_finds_che():
    coffee_corpus()

    assert _titles("trà thái nguyên") == ["Chè Thái Nguyên Tân Cương 200g"]


def test_old_province_name_finds_products_of_the_current_province():
    coffee_corpus()

    assert _titles("vải thiều bắc giang")[0] == "Vải thiều Lục Ngạn hộp 5kg"


def test_units_match_with_or_without_space():
    coffee_corpus()

    assert _titles("gạo st25 5 kg")[0] == "Gạo ST25 túi 5kg"
    assert _titles("nuoc mam 500 ml")[0] == "Nước mắm Phú Quốc 40 độ đạm chai 500ml"


def test_exact_diacritics_rank_above_folded_matches():
    index(row("Bánh cá nướng"), row("Bánh cà nướng"))

    assert _titles("cà") == ["Bánh cà nướng", "Bánh cá nướng"]
    assert _titles("cá") == ["Bánh cá nướng", "Bánh cà nướng"]


def test_title_outranks_category_outranks_description():
    index(
        row("Hộp quà Tết", description="có mật ong rừng"),
        row("Hộp quà Trung thu", category_name="Mật ong"),
        row("Mật ong rừng U Minh"),
    )

    assert _titles("mật ong") == ["Mật ong rừng U Minh", "Hộp quà Trung thu", "Hộp quà Tết"]


def test_adjacent_words_rank_above_scattered_ones():
    index(row("Mắm nêm, tôm khô"), row("Mắm tôm chua"))

    assert _titles("mắm tôm") == ["Mắm tôm chua", "Mắm nêm, tôm khô"]


def test_stock_then_ocop_stars_break_ties():
    index(
        row("Chè búp Tân Cương", has_stock=False, ocop_stars=5),
        row("Chè búp Tân Cương", ocop_stars=3),
        row("Chè búp Tân Cương", ocop_stars=5),
    )

    result = product_search(query="chè búp")

    assert [(d.has_stock, d.ocop_stars) for d in result.documents] == [
        (True, 5),
        (True, 3),
        (False, 5),
    ]


def test_known_words_are_not_widened_by_typo_tolerance():
    index(row("Áo thun"), row("Thùng nhựa"), row("Bơ sáp"))

    assert _titles("thun") == ["Áo thun"]
    assert _titles("bơ") == ["Bơ sáp"]


def test_unknown_word_is_corrected_within_one_edit():
    index(row("Áo thun"), row("Thùng nhựa"), row("Bơ sáp"))

    assert _titles("thumg") == ["Thùng nhựa"]


def test_query_finding_nothing_shows_a_respelling_that_adds_one_letter():
    coffee_corpus()

    result = product_search(query="ca phe bun ma thuot")

    assert (result.did_you_mean, result.is_respelled) == ("ca phe buon ma thuot", True)
    assert result.documents[0].title == "Cà phê Buôn Ma Thuột rang xay 500g"


def test_word_matching_nothing_gives_no_results_and_real_suggestions():
    coffee_corpus()

    result = product_search(query="cà phê xyzzyq")

    assert (result.total, result.documents, result.is_partial_match) == (0, [], False)
    assert [text for text, _count in result.suggestions] == ["cà phê"]
    assert result.suggestions[0][1] == product_search(query="cà phê").total


def test_place_query_is_not_respelled_and_finds_its_province():
    index(
        row("Bánh cốm Hàng Than", province_name="Hà Nội"), row("Quần cửa giấy", province_name="Huế")
    )

    result = product_search(query="quận cầu giấy")

    assert result.did_you_mean == ""
    assert [d.title for d in result.documents] == ["Bánh cốm Hàng Than"]


def test_district_word_before_a_place_finds_the_place_not_its_syllables():
    index(
        row("Gốm Bát Tràng bình hoa", province_name="Hà Nội"),
        row("Khăn lụa màu huyền", province_code="46", province_name="Huế"),
        row("Áo lam gia đình", province_code="46", province_name="Huế"),
    )

    result = product_search(query="huyện gia lâm")

    assert (result.did_you_mean, result.is_partial_match) == ("", False)
    assert [d.title for d in result.documents] == ["Gốm Bát Tràng bình hoa"]


def test_ward_name_after_phuong_finds_the_goods_of_its_province():
    index(
        row("Bánh mì que", province_code="79", province_name="Hồ Chí Minh"),
        row("Bến thuyền mô hình gỗ", province_code="01", province_name="Hà Nội"),
    )

    result = product_search(query="phường bến thành")

    assert (result.did_you_mean, result.is_partial_match) == ("", False)
    assert [d.title for d in result.documents] == ["Bánh mì que"]


def test_trousers_are_not_a_district():
    index(row("Quần jean nam"), row("Áo jean nữ"))

    assert _titles("quần jean")[0] == "Quần jean nam"


def test_nonsense_gives_no_results_and_the_largest_categories_as_suggestions():
    coffee_corpus()

    result = product_search(query="xqzvw kkjjh")

    assert (result.total, result.documents, result.did_you_mean) == (0, [], "")
    assert result.suggestions
    for text, count in result.suggestions:
        assert count == product_search(query=text).total > 0


def test_known_words_finding_nothing_together_are_not_respelled_and_the_head_noun_leads():
    index(
        row("Balo leo núi 30L"),
        row("Bao da điện thoại"),
        row("Laptop Dell Vostro 15"),
        row("Bao laptop chống sốc 14 inch"),
    )

    result = product_search(query="balo laptop")

    assert (result.did_you_mean, result.is_respelled, result.is_partial_match) == ("", False, True)
    assert result.documents[0].title == "Balo leo núi 30L"


def test_a_syllable_missing_a_letter_is_respelled_to_the_word_that_finds_most():
    index(row("Tai nghe Bluetooth Sony"), row("Tai nghe có dây"), row("Loa Bluetooth JBL"))

    result = product_search(query="tai nge bluetooth")

    assert (result.did_you_mean, result.is_respelled) == ("tai nghe bluetooth", True)
    assert result.documents[0].title == "Tai nghe Bluetooth Sony"


def test_homonym_inside_a_longer_name_ranks_below_the_thing_itself():
    index(row("Bắp cải tím Đà Lạt"), row("Bắp Mỹ ngọt luộc"), row("Máy massage cơ bắp"))

    assert _titles("bắp")[0] == "Bắp Mỹ ngọt luộc"


def test_head_noun_decides_a_charger_is_not_a_laptop():
    index(row("Sạc dành cho laptop Dell 65W"), row("Laptop Dell Vostro 15"))

    assert _titles("laptop dell") == ["Laptop Dell Vostro 15", "Sạc dành cho laptop Dell 65W"]


def test_wireless_finds_bluetooth_headphones_before_other_wireless_goods():
    index(row("Chuột không dây Logitech"), row("Tai nghe Bluetooth Sony"), row("Tai nghe có dây"))

    assert _titles("tai nghe không dây")[0] == "Tai nghe Bluetooth Sony"


def test_abbreviations_and_spacing_variants_find_the_same_products():
    index(row("Sạc dự phòng Anker 10000mAh"), row("Ba lô leo núi 30L"))

    assert _titles("sạc dp") == ["Sạc dự phòng Anker 10000mAh"]
    assert _titles("balô") == _titles("balo") == ["Ba lô leo núi 30L"]


def test_misspelt_long_word_shows_the_respelling_results():
    index(row("Giày thể thao nam"), row("Thoa son dưỡng"))

    result = product_search(query="giay the thoa")

    assert (result.did_you_mean, result.is_respelled) == ("giay the thao", True)
    assert [d.title for d in result.documents] == ["Giày thể thao nam"]


def test_nothing_similar_gives_an_empty_page():
    coffee_corpus()

    result = product_search(query="xyzzyq")

    assert (result.total, result.documents, result.did_you_mean) == (0, [], "")
    assert [text for text, _count in result.suggestions][:1] == ["Cà phê"]


def test_facet_counts_and_multi_select_filters():
    coffee_corpus()

    result = product_search(query="cà phê", filters=SearchFilters(provinces=["66"]))

    assert [d.title for d in result.documents] == ["Cà phê Buôn Ma Thuột rang xay 500g"]
    assert result.total == 1
    provinces = {
        value.value: (value.count, value.is_selected) for value in result.facets["province"]
    }
    assert provinces == {"66": (1, True), "14": (1, False)}
    assert [(v.value, v.count) for v in result.facets["category"]] == [("ca-phe", 1)]
    assert [(v.value, v.count) for v in result.facets["stars"]] == [("4", 1)]
    assert [(v.value, v.count) for v in result.facets["price"]] == [("100000-200000", 1)]
    assert [(v.value, v.count) for v in result.facets["seller_type"]] == [("cooperative", 1)]


def test_price_seller_type_and_star_filters():
    coffee_corpus()

    assert _titles("", filters=SearchFilters(prices=["0-50000"])) == ["Gạo ST25 túi 5kg"]
    assert _titles("", filters=SearchFilters(seller_types=["individual"])) == ["Áo thun nam cotton"]
    assert _titles("", filters=SearchFilters(stars=[3, 4]), sort="price_asc") == [
        "Chè Thái Nguyên Tân Cương 200g",
        "Cà phê Buôn Ma Thuột rang xay 500g",
    ]


def test_sort_by_price_and_newest():
    coffee_corpus()

    assert _titles("cà phê", sort="price_asc") == [
        "Cà phê Sơn La Arabica 500g",
        "Cà phê Buôn Ma Thuột rang xay 500g",
    ]
    assert _titles("cà phê", sort="price_desc") == [
        "Cà phê Buôn Ma Thuột rang xay 500g",
        "Cà phê Sơn La Arabica 500g",
    ]
    assert _titles("cà phê", sort="newest") == [
        "Cà phê Sơn La Arabica 500g",
        "Cà phê Buôn Ma Thuột rang xay 500g",
    ]


def test_pagination():
    index(*[row(f"Gạo nếp loại {number}") for number in range(25)])

    first = product_search(query="gạo nếp", page_size=10)
    third = product_search(query="gạo nếp", page=3, page_size=10)

    assert (first.total, first.page_count, len(first.documents), len(third.documents)) == (
        25,
        3,
        10,
        5,
    )
    assert not {d.id for d in first.documents} & {d.id for d in third.documents}


def test_deleted_document_is_gone():
    rows = coffee_corpus()

    documents_delete(keys=[str(rows["che"]["id"])])

    assert _titles("chè") == []
    assert product_search(query="chè").did_you_mean == "phe"


def test_suggest_completes_the_last_word():
    coffee_corpus()

    assert [s.title for s in product_suggest(query="ca phe buo")] == [
        "Cà phê Buôn Ma Thuột rang xay 500g"
    ]
    assert product_suggest(query="c") == []


def test_sort_by_rating_puts_the_best_rated_first_and_more_reviews_break_ties():
    index(
        row("Mật ong rừng 500ml", rating_tenths=42, rating_count=10),
        row("Mật ong hoa nhãn 500ml", rating_tenths=48, rating_count=3),
        row("Mật ong bạc hà 500ml", rating_tenths=48, rating_count=20),
        row("Mật ong chưa có đánh giá"),
    )

    assert _titles("mật ong", sort="rating") == [
        "Mật ong bạc hà 500ml",
        "Mật ong hoa nhãn 500ml",
        "Mật ong rừng 500ml",
        "Mật ong chưa có đánh giá",
    ]
