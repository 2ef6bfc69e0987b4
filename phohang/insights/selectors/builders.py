"""How each dashboard dataset computes its rows (and the options or note that depend on\nthe figures) from the rollups (`reads`)."""

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from phohang.sellers.models import SellerType

from .. import sources
from ..models import (
    ContractFact,
    Indicator,
    OfficialStatistic,
    PeriodKind,
    SalesCategoryFact,
    SalesFlowFact,
    SalesSeriesFact,
)
from ..periods import (
    add_months,
    bucket_label,
    bucket_of,
    buckets_between,
    month_end,
    same_bucket_last_year,
)
from .reads import (
    CONTRACT_SIDES,
    HANOI,
    Filters,
    Row,
    active_sellers_by_bucket,
    growth,
    median,
    official_growth,
    province_names,
    seller_counts,
    series,
    share,
    shared,
    sums,
    target_for,
    targets,
)

EXPIRING_DAYS = 90
FLOW_PROVINCES = 12
Rows = list[Row]
PERIOD_MONTHS: dict[str, int] = {PeriodKind.YEAR: 12, PeriodKind.QUARTER: 3}


def _period_label(bucket: date, filters: Filters) -> str:
    """The bucket's label, marked when the range or today cuts the period short."""
    label = bucket_label(bucket, filters.grain)
    last_day = min(filters.end, timezone.localdate())
    months = PERIOD_MONTHS.get(filters.grain, 1)
    if bucket_of(last_day, filters.grain) == bucket and last_day < month_end(
        add_months(bucket, months - 1)
    ):
        return _("%(period)s (incomplete)") % {"period": label}
    return label


def platform_rows(filters: Filters) -> Rows:
    return [
        {"period": _period_label(bucket, filters), **values}
        for bucket, values in series(filters, filters.start, filters.end).items()
    ]


def year_earlier(day: date) -> date:
    return day.replace(year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


def growth_rows(filters: Filters) -> Rows:
    current = series(filters, filters.start, filters.end)
    previous = series(filters, year_earlier(filters.start), year_earlier(filters.end))
    retail_targets = targets(Indicator.RETAIL_SALES)
    official = official_growth(Indicator.RETAIL_SALES, filters.grain)
    rows = []
    for bucket, values in current.items():
        last = previous.get(same_bucket_last_year(bucket), {})
        rows.append(
            {
                "period": _period_label(bucket, filters),
                "gmv_growth": growth(values["gmv_vnd"], last.get("gmv_vnd", 0)),
                "contract_growth": growth(
                    values["contract_value_vnd"], last.get("contract_value_vnd", 0)
                ),
                "official_growth": official.get(bucket),
                "target": target_for(retail_targets, bucket, filters.grain),
            }
        )
    return rows


def official_rows(filters: Filters) -> Rows:
    platform = series(filters, filters.start, filters.end)
    statistics = OfficialStatistic.objects.filter(
        period_kind=filters.grain,
        period_start__gte=bucket_of(filters.start, filters.grain),
        period_start__lte=filters.end,
    ).order_by("period_start", "indicator")
    labels = dict(Indicator.choices)
    return [
        {
            "period": statistic.period,
            "indicator": str(labels.get(statistic.indicator, statistic.indicator)),
            "value": statistic.value,
            "unit": statistic.unit,
            "source": statistic.source,
            "platform_gmv_vnd": platform.get(statistic.period_start, {}).get("gmv_vnd"),
        }
        for statistic in statistics
    ]


def category_rows(filters: Filters) -> Rows:
    tops = shared(("category_tops",), sources.category_tops)
    english = translation.get_language() == "en"
    totals: dict[int, Row] = defaultdict(lambda: {"gmv_vnd": 0, "units": 0, "ocop_vnd": 0})
    found = sums(
        SalesCategoryFact,
        filters.start,
        filters.end,
        ("category_id", "is_ocop"),
        ("gmv_vnd", "units"),
        province=filters.province,
    )
    for row in found:
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
                "share": share(values["gmv_vnd"], whole),
            }
        )
    return rows


