"""What matching stores: the offer text index, background runs, ranked pairs and notices."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .postings import Demand, Offer


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
