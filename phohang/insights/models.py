"""Insights' own tables: rollups (projections of orders and trade), targets and official figures."""

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Grain(models.TextChoices):
    DAY = "d", _("day")
    MONTH = "m", _("month")
    QUARTER = "q", _("quarter")
    YEAR = "y", _("year")


class Indicator(models.TextChoices):
    RETAIL_SALES = "retail_sales", _("Retail sales of goods and services")
    INDUSTRIAL_VALUE_ADDED = "industrial_value_added", _("Industrial value added")
    INDUSTRIAL_PRODUCTION_INDEX = "industrial_production_index", _("Industrial production index")
    PLATFORM_GMV = "platform_gmv", _("Platform gross merchandise value")
    CONTRACT_VALUE = "contract_value", _("B2B contract value")


class PeriodKind(models.TextChoices):
    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")
    YEAR = "year", _("year")


def _rollup_link(to: str) -> "models.ForeignKey[Any, Any]":
    """A rollup's link to a dimension: no reverse accessor, no database constraint (rollups are
    rebuilt from the source tables, and a dimension row may go before its rollups do)."""
    return models.ForeignKey(to, on_delete=models.PROTECT, related_name="+", db_constraint=False)


class SalesFact(models.Model):
    """What every B2C sales rollup holds for one period at one grain, by the seller's province:
    net figures (cancellations and refunds taken off) and the gross placed_* ones."""

    grain = models.CharField(max_length=1, choices=Grain.choices)
    period = models.DateField()
    seller_province = _rollup_link("geo.Province")
    units = models.BigIntegerField(default=0)
    gmv_vnd = models.BigIntegerField(default=0)
    placed_vnd = models.BigIntegerField(default=0)
    cancelled_vnd = models.BigIntegerField(default=0)
    refunded_vnd = models.BigIntegerField(default=0)

    class Meta:
        abstract = True


class OrderSalesFact(SalesFact):
    """A sales rollup that also counts orders (net, placed and cancelled)."""

    orders = models.BigIntegerField(default=0)
    placed_orders = models.BigIntegerField(default=0)
    cancelled_orders = models.BigIntegerField(default=0)

    class Meta:
        abstract = True


class SalesFlowFact(OrderSalesFact):
    """B2C sales by seller province → buyer province, per day, month, quarter and year."""

    buyer_province = _rollup_link("geo.Province")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "period", "seller_province", "buyer_province"],
                name="insights_flow_pair_unique",
            )
        ]
        indexes = [
            models.Index(fields=["grain", "period"], name="insights_flow_period"),
            models.Index(fields=["grain", "seller_province", "period"], name="insights_flow_sp"),
            models.Index(fields=["grain", "buyer_province", "period"], name="insights_flow_bp"),
        ]

    def __str__(self) -> str:
        return f"{self.grain}{self.period} {self.seller_province_id}→{self.buyer_province_id}"


class SalesSeriesFact(OrderSalesFact):
    """B2C sales by seller province alone, per day, month, quarter and year: the time series,
    small enough that a chart of any range reads a few hundred rows."""

    ocop_vnd = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "period", "seller_province"], name="insights_series_unique"
            )
        ]
        indexes = [
            models.Index(fields=["grain", "seller_province", "period"], name="insights_series_sp"),
        ]

    def __str__(self) -> str:
        return f"{self.grain}{self.period} {self.seller_province_id}"


class SalesCategoryFact(SalesFact):
    """B2C sales by seller province, category and OCOP flag, per day, month, quarter and year."""

    category = _rollup_link("catalog.Category")
    is_ocop = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "period", "seller_province", "category", "is_ocop"],
                name="insights_category_unique",
            )
        ]
        indexes = [
            models.Index(fields=["grain", "period"], name="insights_cat_period"),
            models.Index(fields=["grain", "seller_province", "period"], name="insights_cat_sp"),
        ]

    def __str__(self) -> str:
        return f"{self.grain}{self.period} {self.seller_province_id} cat {self.category_id}"


class SellerMonthFact(models.Model):
    """One seller's monthly sales per category: active-seller counts and open-data suppression."""

    period = models.DateField()
    seller = _rollup_link("sellers.Seller")
    seller_province = _rollup_link("geo.Province")
    seller_type = models.CharField(max_length=20)
    category = _rollup_link("catalog.Category")
    orders = models.BigIntegerField(default=0)
    gmv_vnd = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "seller", "category"], name="insights_seller_month_unique"
            )
        ]
        indexes = [models.Index(fields=["period", "seller_province"], name="insights_sm_sp")]

    def __str__(self) -> str:
        return f"{self.period} seller {self.seller_id} cat {self.category_id}"


