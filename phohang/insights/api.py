"""Public open-data endpoints under /api/v1/stats/: aggregates only, small cells suppressed."""

from ninja import Field as SchemaField
from ninja import Query, Router, Schema

from phohang.core.api import ApiError

from . import opendata

router = Router(tags=["stats"], auth=None)
# Open data: aggregates only, small cells suppressed; anyone may call these.
PUBLIC_OPERATIONS = frozenset({"years", "monthly", "provinces", "categories", "flows"})


class YearQuery(Schema):
    year: int | None = SchemaField(None, ge=2000, le=2100)


class Cell(Schema):
    sellers: int | None
    gmv_vnd: int | None
    suppressed: bool


class MonthCell(Cell):
    period: str


class ProvinceCell(Cell):
    province_code: str
    province: str


class CategoryCell(Cell):
    category: str


class FlowCell(Cell):
    origin_code: str
    origin: str | None
    destination_code: str
    destination: str | None


def _envelope(rows, year):
    return {"year": year, "min_sellers": opendata.MIN_SELLERS, "rows": rows}


def _year(query: YearQuery) -> int:
    years = opendata.available_years()
    if query.year is None:
        if not years:
            raise ApiError(404, "no_data", "Chưa có số liệu.", "No figures yet.")
        return years[0]
    if query.year not in years:
        raise ApiError(404, "no_data", "Không có số liệu cho năm này.", "No figures for this year.")
    return query.year


class YearsOut(Schema):
    years: list[int]
    min_sellers: int


class MonthlyOut(Schema):
    year: int
    min_sellers: int
    rows: list[MonthCell]


class ProvincesOut(Schema):
    year: int
    min_sellers: int
    rows: list[ProvinceCell]


class CategoriesOut(Schema):
    year: int
    min_sellers: int
    rows: list[CategoryCell]


class FlowsOut(Schema):
    year: int
    min_sellers: int
    rows: list[FlowCell]


@router.get("/years", response=YearsOut, summary="Years with published figures")
def years(request):
    return {"years": opendata.available_years(), "min_sellers": opendata.MIN_SELLERS}


@router.get("/monthly", response=MonthlyOut, summary="Net sales by month")
def monthly(request, query: Query[YearQuery]):
    year = _year(query)
    return _envelope(opendata.monthly(year), year)


@router.get("/provinces", response=ProvincesOut, summary="Net sales by seller province")
def provinces(request, query: Query[YearQuery]):
    year = _year(query)
    return _envelope(opendata.by_province(year), year)


@router.get("/categories", response=CategoriesOut, summary="Net sales by category")
def categories(request, query: Query[YearQuery]):
    year = _year(query)
    return _envelope(opendata.by_category(year), year)


@router.get("/flows", response=FlowsOut, summary="Net sales from seller to buyer province")
def flows(request, query: Query[YearQuery]):
    year = _year(query)
    return _envelope(opendata.flows(year), year)
