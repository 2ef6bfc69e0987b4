"""Industrial parks and clusters with their plots, operators' changes waiting for review and
investors' leads; supporting-industry manufacturers and their capabilities; craft villages;
infrastructure projects with their milestones."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.core.models import StatusHistory
from phohang.core.uploads import private_storage

from .vocabulary import PROCESS_CHOICES


class Sector(models.TextChoices):
    """Sectors a park welcomes; stored as bits of `Park.sectors_mask` in this order."""

    ELECTRONICS = "electronics", _("Electronics")
    MECHANICAL = "mechanical", _("Mechanical engineering")
    AUTOMOTIVE = "automotive", _("Automotive and parts")
    HI_TECH = "hi_tech", _("High technology")
    SUPPORTING = "supporting", _("Supporting industries")
    TEXTILES = "textiles", _("Textiles and garments")
    FOOD = "food", _("Food processing")
    PHARMA = "pharma", _("Pharmaceuticals")
    LOGISTICS = "logistics", _("Logistics services")
    MATERIALS = "materials", _("Building materials")


SECTOR_BITS = {code: 1 << index for index, code in enumerate(Sector.values)}


def sectors_to_mask(codes) -> int:
    return sum(SECTOR_BITS[code] for code in set(codes) if code in SECTOR_BITS)


def mask_to_sectors(mask: int) -> list[str]:
    return [code for code, bit in SECTOR_BITS.items() if mask & bit]


class ParkOperator(models.Model):
    """The company that runs one or more parks; its members keep them current."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    tax_code = models.CharField(_("tax code"), max_length=14, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="park_operators", verbose_name=_("members")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("park operator")
        verbose_name_plural = _("park operators")

    def __str__(self) -> str:
        return self.name


