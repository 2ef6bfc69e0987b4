"""Reads of the markets context: the public boards and traces, and who may manage what."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import CharField, Max, QuerySet, Sum
from django.db.models.functions import Cast
from django.utils import timezone

from phohang.core.errors import NotFound
from phohang.core.text import search_fold, sorted_vietnamese

from .models import (
    AlertSubscription,
    CityPrice,
    Consignment,
    DailyNeed,
    GoodsGroup,
    Market,
    MonitoringSetting,
    PriceAlert,
    PriceProduct,
    PriceReport,
    Trader,
)

SPARK_DAYS = 30
WEEK = 7


def market_list() -> list[Market]:
    """Every market and supply centre, in Vietnamese order, operating ones first."""
    markets = Market.objects.select_related("ward__province")
    return sorted_vietnamese(markets, key=lambda market: market.name)


def market_get(slug: str) -> Market:
    market = Market.objects.select_related("ward__province", "hub").filter(slug=slug).first()
    if market is None:
        raise NotFound()
    return market


def markets_managed_by(user: Any) -> QuerySet[Market]:
    """Markets whose managing board `user` sits on (every market for a platform admin)."""
    if not user.is_authenticated or not user.is_active:
        return Market.objects.none()
    if user.is_superuser:
        return Market.objects.all()
    return Market.objects.filter(managers=user)


def market_get_managed(user: Any, slug: str) -> Market:
    market = markets_managed_by(user).select_related("ward__province").filter(slug=slug).first()
    if market is None:
        raise NotFound()
    return market


def is_market_staff(user: Any) -> bool:
    """A market manager or a trader who reports prices (for the navigation link)."""
    if not user.is_authenticated:
        return False
    return (
        markets_managed_by(user).exists()
        or Trader.objects.filter(users=user, is_active=True).exists()
    )


def trader_directory(market: Market, query: str = "") -> QuerySet[Trader]:
    """The market's trading stalls; `query` matches name, stall and goods with or without
    diacritics ("vai thieu" finds "Vải thiều")."""
    traders = market.traders.filter(is_active=True).select_related("seller")
    for token in search_fold(query).split()[:8]:
        traders = traders.filter(search_text__contains=token)
    return traders.order_by("stall")


def consignments_of(market: Market) -> QuerySet[Consignment]:
    return market.consignments.select_related("trader", "origin_province").order_by(
        "-arrived_at", "-id"
    )


def consignment_get_for(user: Any, public_id: Any) -> Consignment:
    """The consignment if `user` manages its market; NotFound otherwise."""
    consignment = (
        Consignment.objects.filter(market__in=markets_managed_by(user), public_id=public_id)
        .select_related(
            "market",
            "trader",
            "origin_province",
            "origin_ward",
            "producer_seller",
            "contract_delivery__contract__demand",
            "product",
        )
        .first()
    )
    if consignment is None:
        raise NotFound()
    return consignment


def consignment_trace(code: str) -> Consignment:
    """The public trace of a consignment by its code (case and spaces forgiven)."""
    normalised = "".join(code.split()).upper()
    consignment = (
        Consignment.objects.filter(code=normalised)
        .select_related(
            "market__hub", "trader", "origin_province", "origin_ward", "producer_seller"
        )
        .first()
    )
    if consignment is None:
        raise NotFound()
    return consignment


def product_trace(product: Any) -> Consignment | None:
    """The latest lot a marketplace product is sold from, when its seller linked one."""
    if product is None or not getattr(product, "pk", None):
        return None
    return (
        Consignment.objects.filter(product_id=product.pk)
        .exclude(status=Consignment.Status.REJECTED)
        .select_related("market", "origin_province", "origin_ward")
        .order_by("-arrived_at")
        .first()
    )


def open_deliveries_for(market: Market) -> QuerySet[Any]:
    """Contract deliveries still to arrive in the market's province (what a lot may fulfil)."""
    from phohang.trade.models import Delivery, SupplyContract

    return (
        Delivery.objects.filter(
            contract__status=SupplyContract.Status.ACTIVE,
            contract__destination_province_id=market.ward.province_id,
            status__in=[Delivery.Status.SCHEDULED, Delivery.Status.SHIPPED],
        )
        .select_related("contract__seller", "contract__demand")
        .order_by("due_date", "pk")
    )


# The price boards


def _day_text() -> Cast:
    """A report's day as ISO text ('2026-12-07'): nine thousand rows of a board read 30 %
    faster on SQLite without a date object made for each (bench/markets.py)."""
    return Cast("day", output_field=CharField())


def _positions(start: date, days: int) -> dict[str, int]:
    """The index of each day's ISO text from `start` on."""
    return {(start + timedelta(days=offset)).isoformat(): offset for offset in range(days)}


def _change(now: int | None, before: int | None) -> Decimal | None:
    if not now or not before:
        return None
    return (Decimal(now - before) * 100 / before).quantize(Decimal("0.1"))


