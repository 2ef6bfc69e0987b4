"""Periods: parsing "2026", "2026-Q1", "2026-03"; buckets; splitting a date range into whole
months (read from monthly rollup rows) and edge days (read from daily rows)."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

from .models import Grain, PeriodKind

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_VI = re.compile(r"^(\d{1,2})/(\d{4})$")


def period_parse(text: str) -> tuple[str, str, date]:
    """ "2026-q1" → ("2026-Q1", "quarter", 2026-01-01); raises ValueError for anything else."""
    value = str(text).strip()
    if match := _YEAR.match(value):
        year = int(match.group(1))
        canonical, kind, start = f"{year}", PeriodKind.YEAR, date(year, 1, 1)
    elif match := _QUARTER.match(value):
        year, quarter = int(match.group(1)), int(match.group(2))
        canonical, kind = f"{year}-Q{quarter}", PeriodKind.QUARTER
        start = date(year, 3 * quarter - 2, 1)
    elif (match := _MONTH.match(value)) or (match := _MONTH_VI.match(value)):
        if match.re is _MONTH_VI:
            month, year = int(match.group(1)), int(match.group(2))
        else:
            year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise ValueError(value)
        canonical, kind, start = f"{year}-{month:02d}", PeriodKind.MONTH, date(year, month, 1)
    else:
        raise ValueError(value)
    if not 1990 <= start.year <= 2100:
        raise ValueError(value)
    return canonical, kind.value, start


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    return add_months(day, 1) - timedelta(days=1)


def bucket_of(day: date, kind: str) -> date:
    """First day of the month, quarter or year that contains `day`."""
    if kind == PeriodKind.YEAR:
        return date(day.year, 1, 1)
    if kind == PeriodKind.QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return day.replace(day=1)


def bucket_label(start: date, kind: str) -> str:
    if kind == PeriodKind.YEAR:
        return f"{start.year}"
    if kind == PeriodKind.QUARTER:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"


def buckets_between(start: date, end: date, kind: str) -> list[date]:
    step = {PeriodKind.YEAR: 12, PeriodKind.QUARTER: 3}.get(kind, 1)
    current, last, result = bucket_of(start, kind), bucket_of(end, kind), []
    while current <= last:
        result.append(current)
        current = add_months(current, step)
    return result


def same_bucket_last_year(start: date) -> date:
    return start.replace(year=start.year - 1)


@dataclass(frozen=True)
class RangeSplit:
    """[start, end] as whole months plus the days before and after them."""

    start: date
    end: date

    @property
    def first_whole_month(self) -> date:
        return self.start if self.start.day == 1 else add_months(self.start, 1)

    @property
    def last_whole_month(self) -> date:
        # The month of `end` is whole only when `end` is its last day.
        return (
            month_start(self.end)
            if month_end(self.end) == self.end
            else add_months(month_start(self.end), -1)
        )

    def q(self, field: str = "period") -> Q:
        """Rows of a grain/period rollup that together cover exactly [start, end]."""
        first, last = self.first_whole_month, self.last_whole_month
        if first > last:
            return Q(grain=Grain.DAY, **{f"{field}__gte": self.start, f"{field}__lte": self.end})
        condition = Q(grain=Grain.MONTH, **{f"{field}__gte": first, f"{field}__lte": last})
        if self.start < first:
            condition |= Q(
                grain=Grain.DAY,
                **{f"{field}__gte": self.start, f"{field}__lt": first},
            )
        after = add_months(last, 1)
        if self.end >= after:
            condition |= Q(grain=Grain.DAY, **{f"{field}__gte": after, f"{field}__lte": self.end})
        return condition
