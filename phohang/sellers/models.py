import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.core import crypto
from phohang.core.models import StatusHistory


def private_storage():
    """Identity documents never live under MEDIA_URL; they are served by a checked view."""
    return storages["private"]


class SellerType(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    COOPERATIVE = "cooperative", _("Cooperative")
    HOUSEHOLD = "household", _("Household business")
    INDIVIDUAL = "individual", _("Individual")


class VneidLevel(models.IntegerChoices):
    NONE = 0, _("Not identified through VNeID")
    LEVEL_1 = 1, _("VNeID level 1")
    LEVEL_2 = 2, _("VNeID level 2")


class IdentityLevel(models.TextChoices):
    """How a seller's identity was established (law 122/2025: VNeID for domestic sellers)."""

    NONE = "none", _("Not identified")
    MANUAL = "manual", _("Documents checked by staff")
    DOCUMENTS = "documents", _("Foreign seller: passport checked")
    EID_LEVEL_1 = "eid_1", _("Electronic identification level 1")
    EID_LEVEL_2 = "eid_2", _("Electronic identification level 2")


class SellerQuerySet(models.QuerySet):
    def identified(self, now=None) -> "SellerQuerySet":
        """Sellers whose identification is present and not expired: the ones who may sell."""
        return self.filter(identified_q(now=now))


def identified_q(prefix: str = "", now=None) -> models.Q:
    """An active, verified seller whose identification has not expired; `prefix` reaches it."""
    now = now or timezone.now()
    return models.Q(**{f"{prefix}is_active": True, f"{prefix}is_verified": True}) & (
        models.Q(**{f"{prefix}identity_expires_at__isnull": True})
        | models.Q(**{f"{prefix}identity_expires_at__gt": now})
    )


class SellerApplication(models.Model):
    """A request to sell on Phố Hàng, reviewed by authority staff."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        NEEDS_INFO = "needs_info", _("More information requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="seller_applications"
    )
    seller_type = models.CharField(_("seller type"), max_length=20, choices=SellerType.choices)
    name = models.CharField(_("business name"), max_length=200)
    name_key = models.CharField(max_length=200, db_index=True)
    description = models.TextField(_("description"), blank=True)
    # Tax codes and registration numbers of businesses are public registry data.
    tax_code = models.CharField(_("tax code (MST)"), max_length=14, blank=True, db_index=True)
    business_registration_number = models.CharField(
        _("business registration number"), max_length=30, blank=True
    )
    # Citizen IDs are personal data: encrypted at rest, found again through a keyed digest.
    citizen_id_encrypted = models.TextField(blank=True)
    citizen_id_digest = models.CharField(max_length=64, blank=True, db_index=True)
    vneid_level = models.PositiveSmallIntegerField(
        _("VNeID identification level"), choices=VneidLevel.choices, default=VneidLevel.NONE
    )
    representative_name = models.CharField(_("representative / owner"), max_length=120, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=16, blank=True)
    address = models.ForeignKey("geo.Address", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("seller application")
        verbose_name_plural = _("seller applications")

    def __str__(self) -> str:
        return self.name

    @property
    def citizen_id(self) -> str:
        return crypto.decrypt(self.citizen_id_encrypted)

    @property
    def citizen_id_masked(self) -> str:
        return crypto.mask(self.citizen_id) if self.citizen_id_encrypted else ""

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.SUBMITTED, self.Status.NEEDS_INFO}


class ApplicationEvent(StatusHistory):
    """One move of an application: submitted, more information asked, answered, decided."""

    application = models.ForeignKey(
        SellerApplication, on_delete=models.CASCADE, related_name="events"
    )

    class Meta(StatusHistory.Meta):
        verbose_name = _("application event")
        verbose_name_plural = _("application events")


class ApplicationDocument(models.Model):
    """A supporting document (licence, ID scan); stored privately under a generated name."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(
        SellerApplication, on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(upload_to="kyc/%Y/%m/", storage=private_storage)
    content_type = models.CharField(max_length=60)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.original_name


class Seller(models.Model):
    """An approved organisation or person that sells; owns products, orders and offers."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(max_length=200, unique=True)
    seller_type = models.CharField(_("seller type"), max_length=20, choices=SellerType.choices)
    description = models.TextField(_("description"), blank=True)
    tax_code = models.CharField(_("tax code (MST)"), max_length=14, blank=True)
    citizen_id_digest = models.CharField(max_length=64, blank=True)
    vneid_level = models.PositiveSmallIntegerField(
        _("VNeID identification level"), choices=VneidLevel.choices, default=VneidLevel.NONE
    )
    address = models.ForeignKey("geo.Address", on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey(
        "geo.Province", on_delete=models.PROTECT, related_name="sellers", verbose_name=_("province")
    )
    logo = models.ImageField(upload_to="logos/%Y/", blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=16, blank=True)
    application = models.OneToOneField(
        SellerApplication, null=True, blank=True, on_delete=models.SET_NULL, related_name="seller"
    )
    is_verified = models.BooleanField(_("verified"), default=True)
    is_active = models.BooleanField(_("active"), default=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The identification that lets the seller sell; empty expiry: checked before expiries existed.
    identity_level = models.CharField(
        _("identification level"),
        max_length=12,
        choices=IdentityLevel.choices,
        default=IdentityLevel.MANUAL,
    )
    identity_verified_at = models.DateTimeField(_("identified on"), null=True, blank=True)
    identity_expires_at = models.DateTimeField(
        _("identification valid until"), null=True, blank=True, db_index=True
    )

    objects = SellerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("seller")
        verbose_name_plural = _("sellers")
        constraints = [
            models.UniqueConstraint(
                fields=["tax_code"], condition=~models.Q(tax_code=""), name="seller_unique_tax_code"
            ),
            models.UniqueConstraint(
                fields=["citizen_id_digest"],
                condition=~models.Q(citizen_id_digest=""),
                name="seller_unique_citizen_id",
            ),
        ]
        indexes = [models.Index(fields=["province", "seller_type"])]

    def __str__(self) -> str:
        return self.name

    @property
    def identity_is_current(self) -> bool:
        return self.is_verified and (
            self.identity_expires_at is None or self.identity_expires_at > timezone.now()
        )

    @property
    def can_publish(self) -> bool:
        return self.is_active and self.identity_is_current


class SellerIdentification(models.Model):
    """One identification of a seller by a provider (staff review, e-ID intermediary)."""

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="identifications")
    provider = models.CharField(_("provider"), max_length=30)
    level = models.CharField(_("level"), max_length=12, choices=IdentityLevel.choices)
    # The provider's own reference of the check (never the citizen ID itself).
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    verified_at = models.DateTimeField(_("identified on"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-verified_at"]
        verbose_name = _("seller identification")
        verbose_name_plural = _("seller identifications")

    def __str__(self) -> str:
        return f"{self.seller_id}:{self.provider}:{self.level}"


class IdentificationAttempt(models.Model):
    """A started e-ID flow: the state token the provider sends back, used once."""

    state = models.CharField(max_length=64, unique=True)
    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    provider = models.CharField(max_length=30)
    created_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("identification attempt")
        verbose_name_plural = _("identification attempts")

    def __str__(self) -> str:
        return f"{self.provider}:{self.seller_id}"


class SellerMember(models.Model):
    """A user who works for a seller, as its owner or as staff."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        # Staff who may also refund and cancel paid orders.
        FINANCE = "finance", _("Finance staff")
        STAFF = "staff", _("Staff")

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seller_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.STAFF)
    is_active = models.BooleanField(default=True)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["seller", "user"], name="seller_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.seller} ({self.role})"


class StaffInvitation(models.Model):
    """An owner's invitation for someone to join the seller as staff."""

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.email} → {self.seller}"
