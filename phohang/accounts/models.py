import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    SELLER = "seller", _("Seller member")
    AUTHORITY = "authority", _("Authority staff")
    # City-level authority: every province, and the platform-wide settings (fees, targets).
    CITY_AUTHORITY = "city_authority", _("City-level authority staff")
    ADMIN = "admin", _("Platform admin")


@dataclass(frozen=True)
class ProvinceScope:
    """The provinces an officer acts on: all of them, one, or none (fail closed)."""

    is_everywhere: bool = False
    province_id: str | None = None

    @classmethod
    def everywhere(cls) -> "ProvinceScope":
        return cls(is_everywhere=True)

    @classmethod
    def none(cls) -> "ProvinceScope":
        return cls()

    @property
    def is_empty(self) -> bool:
        return not self.is_everywhere and not self.province_id

    def covers(self, province_id: str | None) -> bool:
        return self.is_everywhere or (bool(province_id) and province_id == self.province_id)

    def filter[M: models.Model](self, queryset: QuerySet[M], *fields: str) -> QuerySet[M]:
        """`queryset` narrowed to rows whose `fields` (any of them) lie in the scope."""
        if self.is_everywhere:
            return queryset
        if not self.province_id:
            return queryset.none()
        condition = models.Q()
        for field in fields:
            condition |= models.Q(**{field: self.province_id})
        return queryset.filter(condition)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(
        self,
        email: str | None = None,
        password: str | None = None,
        *,
        phone: str | None = None,
        **extra: Any,
    ) -> "User":
        if not email and not phone:
            raise ValueError("A user needs an email address or a phone number.")
        email = self.normalize_email(email).lower() if email else None
        user = self.model(email=email, phone=phone or None, **extra)
        user.set_password(password)
        user.save()
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person; signs in with an email address or a Vietnamese mobile number."""

    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    phone = models.CharField(
        _("mobile number"),
        max_length=16,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stored in international form, e.g. +84912345678."),
    )
    full_name = models.CharField(_("full name"), max_length=120)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("admin site access"), default=False)
    is_authority = models.BooleanField(_("authority staff"), default=False)
    authority_province = models.ForeignKey(
        "geo.Province",
        verbose_name=_("authority province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("The province whose products, sellers and demands the officer acts on."),
    )
    is_city_authority = models.BooleanField(
        _("city-level authority"),
        default=False,
        help_text=_("Acts on every province and may change platform-wide settings."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email__isnull=False) | models.Q(phone__isnull=False),
                name="user_has_email_or_phone",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email or self.phone or f"#{self.pk}"

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[-1] if self.full_name else ""

    def has_role(self, role: str) -> bool:
        if not self.is_active:
            return False
        if role == Role.BUYER:
            return True
        if role == Role.SELLER:
            return self.seller_memberships.filter(is_active=True).exists()
        if role == Role.AUTHORITY:
            return self.is_authority
        if role == Role.CITY_AUTHORITY:
            return self.is_authority and self.is_city_authority
        if role == Role.ADMIN:
            return self.is_superuser
        return False

    @property
    def is_staff_like(self) -> bool:
        """Authority or admin users: MFA and a short idle timeout apply to them."""
        return self.is_authority or self.is_superuser or self.is_staff

    @property
    def province_scope(self) -> "ProvinceScope":
        """Which provinces this user oversees (authority officers and admins)."""
        if not self.is_active:
            return ProvinceScope.none()
        if self.is_superuser or (self.is_authority and self.is_city_authority):
            return ProvinceScope.everywhere()
        if self.is_authority and self.authority_province_id:
            return ProvinceScope(province_id=self.authority_province_id)
        return ProvinceScope.none()

    @property
    def primary_role(self) -> str:
        if self.is_superuser:
            return Role.ADMIN
        if self.is_authority:
            return Role.AUTHORITY
        if self.pk and self.seller_memberships.filter(is_active=True).exists():
            return Role.SELLER
        return Role.BUYER


class Consent(models.Model):
    """A person's consent to one processing purpose, at one version of the notice; withdrawable."""

    class Purpose(models.TextChoices):
        TERMS = "terms", _("Terms of use and privacy notice")
        MARKETING = "marketing", _("News and offers by email")
        IDENTITY = "identity", _("Processing identity documents for seller verification")
        MATCHING = "matching", _("Trade-connection notifications")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    version = models.CharField(_("notice version"), max_length=20)
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["user", "purpose"])]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.purpose}@{self.version}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class TokenScope(models.TextChoices):
    """What an API token may do; every write operation of the API needs one (`api.auth`)."""

    READ = "read", _("Read your data")
    SHOP = "shop", _("Cart, checkout and payments")
    CATALOG = "catalog", _("Manage your shop's products")
    TRADE = "trade", _("Trade connection: demands, offers, quotes")
    SELLERS = "sellers", _("Seller applications and their review")
    REFUNDS = "refunds", _("Refunds")


class ApiToken(models.Model):
    """A bearer token for integrations; only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(max_length=8)
    digest = models.CharField(max_length=64, unique=True)
    # Space-separated TokenScope values.
    scopes = models.CharField(_("scopes"), max_length=200, default="read")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(raw_token: str) -> str:
        return hashlib.sha256(raw_token.encode()).hexdigest()

    @property
    def scope_set(self) -> frozenset[str]:
        return frozenset(self.scopes.split())

    @property
    def scope_labels(self) -> list[str]:
        return [
            str(TokenScope(scope).label) for scope in TokenScope.values if scope in self.scope_set
        ]


class NotificationKind(models.TextChoices):
    ORDERS = "orders", _("Orders")
    MESSAGES = "messages", _("Messages")
    B2B = "b2b", _("Trade connection (B2B matches and quotes)")
    ACCOUNT = "account", _("Account and shop")
    MARKETS = "markets", _("Wholesale market prices (price alerts)")


class Notification(models.Model):
    """An in-app message to one user (order updates, matches, application decisions)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=NotificationKind.choices,
        default=NotificationKind.ACCOUNT,
    )
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title


class NotificationSetting(models.Model):
    """How one user wants one kind of notification; no row means the kind's default."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notification_settings")
    kind = models.CharField(max_length=10, choices=NotificationKind.choices)
    in_app = models.BooleanField(_("on the site"), default=True)
    email = models.BooleanField(_("by email"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_setting_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind}"
