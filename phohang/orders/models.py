import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.core.models import StatusHistory
from phohang.core.uploads import private_storage


class CommissionRate(models.Model):
    """Platform commission for products of one category, in percent of the line total."""

    category = models.OneToOneField(
        "catalog.Category",
        on_delete=models.CASCADE,
        related_name="commission_rate",
        verbose_name=_("category"),
    )
    percent = models.DecimalField(_("commission (%)"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("commission rate")
        verbose_name_plural = _("commission rates")
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=0, percent__lte=100), name="commission_percent_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.percent}%"


class Cart(models.Model):
    """A signed-in buyer's cart, or an anonymous visitor's keyed by session."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    session_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(session_key__isnull=False),
                name="cart_has_owner",
            )
        ]

    def __str__(self) -> str:
        return f"cart {self.pk}"


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="+"
    )
    quantity = models.PositiveIntegerField()
    price_seen_vnd = models.PositiveBigIntegerField()
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cart", "variant"], name="cart_line_unique_variant"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="cart_line_quantity_1"),
        ]

    def __str__(self) -> str:
        return f"{self.variant_id} × {self.quantity}"


class PaymentMethod(models.TextChoices):
    COD = "cod", _("Cash on delivery")
    VIETQR = "vietqr", _("Bank transfer (VietQR)")
    VNPAY = "vnpay", _("Card or wallet (VNPay)")


class Checkout(models.Model):
    """One confirmed cart: one order per seller, paid together with one payment."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="checkouts"
    )
    # Short code for bank memos and gateway references: "PH" + 8 unambiguous characters.
    reference = models.CharField(max_length=12, unique=True)
    payment_method = models.CharField(max_length=10, choices=PaymentMethod.choices)
    total_vnd = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    reserved_until = models.DateTimeField(null=True, blank=True)
    # Not stored: the orders `checkout_place` just created, so callers answer without a read.
    orders_placed: "list[Order]"

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference


class Order(models.Model):
    class Status(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
        PAID = "paid", _("Paid")
        CONFIRMED = "confirmed", _("Confirmed (cash on delivery)")
        PACKED = "packed", _("Packed")
        SHIPPED = "shipped", _("Shipped")
        DELIVERED = "delivered", _("Delivered")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")
        RETURN_REQUESTED = "return_requested", _("Return requested")
        RETURN_ACCEPTED = "return_accepted", _("Return accepted")
        RETURN_REJECTED = "return_rejected", _("Return rejected")
        REFUNDED = "refunded", _("Refunded")

    class StockState(models.TextChoices):
        RESERVED = "reserved", _("Reserved")
        RELEASED = "released", _("Released")
        SOLD = "sold", _("Sold")
        RETURNED = "returned", _("Returned")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(max_length=20, unique=True)
    checkout = models.ForeignKey(Checkout, on_delete=models.PROTECT, related_name="orders")
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders"
    )
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="orders")
    status = models.CharField(max_length=20, choices=Status.choices, db_index=True)
    stock_state = models.CharField(
        max_length=10, choices=StockState.choices, default=StockState.RESERVED
    )
    payment_method = models.CharField(max_length=10, choices=PaymentMethod.choices)
    recipient_name = models.CharField(_("recipient"), max_length=120)
    recipient_phone = models.CharField(_("phone"), max_length=16)
    address = models.ForeignKey("geo.Address", on_delete=models.PROTECT, related_name="+")
    subtotal_vnd = models.PositiveBigIntegerField()
    shipping_vnd = models.PositiveBigIntegerField()
    total_vnd = models.PositiveBigIntegerField()
    commission_vnd = models.PositiveBigIntegerField(default=0)
    weight_grams = models.PositiveIntegerField(default=0)
    carrier = models.CharField(_("carrier"), max_length=60, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=60, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    note = models.CharField(_("note for the seller"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        constraints = [
            models.CheckConstraint(
                condition=Q(total_vnd=models.F("subtotal_vnd") + models.F("shipping_vnd")),
                name="order_total_is_sum",
            )
        ]
        indexes = [models.Index(fields=["seller", "status", "-created_at"])]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("orders:detail", kwargs={"public_id": self.public_id})


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.PROTECT, related_name="+"
    )
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey("catalog.Category", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=300)
    sku = models.CharField(max_length=64)
    unit_price_vnd = models.PositiveBigIntegerField()
    quantity = models.PositiveIntegerField()
    weight_grams = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="order_line_quantity_1")
        ]

    def __str__(self) -> str:
        return f"{self.title} × {self.quantity}"

    @property
    def total_vnd(self) -> int:
        return self.unit_price_vnd * self.quantity


class OrderEvent(models.Model):
    """One move of the order's state machine: its timeline."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, choices=Order.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.from_status}→{self.to_status}"


class ReturnRequest(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="return_request")
    reason = models.TextField(_("reason"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    requested_vnd = models.PositiveBigIntegerField(default=0)
    decision_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"return {self.order_id}"


class ReturnLine(models.Model):
    return_request = models.ForeignKey(
        ReturnRequest, on_delete=models.CASCADE, related_name="lines"
    )
    order_line = models.ForeignKey(OrderLine, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.order_line_id} × {self.quantity}"


class ReturnPhoto(models.Model):
    return_request = models.ForeignKey(
        ReturnRequest, on_delete=models.CASCADE, related_name="photos"
    )
    # Evidence of a dispute: private, served only to the order's parties (`orders:return_photo`).
    image = models.ImageField(upload_to="returns/%Y/%m/", max_length=200, storage=private_storage)

    def __str__(self) -> str:
        return self.image.name


class Review(models.Model):
    """A buyer's review of a delivered product; tied to the order line, so always a verified purchase.

    Nobody but its author and the moderators sees it until authority staff publish it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not published")

    order_line = models.OneToOneField(OrderLine, on_delete=models.CASCADE, related_name="review")
    product = models.ForeignKey("catalog.Product", on_delete=models.CASCADE, related_name="+")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField(_("rating"))
    body = models.TextField(_("review"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    moderation_note = models.CharField(_("reason"), max_length=200, blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"
            )
        ]
        indexes = [
            # The product page's newest reviews, in the order it shows them (ties by id), so
            # neither database sorts nor prefers the moderation queue's index.
            models.Index(
                fields=["product", "status", "-created_at", "-id"], name="review_product_new_idx"
            ),
            models.Index(fields=["status", "created_at"], name="review_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.rating}"

    @property
    def is_verified_purchase(self) -> bool:
        return True

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ReviewEvent(StatusHistory):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="events")


class ReviewPhoto(models.Model):
    """A buyer's photo: private until its review is published, then copied to public media."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="reviews/%Y/%m/", max_length=200, storage=private_storage)
    public_image = models.ImageField(upload_to="reviews/%Y/%m/", max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.image.name


class SavedAddress(models.Model):
    """An entry of a buyer's address book; at most one is the default that checkout prefills."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_addresses"
    )
    label = models.CharField(_("label"), max_length=60, blank=True)
    recipient_name = models.CharField(_("recipient"), max_length=120)
    recipient_phone = models.CharField(_("phone"), max_length=16)
    address = models.ForeignKey("geo.Address", on_delete=models.PROTECT, related_name="+")
    is_default = models.BooleanField(_("default address"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-is_default", "-created_at", "-id"]
        verbose_name = _("saved address")
        verbose_name_plural = _("address book")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(is_default=True),
                name="saved_address_one_default_per_user",
            )
        ]

    def __str__(self) -> str:
        return self.label or self.recipient_name
