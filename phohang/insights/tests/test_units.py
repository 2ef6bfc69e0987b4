from datetime import date
from decimal import Decimal

import pytest

from phohang.insights.charts import hbars
from phohang.insights.exports import safe_text
from phohang.insights.models import Grain, SalesFlowFact
from phohang.insights.periods import RangeSplit, period_parse
from phohang.insights.selectors import Column, Dataset
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
def test_range_split_reads_whole_months_from_month_rows_and_edges_from_day_rows():
    def row(grain, period, gmv):
        SalesFlowFact.objects.create(
            grain=grain,
            period=period,
            seller_province_id="01",
            buyer_province_id="01",
            seller_type="household",
            gmv_vnd=gmv,
        )

    row(Grain.DAY, date(2026, 1, 30), 1)
    row(Grain.DAY, date(2026, 1, 31), 2)
    row(Grain.MONTH, date(2026, 1, 1), 3)
    row(Grain.MONTH, date(2026, 2, 1), 40)
    row(Grain.DAY, date(2026, 3, 1), 500)
    row(Grain.DAY, date(2026, 3, 2), 6000)
    row(Grain.MONTH, date(2026, 3, 1), 6500)

    rows = SalesFlowFact.objects.filter(RangeSplit(date(2026, 1, 31), date(2026, 3, 1)).q())

    assert sum(rows.values_list("gmv_vnd", flat=True)) == 542


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
