"""The shipping rate table (fee bands per zone, cash-on-delivery fees) and the quotes checkout
asks for: a carrier's live quote where one is configured, else the table.

A zone is a pair of provinces (blank means "any"). A parcel pays the first band of the most
specific zone that holds its weight and volume; past the heaviest band it pays that band once per
started multiple of its weight. Two bands of one zone with the same limits would overlap, which
the database cannot catch when a province is blank (NULLs never compare equal), so the check
lives here.
"""

import hashlib
import logging
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from phohang.core.audit import AuditContext, audit_record, snapshot
from phohang.core.errors import DomainError
from phohang.core.money import percent_of
from phohang.geo.models import Province
from phohang.orders.shipping import ParcelQuery

from ..models import CodFee, ShippingRate
from .audited import delete_audited

logger = logging.getLogger("phohang.logistics")

MAX_BAND_WEIGHT_GRAMS = 1_000_000
MAX_BAND_VOLUME_CM3 = 10_000_000
MAX_FEE_VND = 100_000_000
RATE_FIELDS = [
    "origin_province",
    "destination_province",
    "max_weight_grams",
    "max_volume_cm3",
    "fee_vnd",
]
COD_FIELDS = ["origin_province", "destination_province", "percent", "minimum_vnd"]


class RateInvalid(DomainError):
    """The band or fee was refused; `errors` maps form field names (or None) to messages."""

    def __init__(self, errors: dict[str | None, str | Promise]):
        super().__init__("rate_invalid", next(iter(errors.values())))
        self.errors = errors


