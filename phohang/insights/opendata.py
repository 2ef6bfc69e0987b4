"""Public open data: aggregates only, from the rollups; a cell backed by fewer than
MIN_SELLERS sellers is suppressed, and so is a second cell when one alone would be derivable."""

from collections import defaultdict
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Sum
from django.utils import translation

from phohang.geo.models import Province

from . import sources
from .models import Grain, SellerActivityFact, SellerMonthFact, SellerReachFact

MIN_SELLERS = 5
CACHE_SECONDS = 300


def _cached(name: str, year: int, build):
    # Time-based, not keyed by the rollup version: published figures may lag a few minutes,
    # and a public page must not be recomputed after every order.
    key = f"insights:open:{name}:{year}:{translation.get_language()}"
    value = cache.get(key)
    if value is None:
        value = build(year)
        cache.set(key, value, CACHE_SECONDS)
    return value


def _suppress(rows: list[dict], measures: tuple[str, ...]) -> list[dict]:
    """Blank small cells; if exactly one is blank, blank the next smallest too (complementary)."""
    small = [row for row in rows if row["sellers"] < MIN_SELLERS]
    if len(small) == 1:
        others = sorted(
            (row for row in rows if row["sellers"] >= MIN_SELLERS), key=lambda r: r[measures[0]]
        )
        if others:
            small.append(others[0])
    hidden = {id(row) for row in small}
    for row in rows:
        row["suppressed"] = id(row) in hidden
        if row["suppressed"]:
            row["sellers"] = None
            for measure in measures:
                row[measure] = None
    return rows


def _year_rows(year: int):
    return SellerMonthFact.objects.filter(
        period__gte=date(year, 1, 1), period__lte=date(year, 12, 1), gmv_vnd__gt=0
    )


def _activity(grain: str, first: date, last: date):
    return SellerActivityFact.objects.filter(
        grain=grain, period__gte=first, period__lte=last, gmv_vnd__gt=0
    )


def available_years() -> list[int]:
    """Years with any net sale, newest first (a few rows of the yearly seller activity)."""
    key = "insights:open:years"
    years = cache.get(key)
    if years is None:
        periods = (
            SellerActivityFact.objects.filter(grain=Grain.YEAR, gmv_vnd__gt=0)
            .values_list("period", flat=True)
            .distinct()
        )
        years = sorted({period.year for period in periods}, reverse=True)
        cache.set(key, years, CACHE_SECONDS)
    return years


def monthly(year: int) -> list[dict]:
    def build(year):
        # One activity row per seller and month: a count of rows is a count of sellers.
        rows = {
            r["period"]: r
            for r in _activity(Grain.MONTH, date(year, 1, 1), date(year, 12, 1))
            .values("period")
            .annotate(sellers=Count("pk"), gmv_vnd=Sum("gmv_vnd"))
            .order_by()
        }
        result = []
        for month in range(1, 13):
            row = rows.get(date(year, month, 1))
            if row is None:
                continue
            cell = {
                "period": f"{year}-{month:02d}",
                "sellers": row["sellers"],
                "gmv_vnd": row["gmv_vnd"],
            }
            if cell["sellers"] < MIN_SELLERS:
                cell.update(sellers=None, gmv_vnd=None, suppressed=True)
            else:
                cell["suppressed"] = False
            result.append(cell)
        return result

    return _cached("monthly", year, build)


def by_province(year: int) -> list[dict]:
    def build(year):
        names = dict(Province.objects.values_list("code", "short_name"))
        rows = [
            {
                "province_code": r["seller_province_id"],
                "province": names.get(r["seller_province_id"], r["seller_province_id"]),
                "sellers": r["sellers"],
                "gmv_vnd": r["gmv_vnd"],
            }
            for r in _activity(Grain.YEAR, date(year, 1, 1), date(year, 1, 1))
            .values("seller_province_id")
            .annotate(sellers=Count("pk"), gmv_vnd=Sum("gmv_vnd"))
            .order_by("seller_province_id")
        ]
        return _suppress(rows, ("gmv_vnd",))

    return _cached("provinces", year, build)


def by_category(year: int) -> list[dict]:
    def build(year):
        tops = sources.category_tops()
        english = translation.get_language() == "en"
        rows = _year_rows(year)
        sellers: dict[int, set] = defaultdict(set)
        # Distinct (category, seller) pairs: a few thousand, not one row per seller-month.
        for category, seller in rows.values_list("category_id", "seller_id").distinct():
            sellers[tops.get(category, (category,))[0]].add(seller)
        gmv: dict[int, int] = defaultdict(int)
        for category, value in (
            rows.values_list("category_id").annotate(total=Sum("gmv_vnd")).order_by()
        ):
            gmv[tops.get(category, (category,))[0]] += value
        rows = []
        for top, members in sorted(sellers.items()):
            names = next((t for t in tops.values() if t[0] == top), (top, str(top), str(top)))
            rows.append(
                {
                    "category": names[2] if english else names[1],
                    "sellers": len(members),
                    "gmv_vnd": gmv[top],
                }
            )
        return _suppress(rows, ("gmv_vnd",))

    return _cached("categories", year, build)


def flows(year: int) -> list[dict]:
    def build(year):
        names = dict(Province.objects.values_list("code", "short_name"))
        cells = (
            SellerReachFact.objects.filter(period=date(year, 1, 1), gmv_vnd__gt=0)
            .values("seller_province_id", "buyer_province_id")
            # One reach row per seller, year and buyer province: a row count is a seller count.
            .annotate(sellers=Count("pk"), gmv_vnd=Sum("gmv_vnd"))
            .order_by("seller_province_id", "buyer_province_id")
        )
        by_origin: dict[str, list[dict]] = defaultdict(list)
        for r in cells:
            by_origin[r["seller_province_id"]].append(
                {
                    "origin_code": r["seller_province_id"],
                    "origin": names.get(r["seller_province_id"]),
                    "destination_code": r["buyer_province_id"],
                    "destination": names.get(r["buyer_province_id"]),
                    "sellers": r["sellers"],
                    "gmv_vnd": r["gmv_vnd"],
                }
            )
        rows = []
        for origin in sorted(by_origin):
            rows.extend(_suppress(by_origin[origin], ("gmv_vnd",)))
        return rows

    return _cached("flows", year, build)