class SellerActivityFact(models.Model):
    """One seller's net sales per month, quarter and year: distinct active sellers of a range are
    counted over a handful of whole periods instead of every seller-month-category row."""

    grain = models.CharField(max_length=1, choices=Grain.choices)
    period = models.DateField()
    seller = _rollup_link("sellers.Seller")
    seller_province = _rollup_link("geo.Province")
    gmv_vnd = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "period", "seller"], name="insights_activity_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["grain", "period", "seller_province", "gmv_vnd", "seller"],
                name="insights_activity_count",
            )
        ]

    def __str__(self) -> str:
        return f"{self.grain}{self.period} seller {self.seller_id}"


class SellerReachFact(models.Model):
    """One seller's yearly sales per buyer province: suppression of the open-data flow matrix."""

    period = models.DateField()
    seller = _rollup_link("sellers.Seller")
    seller_province = _rollup_link("geo.Province")
    buyer_province = _rollup_link("geo.Province")
    orders = models.BigIntegerField(default=0)
    gmv_vnd = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "seller", "buyer_province"], name="insights_seller_reach_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} seller {self.seller_id}→{self.buyer_province_id}"


class ContractFact(models.Model):
    """B2B supply contracts signed, by origin → destination province, per day, month, quarter
    and year."""

    grain = models.CharField(max_length=1, choices=Grain.choices)
    period = models.DateField()
    origin_province = _rollup_link("geo.Province")
    destination_province = _rollup_link("geo.Province")
    contracts = models.BigIntegerField(default=0)
    value_vnd = models.BigIntegerField(default=0)
    received_vnd = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "period", "origin_province", "destination_province"],
                name="insights_contract_unique",
            )
        ]
        indexes = [models.Index(fields=["grain", "period"], name="insights_contract_period")]

    def __str__(self) -> str:
        return f"{self.grain}{self.period} {self.origin_province_id}→{self.destination_province_id}"


class Ledger(models.Model):
    """What one source object currently contributes to the rollups, so every event applies an
    exact delta: its attributes frozen when it was made (day, provinces, seller, lines by
    category/OCOP) and its present effect (active, cancelled or refunded lines)."""

    dims = models.JSONField()
    state = models.JSONField()

    class Meta:
        abstract = True


class OrderLedger(Ledger):
    order_id = models.BigIntegerField(primary_key=True)

    def __str__(self) -> str:
        return f"order {self.order_id}"


class ContractLedger(Ledger):
    contract_id = models.BigIntegerField(primary_key=True)

    def __str__(self) -> str:
        return f"contract {self.contract_id}"


class RollupVersion(models.Model):
    """One row whose token changes in the same transaction as any rollup write, so a cached
    dashboard read keyed by it can never outlive the rows it was computed from."""

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token


class Target(models.Model):
    """A target the city set for an indicator over a period, e.g. retail sales +10.54 % a year."""

    indicator = models.CharField(_("indicator"), max_length=40, choices=Indicator.choices)
    period = models.CharField(
        _("period"), max_length=10, help_text=_("A year (2026), quarter (2026-Q1) or month.")
    )
    period_kind = models.CharField(max_length=8, choices=PeriodKind.choices, editable=False)
    period_start = models.DateField(editable=False)
    value = models.DecimalField(_("target value"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=20, default="%/năm")
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["indicator", "period_start"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="insights_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()} {self.period}: {self.value} {self.unit}"


class StatisticsImport(models.Model):
    """One uploaded file of official statistics and the report of its rows."""

    original_name = models.CharField(max_length=200)
    imported_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_imported = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name


class OfficialStatistic(models.Model):
    """A published official figure (e.g. the city's monthly retail sales) shown beside platform data."""

    indicator = models.CharField(_("indicator"), max_length=40, choices=Indicator.choices)
    period = models.CharField(_("period"), max_length=10)
    period_kind = models.CharField(max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField()
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=40)
    source = models.CharField(_("source"), max_length=200)
    batch = models.ForeignKey(
        StatisticsImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="rows"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["indicator", "period_start"]
        verbose_name = _("official statistic")
        verbose_name_plural = _("official statistics")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="insights_official_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}"
