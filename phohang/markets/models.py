"""Wholesale markets and supply centres, their traders, consignments with a traceability code,
the daily wholesale price board with its corrections, the city's daily need and price alerts."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from phohang.core.models import StatusHistory
from phohang.core.text import search_fold
from phohang.core.uploads import private_storage


class GoodsGroup(models.TextChoices):
    VEGETABLES = "vegetables", _("Vegetables")
    FRUIT = "fruit", _("Fruit")
    PORK = "pork", _("Pork")
    POULTRY = "poultry", _("Poultry and eggs")
    FISH = "fish", _("Fish and seafood")
    RICE = "rice", _("Rice and grains")
    GROCERIES = "groceries", _("Cooking oil, sugar and dry goods")
    FLOWERS = "flowers", _("Flowers and plants")


class Market(models.Model):
    """A wholesale market or an agricultural supply centre; its managing board are `managers`."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", _("Official wholesale market")
        WHOLESALE_TYPE = "wholesale", _("Wholesale-type market")
        SUPPLY_CENTRE = "centre", _("Agricultural supply centre")

    class Status(models.TextChoices):
        OPERATING = "operating", _("Operating")
        PLANNED = "planned", _("Planned")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=60, unique=True)
    # Two or three capital letters that open the traceability codes of its consignments.
    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPERATING
    )
    street = models.CharField(_("street address"), max_length=200)
    ward = models.ForeignKey("geo.Ward", verbose_name=_("ward / commune"), on_delete=models.PROTECT)
    area_m2 = models.PositiveIntegerField(_("area (m²)"))
    # Closing at or before opening means the market trades through midnight (night markets).
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    goods_groups = models.JSONField(_("goods groups"), default=list)
    description = models.TextField(_("description"), blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="managed_markets",
        verbose_name=_("managing board"),
        blank=True,
    )
    hub = models.ForeignKey(
        "logistics.Hub",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logistics hub"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("market")
        verbose_name_plural = _("markets")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("markets:market", kwargs={"slug": self.slug})

    @property
    def is_overnight(self) -> bool:
        return self.closes_at <= self.opens_at

    def goods_group_labels(self) -> list[str]:
        return [str(GoodsGroup(value).label) for value in self.goods_groups]


class Trader(models.Model):
    """A trader (tiểu thương) at a stall: a seller of the platform or a household business."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="traders")
    stall = models.CharField(_("stall number"), max_length=20)
    name = models.CharField(_("business name"), max_length=200)
    seller = models.ForeignKey(
        "sellers.Seller",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("seller on Phố Hàng"),
    )
    licence_number = models.CharField(_("business licence number"), max_length=30, blank=True)
    goods = models.CharField(_("goods"), max_length=300)
    goods_group = models.CharField(_("goods group"), max_length=10, choices=GoodsGroup.choices)
    # The people who report prices for this trader.
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="market_traders", blank=True
    )
    # Name, stall and goods folded as the search folds queries (no diacritics, đ → d).
    search_text = models.CharField(max_length=600, editable=False)
    is_active = models.BooleanField(_("trading"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["market", "stall"]
        verbose_name = _("trader")
        verbose_name_plural = _("traders")
        constraints = [
            models.UniqueConstraint(fields=["market", "stall"], name="trader_unique_stall")
        ]

    def __str__(self) -> str:
        return f"{self.stall} · {self.name}"

    def save(self, *args, **kwargs) -> None:
        self.search_text = search_fold(f"{self.name} {self.stall} {self.goods}")[:600]
        super().save(*args, **kwargs)


class Unit(models.TextChoices):
    KG = "kg", _("kg")
    TONNE = "tonne", _("tonne")
    CRATE = "crate", _("crate (20 kg)")
    HEAD = "head", _("head")
    DOZEN = "dozen", _("ten eggs")
    LITRE = "litre", _("litre")
    BUNCH = "bunch", pgettext_lazy("unit", "bunch")


class Certification(models.TextChoices):
    VIETGAP = "vietgap", "VietGAP"
    GLOBALGAP = "globalgap", "GlobalG.A.P."
    ORGANIC = "organic", _("Organic")


class Consignment(models.Model):
    """A lot (lô hàng) arriving at a market: where it was grown, its checks and its public code."""

    class Status(models.TextChoices):
        ARRIVED = "arrived", _("Arrived, awaiting checks")
        PASSED = "passed", _("Checks passed")
        ON_SALE = "on_sale", _("On sale")
        SOLD_OUT = "sold_out", _("Sold out")
        REJECTED = "rejected", _("Rejected at the checks")

    class Check(models.TextChoices):
        QUARANTINE = "quarantine", _("Animal or plant quarantine")
        FOOD_SAFETY = "food_safety", _("Food safety rapid check")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("traceability code"), max_length=16, unique=True)
    market = models.ForeignKey(Market, on_delete=models.PROTECT, related_name="consignments")
    trader = models.ForeignKey(
        Trader,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consignments",
        verbose_name=_("trader"),
    )
    goods = models.CharField(_("goods"), max_length=120)
    goods_group = models.CharField(_("goods group"), max_length=10, choices=GoodsGroup.choices)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    weight_kg = models.DecimalField(_("weight (kg)"), max_digits=12, decimal_places=1)
    origin_province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    origin_ward = models.ForeignKey(
        "geo.Ward",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ward / commune"),
    )
    producer_seller = models.ForeignKey(
        "sellers.Seller",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("producer on Phố Hàng"),
    )
    producer_name = models.CharField(_("producer"), max_length=200)
    harvest_date = models.DateField(_("harvest or production date"))
    certifications = models.JSONField(_("certifications"), default=list, blank=True)
    ocop_stars = models.PositiveSmallIntegerField(_("OCOP stars"), null=True, blank=True)
    contract_delivery = models.ForeignKey(
        "trade.Delivery",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contract delivery"),
    )
    # The marketplace product sold from this lot: its page shows this trace.
    product = models.ForeignKey(
        "catalog.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    arrived_at = models.DateTimeField(_("arrived at"))
    arrived_on = models.DateField(editable=False)
    check_kind = models.CharField(
        _("check"), max_length=12, choices=Check.choices, default=Check.FOOD_SAFETY
    )
    check_document = models.FileField(
        _("check result"), storage=private_storage, upload_to="markets/checks/", blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ARRIVED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-arrived_at", "-id"]
        verbose_name = _("consignment")
        verbose_name_plural = _("consignments")
        indexes = [
            models.Index(fields=["market", "arrived_on"]),
            models.Index(fields=["arrived_on", "goods_group"]),
            models.Index(fields=["product", "-arrived_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="consignment_quantity"),
            models.CheckConstraint(condition=Q(weight_kg__gt=0), name="consignment_weight"),
            models.CheckConstraint(
                condition=Q(ocop_stars__isnull=True) | Q(ocop_stars__gte=3, ocop_stars__lte=5),
                name="consignment_ocop_stars",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.goods}"

    def get_absolute_url(self) -> str:
        return reverse("markets:consignment", kwargs={"public_id": self.public_id})

    def get_trace_url(self) -> str:
        return reverse("markets:trace", kwargs={"code": self.code})

    def certification_labels(self) -> list[str]:
        return [str(Certification(value).label) for value in self.certifications]


class ConsignmentEvent(StatusHistory):
    consignment = models.ForeignKey(Consignment, on_delete=models.CASCADE, related_name="events")


class DailyNeed(models.Model):
    """The city's daily need of a goods group, in tonnes (the authority's target table)."""

    goods_group = models.CharField(
        _("goods group"), max_length=10, choices=GoodsGroup.choices, unique=True
    )
    tonnes_per_day = models.DecimalField(_("tonnes per day"), max_digits=8, decimal_places=1)
    source = models.CharField(_("source"), max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["goods_group"]
        verbose_name = _("daily need")
        verbose_name_plural = _("daily needs")
        constraints = [
            models.CheckConstraint(condition=Q(tonnes_per_day__gt=0), name="need_positive")
        ]

    def __str__(self) -> str:
        return f"{self.goods_group}: {self.tonnes_per_day} t"


class PriceProduct(models.Model):
    """A commodity on the price board (not a shop's product): "Thịt lợn hơi", per kg."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    # The name folded for matching uploaded rows ("thit lon hoi").
    name_key = models.CharField(max_length=120, unique=True, editable=False)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    goods_group = models.CharField(_("goods group"), max_length=10, choices=GoodsGroup.choices)
    # One of the essential goods the authority watches (rice, pork, chicken, eggs, ...).
    is_essential = models.BooleanField(_("essential goods basket"), default=False)
    sort_order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("priced product")
        verbose_name_plural = _("priced products")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_key = search_fold(self.name)[:120]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("markets:product_history", kwargs={"slug": self.slug})


class PriceReport(models.Model):
    """The wholesale price of one product at one market on one day; a correction replaces the
    figures and keeps the previous ones in `PriceCorrection`."""

    class Source(models.TextChoices):
        FORM = "form", _("Form")
        UPLOAD = "upload", _("File upload")
        API = "api", _("API")

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="prices")
    product = models.ForeignKey(PriceProduct, on_delete=models.CASCADE, related_name="prices")
    day = models.DateField(_("day"))
    min_vnd = models.PositiveBigIntegerField(_("lowest (₫)"))
    typical_vnd = models.PositiveBigIntegerField(_("most common (₫)"))
    max_vnd = models.PositiveBigIntegerField(_("highest (₫)"))
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.FORM)
    revision = models.PositiveSmallIntegerField(default=1)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("price report")
        verbose_name_plural = _("price reports")
        constraints = [
            models.UniqueConstraint(fields=["market", "product", "day"], name="price_one_per_day"),
            models.CheckConstraint(condition=Q(min_vnd__gt=0), name="price_positive"),
            models.CheckConstraint(
                condition=Q(min_vnd__lte=F("typical_vnd"), typical_vnd__lte=F("max_vnd")),
                name="price_min_typical_max",
            ),
        ]
        indexes = [
            models.Index(fields=["market", "day"]),
            models.Index(fields=["product", "day"]),
        ]

    def __str__(self) -> str:
        return f"{self.market_id}/{self.product_id}/{self.day}: {self.typical_vnd}"


