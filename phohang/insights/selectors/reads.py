"""The reads every dashboard figure is made of: rollup sums over whole periods, cached by the
rollup version, and shared between the charts of one page."""

import contextlib
import contextvars
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Model, Q, QuerySet, Sum
from django.utils import timezone

from phohang.geo.models import Province

from .. import sources
from ..models import (
    ContractFact,
    Grain,
    OfficialStatistic,
    PeriodKind,
    SalesSeriesFact,
    SellerActivityFact,
    Target,
)
from ..periods import (
    add_months,
    bucket_of,
    buckets_between,
    month_end,
    period_units,
    same_bucket_last_year,
)
from ..rollups import rollup_version

HANOI = "01"
CACHE_SECONDS = 24 * 3600
SELLER_SIDE = ("seller_province_id",)
CONTRACT_SIDES = ("origin_province_id", "destination_province_id")
# One summed row of a rollup: the group's values and the measures' sums, by name.
Row = dict[str, Any]


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    grain: str = PeriodKind.MONTH
    province: str = ""

    def query_string(self) -> str:
        from urllib.parse import urlencode

        params = {"start": self.start.isoformat(), "end": self.end.isoformat(), "grain": self.grain}
        if self.province:
            params["province"] = self.province
        return urlencode(params)


def filters_default(today: date | None = None) -> Filters:
    """The last 24 whole months up to today."""
    today = today or timezone.localdate()
    return Filters(start=add_months(today.replace(day=1), -23), end=today)


def shared[T](key: tuple[object, ...], read: Callable[[], T]) -> T:
    """`read()` once per shared_reads block: several charts of one page need the same rows."""
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    value: T = memo[key]
    return value


def province_names() -> dict[str, str]:
    return shared(
        ("province_names",), lambda: dict(Province.objects.values_list("code", "short_name"))
    )


def seller_counts(province: str) -> list[tuple[str, str, int]]:
    return shared(("seller_counts", province), lambda: sources.seller_counts(province))


def _cache_key(*parts: object) -> str:
    # Keyed by the rollup version, so any rollup write retires every cached read at once.
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    memo = _memo.get()
    version = memo.setdefault("version", None) if memo is not None else None
    if version is None:
        version = rollup_version()
        if memo is not None:
            memo["version"] = version
    return f"insights:read:{version}:{digest}"


def sums(
    model: type[Model],
    start: date,
    end: date,
    group: tuple[str, ...],
    measures: tuple[str, ...],
    *,
    coarsest: str = PeriodKind.YEAR,
    province: str = "",
    province_fields: tuple[str, ...] = SELLER_SIDE,
) -> list[Row]:
    """Sums of `measures` by `group` over the rollup rows that cover [start, end] exactly: one
    index range read per run of whole years, quarters, months or edge days, merged here."""
    key = _cache_key(
        model.__name__, start, end, group, measures, coarsest, province, province_fields
    )
    cached: list[Row] | None = cache.get(key)
    if cached is not None:
        return cached
    where = Q()
    if province:
        for name in province_fields:
            where |= Q(**{name: province})
    totals: dict[tuple[object, ...], Row] = {}
    for grain, first, last in period_units(start, end, coarsest, timezone.localdate()):
        rows = model._default_manager.filter(
            where, grain=grain, period__gte=first, period__lte=last
        )
        sums = {name: Sum(name) for name in measures}
        found = (
            rows.values(*group).annotate(**sums).order_by() if group else [rows.aggregate(**sums)]
        )
        for row in found:
            current = totals.setdefault(
                tuple(row[name] for name in group), dict.fromkeys(measures, 0)
            )
            current.update({name: row[name] for name in group})
            for name in measures:
                current[name] += row[name] or 0
    result = [totals[k] for k in sorted(totals, key=lambda k: tuple(str(part) for part in k))]
    cache.set(key, result, CACHE_SECONDS)
    return result


def bucketed(rows: list[Row], kind: str, measures: tuple[str, ...]) -> dict[date, Row]:
    result: dict[date, Row] = defaultdict(lambda: dict.fromkeys(measures, 0))
    for row in rows:
        target = result[bucket_of(row["period"], kind)]
        for measure in measures:
            target[measure] += row[measure] or 0
    return result


_SERIES_MEASURES = ("gmv_vnd", "orders", "units", "cancelled_vnd", "refunded_vnd", "ocop_vnd")


_memo: contextvars.ContextVar[dict[object, Any] | None] = contextvars.ContextVar(
    "insights_memo", default=None
)