def _whole(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _same_zone[Zoned: (ShippingRate, CodFee)](
    model: type[Zoned], origin_province: Province | None, destination_province: Province | None
) -> QuerySet[Zoned]:
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
    return model.objects.filter(origin & destination)


def _lock_zone[Zoned: (ShippingRate, CodFee)](
    model: type[Zoned], origin_province: Province | None, destination_province: Province | None
) -> None:
    # Two staff adding the same band at once: the second waits here, then sees the first one's row.
    # order_by("pk"): the default ordering joins provinces, and FOR UPDATE refuses outer joins.
    list(
        _same_zone(model, origin_province, destination_province)
        .select_for_update()
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _validate_band(
    *,
    origin_province: Province | None,
    destination_province: Province | None,
    max_weight_grams: int,
    max_volume_cm3: int | None,
    fee_vnd: int,
    exclude_pk: int | None = None,
) -> None:
    errors: dict[str | None, str | Promise] = {}
    if not _whole(max_weight_grams, 1, MAX_BAND_WEIGHT_GRAMS):
        errors["max_weight_grams"] = _("Enter a weight limit from 1 to 1,000,000 grams.")
    if max_volume_cm3 is not None and not _whole(max_volume_cm3, 1, MAX_BAND_VOLUME_CM3):
        errors["max_volume_cm3"] = _(
            "Enter a volume limit from 1 to 10,000,000 cm³, or leave it blank."
        )
    if not _whole(fee_vnd, 0, MAX_FEE_VND):
        errors["fee_vnd"] = _("The fee must be a whole number of đồng from 0 to 100,000,000.")
    if not errors:
        clash = _same_zone(ShippingRate, origin_province, destination_province).filter(
            max_weight_grams=max_weight_grams, max_volume_cm3=max_volume_cm3
        )
        if exclude_pk is not None:
            clash = clash.exclude(pk=exclude_pk)
        if clash.exists():
            errors["max_weight_grams"] = _(
                "This zone already has a band up to this weight; bands must not overlap."
            )
    if errors:
        raise RateInvalid(errors)


def shipping_rate_create(
    *,
    origin_province: Province | None,
    destination_province: Province | None,
    max_weight_grams: int,
    fee_vnd: int,
    max_volume_cm3: int | None = None,
    context: AuditContext,
) -> ShippingRate:
    """Add one band to a zone, or raise RateInvalid and change nothing."""
    with transaction.atomic():
        _lock_zone(ShippingRate, origin_province, destination_province)
        _validate_band(
            origin_province=origin_province,
            destination_province=destination_province,
            max_weight_grams=max_weight_grams,
            max_volume_cm3=max_volume_cm3,
            fee_vnd=fee_vnd,
        )
        rate = ShippingRate.objects.create(
            origin_province=origin_province,
            destination_province=destination_province,
            max_weight_grams=max_weight_grams,
            max_volume_cm3=max_volume_cm3,
            fee_vnd=fee_vnd,
        )
        audit_record(
            context=context,
            action="logistics.shipping_rate.created",
            obj=rate,
            after=snapshot(rate, RATE_FIELDS),
        )
    return rate


def shipping_rate_update(
    *,
    rate: ShippingRate,
    origin_province: Province | None,
    destination_province: Province | None,
    max_weight_grams: int,
    fee_vnd: int,
    max_volume_cm3: int | None = None,
    context: AuditContext,
) -> ShippingRate:
    """Change a band (it may move to another zone), or raise RateInvalid."""
    with transaction.atomic():
        _lock_zone(ShippingRate, origin_province, destination_province)
        rate = ShippingRate.objects.select_for_update().get(pk=rate.pk)
        before = snapshot(rate, RATE_FIELDS)
        _validate_band(
            origin_province=origin_province,
            destination_province=destination_province,
            max_weight_grams=max_weight_grams,
            max_volume_cm3=max_volume_cm3,
            fee_vnd=fee_vnd,
            exclude_pk=rate.pk,
        )
        rate.origin_province = origin_province
        rate.destination_province = destination_province
        rate.max_weight_grams = max_weight_grams
        rate.max_volume_cm3 = max_volume_cm3
        rate.fee_vnd = fee_vnd
        after = snapshot(rate, RATE_FIELDS)
        if after == before:
            return rate
        rate.save()
        audit_record(
            context=context,
            action="logistics.shipping_rate.updated",
            obj=rate,
            before=before,
            after=after,
        )
    return rate


def shipping_rate_delete(*, rate: ShippingRate, context: AuditContext) -> None:
    """Remove a band; orders already placed keep the fee they were charged."""
    with transaction.atomic():
        rate = ShippingRate.objects.select_for_update().get(pk=rate.pk)
        delete_audited(
            obj=rate, action="logistics.shipping_rate.deleted", fields=RATE_FIELDS, context=context
        )


def cod_fee_set(
    *,
    origin_province: Province | None,
    destination_province: Province | None,
    percent: object,
    minimum_vnd: object,
    context: AuditContext,
) -> CodFee:
    """Set a zone's cash-on-delivery fee (one per zone), or raise RateInvalid."""
    errors: dict[str | None, str | Promise] = {}
    try:
        share = Decimal(str(percent))
    except InvalidOperation:
        share = Decimal(-1)
    exponent = share.as_tuple().exponent
    if not (share.is_finite() and Decimal(0) <= share <= Decimal(100)):
        errors["percent"] = _("Enter a percent from 0 to 100.")
    elif isinstance(exponent, int) and exponent < -2:
        errors["percent"] = _("Use at most two decimal places.")
    if not _whole(minimum_vnd, 0, MAX_FEE_VND):
        errors["minimum_vnd"] = _("The fee must be a whole number of đồng from 0 to 100,000,000.")
    if errors:
        raise RateInvalid(errors)
    assert isinstance(minimum_vnd, int)  # _whole() said so
    with transaction.atomic():
        _lock_zone(CodFee, origin_province, destination_province)
        fee = _same_zone(CodFee, origin_province, destination_province).first()
        before = snapshot(fee, COD_FIELDS) if fee else None
        if fee is None:
            fee = CodFee(origin_province=origin_province, destination_province=destination_province)
        fee.percent = share
        fee.minimum_vnd = minimum_vnd
        fee.save()
        audit_record(
            context=context,
            action="logistics.cod_fee.set",
            obj=fee,
            before=before,
            after=snapshot(fee, COD_FIELDS),
        )
    return fee


def cod_fee_delete(*, fee: CodFee, context: AuditContext) -> None:
    delete_audited(obj=fee, action="logistics.cod_fee.deleted", fields=COD_FIELDS, context=context)


def _specificity(row: ShippingRate | CodFee, origin_province_id: str) -> int:
    return (2 if row.origin_province_id == origin_province_id else 0) + (
        1 if row.destination_province_id else 0
    )


def _most_specific[Zoned: (ShippingRate, CodFee)](
    rows: Sequence[Zoned], origin_province_id: str
) -> list[Zoned]:
    rows = [r for r in rows if r.origin_province_id in (None, origin_province_id)]
    if not rows:
        return []
    best = max(_specificity(r, origin_province_id) for r in rows)
    return [r for r in rows if _specificity(r, origin_province_id) == best]


def fee_from_rates(
    rates: Sequence[ShippingRate],
    *,
    origin_province_id: str,
    weight_grams: int,
    volume_cm3: int = 0,
) -> int:
    """The fee of one parcel from the rows that may price it (see the module's docstring)."""
    zone = sorted(
        _most_specific(rates, origin_province_id),
        key=lambda r: (r.max_weight_grams, r.max_volume_cm3 is None, r.max_volume_cm3 or 0),
    )
    if not zone:
        return settings.SHIPPING_DEFAULT_FEE_VND
    for rate in zone:
        fits_volume = rate.max_volume_cm3 is None or volume_cm3 <= rate.max_volume_cm3
        if weight_grams <= rate.max_weight_grams and fits_volume:
            return rate.fee_vnd
    heaviest = zone[-1]
    multiples = -(-max(weight_grams, 1) // max(heaviest.max_weight_grams, 1))
    if heaviest.max_volume_cm3:
        multiples = max(multiples, -(-volume_cm3 // heaviest.max_volume_cm3))
    return heaviest.fee_vnd * multiples


def _rows_for[Zoned: (ShippingRate, CodFee)](
    model: type[Zoned], origin_ids: set[str], destination_ids: set[str]
) -> list[Zoned]:
    return list(
        model.objects.filter(
            Q(origin_province_id__in=sorted(origin_ids)) | Q(origin_province__isnull=True),
            Q(destination_province_id__in=sorted(destination_ids))
            | Q(destination_province__isnull=True),
        ).order_by()
    )


def shipping_fees_from_table(
    parcels: Sequence[ParcelQuery], *, volumes_cm3: Sequence[int] | None = None
) -> list[int]:
    """Each parcel's fee from the rate table (one query for all of them)."""
    rates = _rows_for(
        ShippingRate,
        {p.origin_province_id for p in parcels},
        {p.destination_province_id for p in parcels},
    )
    volumes = list(volumes_cm3) if volumes_cm3 is not None else [0] * len(parcels)
    return [
        fee_from_rates(
            [r for r in rates if r.destination_province_id in (None, p.destination_province_id)],
            origin_province_id=p.origin_province_id,
            weight_grams=p.weight_grams,
            volume_cm3=volume,
        )
        for p, volume in zip(parcels, volumes, strict=True)
    ]


def cod_fee_for(*, origin_province_id: str, destination_province_id: str, cod_vnd: int) -> int:
    """What the carrier keeps for collecting `cod_vnd` in cash (0 without a fee for the zone)."""
    if cod_vnd <= 0:
        return 0
    rows = _most_specific(
        _rows_for(CodFee, {origin_province_id}, {destination_province_id}), origin_province_id
    )
    if not rows:
        return 0
    rule = rows[0]
    return max(rule.minimum_vnd, percent_of(cod_vnd, rule.percent))


def carrier_quote(
    *, carrier: str, seller_id: int, destination_ward_id: str, weight_grams: int
) -> int | None:
    """Carrier `carrier`'s fee for a parcel from the seller's address to a ward, held in the
    cache so the product page, the checkout page and the order agree; None when it cannot be
    asked (no seller address, unknown ward, carrier not configured or down)."""
    from ..carriers import CarrierUnavailable, ParcelRequest, Party, adapter_for

    key = (
        "logistics:quote:"
        + hashlib.sha256(
            f"{carrier}|{seller_id}|{destination_ward_id}|{weight_grams}".encode()
        ).hexdigest()
    )
    cached = cache.get(key)
    if cached is not None:
        return int(cached)
    from phohang.geo.models import Ward
    from phohang.sellers.models import Seller

    seller = (
        Seller.objects.select_related("address__ward", "address__province")
        .filter(pk=seller_id)
        .first()
    )
    ward = Ward.objects.select_related("province").filter(pk=destination_ward_id).first()
    if seller is None or ward is None:
        return None
    pickup = seller.address
    request = ParcelRequest(
        reference="quote",
        sender=Party(
            name=seller.name,
            phone=seller.contact_phone,
            street=pickup.street,
            ward_code=pickup.ward.code,
            ward_name=pickup.ward.name,
            province_name=pickup.province.name,
        ),
        recipient=Party(
            name="",
            phone="",
            street="",
            ward_code=ward.code,
            ward_name=ward.name,
            province_name=ward.province.name,
        ),
        weight_grams=max(weight_grams, 100),
        cod_vnd=0,
        value_vnd=0,
        content="",
    )
    try:
        fee = adapter_for(carrier).quote(request).fee_vnd
    except (CarrierUnavailable, KeyError):
        logger.warning("live quote from %s failed; the rate table prices the parcel", carrier)
        return None
    cache.set(key, fee, settings.LOGISTICS_QUOTE_CACHE_SECONDS)
    return fee


def _live_quote(parcel: ParcelQuery) -> int | None:
    """The checkout carrier's live quote for the parcel (None: the table prices it)."""
    carrier = settings.LOGISTICS_CHECKOUT_CARRIER
    if not carrier or not parcel.destination_ward_id or not parcel.seller_id:
        return None
    return carrier_quote(
        carrier=carrier,
        seller_id=parcel.seller_id,
        destination_ward_id=parcel.destination_ward_id,
        weight_grams=parcel.weight_grams,
    )


def shipping_quote_parcels(parcels: Sequence[ParcelQuery]) -> list[int]:
    """Checkout's quoter: the carrier's live quote where configured, else the rate table."""
    table = shipping_fees_from_table(parcels)
    if not settings.LOGISTICS_CHECKOUT_CARRIER:
        return table
    fees = []
    for parcel, from_table in zip(parcels, table, strict=True):
        live = _live_quote(parcel)
        fees.append(from_table if live is None else live)
    return fees
