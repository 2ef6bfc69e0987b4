import unicodedata

from phohang.core.text import search_fold, search_normalize


def test_search_normalize_keeps_diacritics_lowercases_and_drops_punctuation():
    assert search_normalize("Cà Phê, BUÔN MA THUỘT!") == "cà phê buôn ma thuột"


def test_search_normalize_moves_old_tone_marks():
    assert search_normalize("Hoà Bình thuỷ") == "hòa bình thủy"


def test_search_normalize_composes_nfd_input():
    assert search_normalize(unicodedata.normalize("NFD", "cà phê")) == "cà phê"


def test_search_normalize_joins_units():
    assert (
        search_normalize("Gạo 5 kg, nước 500 ML, 500 gr, 1 lít, 2 ký")
        == "gạo 5kg nước 500ml 500g 1l 2kg"
    )


def test_search_normalize_removes_invisible_and_direction_characters():
    assert search_normalize("cà\u200b phê\u202e\u2066") == "cà phê"


def test_search_normalize_of_fts_syntax_is_plain_words():
    assert search_normalize('"cà" * NEAR(phê) - a:b') == "cà near phê a b"


def test_search_fold_removes_marks_and_maps_d_with_stroke():
    assert search_fold("Đắk Lắk ưa ơi") == "dak lak ua oi"


def test_search_fold_fast_path_matches_full_path():
    text = search_normalize("Đặc sản Thừa Thiên Huế, Ñandú, thuỷ")

    assert search_fold(text, is_normalized=True) == search_fold(text)
