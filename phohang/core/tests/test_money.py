from decimal import Decimal

import pytest
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from phohang.core.money import format_vnd, parse_vnd, percent_of


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (1_250_000, "1.250.000 ₫"),
        (0, "0 ₫"),
        (999, "999 ₫"),
        (1000, "1.000 ₫"),
        (-45_000, "-45.000 ₫"),
        (None, ""),
    ],
)
def test_format_vnd(amount, text):
    assert format_vnd(amount) == text


def test_vnd_template_filter_is_builtin():
    rendered = Template("{{ price|vnd }}").render(Context({"price": 1250000}))

    assert rendered == "1.250.000 ₫"


@pytest.mark.parametrize(
    ("amount", "percent", "expected"),
    [(1_000_000, "2.5", 25_000), (999, 50, 500), (333, Decimal("10"), 33), (1, "49.9", 0)],
)
def test_percent_of_rounds_half_up_once(amount, percent, expected):
    assert percent_of(amount, percent) == expected


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.250.000", 1_250_000),
        ("1,250,000", 1_250_000),
        ("1250000 đ", 1_250_000),
        ("1.250.000₫", 1_250_000),
        ("45.000 VNĐ", 45_000),
        ("-2.000", -2_000),
    ],
)
def test_parse_vnd_accepts_what_people_type(text, amount):
    assert parse_vnd(text) == amount


@pytest.mark.parametrize("text", ["", "₫", "1.25", "12,5", "abc", "1.2345"])
def test_parse_vnd_refuses_non_whole_amounts(text):
    with pytest.raises(ValueError):
        parse_vnd(text)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_parse_of_format_round_trips(amount):
    assert parse_vnd(format_vnd(amount)) == amount
