from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    """One of the 34 provinces and centrally-run cities in force since 1 July 2025."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=80, unique=True)
    short_name = models.CharField(_("short name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    division_type = models.CharField(_("type"), max_length=40)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    # Place of `short_name` in Vietnamese dictionary order (core.text.collation_key): databases
    # sort text by code point, which puts "Cao Bằng" before "Cà Mau" and every Đ last.
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0, editable=False)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.short_name


class Ward(models.Model):
    """A commune, ward or special zone (the level below the province since 2025)."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    name = models.CharField(_("name"), max_length=80)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), on_delete=models.PROTECT, related_name="wards"
    )
    division_type = models.CharField(_("type"), max_length=40)
    folded_name = models.CharField(max_length=80, db_index=True)
    # Place of `name` in Vietnamese dictionary order among all wards (see Province.sort_order).
    sort_order = models.PositiveIntegerField(_("sort order"), default=0, editable=False)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("ward / commune")
        verbose_name_plural = _("wards / communes")
        indexes = [
            models.Index(fields=["province", "name"]),
            models.Index(fields=["province", "sort_order"], name="geo_ward_province_sorted"),
        ]

    def __str__(self) -> str:
        return self.name


class Address(models.Model):
    """A street address on the current administrative map; every app stores places this way."""

    street = models.CharField(_("street address"), max_length=200)
    ward = models.ForeignKey(Ward, verbose_name=_("ward / commune"), on_delete=models.PROTECT)
    province = models.ForeignKey(Province, verbose_name=_("province"), on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        constraints = [
            models.CheckConstraint(condition=~models.Q(street=""), name="address_street_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.street}, {self.ward.name}, {self.province.name}"
