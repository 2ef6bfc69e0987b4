"""Loan words (issue 18): the English name a shopper types finds the Vietnamese label, syllables
written apart find the run-together spelling, and a short Vietnamese word a loan word finds is
not confused with the words that fold like it."""

import pytest

from phohang.search.engines import engine_for_connection
from phohang.search.query import query_parse
from phohang.search.selectors import product_search

from .factories import index, row

pytestmark = pytest.mark.django_db


def _titles(query: str) -> list[str]:
    return [document.title for document in product_search(query=query).documents]


def test_an_english_name_finds_the_vietnamese_label():
    index(
        row("Xúc xích heo Đức CP 500g"),
        row("Ghế xích đu mây tự nhiên"),
        row("Loa Marshall Woburn 3 Bluetooth"),
        row("Giày Sneaker Vải Canvas Nam"),
    )

    assert _titles("sausage") == ["Xúc xích heo Đức CP 500g"]
    # "speaker" is one letter from "sneaker": the loan word wins over a respelling.
    assert _titles("speaker bluetooth")[0] == "Loa Marshall Woburn 3 Bluetooth"
    assert "Giày Sneaker Vải Canvas Nam" not in _titles("speaker bluetooth")


def test_a_loan_word_finds_only_the_vietnamese_word_with_its_own_diacritics():
    index(
        row("Bộ vest nữ công sở"),
        row("Thịt bò Úc thăn 300g"),
        row("Bơ lạt Anchor 227g"),
        row("Bánh quy bơ Danisa hộp thiếc"),
    )

    titles = _titles("butter")

    assert set(titles[:2]) == {"Bơ lạt Anchor 227g", "Bánh quy bơ Danisa hộp thiếc"}
    # A Vietnamese query keeps reading "bò" as beef: the loan line changes nothing for it.
    assert _titles("thịt bò")[0] == "Thịt bò Úc thăn 300g"


def test_syllables_written_apart_find_the_run_together_spelling():
    index(
        row("Snack khoai tây Poca vị bò"),
        row("Bánh socola Hàn Quốc hộp 12 cái"),
        row("Xe đạp trẻ em"),
    )

    parsed = query_parse("so co la", engine=engine_for_connection())
    alternatives = [phrase for concept in parsed.concepts for phrase, _ in concept.alternatives]

    assert ("socola",) in alternatives
    assert _titles("so co la")[0] == "Bánh socola Hàn Quốc hộp 12 cái"
    assert _titles("bim bim")[0] == "Snack khoai tây Poca vị bò"


def test_common_syllables_are_not_joined_into_a_word_nobody_wrote():
    index(row("Áo sơ mi nam trắng"), row("Áo thun nam"))

    parsed = query_parse("ao so mi nam", engine=engine_for_connection())

    alternatives = {phrase for concept in parsed.concepts for phrase, _ in concept.alternatives}

    # No title writes "aoso", "somi" or "minam": the syllables stay syllables.
    assert not alternatives & {("aoso",), ("somi",), ("minam",), ("aosomi",), ("sominam",)}
    assert _titles("ao so mi nam")[0] == "Áo sơ mi nam trắng"