class PriceCorrection(models.Model):
    """The figures a correction replaced (the history of a price report)."""

    report = models.ForeignKey(PriceReport, on_delete=models.CASCADE, related_name="corrections")
    revision = models.PositiveSmallIntegerField()
    min_vnd = models.PositiveBigIntegerField()
    typical_vnd = models.PositiveBigIntegerField()
    max_vnd = models.PositiveBigIntegerField()
    source = models.CharField(max_length=10, choices=PriceReport.Source.choices)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["report", "revision"]

    def __str__(self) -> str:
        return f"{self.report_id} r{self.revision}"


class CityPrice(models.Model):
    """The city's price of a product on a day, rolled up from the markets' reports on each write
    (the median of their common prices, the lowest low and the highest high)."""

    product = models.ForeignKey(PriceProduct, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    min_vnd = models.PositiveBigIntegerField()
    typical_vnd = models.PositiveBigIntegerField()
    max_vnd = models.PositiveBigIntegerField()
    markets = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["product", "day"], name="city_price_one_per_day")
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.product_id}/{self.day}: {self.typical_vnd}"


class MonitoringSetting(models.Model):
    """The one row of price-monitoring settings the authority edits."""

    alert_threshold_percent = models.DecimalField(
        _("alert threshold (%)"), max_digits=4, decimal_places=1, default=15
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(alert_threshold_percent__gte=1, alert_threshold_percent__lte=90),
                name="monitoring_threshold_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.alert_threshold_percent} %"


class AlertSubscription(models.Model):
    """An authority officer who wants price alerts as notifications."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="price_alert_subscription"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return str(self.user_id)


class PriceAlert(models.Model):
    """A common price that moved more than the threshold from its 7-day median."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="alerts")
    product = models.ForeignKey(PriceProduct, on_delete=models.CASCADE, related_name="alerts")
    day = models.DateField()
    typical_vnd = models.PositiveBigIntegerField()
    median_vnd = models.PositiveBigIntegerField()
    change_percent = models.DecimalField(max_digits=7, decimal_places=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-day", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["market", "product", "day"], name="price_alert_one_per_day"
            )
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.product_id}@{self.market_id} {self.day}: {self.change_percent} %"

    @property
    def is_rise(self) -> bool:
        return self.change_percent > 0


class PriceUpload(models.Model):
    """The market and day an uploaded price file is for (rows may name their own)."""

    job = models.OneToOneField("core.FileJob", on_delete=models.CASCADE, related_name="+")
    market = models.ForeignKey(Market, null=True, blank=True, on_delete=models.CASCADE)
    day = models.DateField()

    def __str__(self) -> str:
        return f"{self.job_id}: {self.day}"
