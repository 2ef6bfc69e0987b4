"""Failure classes found on independently written queries: the whole phrase decides how words
are read, a shopper's diacritics tell look-alike words apart, and a kind of a thing falls back
to the thing."""

import pytest

from phohang.search.selectors import product_search

from .factories import index, row

pytestmark = pytest.mark.django_db


def _titles(query: str) -> list[str]:
    return [document.title for document in product_search(query=query).documents]


def test_a_place_is_read_whole_rather_than_a_shorter_dish_before_it():
    index(
        row("Chè Tân Cương búp non 200g"),
        row("Trà xanh Bảo Lộc 500g"),
        row("Cá hồi nguyên con"),
        row("Sữa đậu nành nguyên chất"),
        row("Mật ong rừng Thái Nguyên"),
    )

    titles = _titles("chè thái nguyên")

    assert titles[:2] == ["Chè Tân Cương búp non 200g", "Trà xanh Bảo Lộc 500g"]
    assert "Cá hồi nguyên con" not in titles[:3]


def test_a_title_writing_the_word_with_other_diacritics_does_not_name_it():
    index(
        row("Đậu phộng da cá 150g"),
        row("Lược gỗ massage da đầu răng thưa"),
        row("Thịt bò lúc lắc 200g"),
        row("Lạc đỏ Nghệ An 1kg"),
    )

    titles = _titles("đậu phộng rang")

    assert titles[:2] == ["Đậu phộng da cá 150g", "Lạc đỏ Nghệ An 1kg"]


def test_diacritics_left_out_by_the_shopper_still_match():
    index(row("Giày thể thao nữ trắng"), row("Dép nữ đi trong nhà"))

    assert _titles("giày thê thao nu")[0] == "Giày thể thao nữ trắng"


def test_a_kind_of_fruit_missing_falls_back_to_the_fruit_before_goods_of_the_place():
    index(
        row("Bưởi Diễn quả 1kg"),
        row("Bưởi da xanh túi lưới"),
        row("Bánh cốm Hàng Than Hà Nội"),
        row("Chả cá Lã Vọng Hà Nội"),
    )

    assert _titles("bưởi diễn hà nội")[:2] == ["Bưởi Diễn quả 1kg", "Bưởi da xanh túi lưới"]
