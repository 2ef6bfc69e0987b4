"""Live selling sessions: who may present, the session and its history, pins, comments, orders."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.core.models import StatusHistory
from phohang.sellers.identification import SELLING_LEVELS
from phohang.sellers.models import IdentityLevel

MAX_COMMENT_LENGTH = 300
MAX_WARNING_LENGTH = 300


class Streamer(models.Model):
    """A person a seller registers to present its live sessions; verified on their own identity."""

    seller = models.ForeignKey("sellers.Seller", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="streamer_roles"
    )
    display_name = models.CharField(_("display name"), max_length=120)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(default=timezone.now)
    is_active = models.BooleanField(_("active"), default=True)
    # Set by the identity check: the streamer's own electronic identification (VNeID through the
    # e-ID intermediary, levels as for sellers) or the authority's manual review of documents.
    identity_verified_at = models.DateTimeField(_("identity verified at"), null=True, blank=True)
    identity_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    identity_level = models.CharField(
        _("identification level"),
        max_length=12,
        choices=IdentityLevel.choices,
        default=IdentityLevel.NONE,
    )
    identity_expires_at = models.DateTimeField(
        _("identification valid until"), null=True, blank=True
    )

    class Meta:
        ordering = ["display_name", "id"]
        verbose_name = _("streamer")
        verbose_name_plural = _("streamers")
        constraints = [
            models.UniqueConstraint(fields=["seller", "user"], name="streamer_once_per_seller")
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_identity_verified(self) -> bool:
        """Identified at a level that lets a person sell, and not expired."""
        return (
            self.identity_verified_at is not None
            and self.identity_level in SELLING_LEVELS
            and (self.identity_expires_at is None or self.identity_expires_at > timezone.now())
        )


class LiveSession(models.Model):
    """One live selling session of a seller: scheduled, live, then ended by the host or stopped."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        LIVE = "live", _("Live")
        ENDED = "ended", _("Ended")
        STOPPED = "stopped", _("Stopped by the authority")
        CANCELLED = "cancelled", _("Cancelled")

    class Advertising(models.TextChoices):
        CONFIRMED = "confirmed", _("Advertising content confirmed")
        NOT_REQUIRED = "not_required", _("No advertising confirmation is required")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    seller = models.ForeignKey(
        "sellers.Seller", on_delete=models.PROTECT, related_name="live_sessions"
    )
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    scheduled_start = models.DateTimeField(_("scheduled start"), db_index=True)
    scheduled_end = models.DateTimeField(_("scheduled end"))
    # An https embed URL on an allowed streaming host (LIVESTREAM_EMBED_HOSTS).
    player_url = models.URLField(_("player embed URL"), max_length=500)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("presenter"),
    )
    streamer = models.ForeignKey(
        Streamer, null=True, blank=True, on_delete=models.PROTECT, related_name="sessions"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED, db_index=True
    )
    # The documents the E-commerce Law asks the seller to confirm before going live.
    business_conditions_confirmed = models.BooleanField(default=False)
    product_quality_confirmed = models.BooleanField(default=False)
    advertising = models.CharField(max_length=20, choices=Advertising.choices, blank=True)
    documents_confirmed_at = models.DateTimeField(null=True, blank=True)
    documents_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True, db_index=True)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stop_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["-scheduled_start", "-id"]
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        indexes = [models.Index(fields=["seller", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(scheduled_end__gt=models.F("scheduled_start")),
                name="live_session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("livestream:watch", kwargs={"public_id": self.public_id})

    @property
    def is_over(self) -> bool:
        return self.status in {self.Status.ENDED, self.Status.STOPPED, self.Status.CANCELLED}

    @property
    def documents_confirmed(self) -> bool:
        return self.documents_confirmed_at is not None


class LiveSessionEvent(StatusHistory):
    """One move of a session: scheduled, went live, ended, stopped (with who and why)."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="events")

    class Meta(StatusHistory.Meta):
        verbose_name = _("live session event")
        verbose_name_plural = _("live session events")


class LivePin(models.Model):
    """A product shown for sale during a session, from pinning until it is taken down."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="pins")
    product = models.ForeignKey("catalog.Product", on_delete=models.PROTECT, related_name="+")
    # The overlay the presenter must show while a product risky to health or property is pinned.
    warning = models.CharField(
        _("warning shown on the stream"), max_length=MAX_WARNING_LENGTH, blank=True
    )
    pinned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pinned_at = models.DateTimeField(default=timezone.now)
    unpinned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pinned_at", "id"]
        indexes = [models.Index(fields=["session", "unpinned_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "product"],
                condition=Q(unpinned_at__isnull=True),
                name="live_pin_once_while_pinned",
            )
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.product_id}"


class LiveComment(models.Model):
    """A viewer's comment during a session; moderators hide it (kept for the record)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(max_length=120)
    body = models.CharField(_("comment"), max_length=MAX_COMMENT_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)
    # The key the viewer's page gave the comment: a comment sent again after a reconnect (its
    # acknowledgement lost) is found by it and stored once.
    client_key = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["session", "created_at"]),
            models.Index(fields=["author", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="live_comment_body_not_empty"),
            models.UniqueConstraint(
                fields=["session", "author", "client_key"],
                condition=~Q(client_key=""),
                name="live_comment_once_per_key",
            ),
        ]

    def __str__(self) -> str:
        return self.body[:40]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class LiveOrder(models.Model):
    """An order placed from a session's pinned product ("Mua ngay" on the stream page)."""

    session = models.ForeignKey(LiveSession, on_delete=models.PROTECT, related_name="orders")
    order = models.OneToOneField("orders.Order", on_delete=models.PROTECT, related_name="+")
    pin = models.ForeignKey(LivePin, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.order_id}"


class LiveComplaintNotice(models.Model):
    """A complaint filed about a session (or a product pinned in it) while it runs: shown to the
    presenter and the moderators on the stream page, so it is handled during the stream. The
    complaint itself, its deadline and outcome, live in compliance."""

    session = models.ForeignKey(
        LiveSession, on_delete=models.CASCADE, related_name="complaint_notices"
    )
    complaint_public_id = models.UUIDField(unique=True)
    product = models.ForeignKey(
        "catalog.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.complaint_public_id}"
