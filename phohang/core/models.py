import hashlib
import json
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .uploads import private_storage


class AuditRecordQuerySet(models.QuerySet["AuditRecord"]):
    # Audit rows are append-only: bulk edits through the ORM are refused.
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit records are immutable.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit records are immutable.")


class AuditRecord(models.Model):
    """One action that changed (or disclosed) someone else's data; rows form a hash chain."""

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("Success")
        DENIED = "denied", _("Denied")
        FAILED = "failed", _("Failed")

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("actor label"), max_length=200, blank=True)
    actor_role = models.CharField(_("role"), max_length=40, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    source_ip = models.GenericIPAddressField(_("source IP"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    previous_hash = models.CharField(max_length=64, blank=True)
    record_hash = models.CharField(max_length=64, unique=True)

    objects = AuditRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Audit records are immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit records are immutable.")

    def chained_payload(self) -> str:
        """The canonical text the hash covers; any edit to a field changes it."""
        return json.dumps(
            [
                self.previous_hash,
                self.created_at.isoformat() if self.created_at else "",
                self.actor_id,
                self.actor_label,
                self.actor_role,
                self.action,
                self.object_type,
                self.object_id,
                self.object_repr,
                self.purpose,
                self.source_ip,
                self.outcome,
                self.before,
                self.after,
            ],
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )

    def compute_hash(self) -> str:
        return hashlib.sha256(self.chained_payload().encode()).hexdigest()


class ChainHead(models.Model):
    """Single row holding the latest audit hash; locking it serialises appends to the chain."""

    name = models.CharField(max_length=40, unique=True)
    last_hash = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return self.name


class StatusHistory(models.Model):
    """One move of a status machine (`phohang.core.transitions`); subclass it with a link field."""

    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class FileJob(models.Model):
    """An uploaded file that a background task processes (an import); its page shows progress.

    `kind` names a `phohang.core.jobs.JobKind` registered by the owning app.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Could not be processed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=60)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_ip = models.GenericIPAddressField(null=True, blank=True)
    original_name = models.CharField(max_length=200)
    file = models.FileField(upload_to="jobs/%Y/%m/", storage=private_storage, max_length=200)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    processed = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    # What happened, in both languages ({"vi": ..., "en": ...}): the worker has no user language.
    message = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def progress_percent(self) -> int:
        if not self.total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, self.processed * 100 // self.total)

    @property
    def message_text(self) -> str:
        language = translation.get_language() or "vi"
        return str(self.message.get(language[:2]) or self.message.get("vi", ""))


class RateCounter(models.Model):
    """One fixed-window counter of `core.ratelimit`; the key is a digest, never an address."""

    key = models.CharField(max_length=80, unique=True)
    window_end = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["window_end"], name="ratecounter_window_end")]

    def __str__(self) -> str:
        return f"{self.key}: {self.count} until {self.window_end}"


class IdempotencyKey(models.Model):
    """A client's Idempotency-Key for one kind of POST; the first response is replayed."""

    class State(models.TextChoices):
        IN_FLIGHT = "in_flight", "in flight"
        DONE = "done", "done"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=100)
    request_hash = models.CharField(max_length=64)
    state = models.CharField(max_length=10, choices=State.choices, default=State.IN_FLIGHT)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "scope", "key"], name="core_idempotency_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}"
