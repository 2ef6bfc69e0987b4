"""Hubs, vehicles, stops, route plans and proofs of delivery; truck rules as data; carrier
shipments with their history and the webhooks that moved them."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.core.uploads import private_storage


class Hub(models.Model):
    """Where vehicles start and end: a wholesale market, a supply centre or a seller's warehouse."""

    class Kind(models.TextChoices):
        WHOLESALE_MARKET = "market", _("Wholesale market")
        SUPPLY_CENTRE = "centre", _("Supply centre")
        WAREHOUSE = "warehouse", _("Seller's warehouse")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    street = models.CharField(_("street address"), max_length=200)
    ward = models.ForeignKey("geo.Ward", verbose_name=_("ward / commune"), on_delete=models.PROTECT)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    # Closing at or before opening means the hub works through midnight (night markets).
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="managed_hubs", verbose_name=_("managers")
    )
    # Whose orders and contract deliveries the hub's vehicles carry (imported as stops).
    sellers = models.ManyToManyField(
        "sellers.Seller", blank=True, related_name="+", verbose_name=_("sellers served")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("logistics:hub", kwargs={"public_id": self.public_id})


class Vehicle(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="vehicles", verbose_name=_("home hub")
    )
    name = models.CharField(_("name"), max_length=80)
    plate = models.CharField(_("number plate"), max_length=20)
    capacity_kg = models.PositiveIntegerField(_("capacity (kg)"))
    capacity_m3 = models.DecimalField(_("capacity (m³)"), max_digits=6, decimal_places=2)
    gross_weight_kg = models.PositiveIntegerField(_("gross weight (kg)"))
    # Ending at or before the start means a night shift that runs past midnight.
    shift_start = models.TimeField(_("shift starts"))
    shift_end = models.TimeField(_("shift ends"))
    driver_name = models.CharField(_("driver"), max_length=120, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        constraints = [
            models.CheckConstraint(condition=Q(capacity_kg__gt=0), name="vehicle_capacity_kg"),
            models.CheckConstraint(condition=Q(capacity_m3__gt=0), name="vehicle_capacity_m3"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.plate})"

    @property
    def is_heavy(self) -> bool:
        """Two tonnes gross or more: the heavy class of Hanoi's truck rules."""
        return self.gross_weight_kg >= 2000


class Stop(models.Model):
    """A place a vehicle of the hub must visit on `run_date`, within a time window."""

    class Kind(models.TextChoices):
        DELIVERY = "delivery", _("Delivery")
        PICKUP = "pickup", _("Pickup")

    class Source(models.TextChoices):
        ORDER = "order", _("Order")
        CONTRACT = "contract", _("Contract delivery")
        MANUAL = "manual", _("Entered by hand")

    class Status(models.TextChoices):
        PENDING = "pending", _("Not served yet")
        DONE = "done", _("Served")
        FAILED = "failed", _("Could not serve")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="stops")
    run_date = models.DateField(_("date"), db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DELIVERY)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    order = models.ForeignKey(
        "orders.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contract_delivery = models.ForeignKey(
        "trade.Delivery", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("recipient or place"), max_length=120)
    phone = models.CharField(_("phone"), max_length=16, blank=True)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    ward = models.ForeignKey(
        "geo.Ward",
        null=True,
        blank=True,
        verbose_name=_("ward / commune"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    demand_kg = models.DecimalField(_("weight (kg)"), max_digits=8, decimal_places=1)
    volume_m3 = models.DecimalField(_("volume (m³)"), max_digits=6, decimal_places=2, default=0)
    window_start = models.TimeField(_("from"))
    window_end = models.TimeField(_("until"))
    window_ends_next_day = models.BooleanField(_("until the next day"), default=False)
    service_minutes = models.PositiveSmallIntegerField(_("service time (minutes)"), default=5)
    note = models.CharField(_("note"), max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["run_date", "window_start", "id"]
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        indexes = [models.Index(fields=["hub", "run_date"])]
        constraints = [
            models.CheckConstraint(condition=Q(demand_kg__gte=0), name="stop_demand_not_negative"),
            models.CheckConstraint(condition=Q(volume_m3__gte=0), name="stop_volume_not_negative"),
            models.CheckConstraint(
                condition=Q(window_ends_next_day=True) | Q(window_end__gte=F("window_start")),
                name="stop_window_ends_after_start",
            ),
            # An order or a contract delivery is imported as one stop, however often it is asked.
            models.UniqueConstraint(
                fields=["order"], condition=Q(order__isnull=False), name="stop_unique_order"
            ),
            models.UniqueConstraint(
                fields=["contract_delivery"],
                condition=Q(contract_delivery__isnull=False),
                name="stop_unique_contract_delivery",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class PlanRun(models.Model):
    """One planning of a hub's stops for a day: run in the task worker, progress on the page."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Planning")
        DONE = "done", _("Plan ready")
        FAILED = "failed", _("Planning failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="plans")
    run_date = models.DateField(_("date"))
    time_limit_s = models.PositiveSmallIntegerField(_("time limit (seconds)"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    # The stops and vehicles as planned (ids, places, windows): a later edit makes the plan stale.
    input_digest = models.CharField(max_length=64)
    # {"routes": [...], "unserved": [...], "distance_m": int, "solve_s": float}
    result = models.JSONField(default=dict, blank=True)
    message = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("route plan")
        verbose_name_plural = _("route plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(time_limit_s__gte=1, time_limit_s__lte=600),
                name="plan_time_limit_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.hub} {self.run_date}"

    def get_absolute_url(self) -> str:
        return reverse("logistics:plan", kwargs={"public_id": self.public_id})

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class ProofOfDelivery(models.Model):
    """A driver's proof that a stop was served: a signature or a photo, in private storage."""

    class Outcome(models.TextChoices):
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Could not deliver")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    stop = models.OneToOneField(Stop, on_delete=models.CASCADE, related_name="proof")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    received_by = models.CharField(_("received by"), max_length=120, blank=True)
    image = models.ImageField(storage=private_storage, upload_to="logistics/proofs/", blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("proof of delivery")
        verbose_name_plural = _("proofs of delivery")

    def __str__(self) -> str:
        return f"{self.stop_id}: {self.outcome}"


class TruckZone(models.Model):
    """A restricted zone (Ring Road 3.5 by default): its polygon as [[lat, lon], ...]."""

    name = models.CharField(_("name"), max_length=120)
    legal_basis = models.CharField(_("legal basis"), max_length=200, blank=True)
    polygon = models.JSONField(_("polygon (latitude, longitude)"))
    is_active = models.BooleanField(_("in force"), default=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("truck-restricted zone")
        verbose_name_plural = _("truck-restricted zones")

    def __str__(self) -> str:
        return self.name


class TruckClassRule(models.Model):
    """Vehicles of min ≤ gross weight < max may be inside the zone only in `allowed_windows`
    (daily ["HH:MM", "HH:MM"] pairs; an end at or before its start runs past midnight)."""

    zone = models.ForeignKey(TruckZone, on_delete=models.CASCADE, related_name="classes")
    name = models.CharField(_("name"), max_length=80)
    min_gross_kg = models.PositiveIntegerField(_("from gross weight (kg)"))
    max_gross_kg = models.PositiveIntegerField(_("below gross weight (kg)"), null=True, blank=True)
    allowed_windows = models.JSONField(_("allowed hours"))

    class Meta:
        ordering = ["zone", "min_gross_kg"]
        verbose_name = _("vehicle class rule")
        verbose_name_plural = _("vehicle class rules")

    def __str__(self) -> str:
        return self.name


class ShipmentStatus(models.TextChoices):
    """The one status vocabulary every carrier's statuses map to."""

    CREATED = "created", _("Created")
    PICKED_UP = "picked_up", _("Picked up")
    IN_TRANSIT = "in_transit", _("In transit")
    OUT_FOR_DELIVERY = "out_for_delivery", _("Out for delivery")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Delivery failed")
    RETURNING = "returning", _("Returning to sender")
    RETURNED = "returned", _("Returned to sender")
    CANCELLED = "cancelled", _("Cancelled")


class Carrier(models.TextChoices):
    GHN = "ghn", "Giao Hàng Nhanh"
    GHTK = "ghtk", "Giao Hàng Tiết Kiệm"
    VIETTEL_POST = "viettelpost", "Viettel Post"


class Shipment(models.Model):
    """A parcel handed to a carrier: for a B2C order or a B2B contract delivery."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    carrier = models.CharField(_("carrier"), max_length=12, choices=Carrier.choices)
    tracking_code = models.CharField(_("tracking code"), max_length=40)
    status = models.CharField(
        _("status"), max_length=20, choices=ShipmentStatus.choices, default=ShipmentStatus.CREATED
    )
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="+")
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="shipments"
    )
    order = models.ForeignKey(
        "orders.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contract_delivery = models.ForeignKey(
        "trade.Delivery", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_name = models.CharField(_("recipient"), max_length=120)
    recipient_phone = models.CharField(_("phone"), max_length=16)
    address_text = models.CharField(_("address"), max_length=300)
    weight_grams = models.PositiveIntegerField(_("weight (g)"))
    fee_vnd = models.PositiveBigIntegerField(_("carrier fee (₫)"), default=0)
    cod_vnd = models.PositiveBigIntegerField(_("cash to collect (₫)"), default=0)
    cod_collected_vnd = models.PositiveBigIntegerField(
        _("cash the carrier reports (₫)"), null=True, blank=True
    )
    cod_reviewed_at = models.DateTimeField(null=True, blank=True)
    # The carrier's time of the latest status applied: an older event never overwrites it.
    carrier_updated_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.CharField(max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        constraints = [
            models.UniqueConstraint(
                fields=["carrier", "tracking_code"], name="shipment_unique_tracking"
            ),
            models.UniqueConstraint(
                fields=["seller", "idempotency_key"], name="shipment_unique_idempotency_key"
            ),
            models.CheckConstraint(
                condition=Q(order__isnull=False) | Q(contract_delivery__isnull=False),
                name="shipment_for_order_or_delivery",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_carrier_display()} {self.tracking_code}"

    def get_absolute_url(self) -> str:
        return reverse("logistics:shipment", kwargs={"public_id": self.public_id})

    @property
    def has_cod_mismatch(self) -> bool:
        collected = self.cod_collected_vnd
        return collected is not None and collected != self.cod_vnd


class ShipmentEvent(models.Model):
    """The shipment's timeline (history rows of `core.transitions`, with the carrier's words)."""

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, choices=ShipmentStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class CarrierWebhook(models.Model):
    """Every accepted carrier callback, once: a replay of the same event finds its row."""

    carrier = models.CharField(max_length=12, choices=Carrier.choices)
    event_key = models.CharField(max_length=120)
    shipment = models.ForeignKey(
        Shipment, null=True, on_delete=models.SET_NULL, related_name="webhooks"
    )
    outcome = models.CharField(max_length=20)
    payload = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["carrier", "event_key"], name="webhook_unique_event")
        ]

    def __str__(self) -> str:
        return f"{self.carrier} {self.event_key}"


class ShippingRate(models.Model):
    """A fee band of a zone (seller province → buyer province, blank: any): parcels up to
    `max_weight_grams` and, when set, `max_volume_cm3` pay `fee_vnd`."""

    origin_province = models.ForeignKey(
        "geo.Province",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("from province"),
    )
    destination_province = models.ForeignKey(
        "geo.Province",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("to province"),
    )
    max_weight_grams = models.PositiveIntegerField(_("up to weight (g)"))
    max_volume_cm3 = models.PositiveIntegerField(_("up to volume (cm³)"), null=True, blank=True)
    fee_vnd = models.PositiveBigIntegerField(_("fee (₫)"))

    class Meta:
        ordering = ["origin_province", "destination_province", "max_weight_grams"]
        verbose_name = _("shipping rate")
        verbose_name_plural = _("shipping rates")
        indexes = [models.Index(fields=["origin_province", "destination_province"])]

    def __str__(self) -> str:
        origin = self.origin_province_id or "*"
        destination = self.destination_province_id or "*"
        return f"{origin}→{destination} ≤{self.max_weight_grams}g"


class CodFee(models.Model):
    """What the carrier keeps for collecting cash on delivery in a zone: a percent of the cash,
    at least `minimum_vnd`; charged to the seller, as Vietnamese carriers do."""

    origin_province = models.ForeignKey(
        "geo.Province",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("from province"),
    )
    destination_province = models.ForeignKey(
        "geo.Province",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("to province"),
    )
    percent = models.DecimalField(_("percent of the cash"), max_digits=5, decimal_places=2)
    minimum_vnd = models.PositiveBigIntegerField(_("at least (₫)"), default=0)

    class Meta:
        ordering = ["origin_province", "destination_province"]
        verbose_name = _("cash-on-delivery fee")
        verbose_name_plural = _("cash-on-delivery fees")
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=0, percent__lte=100), name="cod_fee_percent_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.origin_province_id or '*'}→{self.destination_province_id or '*'} COD"
