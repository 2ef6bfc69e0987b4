"""Fairs and the Expo: events in halls, exhibitors and booths, visitors, B2B meetings, schedules."""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from phohang.core.models import StatusHistory
from phohang.core.uploads import private_storage


class Venue(models.Model):
    """An exhibition centre; its halls are shared by the events held there."""

    name = models.CharField(_("name"), max_length=160)
    address = models.CharField(_("address"), max_length=240)
    province = models.ForeignKey("geo.Province", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")

    def __str__(self) -> str:
        return self.name


class Hall(models.Model):
    """A hall drawn as a grid of square cells (one cell is 3 m × 3 m)."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="halls")
    name = models.CharField(_("name"), max_length=80)
    columns = models.PositiveSmallIntegerField(_("columns"))
    rows = models.PositiveSmallIntegerField(_("rows"))

    class Meta:
        ordering = ["venue", "name"]
        verbose_name = _("hall")
        constraints = [
            models.UniqueConstraint(fields=["venue", "name"], name="expo_hall_unique_name"),
            models.CheckConstraint(
                condition=Q(columns__gt=0, columns__lte=60, rows__gt=0, rows__lte=60),
                name="expo_hall_grid_size",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.venue.name} · {self.name}"


class Event(models.Model):
    class Kind(models.TextChoices):
        EXPO = "expo", _("International Expo")
        TRADE_FAIR = "trade_fair", _("Trade fair")
        OCOP_WEEK = "ocop_week", _("OCOP and regional specialty week")
        CONFERENCE = "conference", _("Trade-connection conference")

    class Agenda(models.TextChoices):
        NONE = "none", _("Not scheduled yet")
        PROVISIONAL = "provisional", _("Provisional agenda")
        FINAL = "final", _("Final agenda")

    class Booking(models.TextChoices):
        SCHEDULER = "scheduler", _("The organiser's scheduler assigns slots")
        SELF = "self", _("Participants book slots themselves")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=120, unique=True)
    name_vi = models.CharField(_("Vietnamese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="events")
    halls = models.ManyToManyField(Hall, related_name="events", verbose_name=_("halls"))
    categories = models.ManyToManyField(
        "catalog.Category", blank=True, related_name="+", verbose_name=_("categories")
    )
    exhibitors_open_on = models.DateField(_("exhibitor applications open"))
    exhibitors_close_on = models.DateField(_("exhibitor applications close"))
    visitors_open_on = models.DateField(_("visitor registration opens"))
    visitors_close_on = models.DateField(_("visitor registration closes"))
    booth_fee_vnd = models.PositiveBigIntegerField(_("booth fee per cell (₫)"), default=0)
    is_published = models.BooleanField(_("public page on"), default=False)
    # Meetings: one day of equal slots at tables in the business-matching area.
    requests_need_acceptance = models.BooleanField(
        _("requests need the other side's acceptance"), default=True
    )
    request_expiry_hours = models.PositiveSmallIntegerField(
        _("requests expire after (hours)"), default=72
    )
    booking = models.CharField(
        _("meeting booking"), max_length=10, choices=Booking.choices, default=Booking.SCHEDULER
    )
    meeting_day = models.DateField(_("meeting day"), null=True, blank=True)
    first_slot_at = models.TimeField(_("first meeting starts"), default="09:00")
    slot_minutes = models.PositiveSmallIntegerField(_("minutes per meeting"), default=20)
    slot_count = models.PositiveSmallIntegerField(_("meeting slots"), default=12)
    tables = models.PositiveSmallIntegerField(_("meeting tables"), default=20)
    max_meetings = models.PositiveSmallIntegerField(_("meetings per person at most"), default=8)
    everyone_meets = models.BooleanField(_("give everyone at least one meeting"), default=False)
    agenda = models.CharField(max_length=12, choices=Agenda.choices, default=Agenda.NONE)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organised_events", verbose_name=_("organisers")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("event")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="expo_event_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(slot_count__lte=48, tables__lte=500, slot_minutes__gte=5),
                name="expo_event_meeting_sizes",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("expo:event", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" and self.name_en else self.name_vi

    @property
    def has_meetings(self) -> bool:
        return self.meeting_day is not None and self.slot_count > 0 and self.tables > 0

    def slot_start(self, slot: int) -> datetime:
        start = datetime.combine(self.meeting_day, self.first_slot_at)
        return timezone.make_aware(start) + timedelta(minutes=self.slot_minutes * slot)

    def slot_label(self, slot: int) -> str:
        start = timezone.localtime(self.slot_start(slot))
        end = start + timedelta(minutes=self.slot_minutes)
        return f"{start:%H:%M}–{end:%H:%M}"


class Booth(models.Model):
    """A rectangle of cells on a hall's grid, for one event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="booths")
    hall = models.ForeignKey(Hall, on_delete=models.PROTECT, related_name="booths")
    code = models.CharField(_("booth code"), max_length=12)
    column = models.PositiveSmallIntegerField(_("column"))
    row = models.PositiveSmallIntegerField(_("row"))
    width = models.PositiveSmallIntegerField(_("width (cells)"), default=1)
    depth = models.PositiveSmallIntegerField(_("depth (cells)"), default=1)

    class Meta:
        ordering = ["hall", "code"]
        verbose_name = _("booth")
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="expo_booth_unique_code"),
            models.CheckConstraint(condition=Q(width__gt=0, depth__gt=0), name="expo_booth_size"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def cells(self) -> int:
        return self.width * self.depth


class Exhibitor(models.Model):
    """A seller's application to exhibit, and once approved its place at the event."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        WAITLISTED = "waitlisted", _("On the waiting list")
        REJECTED = "rejected", _("Not accepted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class BoothSize(models.TextChoices):
        SMALL = "1x1", _("Standard 3 m × 3 m")
        MEDIUM = "2x1", _("Double 6 m × 3 m")
        LARGE = "2x2", _("Island 6 m × 6 m")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="exhibitors")
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="+")
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPLIED
    )
    booth_size = models.CharField(
        _("booth size"), max_length=3, choices=BoothSize.choices, default=BoothSize.SMALL
    )
    preferred_hall = models.ForeignKey(
        Hall,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("preferred hall"),
    )
    products = models.ManyToManyField(
        "catalog.Product", blank=True, related_name="+", verbose_name=_("products to show")
    )
    document = models.FileField(
        _("document"), upload_to="expo/exhibitors/%Y/", storage=private_storage, blank=True
    )
    note = models.TextField(_("note to the organiser"), blank=True)
    decision_reason = models.CharField(_("reason"), max_length=300, blank=True)
    # One booth per exhibitor and never two exhibitors on one booth: the database refuses it.
    booth = models.OneToOneField(
        Booth, null=True, blank=True, on_delete=models.SET_NULL, related_name="exhibitor"
    )
    fee_vnd = models.PositiveBigIntegerField(_("fee (₫)"), default=0)
    fee_paid_at = models.DateTimeField(_("fee paid"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("exhibitor")
        constraints = [
            models.UniqueConstraint(fields=["event", "seller"], name="expo_exhibitor_once"),
        ]

    def __str__(self) -> str:
        return f"{self.seller} @ {self.event}"

    def get_absolute_url(self) -> str:
        return reverse(
            "expo:virtual_booth", kwargs={"slug": self.event.slug, "public_id": self.public_id}
        )

    @property
    def size_cells(self) -> tuple[int, int]:
        width, depth = self.booth_size.split("x")
        return int(width), int(depth)


class ExhibitorEvent(StatusHistory):
    exhibitor = models.ForeignKey(Exhibitor, on_delete=models.CASCADE, related_name="history")


class Registration(models.Model):
    """A visitor's registration and e-ticket; trade buyers add what they seek."""

    class Kind(models.TextChoices):
        TRADE = "trade", _("Trade buyer")
        PUBLIC = "public", _("Visitor")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expo_registrations"
    )
    kind = models.CharField(_("I come as"), max_length=8, choices=Kind.choices)
    full_name = models.CharField(_("full name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    province = models.ForeignKey(
        "geo.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    seeking = models.TextField(_("what you are looking for"), blank=True)
    categories = models.ManyToManyField(
        "catalog.Category", blank=True, related_name="+", verbose_name=_("categories")
    )
    ticket_code = models.CharField(max_length=12, unique=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="expo_registration_once"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} @ {self.event}"


class Participant(models.Model):
    """One side of B2B meetings: an approved exhibitor or a registered trade buyer."""

    class Role(models.TextChoices):
        BUYER = "buyer", _("Trade buyer")
        EXHIBITOR = "exhibitor", _("Exhibitor")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    role = models.CharField(max_length=10, choices=Role.choices)
    name = models.CharField(max_length=200)
    exhibitor = models.OneToOneField(
        Exhibitor, null=True, blank=True, on_delete=models.CASCADE, related_name="participant"
    )
    registration = models.OneToOneField(
        Registration, null=True, blank=True, on_delete=models.CASCADE, related_name="participant"
    )
    available_slots = models.JSONField(default=list)
    max_meetings = models.PositiveSmallIntegerField(default=8)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(exhibitor__isnull=True, registration__isnull=False)
                | Q(exhibitor__isnull=False, registration__isnull=True),
                name="expo_participant_one_side",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MeetingRequest(models.Model):
    class Preference(models.TextChoices):
        MUST = "must", _("Must meet")
        WANT = "want", _("Would like to meet")
        NO = "no", _("No, thanks")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        DISMISSED = "dismissed", _("Not wanted")
        CANCELLED = "cancelled", _("Cancelled")

    class Priority(models.TextChoices):
        MUST = "must", _("Must meet")
        HIGH = "high", _("High")
        NORMAL = "normal", _("Normal")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    requester = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="sent")
    recipient = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="received")
    preference = models.CharField(_("your wish"), max_length=4, choices=Preference.choices)
    priority = models.CharField(max_length=6, choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "recipient"], name="expo_request_once_per_pair"
            ),
            models.CheckConstraint(
                condition=~Q(requester=F("recipient")), name="expo_request_not_to_oneself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"


class RequestEvent(StatusHistory):
    request = models.ForeignKey(MeetingRequest, on_delete=models.CASCADE, related_name="history")


class ScheduleRun(models.Model):
    """One run of the meeting scheduler in the task worker, with its progress for the page."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="schedule_runs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    time_limit_s = models.PositiveSmallIntegerField(default=20)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    phase = models.CharField(max_length=40, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    objective = models.PositiveIntegerField(null=True, blank=True)
    bound = models.FloatField(null=True, blank=True)
    requests_count = models.PositiveIntegerField(default=0)
    meetings_count = models.PositiveIntegerField(default=0)
    issues = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event} {self.created_at:%Y-%m-%d %H:%M}"


class Meeting(models.Model):
    class Status(models.TextChoices):
        PROVISIONAL = "provisional", _("Provisional")
        CONFIRMED = "confirmed", _("Confirmed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    request = models.ForeignKey(MeetingRequest, on_delete=models.CASCADE, related_name="meetings")
    buyer = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    exhibitor = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    slot = models.PositiveSmallIntegerField()
    table = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROVISIONAL)
    run = models.ForeignKey(ScheduleRun, null=True, blank=True, on_delete=models.SET_NULL)
    held_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["slot", "table"]
        constraints = [
            # A table holds one meeting per slot, and one person is in one meeting per slot.
            models.UniqueConstraint(
                fields=["event", "slot", "table"],
                condition=~Q(status="cancelled"),
                name="expo_meeting_table_once",
            ),
            models.UniqueConstraint(
                fields=["buyer", "slot"],
                condition=~Q(status="cancelled"),
                name="expo_meeting_buyer_once_per_slot",
            ),
            models.UniqueConstraint(
                fields=["exhibitor", "slot"],
                condition=~Q(status="cancelled"),
                name="expo_meeting_exhibitor_once_per_slot",
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=~Q(status="cancelled"),
                name="expo_meeting_once_per_request",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.buyer} × {self.exhibitor} ({self.slot})"

    @property
    def time_label(self) -> str:
        return self.event.slot_label(self.slot)

    @property
    def has_started(self) -> bool:
        return timezone.now() >= self.event.slot_start(self.slot)


class MeetingOutcome(models.Model):
    """What one side says happened at a meeting, after the event."""

    class Result(models.TextChoices):
        MET = "met", _("We met")
        DEAL = "deal", _("We agreed a deal")
        NO_SHOW = "no_show", _("The other side did not come")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    result = models.CharField(_("result"), max_length=8, choices=Result.choices)
    deal_value_vnd = models.PositiveBigIntegerField(_("deal value (₫)"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "participant"], name="expo_outcome_once"),
        ]

    def __str__(self) -> str:
        return self.result