@contextlib.contextmanager
def shared_reads() -> Iterator[None]:
    """Within the block, datasets that need the same series read it once (an inner block
    shares the outer one's reads)."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def series(filters: Filters, start: date, end: date) -> dict[date, Row]:
    memo = _memo.get()
    key = (filters, start, end)
    if memo is not None and key in memo:
        found: dict[date, Row] = memo[key]
        return found
    result = _series_read(filters, start, end)
    if memo is not None:
        memo[key] = result
    return result


def _series_read(filters: Filters, start: date, end: date) -> dict[date, Row]:
    sales = bucketed(
        sums(
            SalesSeriesFact,
            start,
            end,
            ("period",),
            _SERIES_MEASURES,
            coarsest=filters.grain,
            province=filters.province,
        ),
        filters.grain,
        _SERIES_MEASURES,
    )
    contracts = bucketed(
        sums(
            ContractFact,
            start,
            end,
            ("period",),
            ("contracts", "value_vnd"),
            coarsest=filters.grain,
            province=filters.province,
            province_fields=CONTRACT_SIDES,
        ),
        filters.grain,
        ("contracts", "value_vnd"),
    )
    merged: dict[date, Row] = {}
    for bucket in buckets_between(start, end, filters.grain):
        merged[bucket] = {
            **dict.fromkeys(_SERIES_MEASURES, 0),
            **sales.get(bucket, {}),
            "contracts": contracts.get(bucket, {}).get("contracts", 0),
            "contract_value_vnd": contracts.get(bucket, {}).get("value_vnd", 0),
        }
    return merged


def growth(current: int, previous: int) -> Decimal | None:
    if not previous:
        return None
    return (Decimal(current - previous) * 100 / Decimal(previous)).quantize(Decimal("0.01"))


def targets(indicator: str) -> dict[tuple[str, date], Decimal]:
    return {
        (kind, start): value
        for kind, start, value in Target.objects.filter(indicator=indicator).values_list(
            "period_kind", "period_start", "value"
        )
    }


def target_for(targets: dict[tuple[str, date], Decimal], bucket: date, kind: str) -> Decimal | None:
    """The most specific target for the bucket: its own period first, then its year."""
    exact = targets.get((kind, bucket))
    if exact is not None:
        return exact
    return targets.get((PeriodKind.YEAR.value, date(bucket.year, 1, 1)))


def official_growth(indicator: str, kind: str) -> dict[date, Decimal]:
    values = dict(
        OfficialStatistic.objects.filter(indicator=indicator, period_kind=kind).values_list(
            "period_start", "value"
        )
    )
    growth: dict[date, Decimal] = {}
    for start, value in values.items():
        previous = values.get(same_bucket_last_year(start))
        if previous:
            growth[start] = ((value - previous) * 100 / previous).quantize(Decimal("0.01"))
    return growth


def share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"))


def _activity_rows(
    filters: Filters, grain: str, first: date, last: date
) -> QuerySet[SellerActivityFact]:
    rows = SellerActivityFact.objects.filter(
        grain=grain, period__gte=first, period__lte=last, gmv_vnd__gt=0
    )
    if filters.province:
        rows = rows.filter(seller_province_id=filters.province)
    return rows


def _activity_units(filters: Filters, coarsest: str) -> list[tuple[str, date, date]]:
    # Activity is counted by whole months: a seller with a sale in any month of the range counts.
    start, end = filters.start.replace(day=1), month_end(filters.end)
    return period_units(start, end, coarsest, timezone.localdate())


def active_sellers_by_bucket(filters: Filters) -> dict[date, int]:
    """Distinct sellers with net sales per bucket: whole buckets are counted by the database
    (one row per seller and period), partly covered ones from their months."""
    key = _cache_key("active", filters.query_string())
    cached: dict[date, int] | None = cache.get(key)
    if cached is not None:
        return cached
    whole_grains: dict[str, str] = {PeriodKind.YEAR: Grain.YEAR, PeriodKind.QUARTER: Grain.QUARTER}
    whole_grain = whole_grains.get(filters.grain, Grain.MONTH)
    counts: dict[date, int] = {}
    partial: dict[date, set[int]] = defaultdict(set)
    for grain, first, last in _activity_units(filters, filters.grain):
        rows = _activity_rows(filters, grain, first, last)
        if grain == whole_grain:
            for period, count in rows.values_list("period").annotate(n=Count("pk")).order_by():
                counts[period] = count
        else:
            for period, seller_id in rows.values_list("period", "seller_id"):
                partial[bucket_of(period, filters.grain)].add(seller_id)
    counts.update({bucket: len(sellers) for bucket, sellers in partial.items()})
    cache.set(key, counts, CACHE_SECONDS)
    return counts


def _active_sellers_total(filters: Filters) -> int:
    """Distinct sellers with net sales in the range's months, from a few whole-period rows."""
    key = _cache_key("active-total", filters.query_string())
    cached: int | None = cache.get(key)
    if cached is not None:
        return cached
    sellers: set[int] = set()
    for grain, first, last in _activity_units(filters, PeriodKind.YEAR):
        sellers.update(
            _activity_rows(filters, grain, first, last).values_list("seller_id", flat=True)
        )
    cache.set(key, len(sellers), CACHE_SECONDS)
    return len(sellers)


def median(values: list[float]) -> Decimal | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    value = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return Decimal(str(round(value, 1)))


def headline(filters: Filters) -> dict[str, Any]:
    sales = sums(
        SalesSeriesFact,
        filters.start,
        filters.end,
        (),
        ("gmv_vnd", "orders", "units", "ocop_vnd"),
        province=filters.province,
    )
    contracts = sums(
        ContractFact,
        filters.start,
        filters.end,
        (),
        ("contracts", "value_vnd"),
        province=filters.province,
        province_fields=CONTRACT_SIDES,
    )
    sales_total = sales[0] if sales else {}
    contract_total = contracts[0] if contracts else {}
    gmv = sales_total.get("gmv_vnd", 0)
    return {
        "gmv_vnd": gmv,
        "orders": sales_total.get("orders", 0),
        "units": sales_total.get("units", 0),
        "contracts": contract_total.get("contracts", 0),
        "contract_value_vnd": contract_total.get("value_vnd", 0),
        "ocop_share": share(sales_total.get("ocop_vnd", 0), gmv),
        "active_sellers": _active_sellers_total(filters),
    }


def province_points() -> dict[str, tuple[float, float, str]]:
    """Code -> (latitude, longitude, short name) of each province's centre, for maps."""
    return shared(
        ("province_points",),
        lambda: {
            code: (latitude, longitude, name)
            for code, latitude, longitude, name in Province.objects.values_list(
                "code", "latitude", "longitude", "short_name"
            )
            if latitude is not None and longitude is not None
        },
    )