class Park(models.Model):
    class Kind(models.TextChoices):
        INDUSTRIAL_PARK = "park", _("Industrial park")
        CLUSTER = "cluster", _("Industrial cluster")
        HI_TECH_PARK = "hi_tech", _("Hi-tech park")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=90, unique=True)
    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    operator = models.ForeignKey(
        ParkOperator, on_delete=models.PROTECT, related_name="parks", verbose_name=_("operator")
    )
    street = models.CharField(_("address"), max_length=200, blank=True)
    ward = models.ForeignKey(
        "geo.Ward", on_delete=models.PROTECT, related_name="+", verbose_name=_("ward / commune")
    )
    province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    total_area_ha = models.DecimalField(_("total area (ha)"), max_digits=9, decimal_places=2)
    free_area_ha = models.DecimalField(_("free area (ha)"), max_digits=9, decimal_places=2)
    occupancy_percent = models.DecimalField(_("occupancy (%)"), max_digits=5, decimal_places=1)
    # The lowest land rent on offer, in đồng per m² for the whole lease term.
    land_price_vnd_m2 = models.PositiveBigIntegerField(_("land price from (₫/m²)"), default=0)
    factory_rent_vnd_m2_month = models.PositiveBigIntegerField(
        _("ready-built factory rent from (₫/m²/month)"), default=0
    )
    power_capacity_mva = models.DecimalField(
        _("power capacity (MVA)"), max_digits=8, decimal_places=1, default=0
    )
    water_m3_day = models.PositiveIntegerField(_("clean water (m³/day)"), default=0)
    wastewater_m3_day = models.PositiveIntegerField(_("wastewater treatment (m³/day)"), default=0)
    road_access = models.CharField(_("road access"), max_length=300, blank=True)
    rail_access = models.CharField(_("rail access"), max_length=300, blank=True)
    port_access = models.CharField(_("port and airport access"), max_length=300, blank=True)
    sectors_mask = models.PositiveIntegerField(_("sectors"), default=0)
    incentives = models.TextField(_("investment incentives"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("shown to the public"), default=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("industrial park")
        verbose_name_plural = _("industrial parks")
        indexes = [
            # The directory's order (most free land first), whole or for one province: read in
            # index order and stopped after a page instead of sorting every park.
            models.Index(
                fields=["province", "is_published", "-free_area_ha", "name", "id"],
                name="directory_park_province_free",
            ),
            models.Index(
                fields=["is_published", "-free_area_ha", "name", "id"],
                name="directory_park_most_free",
            ),
            models.Index(fields=["is_published", "name"], name="directory_park_listed"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(total_area_ha__gte=0), name="park_total_area"),
            models.CheckConstraint(condition=Q(free_area_ha__gte=0), name="park_free_area"),
            models.CheckConstraint(
                condition=Q(free_area_ha__lte=F("total_area_ha")), name="park_free_within_total"
            ),
            models.CheckConstraint(
                condition=Q(occupancy_percent__gte=0, occupancy_percent__lte=100),
                name="park_occupancy_percent",
            ),
            models.CheckConstraint(condition=Q(power_capacity_mva__gte=0), name="park_power"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:park", kwargs={"slug": self.slug})

    @property
    def sectors(self) -> list[str]:
        return mask_to_sectors(self.sectors_mask)

    @property
    def sector_labels(self) -> list[str]:
        return [str(Sector(code).label) for code in self.sectors]


class Plot(models.Model):
    """Land or a ready-built factory an investor can take."""

    class Kind(models.TextChoices):
        LAND = "land", _("Land plot")
        FACTORY = "factory", _("Ready-built factory")

    class Availability(models.TextChoices):
        AVAILABLE = "available", _("Available now")
        RESERVED = "reserved", _("Reserved by an investor")
        TAKEN = "taken", _("Taken")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="plots")
    code = models.CharField(_("plot code"), max_length=30)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    area_m2 = models.DecimalField(_("area (m²)"), max_digits=10, decimal_places=1)
    price_vnd_m2 = models.PositiveBigIntegerField(_("price (₫/m²)"))
    availability = models.CharField(
        _("availability"), max_length=10, choices=Availability.choices, default="available"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("plot")
        verbose_name_plural = _("plots")
        constraints = [
            models.UniqueConstraint(fields=["park", "code"], name="plot_code_per_park"),
            models.CheckConstraint(condition=Q(area_m2__gt=0), name="plot_area_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.park} · {self.code}"


class ParkChange(models.Model):
    """An operator's proposed change to a park (its facts, a plot, a photo or a document); it goes
    public only when authority staff approve it."""

    class Kind(models.TextChoices):
        FACTS = "facts", _("Park facts")
        PLOT = "plot", _("Plot")
        FILE = "file", _("Photo or document")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for staff review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    data = models.JSONField(default=dict)
    plot = models.ForeignKey(Plot, null=True, blank=True, on_delete=models.CASCADE)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_note = models.CharField(_("review note"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("proposed park change")
        verbose_name_plural = _("proposed park changes")
        indexes = [models.Index(fields=["status", "created_at"], name="directory_change_queue")]

    def __str__(self) -> str:
        return f"{self.park} · {self.get_kind_display()}"


class ParkFile(models.Model):
    """A photo or document of a park; shown to the public once its change is approved."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photograph")
        DOCUMENT = "document", _("Document")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="files")
    change = models.OneToOneField(
        ParkChange, null=True, blank=True, on_delete=models.SET_NULL, related_name="file"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("file title"), max_length=160)
    file = models.FileField(storage=private_storage, upload_to="directory/parks/")
    content_type = models.CharField(max_length=60)
    is_approved = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("park file")
        verbose_name_plural = _("park files")

    def __str__(self) -> str:
        return self.title


class Inquiry(models.Model):
    """An investor's inquiry about a park: a lead the operator works through to signed or lost."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        SITE_VISIT = "site_visit", _("Site visit")
        SIGNED = "signed", _("Lease signed")
        LOST = "lost", _("Lost")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="inquiries")
    investor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="park_inquiries"
    )
    company = models.CharField(_("company"), max_length=200)
    contact_name = models.CharField(_("contact person"), max_length=120)
    phone = models.CharField(_("phone"), max_length=20)
    email = models.EmailField(_("email"), blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    area_needed_ha = models.DecimalField(_("area needed (ha)"), max_digits=8, decimal_places=2)
    message = models.TextField(_("inquiry message"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("investor inquiry")
        verbose_name_plural = _("investor inquiries")
        indexes = [models.Index(fields=["park", "status"], name="directory_lead_status")]
        constraints = [
            models.CheckConstraint(condition=Q(area_needed_ha__gt=0), name="inquiry_area_positive")
        ]

    def __str__(self) -> str:
        return f"{self.company} → {self.park}"


class InquiryEvent(StatusHistory):
    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="events")


class Certification(models.TextChoices):
    ISO_9001 = "iso9001", "ISO 9001"
    IATF_16949 = "iatf16949", "IATF 16949"
    ISO_14001 = "iso14001", "ISO 14001"
    ISO_13485 = "iso13485", "ISO 13485"


class Manufacturer(models.Model):
    """A supporting-industry manufacturer and what it can make."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=90, unique=True)
    name = models.CharField(_("name"), max_length=200)
    seller = models.ForeignKey(
        "sellers.Seller",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("shop on Phố Hàng"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="manufacturers"
    )
    ward = models.ForeignKey("geo.Ward", on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("description"), blank=True)
    materials = models.CharField(_("materials"), max_length=300, blank=True)
    tolerance_mm = models.DecimalField(
        _("tightest tolerance (mm)"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    capacity = models.CharField(_("capacity"), max_length=200, blank=True)
    employees = models.PositiveIntegerField(_("employees"), default=0)
    customers = models.CharField(_("customers served"), max_length=300, blank=True)
    # search_fold of the name, processes (vi and en), materials and certifications.
    search_text = models.TextField(default="", editable=False)
    is_published = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("manufacturer")
        verbose_name_plural = _("manufacturers")
        indexes = [
            models.Index(fields=["province", "name"], name="directory_maker_province"),
            # Capability search lists in name order: a page without sorting every manufacturer.
            models.Index(fields=["is_published", "name", "id"], name="directory_maker_listed"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:manufacturer", kwargs={"slug": self.slug})


class ManufacturerTerm(models.Model):
    """One folded word of a manufacturer's capabilities: capability search finds the words that
    start with what was typed through the index on `term` (a range, not a scan of every text)."""

    manufacturer = models.ForeignKey(Manufacturer, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "manufacturer"], name="maker_term_once")
        ]

    def __str__(self) -> str:
        return self.term


class ManufacturerProcess(models.Model):
    manufacturer = models.ForeignKey(
        Manufacturer, on_delete=models.CASCADE, related_name="processes"
    )
    code = models.CharField(_("process"), max_length=30, choices=PROCESS_CHOICES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["manufacturer", "code"], name="maker_process_once")
        ]
        indexes = [models.Index(fields=["code", "manufacturer"], name="directory_process_code")]

    def __str__(self) -> str:
        return self.code


class ManufacturerCertification(models.Model):
    manufacturer = models.ForeignKey(
        Manufacturer, on_delete=models.CASCADE, related_name="certifications"
    )
    code = models.CharField(_("certification"), max_length=12, choices=Certification.choices)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["manufacturer", "code"], name="maker_certification_once"
            )
        ]
        indexes = [models.Index(fields=["code", "manufacturer"], name="directory_cert_code")]

    def __str__(self) -> str:
        return self.get_code_display()


class KeyProduct(models.Model):
    """A product in the city's key-industrial-product programme, tagged by authority staff."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    manufacturer = models.ForeignKey(
        Manufacturer, on_delete=models.CASCADE, related_name="key_products"
    )
    name = models.CharField(_("product"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year recognised"))
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("key industrial product")
        verbose_name_plural = _("key industrial products")
        constraints = [
            models.UniqueConstraint(fields=["manufacturer", "name"], name="key_product_once")
        ]

    def __str__(self) -> str:
        return self.name


class CraftVillage(models.Model):
    """A recognised craft village (làng nghề)."""

    slug = models.SlugField(max_length=90, unique=True)
    name = models.CharField(_("name"), max_length=120)
    crafts = models.CharField(_("crafts"), max_length=200)
    ward = models.ForeignKey("geo.Ward", on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, related_name="+")
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    year_recognised = models.PositiveSmallIntegerField(_("year recognised"), null=True, blank=True)
    households = models.PositiveIntegerField(_("households"), default=0)
    workers = models.PositiveIntegerField(_("workers"), default=0)
    ocop_products = models.CharField(_("OCOP products"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    sellers = models.ManyToManyField("sellers.Seller", blank=True, related_name="+")
    # The village's board (ban quản lý làng nghề): they link and unlink the village's shops.
    board = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="craft_village_boards",
        verbose_name=_("village board members"),
    )
    # Place of `name` in Vietnamese dictionary order (core.text.collation_key).
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("craft village")
        verbose_name_plural = _("craft villages")
        indexes = [
            models.Index(fields=["province", "sort_order"], name="directory_village_sorted"),
            # The whole list in dictionary order, read page by page without a sort.
            models.Index(fields=["sort_order", "id"], name="directory_village_order"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:village", kwargs={"slug": self.slug})


class Project(models.Model):
    """An infrastructure project the city tracks."""

    class Kind(models.TextChoices):
        LINE_110 = "line_110", _("110 kV line")
        LINE_220 = "line_220", _("220 kV line")
        SUBSTATION_110 = "sub_110", _("110 kV substation")
        SUBSTATION_220 = "sub_220", _("220 kV substation")
        LOGISTICS_CENTRE = "logistics", _("Logistics centre")
        MARKET = "market", _("Market")
        PARK_INFRASTRUCTURE = "park", _("Park infrastructure")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        COMPLETED = "completed", _("Finished")
        SUSPENDED = "suspended", _("Suspended")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    owner_name = models.CharField(_("project owner"), max_length=200)
    budget_vnd = models.PositiveBigIntegerField(_("budget (₫)"), default=0)
    province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, related_name="+")
    ward = models.ForeignKey(
        "geo.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    summary = models.TextField(_("public summary"), blank=True)
    internal_notes = models.TextField(_("internal notes"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("infrastructure project")
        verbose_name_plural = _("infrastructure projects")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:project", kwargs={"public_id": self.public_id})


class Milestone(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(_("milestone"), max_length=160)
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "planned_start", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        indexes = [
            models.Index(fields=["actual_end", "planned_end"], name="directory_milestone_due")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gte=F("planned_start")), name="milestone_planned_order"
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True)
                | Q(actual_start__isnull=True)
                | Q(actual_end__gte=F("actual_start")),
                name="milestone_actual_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_late_on(self, today) -> bool:
        """Not finished by its planned end, or finished after it."""
        if self.actual_end is None:
            return self.planned_end < today
        return self.actual_end > self.planned_end


class ProjectDocument(models.Model):
    """An internal document of a project: shown to authority staff only."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=160)
    file = models.FileField(storage=private_storage, upload_to="directory/projects/")
    content_type = models.CharField(max_length=60)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title
