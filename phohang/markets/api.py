"""Wholesale markets over /api/v1/markets/: the open-data price boards, histories and traces for
anyone; price reports for a market's managing board and its traders; consignments for the board.
"""

import datetime
from decimal import Decimal
from uuid import UUID

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from phohang.core.api.pagination import CappedPageNumberPagination
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError, NotFound

from . import selectors, services
from .models import Market, PriceProduct, PriceReport
from .trace import producer_label, trace_steps

router = Router(tags=["markets"])
PUBLIC_OPERATIONS = frozenset(
    {"market_list", "city_board", "market_board", "product_history", "price_data", "trace"}
)
MAX_HISTORY_DAYS = 1100


def _found(getter, *args):
    try:
        return getter(*args)
    except NotFound as error:
        raise Http404 from error


class MarketOut(Schema):
    slug: str
    name: str
    kind: str
    status: str
    street: str
    ward: str = Field(alias="ward.name")
    province: str = Field(alias="ward.province.name")
    area_m2: int
    opens_at: datetime.time
    closes_at: datetime.time
    goods_groups: list[str]


class BoardRowOut(Schema):
    product: str
    product_name: str
    unit: str
    min_vnd: int
    typical_vnd: int
    max_vnd: int
    yesterday_vnd: int | None
    week_ago_vnd: int | None
    change_day_percent: Decimal | None
    change_week_percent: Decimal | None
    markets: int | None


class BoardOut(Schema):
    market: str | None
    date: datetime.date
    rows: list[BoardRowOut]


class HistoryLineOut(Schema):
    market: str | None
    typical_vnd: list[int | None]


class HistoryOut(Schema):
    product: str
    unit: str
    start: datetime.date
    end: datetime.date
    lines: list[HistoryLineOut]


class ObservationOut(Schema):
    market: str = Field(alias="market.slug")
    product: str = Field(alias="product.slug")
    date: datetime.date = Field(alias="day")
    min_vnd: int
    typical_vnd: int
    max_vnd: int
    revision: int


class PriceIn(Schema):
    market: str = Field(max_length=60)
    product: str = Field(max_length=80)
    date: datetime.date
    min_vnd: int
    typical_vnd: int
    max_vnd: int


class TraceStepOut(Schema):
    title: str
    place: str
    when: str | None
    text: str


class TraceOut(Schema):
    code: str
    goods: str
    quantity: Decimal
    unit: str
    producer: str
    origin_province: str
    origin_ward: str | None
    harvest_date: datetime.date
    certifications: list[str]
    ocop_stars: int | None
    market: str
    arrived_at: datetime.datetime
    status: str
    path: list[TraceStepOut]


class ConsignmentOut(Schema):
    id: UUID = Field(alias="public_id")
    code: str
    goods: str
    quantity: Decimal
    unit: str
    producer_name: str
    harvest_date: datetime.date
    arrived_at: datetime.datetime
    status: str


class OpenDataFilter(Schema):
    start: datetime.date
    end: datetime.date
    market: str | None = Field(None, max_length=60)
    product: str | None = Field(None, max_length=80)


def _board_out(market: Market | None, day: datetime.date) -> dict:
    rows = selectors.board(day=day, market=market)
    return {
        "market": market.slug if market else None,
        "date": day,
        "rows": [
            {
                "product": row.product.slug,
                "product_name": row.product.name,
                "unit": row.product.unit,
                "min_vnd": row.min_vnd,
                "typical_vnd": row.typical_vnd,
                "max_vnd": row.max_vnd,
                "yesterday_vnd": row.yesterday_vnd,
                "week_ago_vnd": row.week_ago_vnd,
                "change_day_percent": row.change_day,
                "change_week_percent": row.change_week,
                "markets": row.markets,
            }
            for row in rows
        ],
    }


def _day(date: datetime.date | None, market: Market | None = None) -> datetime.date:
    if date is None:
        return selectors.board_latest_day(market)
    return min(date, timezone.localdate())


@router.get("/", response=list[MarketOut], auth=None, summary="Markets and supply centres")
def market_list(request):
    return selectors.market_list()


