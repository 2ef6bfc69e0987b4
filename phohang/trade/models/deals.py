"""From quote to goods received: quotes, their threads, supply contracts, deliveries, history."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.core.uploads import private_storage

from .postings import BuyerOrganisation, Demand, Offer
from .units import TradeUnit


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
