"""Who posts in trade and what they post: buyer organisations, demands (RFQs) and offers."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .units import (
    ALL_MONTHS,
    Frequency,
    Period,
    TradeUnit,
    certification_labels,
    mask_to_certifications,
    mask_to_months,
)


class BuyerOrganisation(models.Model):
    """An organisation that buys in bulk; any signed-in user can register one."""

    class Kind(models.TextChoices):
        SUPERMARKET = "supermarket", _("Supermarket chain")
        WHOLESALE_MARKET = "wholesale_market", _("Wholesale market")
        SUPPLY_CENTRE = "supply_centre", _("Agricultural supply centre")
        RESTAURANT = "restaurant", _("Restaurant chain")
        SCHOOL_KITCHEN = "school_kitchen", _("School kitchen")
        MANUFACTURER = "manufacturer", _("Manufacturer")
        EXPORTER = "exporter", _("Exporter")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("organisation name"), max_length=200)
    kind = models.CharField(_("organisation type"), max_length=20, choices=Kind.choices)
    province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    tax_code = models.CharField(_("tax code (MST)"), max_length=14, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="buyer_organisations", verbose_name=_("members")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("buyer organisation")
        verbose_name_plural = _("buyer organisations")

    def __str__(self) -> str:
        return self.name


class Posting(models.Model):
    """What a demand and an offer share: who posted what goods, how many, and the fields the
    services derive for matching and search."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("what you need"), max_length=200)
    description = models.TextField(_("details"), blank=True)
    category = models.ForeignKey(
        "catalog.Category", on_delete=models.PROTECT, related_name="+", verbose_name=_("category")
    )
    product = models.ForeignKey(
        "catalog.Product",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("catalog product"),
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=10, choices=TradeUnit.choices)
    certifications_mask = models.PositiveSmallIntegerField(default=0)
    # Derived by the services: base-unit quantity per month and the folded text for search/matching.
    unit_family = models.CharField(max_length=10, editable=False)
    monthly_base_quantity = models.PositiveBigIntegerField(default=0, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)

    # The `trade:` URL name of the detail page.
    detail_url_name = ""

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(self.detail_url_name, kwargs={"public_id": self.public_id})

    @property
    def certifications(self) -> list[str]:
        return mask_to_certifications(self.certifications_mask)

    @property
    def certification_labels(self) -> list[str]:
        return certification_labels(self.certifications_mask)


class Demand(Posting):
    """A request for quotation: what a buyer organisation needs, where, when and how good."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for quotes")
        CLOSED = "closed", _("Closed")
        AWARDED = "awarded", _("Awarded")
        CANCELLED = "cancelled", _("Cancelled")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        INVITED = "invited", _("Invited suppliers only")

    organisation = models.ForeignKey(
        BuyerOrganisation, on_delete=models.PROTECT, related_name="demands"
    )
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    delivery_province = models.ForeignKey(
        "geo.Province",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("delivery province"),
    )
    delivery_ward = models.ForeignKey(
        "geo.Ward",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("delivery ward / commune"),
    )
    delivery_start = models.DateField(_("deliveries from"))
    delivery_end = models.DateField(_("deliveries until"))
    min_ocop_stars = models.PositiveSmallIntegerField(_("minimum OCOP stars"), default=0)
    price_ceiling_vnd = models.PositiveBigIntegerField(
        _("price ceiling per unit (₫)"), null=True, blank=True
    )
    closing_date = models.DateField(_("quotes close on"))
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    invited_sellers = models.ManyToManyField(
        "sellers.Seller", blank=True, related_name="trade_invitations"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    awarded_quantity = models.PositiveIntegerField(default=0, editable=False)

    detail_url_name = "trade:demand_detail"

    class Meta(Posting.Meta):
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="demand_quantity_positive"),
            models.CheckConstraint(
                condition=Q(delivery_end__gte=F("delivery_start")), name="demand_window_ordered"
            ),
            models.CheckConstraint(
                condition=Q(awarded_quantity__lte=F("quantity")),
                name="demand_awarded_within_quantity",
            ),
            models.CheckConstraint(
                condition=Q(min_ocop_stars__lte=5), name="demand_ocop_stars_at_most_5"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "visibility", "-created_at"], name="demand_board_idx"),
            models.Index(fields=["status", "category"], name="demand_cat_idx"),
        ]

    @property
    def remaining_quantity(self) -> int:
        return self.quantity - self.awarded_quantity

    def accepts_quotes_on(self, day) -> bool:
        return self.status == self.Status.OPEN and self.closing_date >= day


class Offer(Posting):
    """Supply capacity an approved seller can commit: how much, when, from where, at what price."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="offers")
    title = models.CharField(_("product offered"), max_length=200)
    quantity = models.PositiveIntegerField(_("quantity per period"))
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    season_mask = models.PositiveSmallIntegerField(default=ALL_MONTHS)
    origin_province = models.ForeignKey(
        "geo.Province",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("origin province"),
    )
    price_min_vnd = models.PositiveBigIntegerField(_("lowest price per unit (₫)"))
    price_max_vnd = models.PositiveBigIntegerField(_("highest price per unit (₫)"))
    ocop_stars = models.PositiveSmallIntegerField(_("OCOP stars"), default=0)
    minimum_order = models.PositiveIntegerField(_("minimum order"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    minimum_order_base = models.PositiveBigIntegerField(default=0, editable=False)

    detail_url_name = "trade:offer_detail"

    class Meta(Posting.Meta):
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="offer_quantity_positive"),
            models.CheckConstraint(
                condition=Q(price_max_vnd__gte=F("price_min_vnd")), name="offer_price_range_ordered"
            ),
            models.CheckConstraint(condition=Q(season_mask__gt=0), name="offer_season_not_empty"),
        ]
        indexes = [
            models.Index(fields=["status", "category", "unit_family"], name="offer_match_idx"),
            models.Index(fields=["status", "-created_at"], name="offer_board_idx"),
            # Every column matching reads of an offer, keyed by id: the candidate pool's join
            # reads this narrow index instead of the wide rows (a quarter of the statement).
            models.Index(
                fields=[
                    "id",
                    "status",
                    "season_mask",
                    "certifications_mask",
                    "ocop_stars",
                    "category",
                    "unit",
                    "monthly_base_quantity",
                    "minimum_order_base",
                    "origin_province",
                    "price_min_vnd",
                    "seller",
                ],
                name="offer_match_cover_idx",
            ),  # fmt: skip
        ]

    @property
    def season_months(self) -> list[int]:
        return mask_to_months(self.season_mask)
