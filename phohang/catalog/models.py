import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from phohang.sellers.models import identified_q


def private_storage():
    """Import files hold sellers' whole catalogues; they are never served under MEDIA_URL."""
    return storages["private"]


class Category(models.Model):
    """A node of the category tree; the six OCOP product groups are marked `is_ocop_group`."""

    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent category"),
    )
    name_vi = models.CharField(_("Vietnamese name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    is_ocop_group = models.BooleanField(_("OCOP product group"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "name_vi"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:category", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_vi


class Unit(models.TextChoices):
    KILOGRAM = "kg", _("kg")
    GRAM = "g", _("g")
    LITRE = "l", _("litre")
    BOX = "box", _("box")
    BOTTLE = "bottle", _("bottle")
    BAG = "bag", _("bag")
    PACK = "pack", _("pack")
    JAR = "jar", _("jar")
    PIECE = "piece", _("piece")
    SET = "set", _("set")
    CARTON = "carton", _("carton")
    METRE = "m", _("metre")
    PAIR = "pair", _("pair")
    BUNCH = "bunch", _("bunch")
    TOUR = "tour", _("tour")


class Certification(models.TextChoices):
    VIETGAP = "vietgap", "VietGAP"
    ORGANIC = "organic", _("Organic")
    HACCP = "haccp", "HACCP"
    ISO_22000 = "iso22000", "ISO 22000"
    GLOBALGAP = "globalgap", "GlobalGAP"
    ISO_9001 = "iso9001", "ISO 9001"
    IATF_16949 = "iatf16949", "IATF 16949"


class OcopLevel(models.TextChoices):
    PROVINCE = "province", _("Provincial")
    NATIONAL = "national", _("National")


def _published(prefix: str = "") -> Q:
    """A product published by an active, verified seller whose identification is current
    (law 122/2025: unidentified sellers do not sell); `prefix` reaches it from a relation."""
    return Q(**{f"{prefix}status": Product.Status.PUBLISHED}) & identified_q(f"{prefix}seller__")


class ProductQuerySet(models.QuerySet):
    def published(self) -> "ProductQuerySet":
        """Products shown in the catalog: published by an active, verified seller."""
        return self.filter(_published())

    def ocop_valid(self, today=None) -> "ProductQuerySet":
        today = today or timezone.localdate()
        return self.filter(
            ocop_stars__isnull=False,
            ocop_verified_at__isnull=False,
            ocop_revoked_at__isnull=True,
            ocop_expires_on__gte=today,
        )


# The OCOP certificate as the seller states it; changing any of it needs a new verification.
PRODUCT_OCOP_FIELDS = (
    "ocop_stars",
    "ocop_certificate_number",
    "ocop_level",
    "ocop_year",
    "ocop_expires_on",
)
# What a seller edits on a product, in the order the form shows it (form, edit service, import).
PRODUCT_EDITABLE_FIELDS = (
    "title",
    "category",
    "description",
    "origin_province",
    "origin_ward",
    "is_made_in_vietnam",
    "unit",
    "certifications",
    *PRODUCT_OCOP_FIELDS,
)


class Product(models.Model):
    """Something a seller offers, with its origin and OCOP data; sold through its variants."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        HIDDEN = "hidden", _("Hidden by the seller")
        SUSPENDED = "suspended", _("Suspended by the authority")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    seller = models.ForeignKey(
        "sellers.Seller",
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("seller"),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120)
    description = models.TextField(_("description (Markdown)"), blank=True)
    description_html = models.TextField(blank=True, editable=False)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("category")
    )
    origin_province = models.ForeignKey(
        "geo.Province",
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("province of origin"),
    )
    origin_ward = models.ForeignKey(
        "geo.Ward",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commune of origin"),
    )
    is_made_in_vietnam = models.BooleanField(_("made in Vietnam"), default=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.PIECE)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    suspension_reason = models.TextField(_("reason for suspension"), blank=True)

    ocop_stars = models.PositiveSmallIntegerField(_("OCOP stars"), null=True, blank=True)
    ocop_certificate_number = models.CharField(
        _("OCOP certificate number"), max_length=60, blank=True
    )
    ocop_level = models.CharField(
        _("OCOP issuing level"), max_length=10, choices=OcopLevel.choices, blank=True
    )
    ocop_year = models.PositiveSmallIntegerField(_("OCOP year"), null=True, blank=True)
    ocop_expires_on = models.DateField(_("OCOP certificate expires on"), null=True, blank=True)
    ocop_verified_at = models.DateTimeField(null=True, blank=True)
    ocop_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ocop_revoked_at = models.DateTimeField(null=True, blank=True)
    ocop_revoked_reason = models.TextField(blank=True)
    certifications = models.JSONField(_("certifications"), default=list, blank=True)

    # Summaries kept by the services so listings sort and render without joins.
    min_price_vnd = models.PositiveBigIntegerField(null=True, blank=True)
    cover_thumbnail = models.CharField(max_length=200, blank=True)
    # Published reviews (kept by orders through catalog.services.product_rating_*): the count,
    # the sum of their stars and the average in tenths of a star (0 without reviews), which
    # the "rating" listing order reads from an index.
    rating_count = models.PositiveIntegerField(default=0)
    rating_total = models.PositiveIntegerField(default=0)
    rating_tenths = models.PositiveSmallIntegerField(default=0)
    # Units that left the shelf for buyers (shipped), less those returned.
    sold_count = models.PositiveIntegerField(default=0)

    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(
                condition=Q(ocop_stars__isnull=True) | Q(ocop_stars__gte=3, ocop_stars__lte=5),
                name="product_ocop_stars_3_to_5",
            ),
        ]
        # Listings filter on status and a category or province and read one page in the order
        # of selectors.SORTS; the trailing id makes each index deliver that order exactly, so
        # no page needs a sort of the whole listing (price orders read the same index both ways).
        indexes = [
            models.Index(
                fields=["status", "category", "-published_at", "-id"], name="product_cat_new_idx"
            ),
            models.Index(
                fields=["status", "category", "min_price_vnd", "id"], name="product_cat_price_idx"
            ),
            models.Index(
                fields=["status", "origin_province", "-published_at", "-id"],
                name="product_prov_new_idx",
            ),
            models.Index(
                fields=["status", "origin_province", "min_price_vnd", "id"],
                name="product_prov_price_idx",
            ),
            models.Index(
                F("status"),
                F("category"),
                Coalesce("ocop_stars", 0).desc(),
                F("published_at").desc(),
                F("id").desc(),
                name="product_cat_ocop_idx",
            ),
            models.Index(
                F("status"),
                F("origin_province"),
                Coalesce("ocop_stars", 0).desc(),
                F("published_at").desc(),
                F("id").desc(),
                name="product_prov_ocop_idx",
            ),
            models.Index(fields=["status", "ocop_stars", "-published_at"], name="product_ocop_idx"),
            # The OCOP listing: a fifth of the catalogue, newest first.
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status="published", ocop_stars__isnull=False),
                name="product_ocop_new_idx",
            ),
            models.Index(
                fields=["status", "category", "-rating_tenths", "-rating_count", "-id"],
                name="product_cat_rating_idx",
            ),
            models.Index(
                fields=["status", "origin_province", "-rating_tenths", "-rating_count", "-id"],
                name="product_prov_rating_idx",
            ),
            models.Index(fields=["status", "-published_at", "-id"], name="product_pub_new_idx"),
            models.Index(fields=["status", "min_price_vnd", "id"], name="product_price_id_idx"),
            models.Index(fields=["seller", "status"], name="product_seller_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalog:product", kwargs={"slug": self.slug, "public_id": self.public_id})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def has_valid_ocop(self) -> bool:
        """OCOP badge rule: verified, not revoked and not expired today."""
        return self.ocop_is_valid_on(timezone.localdate())

    def ocop_is_valid_on(self, day) -> bool:
        return bool(
            self.ocop_stars
            and self.ocop_verified_at
            and not self.ocop_revoked_at
            and self.ocop_expires_on
            and self.ocop_expires_on >= day
        )

    @property
    def unit_label(self) -> str:
        """Like get_unit_display(), without hashing every lazy choice label on each call."""
        return str(Unit(self.unit).label) if self.unit in Unit.values else self.unit

    @property
    def rating_average(self) -> float | None:
        """Average stars of the published reviews, to one decimal; None without reviews."""
        return self.rating_tenths / 10 if self.rating_count else None

    @property
    def cover_thumbnail_url(self) -> str:
        return storages["default"].url(self.cover_thumbnail) if self.cover_thumbnail else ""

    def certification_labels(self) -> list[str]:
        labels = dict(Certification.choices)
        return [str(labels[c]) for c in self.certifications if c in labels]


class ProductVariantQuerySet(models.QuerySet):
    def for_sale(self) -> "ProductVariantQuerySet":
        """Variants a buyer can buy now: the product is published by an active, verified
        seller and at least one unit is available. The one statement of the rule."""
        return self.listed().in_stock()

    def listed(self) -> "ProductVariantQuerySet":
        """The catalog half of `for_sale`: carts and checkout read these and compare the units
        available with the quantity wanted, so a sold-out variant is told apart from one that
        was withdrawn."""
        return self.filter(_published("product__"))

    def in_stock(self) -> "ProductVariantQuerySet":
        """The stock half of `for_sale`: at least one unit not held by an order."""
        return self.filter(stock_on_hand__gt=F("stock_reserved"))


class ProductVariant(models.Model):
    """A purchasable form of a product (500 g, 1 kg) with its SKU, price and stock."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    # Denormalised from the product so SKUs can be unique per seller in one constraint.
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("variant"), max_length=80)
    sku = models.CharField(_("SKU"), max_length=64)
    gtin = models.CharField(_("GTIN / barcode"), max_length=14, blank=True)
    price_vnd = models.PositiveBigIntegerField(_("price (₫)"))
    weight_grams = models.PositiveIntegerField(_("weight (g)"), null=True, blank=True)
    stock_on_hand = models.PositiveIntegerField(_("stock on hand"), default=0)
    stock_reserved = models.PositiveIntegerField(_("reserved"), default=0)
    low_stock_threshold = models.PositiveIntegerField(_("low-stock threshold"), default=5)
    position = models.PositiveSmallIntegerField(default=0)

    objects = ProductVariantQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        constraints = [
            models.UniqueConstraint(fields=["seller", "sku"], name="variant_unique_sku_per_seller"),
            models.CheckConstraint(
                condition=Q(stock_reserved__lte=F("stock_on_hand")),
                name="variant_reserved_within_on_hand",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product.title} – {self.name}" if self.product_id else self.name

    @property
    def available(self) -> int:
        return self.stock_on_hand - self.stock_reserved

    @property
    def is_low_stock(self) -> bool:
        return self.available <= self.low_stock_threshold


class WholesaleTier(models.Model):
    """Unit price from `min_quantity` units upwards."""

    variant = models.ForeignKey(
        ProductVariant, on_delete=models.CASCADE, related_name="wholesale_tiers"
    )
    min_quantity = models.PositiveIntegerField(_("from quantity"))
    price_vnd = models.PositiveBigIntegerField(_("unit price (₫)"))

    class Meta:
        ordering = ["min_quantity"]
        constraints = [
            models.UniqueConstraint(
                fields=["variant", "min_quantity"], name="tier_unique_quantity"
            ),
            models.CheckConstraint(condition=Q(min_quantity__gte=2), name="tier_min_quantity_2"),
        ]

    def __str__(self) -> str:
        return f"≥ {self.min_quantity}: {self.price_vnd}"


class ProductImage(models.Model):
    """A re-encoded product photo with a WebP thumbnail; position 0 is the cover."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    position = models.PositiveSmallIntegerField(default=0)
    image = models.ImageField(upload_to="products/%Y/%m/", max_length=200)
    thumbnail = models.ImageField(upload_to="products/thumbs/%Y/%m/", max_length=200)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt_text = models.CharField(_("image description"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.product_id}#{self.position}"


class StockMovement(models.Model):
    """One change to a variant's stock; the ledger explains every number on the shelf."""

    class Reason(models.TextChoices):
        RECEIVED = "received", _("Received")
        ADJUSTMENT = "adjustment", _("Adjustment")
        RESERVED = "reserved", _("Reserved for an order")
        RELEASED = "released", _("Reservation released")
        SOLD = "sold", _("Sold")
        RETURNED = "returned", _("Returned")

    variant = models.ForeignKey(
        ProductVariant, on_delete=models.CASCADE, related_name="stock_movements"
    )
    delta_on_hand = models.IntegerField(default=0)
    delta_reserved = models.IntegerField(default=0)
    reason = models.CharField(max_length=12, choices=Reason.choices)
    reference = models.CharField(max_length=120, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["variant", "-created_at"], name="stock_move_variant_idx")]

    def __str__(self) -> str:
        return f"{self.variant_id} {self.reason} {self.delta_on_hand}/{self.delta_reserved}"


class ImportJob(models.Model):
    """A seller's bulk upload: validated first, then imported row by row in a background task."""

    class Status(models.TextChoices):
        VALIDATING = "validating", _("Checking the file")
        VALIDATED = "validated", _("Checked, waiting for confirmation")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Could not be read")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    seller = models.ForeignKey("sellers.Seller", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to="imports/%Y/%m/", storage=private_storage, max_length=200)
    original_name = models.CharField(max_length=200)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.VALIDATING, db_index=True
    )
    total_rows = models.PositiveIntegerField(default=0)
    valid_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    failed_count = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def progress_percent(self) -> int:
        if not self.valid_rows:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, self.processed_rows * 100 // self.valid_rows)

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.VALIDATING, self.Status.IMPORTING}
