"""Dashboard reads: every figure comes from the rollups (or small live tables), never from
scanning orders. Each function returns a Dataset, which pages chart and exports download."""

import contextlib
import contextvars
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phohang.geo.models import Province
from phohang.sellers.models import SellerType

from . import sources
from .models import (
    ContractFact,
    Grain,
    Indicator,
    OfficialStatistic,
    PeriodKind,
    SalesCategoryFact,
    SalesFlowFact,
    SalesSeriesFact,
    SellerActivityFact,
    Target,
)
from .periods import (
    add_months,
    bucket_label,
    bucket_of,
    buckets_between,
    month_end,
    period_units,
    same_bucket_last_year,
)
from .rollups import rollup_version

HANOI = "01"
EXPIRING_DAYS = 90
FLOW_PROVINCES = 12


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


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text, int, vnd, percent, days, date


@dataclass
class Dataset:
    key: str
    title: str
    columns: list[Column]
    rows: list[dict]
    chart: str = "none"  # bars, growth, hbars, heatmap, none
    options: dict = field(default_factory=dict)
    note: str = ""


def _shared(key: tuple, read):
    """`read()` once per shared_reads block: several charts of one page need the same rows."""
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def _province_names() -> dict[str, str]:
    return _shared(
        ("province_names",), lambda: dict(Province.objects.values_list("code", "short_name"))
    )


def _seller_counts(province: str) -> list[tuple[str, str, int]]:
    return _shared(("seller_counts", province), lambda: sources.seller_counts(province))


CACHE_SECONDS = 24 * 3600
SELLER_SIDE = ("seller_province_id",)
CONTRACT_SIDES = ("origin_province_id", "destination_province_id")


def _cache_key(*parts) -> str:
    # Keyed by the rollup version, so any rollup write retires every cached read at once.
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    memo = _memo.get()
    version = memo.setdefault("version", None) if memo is not None else None
    if version is None:
        version = rollup_version()
        if memo is not None:
            memo["version"] = version
    return f"insights:read:{version}:{digest}"


def _sums(
    model,
    start: date,
    end: date,
    group: tuple[str, ...],
    measures: tuple[str, ...],
    *,
    coarsest: str = PeriodKind.YEAR,
    province: str = "",
    province_fields: tuple[str, ...] = SELLER_SIDE,
) -> list[dict]:
    """Sums of `measures` by `group` over the rollup rows that cover [start, end] exactly: one
    index range read per run of whole years, quarters, months or edge days, merged here."""
    key = _cache_key(
        model.__name__, start, end, group, measures, coarsest, province, province_fields
    )
    cached = cache.get(key)
    if cached is not None:
        return cached
    where = Q()
    if province:
        for name in province_fields:
            where |= Q(**{name: province})
    totals: dict[tuple, dict] = {}
    for grain, first, last in period_units(start, end, coarsest, timezone.localdate()):
        rows = model.objects.filter(where, grain=grain, period__gte=first, period__lte=last)
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


def _bucketed(rows: list[dict], kind: str, measures: tuple[str, ...]) -> dict[date, dict]:
    result: dict[date, dict] = defaultdict(lambda: dict.fromkeys(measures, 0))
    for row in rows:
        target = result[bucket_of(row["period"], kind)]
        for measure in measures:
            target[measure] += row[measure] or 0
    return result


_SERIES_MEASURES = ("gmv_vnd", "orders", "units", "cancelled_vnd", "refunded_vnd", "ocop_vnd")


_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar("insights_memo", default=None)


@contextlib.contextmanager
def shared_reads():
    """Within the block, datasets that need the same series read it once."""
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def _series(filters: Filters, start: date, end: date) -> dict[date, dict]:
    memo = _memo.get()
    key = (filters, start, end)
    if memo is not None and key in memo:
        return memo[key]
    result = _series_read(filters, start, end)
    if memo is not None:
        memo[key] = result
    return result


