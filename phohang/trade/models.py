"""Trade connection (B2B): buyer organisations, demands (RFQs), offers, matches, quotes, contracts."""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.catalog.models import Certification

# Certifications are stored as a bit mask so "has every required one" is one integer test
# that works the same on SQLite and PostgreSQL (JSON containment does not exist on SQLite).
CERTIFICATION_BITS = {
    Certification.VIETGAP: 1,
    Certification.ORGANIC: 2,
    Certification.HACCP: 4,
    Certification.ISO_22000: 8,
    Certification.GLOBALGAP: 16,
    Certification.ISO_9001: 32,
    Certification.IATF_16949: 64,
}
# (held, what it also satisfies): a stricter scheme covers the one it builds on.
CERTIFICATION_EQUIVALENTS = (
    (CERTIFICATION_BITS[Certification.GLOBALGAP], CERTIFICATION_BITS[Certification.VIETGAP]),
    (CERTIFICATION_BITS[Certification.ISO_22000], CERTIFICATION_BITS[Certification.HACCP]),
    (CERTIFICATION_BITS[Certification.IATF_16949], CERTIFICATION_BITS[Certification.ISO_9001]),
)


def certifications_to_mask(codes) -> int:
    mask = 0
    for code in codes or ():
        mask |= CERTIFICATION_BITS.get(code, 0)
    return mask


def mask_to_certifications(mask: int) -> list[str]:
    return [code for code, bit in CERTIFICATION_BITS.items() if mask & bit]


def certification_labels(mask: int) -> list[str]:
    labels = dict(Certification.choices)
    return [str(labels[code]) for code in mask_to_certifications(mask)]


def months_to_mask(months) -> int:
    mask = 0
    for month in months or ():
        if 1 <= int(month) <= 12:
            mask |= 1 << (int(month) - 1)
    return mask


def mask_to_months(mask: int) -> list[int]:
    return [month for month in range(1, 13) if mask & (1 << (month - 1))]


ALL_MONTHS = (1 << 12) - 1


def private_storage():
    """Quote attachments are business documents; they are served by a checked view only."""
    return storages["private"]


class TradeUnit(models.TextChoices):
    KILOGRAM = "kg", _("kg")
    TEN_KILOGRAMS = "yen", _("yến (10 kg)")
    QUINTAL = "quintal", _("tạ (100 kg)")
    TONNE = "tonne", _("tonne")
    LITRE = "l", _("litre")
    BOX = "box", _("box")
    BAG = "bag", _("bag")
    PIECE = "piece", _("piece")
    FRUIT = "fruit", _("fruit (quả)")
    SET = "set", _("set")
    METRE = "m", _("metre")
    CARTON = "carton", _("carton")


# (family, factor to the family's base unit): kg, yến, tạ and tấn compare with each other.
UNIT_BASE = {
    TradeUnit.KILOGRAM: ("mass", 1),
    TradeUnit.TEN_KILOGRAMS: ("mass", 10),
    TradeUnit.QUINTAL: ("mass", 100),
    TradeUnit.TONNE: ("mass", 1000),
    TradeUnit.LITRE: ("volume", 1),
    TradeUnit.BOX: ("box", 1),
    TradeUnit.BAG: ("bag", 1),
    TradeUnit.PIECE: ("piece", 1),
    TradeUnit.FRUIT: ("piece", 1),
    TradeUnit.SET: ("set", 1),
    TradeUnit.METRE: ("length", 1),
    TradeUnit.CARTON: ("carton", 1),
}


def base_quantity(quantity: int, unit: str) -> tuple[str, int]:
    family, factor = UNIT_BASE[unit]
    return family, int(quantity) * factor


class Frequency(models.TextChoices):
    ONCE = "once", _("Once")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    SEASONAL = "seasonal", _("Seasonal")


class Period(models.TextChoices):
    WEEK = "week", _("per week")
    MONTH = "month", _("per month")
    SEASON = "season", _("per season")


# Quantities are compared per month; a season counts as three months.
PER_MONTH = {
    Frequency.ONCE: 1.0,
    Frequency.WEEKLY: 4.33,
    Frequency.MONTHLY: 1.0,
    Frequency.SEASONAL: 1 / 3,
    Period.WEEK: 4.33,
    Period.MONTH: 1.0,
    Period.SEASON: 1 / 3,
}


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


