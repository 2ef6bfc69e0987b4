"""Periods: parsing "2026", "2026-Q1", "2026-03"; buckets; splitting a date range into whole
years, quarters and months (read from those rollup rows) and edge days (read from daily rows)."""

import re
from datetime import date, timedelta

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


_GRAIN_MONTHS = ((Grain.YEAR.value, 12), (Grain.QUARTER.value, 3), (Grain.MONTH.value, 1))
_KIND_GRAIN = {PeriodKind.YEAR: Grain.YEAR, PeriodKind.QUARTER: Grain.QUARTER}


def period_units(
    start: date, end: date, coarsest: str = PeriodKind.YEAR, today: date | None = None
) -> list[tuple[str, date, date]]:
    """(grain, first period, last period) runs of rollup rows that together cover exactly
    [start, end], using whole periods no coarser than `coarsest` (a PeriodKind) and days only at
    the edges. When `end` is today or later, nothing after it exists yet, so its month, quarter
    or year counts as whole."""
    limit = _KIND_GRAIN.get(coarsest, Grain.MONTH).value
    grains = [(grain, months) for grain, months in _GRAIN_MONTHS]
    grains = grains[[grain for grain, _ in grains].index(limit) :]
    if today is not None and end >= today:
        end = max(end, add_months(date(end.year, 1, 1), 12) - timedelta(days=1))
    runs: list[list] = []

    def emit(grain: str, period: date) -> None:
        if runs and runs[-1][0] == grain and runs[-1][3] == period:
            runs[-1][2] = period
        else:
            runs.append([grain, period, period, None])
        step = dict(_GRAIN_MONTHS).get(grain)
        runs[-1][3] = add_months(period, step) if step else period + timedelta(days=1)

    cursor = start
    while cursor <= end:
        for grain, months in grains:
            aligned = cursor.day == 1 and (cursor.month - 1) % months == 0
            following = add_months(cursor, months) if aligned else None
            if following is not None and following - timedelta(days=1) <= end:
                emit(grain, cursor)
                cursor = following
                break
        else:
            emit(Grain.DAY.value, cursor)
            cursor += timedelta(days=1)
    return [(grain, first, last) for grain, first, last, _ in runs]
