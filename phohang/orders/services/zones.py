"""Shipping zones: fee bands per (seller province → buyer province), edited by authority/admin staff.

A zone is the pair of provinces (blank means "any"); its bands are ordered by their upper weight, so
a band covers (previous band's limit, its own limit]. Two bands of one zone with the same limit
would overlap, which the database cannot catch when a province is blank (NULLs never compare
equal), so the check lives here.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from phohang.core.audit import AuditContext, audit_record, snapshot
from phohang.core.text import grams_stated

from ..models import ShippingRate

MAX_BAND_WEIGHT_GRAMS = 1_000_000
DEFAULT_ITEM_WEIGHT_GRAMS = 500
# Goods sold by the kilogram or the litre weigh about that much per unit.
UNIT_WEIGHT_GRAMS = {"kg": 1000, "l": 1000}
MAX_FEE_VND = 100_000_000
AUDITED_FIELDS = ["origin_province", "destination_province", "max_weight_grams", "fee_vnd"]


def item_weight_grams(*, weight_grams: int | None, variant_name: str, unit: str = "") -> int:
    """Shipping weight of one unit of a variant: the weight its seller entered, else what its
    name states ("Túi 2 kg"), else a kilogram or litre for goods sold by that unit, else 500 g."""
    if weight_grams:
        return weight_grams
    return grams_stated(variant_name) or UNIT_WEIGHT_GRAMS.get(unit) or DEFAULT_ITEM_WEIGHT_GRAMS


class ShippingRateInvalid(Exception):
    """The band was refused; `errors` maps form field names (or None) to translated messages."""

    def __init__(self, errors: dict[str | None, str]):
        super().__init__("; ".join(str(message) for message in errors.values()))
        self.errors = errors


@dataclass
class ShippingZone:
    origin_province: object
    destination_province: object
    bands: list[ShippingRate] = field(default_factory=list)


def shipping_zone_list() -> list[ShippingZone]:
    """Every zone with its bands, lightest first; zones sorted by province codes, "any" last."""
    # Kept beside the writes so the zone rules (grouping, "any" zones) live in one module.
    zones: dict[tuple, ShippingZone] = {}
    rates = ShippingRate.objects.select_related("origin_province", "destination_province")
    for rate in rates.order_by("max_weight_grams", "pk"):
        key = (rate.origin_province_id, rate.destination_province_id)
        zone = zones.setdefault(key, ShippingZone(rate.origin_province, rate.destination_province))
        zone.bands.append(rate)
    return [
        zones[key]
        for key in sorted(
            zones, key=lambda pair: tuple((code is None, code or "") for code in pair)
        )
    ]


def _same_zone(origin_province, destination_province) -> Q:
    origin = (
        Q(origin_province__isnull=True)
        if origin_province is None
        else Q(origin_province=origin_province)
    )
    destination = (
        Q(destination_province__isnull=True)
        if destination_province is None
        else Q(destination_province=destination_province)
    )
    return origin & destination


def _validate(
    *, origin_province, destination_province, max_weight_grams, fee_vnd, exclude_pk=None
) -> None:
    errors: dict[str | None, str] = {}
    if (
        not isinstance(max_weight_grams, int)
        or isinstance(max_weight_grams, bool)
        or not 1 <= max_weight_grams <= MAX_BAND_WEIGHT_GRAMS
    ):
        errors["max_weight_grams"] = _("Enter a weight limit from 1 to 1,000,000 grams.")
    if not isinstance(fee_vnd, int) or isinstance(fee_vnd, bool) or not 0 <= fee_vnd <= MAX_FEE_VND:
        errors["fee_vnd"] = _("The fee must be a whole number of đồng from 0 to 100,000,000.")
    if "max_weight_grams" not in errors:
        clash = ShippingRate.objects.filter(
            _same_zone(origin_province, destination_province), max_weight_grams=max_weight_grams
        ).exclude(pk=exclude_pk)
        if clash.exists():
            errors["max_weight_grams"] = _(
                "This zone already has a band up to this weight; bands must not overlap."
            )
    if errors:
        raise ShippingRateInvalid(errors)


def _lock_zone(origin_province, destination_province) -> None:
    # Two staff adding the same band at once: the second waits here, then sees the first one's row.
    # order_by("pk"): the default ordering joins provinces, and FOR UPDATE refuses outer joins.
    list(
        ShippingRate.objects.select_for_update()
        .filter(_same_zone(origin_province, destination_province))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def shipping_rate_create(
    *,
    actor,
    origin_province,
    destination_province,
    max_weight_grams: int,
    fee_vnd: int,
    context: AuditContext | None = None,
) -> ShippingRate:
    """Add one weight band to a zone, or raise ShippingRateInvalid and change nothing."""
    with transaction.atomic():
        _lock_zone(origin_province, destination_province)
        _validate(
            origin_province=origin_province,
            destination_province=destination_province,
            max_weight_grams=max_weight_grams,
            fee_vnd=fee_vnd,
        )
        rate = ShippingRate.objects.create(
            origin_province=origin_province,
            destination_province=destination_province,
            max_weight_grams=max_weight_grams,
            fee_vnd=fee_vnd,
        )
        audit_record(
            context=context or AuditContext(actor=actor),
            action="orders.shipping_rate.created",
            obj=rate,
            after=snapshot(rate, AUDITED_FIELDS),
        )
    return rate


def shipping_rate_update(
    *,
    rate: ShippingRate,
    actor,
    origin_province,
    destination_province,
    max_weight_grams: int,
    fee_vnd: int,
    context: AuditContext | None = None,
) -> ShippingRate:
    """Change a band (it may move to another zone), or raise ShippingRateInvalid."""
    with transaction.atomic():
        _lock_zone(origin_province, destination_province)
        rate = ShippingRate.objects.select_for_update().get(pk=rate.pk)
        before = snapshot(rate, AUDITED_FIELDS)
        _validate(
            origin_province=origin_province,
            destination_province=destination_province,
            max_weight_grams=max_weight_grams,
            fee_vnd=fee_vnd,
            exclude_pk=rate.pk,
        )
        rate.origin_province = origin_province
        rate.destination_province = destination_province
        rate.max_weight_grams = max_weight_grams
        rate.fee_vnd = fee_vnd
        after = snapshot(rate, AUDITED_FIELDS)
        if after == before:
            return rate
        rate.save()
        audit_record(
            context=context or AuditContext(actor=actor),
            action="orders.shipping_rate.updated",
            obj=rate,
            before=before,
            after=after,
        )
    return rate


def shipping_rate_delete(*, rate: ShippingRate, actor, context: AuditContext | None = None) -> None:
    """Remove a band; orders already placed keep the fee they were charged."""
    with transaction.atomic():
        rate = ShippingRate.objects.select_for_update().get(pk=rate.pk)
        before = snapshot(rate, AUDITED_FIELDS)
        audit_record(
            context=context or AuditContext(actor=actor),
            action="orders.shipping_rate.deleted",
            obj=rate,
            before=before,
        )
        rate.delete()