def by_province(side: str) -> Callable[[Filters], Rows]:
    def rows_for(filters: Filters) -> Rows:
        names = province_names()
        field_name = f"{side}_province_id"
        # Seller provinces come from the small per-province series; buyer provinces need pairs.
        model = SalesSeriesFact if side == "seller" else SalesFlowFact
        found = sums(
            model,
            filters.start,
            filters.end,
            (field_name,),
            ("gmv_vnd", "orders"),
            province=filters.province,
        )
        whole = sum(row["gmv_vnd"] for row in found)
        rows = [
            {
                "code": row[field_name],
                "province": names.get(row[field_name], row[field_name]),
                "gmv_vnd": row["gmv_vnd"],
                "orders": row["orders"],
                "share": share(row["gmv_vnd"], whole),
            }
            for row in found
        ]
        rows.sort(key=lambda row: -row["gmv_vnd"])
        return rows

    return rows_for


def flow_provinces(volume: dict[str, int], province: str) -> list[str]:
    """The largest flows' provinces, the filtered one, and Hanoi first."""
    ranked = [code for code, _volume in sorted(volume.items(), key=lambda item: -item[1])]
    shown = [code for code in ranked[:FLOW_PROVINCES] if code != HANOI]
    if province and province not in shown and province != HANOI:
        shown.append(province)
    return [HANOI, *shown]


def sales_pairs(filters: Filters) -> Rows:
    """Net sales and orders by (seller province, buyer province) over the filtered range."""
    return sums(
        SalesFlowFact,
        filters.start,
        filters.end,
        ("seller_province_id", "buyer_province_id"),
        ("gmv_vnd", "orders"),
        province=filters.province,
    )


def flows(filters: Filters) -> tuple[Rows, list[str], list[str]]:
    """The heatmap's cells, and the province codes and names along its axes."""
    names = province_names()
    found = sales_pairs(filters)
    volume: dict[str, int] = defaultdict(int)
    for row in found:
        volume[row["seller_province_id"]] += row["gmv_vnd"]
        volume[row["buyer_province_id"]] += row["gmv_vnd"]
    shown = flow_provinces(volume, filters.province)
    other = str(_("Other provinces"))
    cells: dict[tuple[str, str], Row] = defaultdict(lambda: {"gmv_vnd": 0, "orders": 0})
    for row in found:
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
    return rows, order, labels


def flow_options(filters: Filters) -> Row:
    _rows, order, labels = shared(("flows", filters), lambda: flows(filters))
    return {"labels": labels, "codes": order, "value": "gmv_vnd", "highlight_code": HANOI}


def flow_rows(filters: Filters) -> Rows:
    return shared(("flows", filters), lambda: flows(filters))[0]


def ocop_product_rows(filters: Filters) -> Rows:
    names = province_names()
    table: dict[str, Row] = defaultdict(lambda: {"stars_3": 0, "stars_4": 0, "stars_5": 0})
    for code, stars, count in sources.ocop_products_by_province_and_stars(filters.province):
        table[code][f"stars_{stars}"] += count
    rows = [
        {"province": names.get(code, code), **values, "total": sum(values.values())}
        for code, values in table.items()
    ]
    rows.sort(key=lambda row: -row["total"])
    return rows


def ocop_share_rows(filters: Filters) -> Rows:
    return [
        {
            "period": bucket_label(bucket, filters.grain),
            "ocop_vnd": values["ocop_vnd"],
            "gmv_vnd": values["gmv_vnd"],
            "share": share(values["ocop_vnd"], values["gmv_vnd"]),
        }
        for bucket, values in sorted(series(filters, filters.start, filters.end).items())
    ]


def ocop_expiring_rows(filters: Filters) -> Rows:
    return sources.ocop_certificates_expiring(
        today=timezone.localdate(), days=EXPIRING_DAYS, province=filters.province
    )


def seller_activity_rows(filters: Filters) -> Rows:
    active = active_sellers_by_bucket(filters)
    new: dict[date, int] = defaultdict(int)
    for day, _type in sources.seller_created_days(filters.start, filters.end, filters.province):
        new[bucket_of(day, filters.grain)] += 1
    return [
        {
            "period": bucket_label(bucket, filters.grain),
            "active": active.get(bucket, 0),
            "new": new.get(bucket, 0),
        }
        for bucket in buckets_between(filters.start, filters.end, filters.grain)
    ]