class Demand(models.Model):
    """A request for quotation: what a buyer organisation needs, where, when and how good."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for quotes")
        CLOSED = "closed", _("Closed")
        AWARDED = "awarded", _("Awarded")
        CANCELLED = "cancelled", _("Cancelled")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        INVITED = "invited", _("Invited suppliers only")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        BuyerOrganisation, on_delete=models.PROTECT, related_name="demands"
    )
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
    certifications_mask = models.PositiveSmallIntegerField(default=0)
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
    # Derived by the services: base-unit quantity per month and the folded text for search/matching.
    unit_family = models.CharField(max_length=10, editable=False)
    monthly_base_quantity = models.PositiveBigIntegerField(default=0, editable=False)
    awarded_quantity = models.PositiveIntegerField(default=0, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
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

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("trade:demand_detail", kwargs={"public_id": self.public_id})

    @property
    def remaining_quantity(self) -> int:
        return self.quantity - self.awarded_quantity

    @property
    def certifications(self) -> list[str]:
        return mask_to_certifications(self.certifications_mask)

    @property
    def certification_labels(self) -> list[str]:
        return certification_labels(self.certifications_mask)

    def accepts_quotes_on(self, day) -> bool:
        return self.status == self.Status.OPEN and self.closing_date >= day


class Offer(models.Model):
    """Supply capacity an approved seller can commit: how much, when, from where, at what price."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="offers")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("product offered"), max_length=200)
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
    quantity = models.PositiveIntegerField(_("quantity per period"))
    unit = models.CharField(_("unit"), max_length=10, choices=TradeUnit.choices)
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
    certifications_mask = models.PositiveSmallIntegerField(default=0)
    ocop_stars = models.PositiveSmallIntegerField(_("OCOP stars"), default=0)
    minimum_order = models.PositiveIntegerField(_("minimum order"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    unit_family = models.CharField(max_length=10, editable=False)
    monthly_base_quantity = models.PositiveBigIntegerField(default=0, editable=False)
    minimum_order_base = models.PositiveBigIntegerField(default=0, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
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
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("trade:offer_detail", kwargs={"public_id": self.public_id})

    @property
    def certifications(self) -> list[str]:
        return mask_to_certifications(self.certifications_mask)

    @property
    def certification_labels(self) -> list[str]:
        return certification_labels(self.certifications_mask)

    @property
    def season_months(self) -> list[int]:
        return mask_to_months(self.season_mask)


class OfferTerm(models.Model):
    """Inverted index of offer text (folded syllables, weight 1, and syllable pairs, weight 2).

    Lets matching find the few thousand offers that share words with a demand among hundreds
    of thousands with one indexed GROUP BY that works the same on SQLite and PostgreSQL.
    """

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=64)
    weight = models.PositiveSmallIntegerField()
    category_id = models.BigIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["term", "category_id", "offer", "weight"], name="offer_term_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.term} → {self.offer_id}"


class MatchingJob(models.Model):
    """One background matching run for a demand or an offer; the page polls its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    demand = models.ForeignKey(
        Demand, null=True, blank=True, on_delete=models.CASCADE, related_name="matching_jobs"
    )
    offer = models.ForeignKey(
        Offer, null=True, blank=True, on_delete=models.CASCADE, related_name="matching_jobs"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    candidates_seen = models.PositiveIntegerField(default=0)
    matches_found = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(demand__isnull=False) | Q(offer__isnull=False),
                name="matching_job_has_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"matching {self.demand_id or ''}/{self.offer_id or ''} {self.status}"


class Match(models.Model):
    """A ranked demand–offer pair with the reasons it matched; one row per pair."""

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="matches")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="matches")
    score = models.PositiveSmallIntegerField()
    breakdown = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["demand", "offer"], name="match_unique_pair"),
        ]
        indexes = [
            models.Index(fields=["demand", "-score"], name="match_demand_idx"),
            models.Index(fields=["offer", "-score"], name="match_offer_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.demand_id} ↔ {self.offer_id}: {self.score}"


class MatchNotice(models.Model):
    """One notification about one match to one user: caps and idempotency are counted here."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="notices")
    day = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "match"], name="match_notice_once"),
        ]
        indexes = [models.Index(fields=["user", "day"], name="match_notice_day_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} ← match {self.match_id}"


class Quote(models.Model):
    """A supplier's priced answer to a demand."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Not chosen")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    demand = models.ForeignKey(Demand, on_delete=models.PROTECT, related_name="quotes")
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="quotes")
    offer = models.ForeignKey(
        Offer, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    price_per_unit_vnd = models.PositiveBigIntegerField(_("price per unit (₫)"))
    quantity = models.PositiveIntegerField(_("quantity"))
    delivery_start = models.DateField(_("first delivery"))
    delivery_end = models.DateField(_("last delivery"))
    valid_until = models.DateField(_("valid until"))
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    accepted_quantity = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["price_per_unit_vnd", "created_at"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="quote_quantity_positive"),
            models.CheckConstraint(
                condition=Q(price_per_unit_vnd__gt=0), name="quote_price_positive"
            ),
            models.CheckConstraint(
                condition=Q(delivery_end__gte=F("delivery_start")), name="quote_window_ordered"
            ),
            models.CheckConstraint(
                condition=Q(accepted_quantity__lte=F("quantity")),
                name="quote_accepted_within_quantity",
            ),
            # One live quote per supplier and demand; a withdrawn one may be replaced.
            models.UniqueConstraint(
                fields=["demand", "seller"],
                condition=Q(status__in=["submitted", "accepted"]),
                name="quote_one_live_per_seller",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seller} → {self.demand}"

    def get_absolute_url(self) -> str:
        return reverse("trade:quote_detail", kwargs={"public_id": self.public_id})

    @property
    def total_vnd(self) -> int:
        return self.price_per_unit_vnd * self.quantity


class QuoteAttachment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="trade/quotes/%Y/%m/", storage=private_storage)
    content_type = models.CharField(max_length=60)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.original_name


class QuoteMessage(models.Model):
    """The question thread between the buyer and one supplier about a quote."""

    quote = models.ForeignKey(Quote, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_from_buyer = models.BooleanField()
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


class SupplyContract(models.Model):
    """What an accepted quote becomes: quantity, price and a delivery schedule."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In force")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # One contract per quote: the database refuses a second accept of the same quote.
    quote = models.OneToOneField(Quote, on_delete=models.PROTECT, related_name="contract")
    demand = models.ForeignKey(Demand, on_delete=models.PROTECT, related_name="contracts")
    organisation = models.ForeignKey(
        BuyerOrganisation, on_delete=models.PROTECT, related_name="contracts"
    )
    seller = models.ForeignKey(
        "sellers.Seller", on_delete=models.PROTECT, related_name="supply_contracts"
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=10, choices=TradeUnit.choices)
    price_per_unit_vnd = models.PositiveBigIntegerField(_("price per unit (₫)"))
    total_vnd = models.PositiveBigIntegerField(_("contract value (₫)"))
    origin_province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, related_name="+")
    destination_province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-signed_at"]
        verbose_name = _("supply contract")
        verbose_name_plural = _("supply contracts")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="contract_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ← {self.seller}"

    def get_absolute_url(self) -> str:
        return reverse("trade:contract_detail", kwargs={"public_id": self.public_id})


class Delivery(models.Model):
    """One scheduled delivery under a contract."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SHIPPED = "shipped", _("Shipped")
        RECEIVED = "received", _("Received")

    contract = models.ForeignKey(
        SupplyContract, on_delete=models.CASCADE, related_name="deliveries"
    )
    sequence = models.PositiveSmallIntegerField()
    due_date = models.DateField(_("due"))
    quantity = models.PositiveIntegerField(_("quantity"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    shipped_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["contract", "sequence"], name="delivery_unique_seq"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="delivery_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.due_date}"


class StatusChange(models.Model):
    """History of every status transition of demands, offers, quotes, contracts and deliveries."""

    object_type = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    from_status = models.CharField(max_length=12)
    to_status = models.CharField(max_length=12)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="trade_history_idx")]

    def __str__(self) -> str:
        return f"{self.object_type}#{self.object_id}: {self.from_status} → {self.to_status}"
