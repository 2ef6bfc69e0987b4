"""What the platform owes buyers and the authority: screening, takedowns, complaints, rules,
fee notices, personal-data requests and the retention runs (law 122/2025, law 91/2025)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.core.models import StatusHistory
from phohang.core.uploads import private_storage


class ScreeningRule(models.Model):
    """One entry of the maintained list of banned and restricted goods."""

    class Kind(models.TextChoices):
        BANNED = "banned", _("Banned goods")
        RESTRICTED = "restricted", _("Restricted goods (reviewed before sale)")
        NEEDS_ORIGIN = "needs_origin", _("Needs a stated origin")
        NEEDS_CERTIFICATE = "needs_certificate", _("Needs a certificate")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    phrase = models.CharField(_("words"), max_length=120, blank=True)
    # search_fold(phrase): "thuốc lá điện tử" and "thuoc la dien tu" are the same entry.
    phrase_folded = models.CharField(max_length=120, blank=True, db_index=True)
    category = models.ForeignKey(
        "catalog.Category",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("category"),
    )
    note = models.CharField(_("legal basis or note"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "phrase_folded"]
        verbose_name = _("screening rule")
        verbose_name_plural = _("screening rules")

    def __str__(self) -> str:
        return self.phrase or str(self.category_id)


class ReviewItem(models.Model):
    """A listing waiting for platform review: flagged by screening, reported, or new."""

    class Source(models.TextChoices):
        SCREENING = "screening", _("Flagged by screening")
        REPORTED = "reported", _("Reported")
        NEW = "new", _("New listing")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="review_items"
    )
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    reasons = models.JSONField(_("reasons"), default=list)
    # A fingerprint of what was reviewed: approval holds only for the same text and facts.
    content_key = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("listing in review")
        verbose_name_plural = _("listings in review")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "source"],
                condition=models.Q(status="open"),
                name="review_item_one_open_per_source",
            )
        ]
        indexes = [models.Index(fields=["status", "source", "created_at"])]

    def __str__(self) -> str:
        return f"{self.product_id}:{self.source}:{self.status}"


class Takedown(models.Model):
    """An order of the authority: take a listing down, or suspend a seller account."""

    class Kind(models.TextChoices):
        LISTING = "listing", _("Listing takedown")
        SELLER = "seller", _("Seller suspension")

    class Status(models.TextChoices):
        ORDERED = "ordered", _("Ordered, to be carried out")
        DONE = "done", _("Carried out")
        APPEALED = "appealed", _("Appealed by the seller")
        UPHELD = "upheld", _("Appeal rejected")
        REVERSED = "reversed", _("Appeal accepted, lifted")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    product = models.ForeignKey(
        "catalog.Product",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("listing"),
    )
    seller = models.ForeignKey(
        "sellers.Seller", on_delete=models.PROTECT, related_name="+", verbose_name=_("seller")
    )
    reason = models.TextField(_("reason shown to the seller"))
    legal_basis = models.CharField(_("document or legal basis"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ORDERED, db_index=True
    )
    ordered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ordered_at = models.DateTimeField(default=timezone.now, db_index=True)
    due_at = models.DateTimeField(_("deadline"), db_index=True)
    done_at = models.DateTimeField(_("carried out"), null=True, blank=True)
    appeal_text = models.TextField(_("appeal"), blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_decision = models.TextField(_("answer to the appeal"), blank=True)
    complaint = models.ForeignKey(
        "Complaint", null=True, blank=True, on_delete=models.SET_NULL, related_name="takedowns"
    )

    class Meta:
        ordering = ["-ordered_at", "-id"]
        verbose_name = _("takedown order")
        verbose_name_plural = _("takedown orders")

    def __str__(self) -> str:
        return f"{self.kind}:{self.public_id}"

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.ORDERED and self.due_at < timezone.now()


class TakedownEvent(StatusHistory):
    takedown = models.ForeignKey(Takedown, on_delete=models.CASCADE, related_name="events")


class Complaint(models.Model):
    """A buyer's or viewer's complaint about an order, a listing, a seller or a live stream."""

    class Target(models.TextChoices):
        ORDER = "order", _("An order")
        LISTING = "listing", _("A listing")
        SELLER = "seller", _("A seller")
        STREAM = "stream", _("A live stream")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the seller")
        ANSWERED = "answered", _("Answered by the seller")
        ESCALATED = "escalated", _("With platform staff")
        REFERRED = "referred", _("Referred to the authority")
        RESOLVED = "resolved", _("Resolved")

    class Outcome(models.TextChoices):
        NONE = "", _("None yet")
        REFUND = "refund", _("Refund")
        TAKEDOWN = "takedown", _("Listing taken down")
        WARNING = "warning", _("Warning to the seller")
        SUSPENSION = "suspension", _("Seller suspended")
        DISMISSED = "dismissed", _("Not upheld")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="complaints"
    )
    target = models.CharField(_("about"), max_length=10, choices=Target.choices)
    order = models.ForeignKey(
        "orders.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    product = models.ForeignKey(
        "catalog.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="+")
    stream = models.ForeignKey(
        "livestream.LiveSession",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("live stream"),
    )
    body = models.TextField(_("what happened"))
    evidence = models.FileField(upload_to="complaints/%Y/%m/", blank=True, storage=private_storage)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    seller_due_at = models.DateTimeField(_("seller answers by"), db_index=True)
    seller_answer = models.TextField(_("seller's answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    referred_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.NONE, blank=True
    )
    outcome_note = models.TextField(_("note on the outcome"), blank=True)
    # A refund outcome: what is refunded through payments (key `complaint-<public_id>`).
    refund_vnd = models.PositiveBigIntegerField(_("refund (đồng)"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [models.Index(fields=["status", "seller_due_at"])]

    def __str__(self) -> str:
        return str(self.public_id)

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.seller_due_at < timezone.now()


class ComplaintEvent(StatusHistory):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")


class RulesVersion(models.Model):
    """A version of the platform's operating rules (quy chế); the one in force applies to an order."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("what changed"))
    body = models.TextField(_("text"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    effective_from = models.DateTimeField(_("in force from"), db_index=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("operating rules version")
        verbose_name_plural = _("operating rules versions")

    def __str__(self) -> str:
        return self.version


class FeeNotice(models.Model):
    """A change of the fees sellers pay, published ahead of the day it applies."""

    title = models.CharField(_("title"), max_length=200)
    details = models.TextField(_("details"))
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    effective_from = models.DateField(_("applies from"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-effective_from", "-id"]
        verbose_name = _("fee change notice")
        verbose_name_plural = _("fee change notices")

    def __str__(self) -> str:
        return self.title


class DataRequest(models.Model):
    """A person's request about their personal data, on a clock (decree 356/2025)."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("See my data")
        EXPORT = "export", _("Export my data")
        CORRECTION = "correction", _("Correct my data")
        DELETION = "deletion", _("Delete my data")
        WITHDRAWAL = "withdrawal", _("Withdraw consent")
        RESTRICTION = "restriction", _("Restrict processing")
        OBJECTION = "objection", _("Object to processing")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged, in progress")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused with reasons")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_requests"
    )
    kind = models.CharField(_("request"), max_length=12, choices=Kind.choices)
    details = models.TextField(_("details"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    needs_processor = models.BooleanField(_("a processor must act"), default=False)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    acknowledge_by = models.DateTimeField(_("acknowledge by"))
    due_at = models.DateTimeField(_("due"), db_index=True)
    is_extended = models.BooleanField(_("extended once"), default=False)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # What was done, and what the law requires to keep (and why) — shown to the person.
    response = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("personal-data request")
        verbose_name_plural = _("personal-data requests")

    def __str__(self) -> str:
        return f"{self.kind}:{self.public_id}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.ACKNOWLEDGED)

    @property
    def is_overdue(self) -> bool:
        now = timezone.now()
        late_ack = self.status == self.Status.RECEIVED and self.acknowledge_by < now
        return self.is_open and (self.due_at < now or late_ack)


class DataRequestEvent(StatusHistory):
    request = models.ForeignKey(DataRequest, on_delete=models.CASCADE, related_name="events")


class ConsentEvidence(models.Model):
    """How a consent was given or withdrawn: the form, the notice version, when and from where."""

    consent = models.ForeignKey(
        "accounts.Consent", on_delete=models.CASCADE, related_name="evidence"
    )
    action = models.CharField(max_length=10)
    form = models.CharField(max_length=60)
    # A keyed digest of the address, not the address itself.
    ip_digest = models.CharField(max_length=64, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.consent_id}:{self.action}"


class RetentionRun(models.Model):
    """One run of the retention job and what it did, per holding."""

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    report = models.JSONField(default=list)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return str(self.started_at)
