import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Payment(models.Model):
    """One attempt to collect a checkout's total by one method."""

    class Method(models.TextChoices):
        COD = "cod", _("Cash on delivery")
        VIETQR = "vietqr", _("Bank transfer (VietQR)")
        VNPAY = "vnpay", _("Card or wallet (VNPay)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for payment")
        CAPTURED = "captured", _("Paid")
        FAILED = "failed", _("Failed")
        NEEDS_REVIEW = "needs_review", _("Needs review (refund due)")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    checkout = models.ForeignKey("orders.Checkout", on_delete=models.PROTECT, related_name="+")
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=10, choices=Method.choices)
    amount_vnd = models.PositiveBigIntegerField()
    # Sent as vnp_TxnRef / the transfer memo; one per payment attempt.
    reference = models.CharField(max_length=20, unique=True)
    status = models.CharField(
        max_length=14, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    provider_transaction = models.CharField(max_length=64, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    captured_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference


class LedgerEntry(models.Model):
    """Money in (capture) or out (refund) for one order; paid = captured − refunded."""

    class Kind(models.TextChoices):
        CAPTURE = "capture", _("Captured")
        REFUND = "refund", _("Refunded")

    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="+")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    amount_vnd = models.PositiveBigIntegerField()
    refund = models.OneToOneField(
        "Refund", null=True, blank=True, on_delete=models.PROTECT, related_name="entry"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # A payment captures each of its orders at most once, however often callbacks repeat.
            models.UniqueConstraint(
                fields=["payment", "order"],
                condition=Q(kind="capture"),
                name="ledger_one_capture_per_order",
            ),
            models.CheckConstraint(condition=Q(amount_vnd__gt=0), name="ledger_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount_vnd} on {self.order_id}"


class Refund(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Refunded")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="+")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount_vnd = models.PositiveBigIntegerField()
    reason = models.CharField(max_length=300, blank=True)
    # Persisted before the provider is called, so a retry after a timeout refunds once.
    idempotency_key = models.CharField(max_length=100)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    provider_reference = models.CharField(max_length=64, blank=True)
    # Set while one request is asking the provider, so a concurrent retry does not ask again.
    sending_until = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "idempotency_key"], name="refund_unique_key_per_order"
            ),
            models.CheckConstraint(condition=Q(amount_vnd__gt=0), name="refund_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"refund {self.amount_vnd} on {self.order_id}"


class GatewayCallback(models.Model):
    """Every IPN received, with our reply; the secure hash itself is not stored."""

    txn_ref = models.CharField(max_length=64, blank=True, db_index=True)
    transaction_no = models.CharField(max_length=64, blank=True)
    rsp_code = models.CharField(max_length=2)
    params = models.JSONField(default=dict)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.txn_ref}: {self.rsp_code}"


class StatementImport(models.Model):
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    original_name = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    matched_count = models.PositiveIntegerField(default=0)
    review_count = models.PositiveIntegerField(default=0)
    duplicate_count = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name


class BankTransaction(models.Model):
    """One incoming transfer from a statement; credited at most once (unique bank id)."""

    class Status(models.TextChoices):
        MATCHED = "matched", _("Matched")
        REVIEW = "review", _("Needs review")
        RESOLVED = "resolved", _("Resolved by staff")
        DISMISSED = "dismissed", _("Dismissed")

    statement = models.ForeignKey(
        StatementImport, on_delete=models.CASCADE, related_name="transactions"
    )
    bank_transaction_id = models.CharField(max_length=64, unique=True)
    booked_at = models.CharField(max_length=40, blank=True)
    amount_vnd = models.PositiveBigIntegerField()
    memo = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, db_index=True)
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
    )
    review_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.bank_transaction_id
