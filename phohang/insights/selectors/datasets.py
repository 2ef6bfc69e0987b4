"""The dashboards' datasets as one table of specs: a title, columns and a chart for each, and
the function that computes its rows from the rollups (`reads`)."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from phohang.core.errors import message_format
from phohang.sellers.models import SellerType

from . import builders
from .reads import HANOI, Filters, Row, shared_reads


@dataclass(frozen=True)
class Column:
    key: str
    label: Any
    kind: str = "text"  # text, int, vnd, percent, days, date, number


@dataclass
class Dataset:
    key: str
    title: str
    columns: list[Column]
    rows: list[Row]
    chart: str = "none"  # bars, growth, hbars, heatmap, map, none
    options: dict[str, Any] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class DatasetSpec:
    """How one dataset is built; calling it with filters gives the Dataset in the active language.

    `options` and `note` are fixed, or functions of the filters when they depend on the figures.
    """

    key: str
    title: Any
    columns: tuple[Column, ...]
    rows: Callable[[Filters], list[Row]]
    chart: str = "none"
    options: Mapping[str, Any] | Callable[[Filters], Mapping[str, Any]] = field(
        default_factory=dict
    )
    note: Any = ""

    def __call__(self, filters: Filters) -> Dataset:
        with shared_reads():
            rows = self.rows(filters)
            note = self.note(filters) if callable(self.note) else self.note
            options = self.options(filters) if callable(self.options) else self.options
        return Dataset(
            key=self.key,
            title=str(self.title),
            columns=[Column(c.key, str(c.label), c.kind) for c in self.columns],
            rows=rows,
            chart=self.chart,
            options=dict(options),
            note=str(note),
        )


PERIOD = Column("period", _("Period"))
PROVINCE = Column("province", _("Province"))
PROVINCE_COLUMNS = (
    PROVINCE,
    Column("gmv_vnd", _("GMV (₫)"), "vnd"),
    Column("orders", _("Orders"), "int"),
    Column("share", _("Share of GMV (%)"), "percent"),
)
PROVINCE_BARS = {"label": "province", "value": "gmv_vnd", "highlight_code": HANOI}

SPECS = (
    DatasetSpec(
        key="platform",
        title=_("Platform figures: B2C sales and B2B contracts"),
        columns=(
            PERIOD,
            Column("gmv_vnd", _("Gross merchandise value, net (₫)"), "vnd"),
            Column("orders", _("Orders"), "int"),
            Column("units", _("Units sold"), "int"),
            Column("cancelled_vnd", _("Cancelled (₫)"), "vnd"),
            Column("refunded_vnd", _("Refunded (₫)"), "vnd"),
            Column("contracts", _("Contracts signed"), "int"),
            Column("contract_value_vnd", _("Contract value (₫)"), "vnd"),
        ),
        rows=builders.platform_rows,
        chart="bars",
        options={
            "x": "period",
            "series": ["gmv_vnd", "contract_value_vnd"],
            "separate_axes": True,
        },
    ),
    DatasetSpec(
        key="growth",
        title=_("Year-on-year growth against the retail sales target"),
        columns=(
            PERIOD,
            Column("gmv_growth", _("Platform GMV growth (%)"), "percent"),
            Column("contract_growth", _("B2B contract value growth (%)"), "percent"),
            Column("official_growth", _("Official retail sales growth (%)"), "percent"),
            Column("target", _("Target: retail sales growth (%)"), "percent"),
        ),
        rows=builders.growth_rows,
        chart="growth",
        options={"x": "period", "bar": "gmv_growth", "line": "target", "dots": "official_growth"},
        note=_("Growth compares each period with the same period a year earlier."),
    ),
    DatasetSpec(
        key="official",
        title=_("Official statistics beside platform figures"),
        columns=(
            PERIOD,
            Column("indicator", _("Indicator")),
            Column("value", _("Official value"), "number"),
            Column("unit", _("Unit")),
            Column("source", _("Source")),
            Column("platform_gmv_vnd", _("Platform GMV (₫)"), "vnd"),
        ),
        rows=builders.official_rows,
    ),
    DatasetSpec(
        key="categories",
        title=_("Sales by category"),
        columns=(
            Column("category", _("Category")),
            Column("gmv_vnd", _("GMV (₫)"), "vnd"),
            Column("units", _("Units"), "int"),
            Column("ocop_vnd", _("of which OCOP (₫)"), "vnd"),
            Column("share", _("Share of GMV (%)"), "percent"),
        ),
        rows=builders.category_rows,
        chart="hbars",
        options={"label": "category", "value": "gmv_vnd"},
    ),
    DatasetSpec(
        key="seller_provinces",
        title=_("Sales by seller province (where goods are sold from)"),
        columns=PROVINCE_COLUMNS,
        rows=builders.by_province("seller"),
        chart="map",
        options=PROVINCE_BARS,
    ),
    DatasetSpec(
        key="buyer_provinces",
        title=_("Sales by buyer province (where goods go)"),
        columns=PROVINCE_COLUMNS,
        rows=builders.by_province("buyer"),
        chart="hbars",
        options=PROVINCE_BARS,
    ),
    DatasetSpec(
        key="flows",
        title=_("Flows of goods between provinces (origin → destination)"),
        columns=(
            Column("origin", _("From (seller province)")),
            Column("destination", _("To (buyer province)")),
            Column("gmv_vnd", _("GMV (₫)"), "vnd"),
            Column("orders", _("Orders"), "int"),
        ),
        rows=builders.flow_rows,
        chart="heatmap",
        options=builders.flow_options,
        note=_("Hanoi is highlighted; provinces outside the largest flows are grouped."),
    ),
    DatasetSpec(
        key="flow_map",
        title=_("Map of flows between provinces: B2C sales and B2B contracts"),
        columns=(
            Column("origin", _("From (seller province)")),
            Column("destination", _("To (buyer province)")),
            Column("kind", _("Flow")),
            Column("value_vnd", _("Value (₫)"), "vnd"),
            Column("count", _("Orders or contracts"), "int"),
        ),
        rows=builders.flow_map_rows,
        chart="flowmap",
        note=message_format(
            _(
                "The %(lines)s largest flows between two provinces, half of them retail sales, "
                "half B2B contracts; a line's width follows its value within its kind."
            ),
            lines=builders.FLOW_MAP_LINES,
        ),
    ),
    DatasetSpec(
        key="ocop_products",
        title=_("OCOP products online by stars and province"),
        columns=(
            PROVINCE,
            Column("stars_3", _("3 stars"), "int"),
            Column("stars_4", _("4 stars"), "int"),
            Column("stars_5", _("5 stars"), "int"),
            Column("total", _("Total"), "int"),
        ),
        rows=builders.ocop_product_rows,
        chart="hbars",
        options={"label": "province", "value": "total", "stack": ["stars_3", "stars_4", "stars_5"]},
    ),
    DatasetSpec(
        key="ocop_share",
        title=_("OCOP share of sales"),
        columns=(
            PERIOD,
            Column("ocop_vnd", _("OCOP GMV (₫)"), "vnd"),
            Column("gmv_vnd", _("All GMV (₫)"), "vnd"),
            Column("share", _("OCOP share (%)"), "percent"),
        ),
        rows=builders.ocop_share_rows,
        chart="bars",
        options={"x": "period", "series": ["share"]},
    ),
    DatasetSpec(
        key="ocop_expiring",
        title=message_format(
            _("OCOP certificates expiring within %(days)s days"), days=builders.EXPIRING_DAYS
        ),
        columns=(
            Column("title", _("Product")),
            Column("seller__name", _("Seller")),
            Column("origin_province__short_name", _("Province")),
            Column("ocop_stars", _("Stars"), "int"),
            Column("ocop_certificate_number", _("Certificate")),
            Column("ocop_expires_on", _("Expires on"), "date"),
        ),
        rows=builders.ocop_expiring_rows,
    ),
    DatasetSpec(
        key="sellers_activity",
        title=_("Sellers with sales and new sellers"),
        columns=(
            PERIOD,
            Column("active", _("Sellers with sales"), "int"),
            Column("new", _("New sellers"), "int"),
        ),
        rows=builders.seller_activity_rows,
        chart="bars",
        options={"x": "period", "series": ["active", "new"]},
    ),
    DatasetSpec(
        key="sellers_by_type",
        title=_("Sellers and applications by type"),
        columns=(
            Column("seller_type", _("Seller type")),
            Column("registered", _("Active sellers"), "int"),
            Column("pending", _("Pending applications"), "int"),
            Column("approved", _("Approved in range"), "int"),
            Column("rejected", _("Rejected in range"), "int"),
            Column("median_review_days", _("Median review time (days)"), "days"),
        ),
        rows=builders.seller_type_rows,
        chart="hbars",
        options={"label": "seller_type", "value": "registered"},
    ),
    DatasetSpec(
        key="sellers_by_province",
        title=_("Active sellers by province and type"),
        columns=(
            PROVINCE,
            *[Column(value, label, "int") for value, label in SellerType.choices],
            Column("total", _("Total"), "int"),
        ),
        rows=builders.seller_province_rows,
        chart="hbars",
        options={"label": "province", "value": "total", "stack": list(SellerType.values)},
    ),
    DatasetSpec(
        key="trade_funnel",
        title=_("Trade connection: from demand to contract"),
        columns=(Column("stage", _("Stage")), Column("count", _("Number"), "int")),
        rows=builders.funnel_rows,
        chart="hbars",
        options={"label": "stage", "value": "count"},
        note=builders.funnel_note,
    ),
    DatasetSpec(
        key="contract_flows",
        title=_("B2B contract value by province pair"),
        columns=(
            Column("pair", _("Origin → destination")),
            Column("contracts", _("Contracts"), "int"),
            Column("value_vnd", _("Contract value (₫)"), "vnd"),
            Column("received_vnd", _("Delivered and received (₫)"), "vnd"),
        ),
        rows=builders.contract_flow_rows,
        chart="hbars",
        options={"label": "pair", "value": "value_vnd", "limit": 15},
    ),
)
DATASETS: dict[str, DatasetSpec] = {spec.key: spec for spec in SPECS}

PAGES = {
    "overview": ["platform", "growth", "official"],
    "sales": ["categories", "seller_provinces", "buyer_provinces"],
    "flows": ["flow_map", "flows", "contract_flows"],
    "ocop": ["ocop_share", "ocop_products", "ocop_expiring"],
    "sellers": ["sellers_activity", "sellers_by_type", "sellers_by_province"],
    "trade": ["trade_funnel", "contract_flows"],
}
