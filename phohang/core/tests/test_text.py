import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from phohang.core.text import (
    clean_free_text,
    clean_identifier,
    clean_line,
    collation_key,
    comparison_key,
    fold,
    grams_stated,
    has_invisible_characters,
    modern_tone_placement,
    nfc,
    slugify_vi,
    sorted_vietnamese,
)

VIETNAMESE_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
vietnamese_words = st.text(
    alphabet=VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper(), min_size=1, max_size=12
)
vietnamese_names = st.lists(vietnamese_words, min_size=1, max_size=5).map(" ".join)


def test_nfc_composes_decomposed_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Phở Hà Nội")

    assert decomposed != "Phở Hà Nội"
    assert nfc(decomposed) == "Phở Hà Nội"


@pytest.mark.parametrize(
    ("old", "modern"),
    [
        ("hoà", "hòa"),
        ("Thuỷ", "Thủy"),
        ("khoẻ", "khỏe"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("Hoà Lạc", "Hòa Lạc"),
        ("quý", "quý"),  # "qu" is one consonant: the mark already sits on the vowel
        ("hoàn", "hoàn"),  # closed syllable keeps its mark
    ],
)
def test_modern_tone_placement(old, modern):
    assert modern_tone_placement(old) == modern


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Đồng Tháp", "dong thap"), ("Chè Tân Cương", "che tan cuong"), ("ĐẮK LẮK", "dak lak")],
)
def test_fold_strips_marks_and_d_stroke(text, folded):
    assert fold(text) == folded
    assert fold(unicodedata.normalize("NFD", text)) == folded


def test_slugify_vi():
    assert slugify_vi("Chè Tân Cương — Thái Nguyên!") == "che-tan-cuong-thai-nguyen"
    assert slugify_vi("***") == "n-a"
    assert len(slugify_vi("á" * 300)) == 80


def test_clean_line_removes_bidi_controls_zero_width_and_extra_spaces():
    assert clean_line("  Gốm\u202e  Bát\u200b Tràng\x00 ") == "Gốm Bát Tràng"


def test_clean_free_text_keeps_joiners_and_line_breaks_but_not_bidi_overrides():
    assert clean_free_text("dòng 1\r\ndòng\u200d 2\u202e") == "dòng 1\ndòng\u200d 2"


def test_clean_identifier_and_invisible_detection():
    assert has_invisible_characters("0100\u200b109106")
    assert has_invisible_characters("abc\u2066")
    assert not has_invisible_characters("0100109106")
    assert clean_identifier("\ufeff0100109106\u200c") == "0100109106"


def test_comparison_key_treats_nfc_nfd_case_spacing_and_tone_placement_alike():
    nfc_name = "Hợp tác xã Đồng Tháp Hoà Bình"
    variants = [
        unicodedata.normalize("NFD", nfc_name),
        nfc_name.upper(),
        "  Hợp  tác xã Đồng Tháp  Hòa Bình ",
        "Hợp tác\u200b xã Đồng Tháp Hoà Bình",
    ]

    assert {comparison_key(v) for v in variants} == {comparison_key(nfc_name)}
    assert comparison_key("Hợp tác xã Đồng Tháp") != comparison_key("Hop tac xa Dong Thap")


@given(vietnamese_names, st.sampled_from(["NFC", "NFD"]))
def test_clean_line_stores_nfc_of_input(name, form):
    # FUZ-02: the stored form of a clean name is exactly NFC(input), whichever form was typed.
    typed = unicodedata.normalize(form, name)

    assert clean_line(typed) == unicodedata.normalize("NFC", name)
    assert comparison_key(typed) == comparison_key(unicodedata.normalize("NFC", name))


@given(st.text(max_size=200))
def test_clean_free_text_output_is_always_nfc_without_bidi_controls(text):
    cleaned = clean_free_text(text)

    assert unicodedata.is_normalized("NFC", cleaned)
    assert not any(ch in cleaned for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@pytest.mark.parametrize(
    ("name", "grams"),
    [
        ("Túi 2 kg", 2000),
        ("Gói 500 g", 500),
        ("Gói 500g", 500),
        ("Con 1,8 kg", 1800),
        ("Chai 500 ml", 500),
        ("Bình 1,5 lít", 1500),
        ("Hộp 6 × 330 ml", 1980),
        ("Thùng 24 x 250ml", 6000),
        ("Bao 1.000 g", 1000),
    ],
)
def test_grams_stated_reads_the_weight_a_variant_name_states(name, grams):
    assert grams_stated(name) == grams


@pytest.mark.parametrize("name", ["Giỏ nhỏ", "Khăn lụa 50×180 cm", "Bộ ấm chén", "", "0 g"])
def test_grams_stated_is_none_without_a_weight(name):
    assert grams_stated(name) is None


def test_collation_puts_vietnamese_letters_in_dictionary_order():
    names = ["Đồng Nai", "Cao Bằng", "Điện Biên", "Cần Thơ", "Cà Mau", "Đà Nẵng", "Gia Lai"]

    assert sorted_vietnamese(names) == [
        "Cà Mau",
        "Cao Bằng",
        "Cần Thơ",
        "Đà Nẵng",
        "Điện Biên",
        "Đồng Nai",
        "Gia Lai",
    ]


def test_collation_orders_marked_letters_after_their_base():
    words = ["ư", "ơ", "ô", "o", "ê", "e", "đ", "d", "â", "ă", "a"]

    assert sorted_vietnamese(words) == ["a", "ă", "â", "d", "đ", "e", "ê", "o", "ô", "ơ", "ư"]


def test_collation_compares_tones_only_after_the_letters():
    words = ["mạ", "má", "mã", "mả", "mà", "ma", "mac"]

    assert sorted_vietnamese(words) == ["ma", "mà", "mả", "mã", "má", "mạ", "mac"]


def test_collation_ignores_case_and_unicode_form_for_letters_and_tones():
    decomposed = unicodedata.normalize("NFD", "Lâm Đồng")

    assert collation_key(decomposed)[:2] == collation_key("LÂM ĐỒNG")[:2]
    assert sorted_vietnamese(["Lào Cai", decomposed, "lai châu"]) == [
        "lai châu",
        "Lào Cai",
        decomposed,
    ]