@dataclass
class BoardRow:
    product: PriceProduct
    min_vnd: int | None = None
    typical_vnd: int | None = None
    max_vnd: int | None = None
    yesterday_vnd: int | None = None
    week_ago_vnd: int | None = None
    markets: int | None = None
    series: list[int | None] = field(default_factory=list)

    @property
    def change_day(self) -> Decimal | None:
        return _change(self.typical_vnd, self.yesterday_vnd)

    @property
    def change_week(self) -> Decimal | None:
        return _change(self.typical_vnd, self.week_ago_vnd)


def board_latest_day(market: Market | None = None) -> date:
    """The latest day with prices, today at most (the board opens on it)."""
    today = timezone.localdate()
    if market is None:
        latest = CityPrice.objects.filter(day__lte=today).aggregate(day=Max("day"))["day"]
    else:
        latest = market.prices.filter(day__lte=today).aggregate(day=Max("day"))["day"]
    return latest or today


def board(*, day: date, market: Market | None = None, group: str = "") -> list[BoardRow]:
    """Each product's price on `day` (one market's, or the city's) with yesterday, a week ago
    and the 30 days up to `day` for the sparkline."""
    products = PriceProduct.objects.filter(is_active=True)
    if group:
        products = products.filter(goods_group=group)
    rows = {product.pk: BoardRow(product) for product in products}
    start = day - timedelta(days=SPARK_DAYS - 1)
    source: QuerySet[CityPrice] | QuerySet[PriceReport]
    if market is None:
        source = CityPrice.objects.filter(day__range=(start, day))
    else:
        source = PriceReport.objects.filter(market=market, day__range=(start, day))
    if group:
        source = source.filter(product__goods_group=group)
    # The day's full figures, then only the common price of the 30 days (fewer columns to
    # convert: the page's time is mostly rows read).
    today_columns = ["product_id", "min_vnd", "typical_vnd", "max_vnd"]
    if market is None:
        today_columns.append("markets")
    for product_id, low, typical, high, *rest in source.filter(day=day).values_list(*today_columns):
        row = rows.get(product_id)
        if row is not None:
            row.min_vnd, row.typical_vnd, row.max_vnd = low, typical, high
            row.markets = rest[0] if rest else None
    series: dict[int, list[int | None]] = {}
    position = _positions(start, SPARK_DAYS)
    for product_id, row_day, typical in source.values_list(
        "product_id", _day_text(), "typical_vnd"
    ):
        line = series.get(product_id)
        if line is None:
            line = series[product_id] = [None] * SPARK_DAYS
        line[position[row_day]] = typical
    empty: list[int | None] = [None] * SPARK_DAYS
    for product_id, row in rows.items():
        line = series.get(product_id, empty)
        row.series = line
        row.yesterday_vnd = line[SPARK_DAYS - 2]
        row.week_ago_vnd = line[SPARK_DAYS - 1 - WEEK]
    return [row for row in rows.values() if row.typical_vnd is not None]


@dataclass
class History:
    product: PriceProduct
    days: list[date]
    city: list[int | None]
    markets: list[tuple[Market, list[int | None]]]


def product_history(product: PriceProduct, *, end: date, days: int = 90) -> History:
    """A product's common price per day at every market that reported it, and the city's."""
    start = end - timedelta(days=days - 1)
    calendar = [start + timedelta(days=offset) for offset in range(days)]
    city = dict(
        CityPrice.objects.filter(product=product, day__range=(start, end)).values_list(
            "day", "typical_vnd"
        )
    )
    position = _positions(start, days)
    by_market: dict[int, list[int | None]] = {}
    for market_id, row_day, typical in PriceReport.objects.filter(
        product=product, day__range=(start, end)
    ).values_list("market_id", _day_text(), "typical_vnd"):
        line = by_market.get(market_id)
        if line is None:
            line = by_market[market_id] = [None] * days
        line[position[row_day]] = typical
    markets = Market.objects.in_bulk(list(by_market))
    lines = [(markets[market_id], values) for market_id, values in by_market.items()]
    lines = sorted_vietnamese(lines, key=lambda line: line[0].name)
    return History(product, calendar, [city.get(one) for one in calendar], lines)