def _series_read(filters: Filters, start: date, end: date) -> dict[date, dict]:
    sales = _bucketed(
        _sums(
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
    contracts = _bucketed(
        _sums(
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
    merged = {}
    for bucket in buckets_between(start, end, filters.grain):
        merged[bucket] = {
            **dict.fromkeys(_SERIES_MEASURES, 0),
            **sales.get(bucket, {}),
            "contracts": contracts.get(bucket, {}).get("contracts", 0),
            "contract_value_vnd": contracts.get(bucket, {}).get("value_vnd", 0),
        }
    return merged


def _growth(current: int, previous: int) -> Decimal | None:
    if not previous:
        return None
    return (Decimal(current - previous) * 100 / Decimal(previous)).quantize(Decimal("0.01"))


def platform_series(filters: Filters) -> Dataset:
    series = _series(filters, filters.start, filters.end)
    rows = [
        {"period": bucket_label(bucket, filters.grain), **values}
        for bucket, values in series.items()
    ]
    return Dataset(
        key="platform",
        title=_("Platform figures: B2C sales and B2B contracts"),
        columns=[
            Column("period", _("Period")),
            Column("gmv_vnd", _("Gross merchandise value, net (₫)"), "vnd"),
            Column("orders", _("Orders"), "int"),
            Column("units", _("Units sold"), "int"),
            Column("cancelled_vnd", _("Cancelled (₫)"), "vnd"),
            Column("refunded_vnd", _("Refunded (₫)"), "vnd"),
            Column("contracts", _("Contracts signed"), "int"),
            Column("contract_value_vnd", _("Contract value (₫)"), "vnd"),
        ],
        rows=rows,
        chart="bars",
        options={"x": "period", "series": ["gmv_vnd", "contract_value_vnd"]},
    )


def _targets(indicator: str) -> dict[tuple[str, date], Decimal]:
    return {
        (kind, start): value
        for kind, start, value in Target.objects.filter(indicator=indicator).values_list(
            "period_kind", "period_start", "value"
        )
    }


def _target_for(targets: dict, bucket: date, kind: str) -> Decimal | None:
    """The most specific target for the bucket: its own period first, then its year."""
    exact = targets.get((kind, bucket))
    if exact is not None:
        return exact
    return targets.get((PeriodKind.YEAR.value, date(bucket.year, 1, 1)))


def _official_growth(indicator: str, kind: str) -> dict[date, Decimal]:
    values = dict(
        OfficialStatistic.objects.filter(indicator=indicator, period_kind=kind).values_list(
            "period_start", "value"
        )
    )
    growth = {}
    for start, value in values.items():
        previous = values.get(same_bucket_last_year(start))
        if previous:
            growth[start] = ((value - previous) * 100 / previous).quantize(Decimal("0.01"))
    return growth


def growth_against_target(filters: Filters) -> Dataset:
    current = _series(filters, filters.start, filters.end)
    previous = _series(
        filters,
        filters.start.replace(year=filters.start.year - 1),
        filters.end.replace(year=filters.end.year - 1)
        if not (filters.end.month == 2 and filters.end.day == 29)
        else filters.end.replace(year=filters.end.year - 1, day=28),
    )
    retail_targets = _targets(Indicator.RETAIL_SALES)
    official = _official_growth(Indicator.RETAIL_SALES, filters.grain)
    rows = []
    for bucket, values in current.items():
        last = previous.get(same_bucket_last_year(bucket), {})
        rows.append(
            {
                "period": bucket_label(bucket, filters.grain),
                "gmv_growth": _growth(values["gmv_vnd"], last.get("gmv_vnd", 0)),
                "contract_growth": _growth(
                    values["contract_value_vnd"], last.get("contract_value_vnd", 0)
                ),
                "official_growth": official.get(bucket),
                "target": _target_for(retail_targets, bucket, filters.grain),
            }
        )
    return Dataset(
        key="growth",
        title=_("Year-on-year growth against the retail sales target"),
        columns=[
            Column("period", _("Period")),
            Column("gmv_growth", _("Platform GMV growth (%)"), "percent"),
            Column("contract_growth", _("B2B contract value growth (%)"), "percent"),
            Column("official_growth", _("Official retail sales growth (%)"), "percent"),
            Column("target", _("Target: retail sales growth (%)"), "percent"),
        ],
        rows=rows,
        chart="growth",
        options={"x": "period", "bar": "gmv_growth", "line": "target", "dots": "official_growth"},
        note=_("Growth compares each period with the same period a year earlier."),
    )


def official_statistics(filters: Filters) -> Dataset:
    platform = _series(
        Filters(filters.start, filters.end, filters.grain, filters.province),
        filters.start,
        filters.end,
    )
    rows = []
    statistics = OfficialStatistic.objects.filter(
        period_kind=filters.grain,
        period_start__gte=bucket_of(filters.start, filters.grain),
        period_start__lte=filters.end,
    ).order_by("period_start", "indicator")
    labels = dict(Indicator.choices)
    for statistic in statistics:
        rows.append(
            {
                "period": statistic.period,
                "indicator": str(labels.get(statistic.indicator, statistic.indicator)),
                "value": statistic.value,
                "unit": statistic.unit,
                "source": statistic.source,
                "platform_gmv_vnd": platform.get(statistic.period_start, {}).get("gmv_vnd"),
            }
        )
    return Dataset(
        key="official",
        title=_("Official statistics beside platform figures"),
        columns=[
            Column("period", _("Period")),
            Column("indicator", _("Indicator")),
            Column("value", _("Official value"), "number"),
            Column("unit", _("Unit")),
            Column("source", _("Source")),
            Column("platform_gmv_vnd", _("Platform GMV (₫)"), "vnd"),
        ],
        rows=rows,
    )


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"))


def sales_by_category(filters: Filters) -> Dataset:
    tops = _shared(("category_tops",), sources.category_tops)
    english = translation.get_language() == "en"
    totals: dict[int, dict] = defaultdict(lambda: {"gmv_vnd": 0, "units": 0, "ocop_vnd": 0})
    sums = _sums(
        SalesCategoryFact,
        filters.start,
        filters.end,
        ("category_id", "is_ocop"),
        ("gmv_vnd", "units"),
        province=filters.province,
    )
    for row in sums:
        top = tops.get(row["category_id"], (row["category_id"], "?", "?"))[0]
        totals[top]["gmv_vnd"] += row["gmv_vnd"]
        totals[top]["units"] += row["units"]
        if row["is_ocop"]:
            totals[top]["ocop_vnd"] += row["gmv_vnd"]
    whole = sum(t["gmv_vnd"] for t in totals.values())
    rows = []
    for top, values in sorted(totals.items(), key=lambda item: -item[1]["gmv_vnd"]):
        name = tops.get(top, (top, str(top), str(top)))
        rows.append(
            {
                "category": name[2] if english else name[1],
                **values,
                "share": _share(values["gmv_vnd"], whole),
            }
        )
    return Dataset(
        key="categories",
        title=_("Sales by category"),
        columns=[
            Column("category", _("Category")),
            Column("gmv_vnd", _("GMV (₫)"), "vnd"),
            Column("units", _("Units"), "int"),
            Column("ocop_vnd", _("of which OCOP (₫)"), "vnd"),
            Column("share", _("Share of GMV (%)"), "percent"),
        ],
        rows=rows,
        chart="hbars",
        options={"label": "category", "value": "gmv_vnd"},
    )


def _by_province(filters: Filters, side: str) -> list[dict]:
    names = _province_names()
    field_name = f"{side}_province_id"
    # Seller provinces come from the small per-province series; buyer provinces need the pairs.
    model = SalesSeriesFact if side == "seller" else SalesFlowFact
    sums = _sums(
        model,
        filters.start,
        filters.end,
        (field_name,),
        ("gmv_vnd", "orders"),
        province=filters.province,
    )
    whole = sum(row["gmv_vnd"] for row in sums)
    rows = [
        {
            "code": row[field_name],
            "province": names.get(row[field_name], row[field_name]),
            "gmv_vnd": row["gmv_vnd"],
            "orders": row["orders"],
            "share": _share(row["gmv_vnd"], whole),
        }
        for row in sums
    ]
    rows.sort(key=lambda row: -row["gmv_vnd"])
    return rows


_PROVINCE_COLUMNS = [
    Column("province", gettext_lazy("Province")),
    Column("gmv_vnd", gettext_lazy("GMV (₫)"), "vnd"),
    Column("orders", gettext_lazy("Orders"), "int"),
    Column("share", gettext_lazy("Share of GMV (%)"), "percent"),
]


def sales_by_seller_province(filters: Filters) -> Dataset:
    return Dataset(
        key="seller_provinces",
        title=_("Sales by seller province (where goods are sold from)"),
        columns=_PROVINCE_COLUMNS,
        rows=_by_province(filters, "seller"),
        chart="hbars",
        options={"label": "province", "value": "gmv_vnd", "highlight_code": HANOI},
    )


def sales_by_buyer_province(filters: Filters) -> Dataset:
    return Dataset(
        key="buyer_provinces",
        title=_("Sales by buyer province (where goods go)"),
        columns=_PROVINCE_COLUMNS,
        rows=_by_province(filters, "buyer"),
        chart="hbars",
        options={"label": "province", "value": "gmv_vnd", "highlight_code": HANOI},
    )


def province_flows(filters: Filters) -> Dataset:
    names = _province_names()
    sums = _sums(
        SalesFlowFact,
        filters.start,
        filters.end,
        ("seller_province_id", "buyer_province_id"),
        ("gmv_vnd", "orders"),
        province=filters.province,
    )
    volume: dict[str, int] = defaultdict(int)
    for row in sums:
        volume[row["seller_province_id"]] += row["gmv_vnd"]
        volume[row["buyer_province_id"]] += row["gmv_vnd"]
    ranked = [code for code, _ in sorted(volume.items(), key=lambda item: -item[1])]
    shown = ranked[:FLOW_PROVINCES]
    if filters.province and filters.province not in shown:
        shown.append(filters.province)
    if HANOI not in shown:
        shown.insert(0, HANOI)
    else:
        shown.remove(HANOI)
        shown.insert(0, HANOI)
    other = _("Other provinces")
    cells: dict[tuple[str, str], dict] = defaultdict(lambda: {"gmv_vnd": 0, "orders": 0})
    for row in sums:
        origin = row["seller_province_id"] if row["seller_province_id"] in shown else ""
        destination = row["buyer_province_id"] if row["buyer_province_id"] in shown else ""
        cells[(origin, destination)]["gmv_vnd"] += row["gmv_vnd"]
        cells[(origin, destination)]["orders"] += row["orders"]
    order = [*shown, ""]
    rows = [
        {
            "origin": names.get(origin, other) if origin else other,
            "destination": names.get(destination, other) if destination else other,
            "origin_code": origin,
            "destination_code": destination,
            **cells[(origin, destination)],
        }
        for origin in order
        for destination in order
        if (origin, destination) in cells
    ]
    labels = [names.get(code, other) if code else other for code in order]
    return Dataset(
        key="flows",
        title=_("Flows of goods between provinces (origin → destination)"),
        columns=[
            Column("origin", _("From (seller province)")),
            Column("destination", _("To (buyer province)")),
            Column("gmv_vnd", _("GMV (₫)"), "vnd"),
            Column("orders", _("Orders"), "int"),
        ],
        rows=rows,
        chart="heatmap",
        options={"labels": labels, "codes": order, "value": "gmv_vnd", "highlight_code": HANOI},
        note=_("Hanoi is highlighted; provinces outside the largest flows are grouped."),
    )


def ocop_products(filters: Filters) -> Dataset:
    names = _province_names()
    table: dict[str, dict] = defaultdict(lambda: {"stars_3": 0, "stars_4": 0, "stars_5": 0})
    for code, stars, count in sources.ocop_products_by_province_and_stars(filters.province):
        table[code][f"stars_{stars}"] += count
    rows = [
        {"province": names.get(code, code), **values, "total": sum(values.values())}
        for code, values in table.items()
    ]
    rows.sort(key=lambda row: -row["total"])
    return Dataset(
        key="ocop_products",
        title=_("OCOP products online by stars and province"),
        columns=[
            Column("province", _("Province")),
            Column("stars_3", _("3 stars"), "int"),
            Column("stars_4", _("4 stars"), "int"),
            Column("stars_5", _("5 stars"), "int"),
            Column("total", _("Total"), "int"),
        ],
        rows=rows,
        chart="hbars",
        options={"label": "province", "value": "total", "stack": ["stars_3", "stars_4", "stars_5"]},
    )


def ocop_share(filters: Filters) -> Dataset:
    buckets = {
        bucket: {"ocop_vnd": values["ocop_vnd"], "gmv_vnd": values["gmv_vnd"]}
        for bucket, values in _series(filters, filters.start, filters.end).items()
    }
    return Dataset(
        key="ocop_share",
        title=_("OCOP share of sales"),
        columns=[
            Column("period", _("Period")),
            Column("ocop_vnd", _("OCOP GMV (₫)"), "vnd"),
            Column("gmv_vnd", _("All GMV (₫)"), "vnd"),
            Column("share", _("OCOP share (%)"), "percent"),
        ],
        rows=[
            {
                "period": bucket_label(bucket, filters.grain),
                **values,
                "share": _share(values["ocop_vnd"], values["gmv_vnd"]),
            }
            for bucket, values in sorted(buckets.items())
        ],
        chart="bars",
        options={"x": "period", "series": ["share"]},
    )


def ocop_expiring(filters: Filters) -> Dataset:
    rows = sources.ocop_certificates_expiring(
        today=timezone.localdate(), days=EXPIRING_DAYS, province=filters.province
    )
    return Dataset(
        key="ocop_expiring",
        title=_("OCOP certificates expiring within %(days)s days") % {"days": EXPIRING_DAYS},
        columns=[
            Column("title", _("Product")),
            Column("seller__name", _("Seller")),
            Column("origin_province__short_name", _("Province")),
            Column("ocop_stars", _("Stars"), "int"),
            Column("ocop_certificate_number", _("Certificate")),
            Column("ocop_expires_on", _("Expires on"), "date"),
        ],
        rows=rows,
    )


def _activity_rows(filters: Filters, grain: str, first: date, last: date):
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


def _active_sellers_by_bucket(filters: Filters) -> dict[date, int]:
    """Distinct sellers with net sales per bucket: whole buckets are counted by the database
    (one row per seller and period), partly covered ones from their months."""
    key = _cache_key("active", filters.query_string())
    cached = cache.get(key)
    if cached is not None:
        return cached
    whole_grain = {PeriodKind.YEAR: Grain.YEAR, PeriodKind.QUARTER: Grain.QUARTER}.get(
        filters.grain, Grain.MONTH
    )
    counts: dict[date, int] = {}
    partial: dict[date, set] = defaultdict(set)
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
    cached = cache.get(key)
    if cached is not None:
        return cached
    sellers: set[int] = set()
    for grain, first, last in _activity_units(filters, PeriodKind.YEAR):
        sellers.update(
            _activity_rows(filters, grain, first, last).values_list("seller_id", flat=True)
        )
    cache.set(key, len(sellers), CACHE_SECONDS)
    return len(sellers)


def sellers_activity(filters: Filters) -> Dataset:
    active = _active_sellers_by_bucket(filters)
    new: dict[date, int] = defaultdict(int)
    for day, _type in sources.seller_created_days(filters.start, filters.end, filters.province):
        new[bucket_of(day, filters.grain)] += 1
    rows = [
        {
            "period": bucket_label(bucket, filters.grain),
            "active": active.get(bucket, 0),
            "new": new.get(bucket, 0),
        }
        for bucket in buckets_between(filters.start, filters.end, filters.grain)
    ]
    return Dataset(
        key="sellers_activity",
        title=_("Sellers with sales and new sellers"),
        columns=[
            Column("period", _("Period")),
            Column("active", _("Sellers with sales"), "int"),
            Column("new", _("New sellers"), "int"),
        ],
        rows=rows,
        chart="bars",
        options={"x": "period", "series": ["active", "new"]},
    )


def _median(values: list[float]) -> Decimal | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    value = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return Decimal(str(round(value, 1)))


def sellers_by_type(filters: Filters) -> Dataset:
    registered: dict[str, int] = defaultdict(int)
    for _code, seller_type, count in _seller_counts(filters.province):
        registered[seller_type] += count
    applications = sources.application_stats(filters.start, filters.end, filters.province)
    rows = []
    for value, label in SellerType.choices:
        decided = [d for d in applications["decided"] if d[1] == value]
        rows.append(
            {
                "seller_type": str(label),
                "registered": registered.get(value, 0),
                "pending": applications["pending"].get(value, 0),
                "approved": sum(1 for d in decided if d[0] == "approved"),
                "rejected": sum(1 for d in decided if d[0] == "rejected"),
                "median_review_days": _median([d[2] for d in decided]),
            }
        )
    return Dataset(
        key="sellers_by_type",
        title=_("Sellers and applications by type"),
        columns=[
            Column("seller_type", _("Seller type")),
            Column("registered", _("Active sellers"), "int"),
            Column("pending", _("Pending applications"), "int"),
            Column("approved", _("Approved in range"), "int"),
            Column("rejected", _("Rejected in range"), "int"),
            Column("median_review_days", _("Median review time (days)"), "days"),
        ],
        rows=rows,
        chart="hbars",
        options={"label": "seller_type", "value": "registered"},
    )


def sellers_by_province(filters: Filters) -> Dataset:
    names = _province_names()
    table: dict[str, dict] = defaultdict(lambda: dict.fromkeys(SellerType.values, 0))
    for code, seller_type, count in _seller_counts(filters.province):
        table[code][seller_type] += count
    rows = [
        {"province": names.get(code, code), **values, "total": sum(values.values())}
        for code, values in table.items()
    ]
    rows.sort(key=lambda row: -row["total"])
    return Dataset(
        key="sellers_by_province",
        title=_("Active sellers by province and type"),
        columns=[
            Column("province", _("Province")),
            *[Column(value, str(label), "int") for value, label in SellerType.choices],
            Column("total", _("Total"), "int"),
        ],
        rows=rows,
        chart="hbars",
        options={"label": "province", "value": "total", "stack": list(SellerType.values)},
    )


def trade_funnel(filters: Filters) -> Dataset:
    funnel = sources.trade_funnel(filters.start, filters.end, filters.province)
    hours = funnel["median_hours_to_first_quote"]
    stages = [
        (_("Demands posted"), funnel["demands"]),
        (_("Matches found"), funnel["matches"]),
        (_("Quotes sent"), funnel["quotes"]),
        (_("Demands with a quote"), funnel["demands_quoted"]),
        (_("Contracts signed"), funnel["contracts"]),
    ]
    note = (
        _("Median time from demand to first quote: %(hours)s hours.")
        % {"hours": f"{hours:.1f}".replace(".", ",")}
        if hours is not None
        else _("No demand has been quoted in this range yet.")
    )
    return Dataset(
        key="trade_funnel",
        title=_("Trade connection: from demand to contract"),
        columns=[Column("stage", _("Stage")), Column("count", _("Number"), "int")],
        rows=[{"stage": str(label), "count": count} for label, count in stages],
        chart="hbars",
        options={"label": "stage", "value": "count"},
        note=note,
    )


def contract_flows(filters: Filters) -> Dataset:
    names = _province_names()
    sums = _sums(
        ContractFact,
        filters.start,
        filters.end,
        ("origin_province_id", "destination_province_id"),
        ("contracts", "value_vnd", "received_vnd"),
        province=filters.province,
        province_fields=CONTRACT_SIDES,
    )
    sums.sort(key=lambda row: -row["value_vnd"])
    rows = [
        {
            "pair": f"{names.get(r['origin_province_id'])} → {names.get(r['destination_province_id'])}",
            "origin_code": r["origin_province_id"],
            "destination_code": r["destination_province_id"],
            "contracts": r["contracts"],
            "value_vnd": r["value_vnd"],
            "received_vnd": r["received_vnd"],
        }
        for r in sums
    ]
    return Dataset(
        key="contract_flows",
        title=_("B2B contract value by province pair"),
        columns=[
            Column("pair", _("Origin → destination")),
            Column("contracts", _("Contracts"), "int"),
            Column("value_vnd", _("Contract value (₫)"), "vnd"),
            Column("received_vnd", _("Delivered and received (₫)"), "vnd"),
        ],
        rows=rows,
        chart="hbars",
        options={"label": "pair", "value": "value_vnd", "limit": 15},
    )


def headline(filters: Filters) -> dict:
    sales = _sums(
        SalesSeriesFact,
        filters.start,
        filters.end,
        (),
        ("gmv_vnd", "orders", "units", "ocop_vnd"),
        province=filters.province,
    )
    contracts = _sums(
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
        "ocop_share": _share(sales_total.get("ocop_vnd", 0), gmv),
        "active_sellers": _active_sellers_total(filters),
    }


DATASETS = {
    "platform": platform_series,
    "growth": growth_against_target,
    "official": official_statistics,
    "categories": sales_by_category,
    "seller_provinces": sales_by_seller_province,
    "buyer_provinces": sales_by_buyer_province,
    "flows": province_flows,
    "ocop_products": ocop_products,
    "ocop_share": ocop_share,
    "ocop_expiring": ocop_expiring,
    "sellers_activity": sellers_activity,
    "sellers_by_type": sellers_by_type,
    "sellers_by_province": sellers_by_province,
    "trade_funnel": trade_funnel,
    "contract_flows": contract_flows,
}

PAGES = {
    "overview": ["platform", "growth", "official"],
    "sales": ["categories", "seller_provinces", "buyer_provinces"],
    "flows": ["flows", "contract_flows"],
    "ocop": ["ocop_share", "ocop_products", "ocop_expiring"],
    "sellers": ["sellers_activity", "sellers_by_type", "sellers_by_province"],
    "trade": ["trade_funnel", "contract_flows"],
}