def seller_type_rows(filters: Filters) -> Rows:
    registered: dict[str, int] = defaultdict(int)
    for _code, seller_type, count in seller_counts(filters.province):
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
                "median_review_days": median([d[2] for d in decided]),
            }
        )
    return rows


def seller_province_rows(filters: Filters) -> Rows:
    names = province_names()
    table: dict[str, Row] = defaultdict(lambda: dict.fromkeys(SellerType.values, 0))
    for code, seller_type, count in seller_counts(filters.province):
        table[code][seller_type] += count
    rows = [
        {"province": names.get(code, code), **values, "total": sum(values.values())}
        for code, values in table.items()
    ]
    rows.sort(key=lambda row: -row["total"])
    return rows


def funnel_counts(filters: Filters) -> dict[str, Any]:
    return shared(
        ("trade_funnel", filters),
        lambda: sources.trade_funnel(filters.start, filters.end, filters.province),
    )


def funnel_rows(filters: Filters) -> Rows:
    funnel = funnel_counts(filters)
    stages = [
        (_("Demands posted"), funnel["demands"]),
        (_("Matches found"), funnel["matches"]),
        (_("Quotes sent"), funnel["quotes"]),
        (_("Demands with a quote"), funnel["demands_quoted"]),
        (_("Contracts signed"), funnel["contracts"]),
    ]
    return [{"stage": str(label), "count": count} for label, count in stages]


def funnel_note(filters: Filters) -> str:
    hours = funnel_counts(filters)["median_hours_to_first_quote"]
    if hours is None:
        return str(_("No demand has been quoted in this range yet."))
    return str(
        _("Median time from demand to first quote: %(hours)s hours.")
        % {"hours": f"{hours:.1f}".replace(".", ",")}
    )


def contract_flow_rows(filters: Filters) -> Rows:
    names = province_names()
    found = sums(
        ContractFact,
        filters.start,
        filters.end,
        ("origin_province_id", "destination_province_id"),
        ("contracts", "value_vnd", "received_vnd"),
        province=filters.province,
        province_fields=CONTRACT_SIDES,
    )
    found.sort(key=lambda row: -row["value_vnd"])
    return [
        {
            "pair": f"{names.get(r['origin_province_id'])} → {names.get(r['destination_province_id'])}",
            "origin_code": r["origin_province_id"],
            "destination_code": r["destination_province_id"],
            "contracts": r["contracts"],
            "value_vnd": r["value_vnd"],
            "received_vnd": r["received_vnd"],
        }
        for r in found
    ]


FLOW_MAP_LINES = 30


def flow_map_rows(filters: Filters) -> Rows:
    """The largest flows between two provinces: B2C sales first, then B2B contracts, by value."""
    names = province_names()
    sales = sales_pairs(filters)
    contracts = sums(
        ContractFact,
        filters.start,
        filters.end,
        CONTRACT_SIDES,
        ("contracts", "value_vnd"),
        province=filters.province,
        province_fields=CONTRACT_SIDES,
    )
    b2c, b2b = str(_("B2C sales")), str(_("B2B contracts"))
    rows = [
        {"origin_code": row["seller_province_id"], "destination_code": row["buyer_province_id"],
         "kind": b2c, "b2b": False, "value_vnd": row["gmv_vnd"], "count": row["orders"]}
        for row in sales
    ] + [
        {"origin_code": row["origin_province_id"], "destination_code": row["destination_province_id"],
         "kind": b2b, "b2b": True, "value_vnd": row["value_vnd"], "count": row["contracts"]}
        for row in contracts
    ]  # fmt: skip
    rows = [
        {
            **row,
            "origin": names.get(row["origin_code"], row["origin_code"]),
            "destination": names.get(row["destination_code"], row["destination_code"]),
        }
        for row in rows
        if row["origin_code"] != row["destination_code"] and row["value_vnd"] > 0
    ]
    rows.sort(key=lambda row: (-row["value_vnd"], row["origin"], row["destination"]))
    # Contracts are worth far more than retail orders: each kind keeps its own largest flows.
    kept = [row for row in rows if not row["b2b"]][: FLOW_MAP_LINES // 2]
    kept += [row for row in rows if row["b2b"]][: FLOW_MAP_LINES - len(kept)]
    kept.sort(key=lambda row: (row["b2b"], -row["value_vnd"], row["origin"], row["destination"]))
    return kept