def basket(*, end: date, days: int = 90) -> list[History]:
    """The essential goods the authority watches, each with its lines per market."""
    products = list(PriceProduct.objects.filter(is_essential=True, is_active=True))
    if not products:
        return []
    start = end - timedelta(days=days - 1)
    calendar = [start + timedelta(days=offset) for offset in range(days)]
    ids = [product.pk for product in products]
    city: dict[int, dict[date, int]] = defaultdict(dict)
    for product_id, row_day, typical in CityPrice.objects.filter(
        product_id__in=ids, day__range=(start, end)
    ).values_list("product_id", "day", "typical_vnd"):
        city[product_id][row_day] = typical
    position = _positions(start, days)
    lines: dict[int, dict[int, list[int | None]]] = defaultdict(dict)
    for product_id, market_id, row_day, typical in PriceReport.objects.filter(
        product_id__in=ids, day__range=(start, end)
    ).values_list("product_id", "market_id", _day_text(), "typical_vnd"):
        line = lines[product_id].get(market_id)
        if line is None:
            line = lines[product_id][market_id] = [None] * days
        line[position[row_day]] = typical
    markets = {market.pk: market for market in market_list()}
    result = []
    for product in products:
        by_market = lines.get(product.pk, {})
        result.append(
            History(
                product,
                calendar,
                [city[product.pk].get(one) for one in calendar],
                [
                    (market, by_market[market.pk])
                    for market in markets.values()
                    if market.pk in by_market
                ],
            )
        )
    return result


def alerts_recent(*, days: int = 14) -> QuerySet[PriceAlert]:
    since = timezone.localdate() - timedelta(days=days)
    return PriceAlert.objects.filter(day__gte=since).select_related("market", "product")


def monitoring_setting() -> MonitoringSetting:
    return MonitoringSetting.objects.first() or MonitoringSetting()


def is_subscribed(user: Any) -> bool:
    return AlertSubscription.objects.filter(user=user).exists()


@dataclass
class Throughput:
    goods_group: str
    label: str
    tonnes_per_day: Decimal
    need_tonnes: Decimal | None

    @property
    def share_percent(self) -> Decimal | None:
        if not self.need_tonnes:
            return None
        return (self.tonnes_per_day * 100 / self.need_tonnes).quantize(Decimal("0.1"))


def throughput(*, end: date, days: int = 7, market: Market | None = None) -> list[Throughput]:
    """Tonnes a day by goods group arriving at organised markets over `days` to `end`, against
    the city's daily need."""
    start = end - timedelta(days=days - 1)
    lots = Consignment.objects.filter(arrived_on__range=(start, end)).exclude(
        status=Consignment.Status.REJECTED
    )
    if market is not None:
        lots = lots.filter(market=market)
    totals = dict(
        lots.values_list("goods_group")
        .annotate(kg=Sum("weight_kg"))
        .values_list("goods_group", "kg")
    )
    needs = dict(DailyNeed.objects.values_list("goods_group", "tonnes_per_day"))
    rows = []
    for group in GoodsGroup:
        kg = totals.get(group.value) or Decimal(0)
        if not kg and group.value not in needs:
            continue
        tonnes = (Decimal(kg) / 1000 / days).quantize(Decimal("0.1"))
        rows.append(Throughput(group.value, str(group.label), tonnes, needs.get(group.value)))
    return rows


@dataclass
class WeeklyLine:
    product: PriceProduct
    market: Market | None
    average_vnd: int | None
    previous_vnd: int | None
    low_vnd: int | None
    high_vnd: int | None

    @property
    def change(self) -> Decimal | None:
        return _change(self.average_vnd, self.previous_vnd)


def _average(values: list[int]) -> int | None:
    return round(sum(values) / len(values)) if values else None


def weekly_report(*, end: date) -> dict[str, Any]:
    """The basket's week to `end` against the week before, city-wide and per market, with the
    week's alerts and throughput."""
    start = end - timedelta(days=WEEK - 1)
    previous_start = start - timedelta(days=WEEK)
    products = list(PriceProduct.objects.filter(is_essential=True, is_active=True))
    ids = [product.pk for product in products]
    figures: dict[tuple[int, int | None], dict[str, list[int]]] = defaultdict(
        lambda: {"now": [], "before": [], "low": [], "high": []}
    )
    for product_id, market_id, row_day, low, typical, high in PriceReport.objects.filter(
        product_id__in=ids, day__range=(previous_start, end)
    ).values_list("product_id", "market_id", "day", "min_vnd", "typical_vnd", "max_vnd"):
        for key in ((product_id, market_id), (product_id, None)):
            bucket = figures[key]
            if row_day >= start:
                bucket["now"].append(typical)
                bucket["low"].append(low)
                bucket["high"].append(high)
            else:
                bucket["before"].append(typical)
    markets = market_list()
    lines = []
    for product in products:
        for market in [None, *markets]:
            found = figures.get((product.pk, market.pk if market else None))
            if found is None:
                continue
            lines.append(
                WeeklyLine(
                    product,
                    market,
                    _average(found["now"]),
                    _average(found["before"]),
                    min(found["low"]) if found["low"] else None,
                    max(found["high"]) if found["high"] else None,
                )
            )
    return {
        "start": start,
        "end": end,
        "lines": lines,
        "alerts": list(
            PriceAlert.objects.filter(day__range=(start, end))
            .select_related("market", "product")
            .order_by("-day", "product__sort_order")
        ),
        "throughput": throughput(end=end, days=WEEK),
    }
