from datetime import date
from decimal import Decimal

import pytest

from phohang.insights.charts import hbars
from phohang.insights.exports import safe_text
from phohang.insights.models import Grain, PeriodKind, SalesFlowFact
from phohang.insights.periods import period_parse, period_units
from phohang.insights.selectors import Column, Dataset, sums
from phohang.insights.services import parse_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026", ("2026", "year", date(2026, 1, 1))),
        ("2026-q3", ("2026-Q3", "quarter", date(2026, 7, 1))),
        ("2026-3", ("2026-03", "month", date(2026, 3, 1))),
        ("03/2026", ("2026-03", "month", date(2026, 3, 1))),
    ],
)
def test_period_parse_accepts_years_quarters_and_months(text, expected):
    assert period_parse(text) == expected


@pytest.mark.parametrize("text", ["2026-13", "26", "2026-Q5", "", "1800"])
def test_period_parse_refuses_other_text(text):
    with pytest.raises(ValueError):
        period_parse(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10,54", "10.54"), ("1.234.567,8", "1234567.8"), ("1,234,567.8", "1234567.8"), (8.3, "8.3")],
)
def test_parse_decimal_reads_vietnamese_and_english_numbers(text, expected):
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["=1+1", "+84", "-5", "@SUM(A1)", "\tx"])
def test_safe_text_neutralises_formula_starts(text):
    assert safe_text(text) == "'" + text


@pytest.mark.django_db
def test_range_sums_read_whole_months_from_month_rows_and_edges_from_day_rows():
    def row(grain, period, gmv):
        SalesFlowFact.objects.create(
            grain=grain,
            period=period,
            seller_province_id="01",
            buyer_province_id="01",
            gmv_vnd=gmv,
        )

    row(Grain.DAY, date(2026, 1, 30), 1)
    row(Grain.DAY, date(2026, 1, 31), 2)
    row(Grain.MONTH, date(2026, 1, 1), 3)
    row(Grain.MONTH, date(2026, 2, 1), 40)
    row(Grain.DAY, date(2026, 3, 1), 500)
    row(Grain.DAY, date(2026, 3, 2), 6000)
    row(Grain.MONTH, date(2026, 3, 1), 6500)

    totals = sums(SalesFlowFact, date(2026, 1, 31), date(2026, 3, 1), (), ("gmv_vnd",))

    assert totals == [{"gmv_vnd": 542}]


def test_period_units_use_the_coarsest_whole_periods_and_days_only_at_the_edges():
    units = period_units(date(2024, 11, 15), date(2026, 8, 31), PeriodKind.YEAR)

    assert units == [
        (Grain.DAY, date(2024, 11, 15), date(2024, 11, 30)),
        (Grain.MONTH, date(2024, 12, 1), date(2024, 12, 1)),
        (Grain.YEAR, date(2025, 1, 1), date(2025, 1, 1)),
        (Grain.QUARTER, date(2026, 1, 1), date(2026, 4, 1)),
        (Grain.MONTH, date(2026, 7, 1), date(2026, 8, 1)),
    ]


def test_period_units_never_cross_the_chart_buckets():
    units = period_units(date(2025, 1, 1), date(2025, 12, 31), PeriodKind.MONTH)

    assert units == [(Grain.MONTH, date(2025, 1, 1), date(2025, 12, 1))]


def test_period_units_read_the_current_month_whole_when_the_range_ends_today():
    # Nothing is dated after today, so this month's row equals its days up to today.
    units = period_units(
        date(2026, 1, 1), date(2026, 11, 29), PeriodKind.MONTH, today=date(2026, 11, 29)
    )

    assert units == [(Grain.MONTH, date(2026, 1, 1), date(2026, 12, 1))]


def test_charts_escape_labels():
    dataset = Dataset(
        key="x",
        title="<b>",
        columns=[Column("label", "Nhãn"), Column("value", "Giá trị", "int")],
        rows=[{"label": "<script>", "value": 3}],
        chart="hbars",
        options={"label": "label", "value": "value"},
    )

    svg = str(hbars(dataset))

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


@pytest.mark.django_db
def test_growth_from_the_29th_of_february_compares_with_the_28th_a_year_earlier():
    from phohang.insights.selectors import DATASETS, Filters

    dataset = DATASETS["growth"](Filters(date(2024, 2, 29), date(2024, 3, 31), "month"))

    assert [row["period"] for row in dataset.rows] == ["2024-02", "2024-03"]