@router.get("/prices", response=BoardOut, auth=None, summary="The city's price board of a day")
def city_board(request, date: datetime.date | None = None):
    return _board_out(None, _day(date))


@router.get(
    "/prices/data",
    response=list[ObservationOut],
    auth=None,
    summary="Open data: every reported price in a date range (at most 31 days a request)",
)
@paginate(CappedPageNumberPagination)
def price_data(request, filters: Query[OpenDataFilter]):
    if filters.end < filters.start or (filters.end - filters.start).days > 30:
        raise DomainError(
            "range", _("Ask for at most 31 days, the end not before the start."), "end"
        )
    reports = PriceReport.objects.filter(day__range=(filters.start, filters.end)).select_related(
        "market", "product"
    )
    if filters.market:
        reports = reports.filter(market__slug=filters.market)
    if filters.product:
        reports = reports.filter(product__slug=filters.product)
    return reports.order_by("day", "market_id", "product_id")


@router.get(
    "/products/{slug}/history",
    response=HistoryOut,
    auth=None,
    summary="A product's common price per day, city-wide and per market",
)
def product_history(request, slug: str, days: int = 90):
    product = PriceProduct.objects.filter(slug=slug, is_active=True).first()
    if product is None:
        raise Http404
    days = max(2, min(days, MAX_HISTORY_DAYS))
    history = selectors.product_history(product, end=selectors.board_latest_day(), days=days)
    return {
        "product": product.slug,
        "unit": product.unit,
        "start": history.days[0],
        "end": history.days[-1],
        "lines": [{"market": None, "typical_vnd": history.city}]
        + [{"market": market.slug, "typical_vnd": values} for market, values in history.markets],
    }


@router.get("/trace/{code}", response=TraceOut, auth=None, summary="A consignment's public trace")
def trace(request, code: str):
    consignment = _found(selectors.consignment_trace, code[:20])
    return {
        "code": consignment.code,
        "goods": consignment.goods,
        "quantity": consignment.quantity,
        "unit": consignment.unit,
        "producer": producer_label(consignment),
        "origin_province": consignment.origin_province.name,
        "origin_ward": consignment.origin_ward.name if consignment.origin_ward_id else None,
        "harvest_date": consignment.harvest_date,
        "certifications": consignment.certifications,
        "ocop_stars": consignment.ocop_stars,
        "market": consignment.market.name,
        "arrived_at": consignment.arrived_at,
        "status": consignment.status,
        "path": [
            {
                "title": str(step["title"]),
                "place": step["place"],
                "when": step["when"].isoformat() if step["when"] else None,
                "text": str(step["text"]),
            }
            for step in trace_steps(consignment)
        ],
    }


@router.get(
    "/{slug}/prices", response=BoardOut, auth=None, summary="A market's price board of a day"
)
def market_board(request, slug: str, date: datetime.date | None = None):
    market = _found(selectors.market_get, slug)
    return _board_out(market, _day(date, market))


@router.post(
    "/prices",
    response={201: ObservationOut},
    summary="Report a price (managing board or trader of the market); again the same day corrects it",
)
def price_report(request, data: PriceIn):
    market = Market.objects.filter(slug=data.market).first()
    product = PriceProduct.objects.filter(slug=data.product, is_active=True).first()
    if market is None:
        raise DomainError("market", _("Unknown market."), "market")
    if product is None:
        raise DomainError("product", _("Unknown product."), "product")
    report = services.price_report(
        user=request.user,
        market=market,
        product=product,
        day=data.date,
        min_vnd=data.min_vnd,
        typical_vnd=data.typical_vnd,
        max_vnd=data.max_vnd,
        source=PriceReport.Source.API,
        context=audit_context_from_request(request),
    )
    return Status(201, report)


@router.get(
    "/consignments/{public_id}",
    response=ConsignmentOut,
    summary="A consignment of a market you manage",
)
def consignment_get(request, public_id: UUID):
    return _found(selectors.consignment_get_for, request.user, public_id)
