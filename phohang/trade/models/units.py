"""Units, frequencies and the bit masks trade stores certifications and seasons in."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from phohang.catalog.models import Certification

# Certifications are stored as a bit mask so "has every required one" is one integer test
# that works the same on SQLite and PostgreSQL (JSON containment does not exist on SQLite).
CERTIFICATION_BITS: dict[str, int] = {
    Certification.VIETGAP: 1,
    Certification.ORGANIC: 2,
    Certification.HACCP: 4,
    Certification.ISO_22000: 8,
    Certification.GLOBALGAP: 16,
    Certification.ISO_9001: 32,
    Certification.IATF_16949: 64,
}
# (held, what it also satisfies): a stricter scheme covers the one it builds on.
CERTIFICATION_EQUIVALENTS = (
    (CERTIFICATION_BITS[Certification.GLOBALGAP], CERTIFICATION_BITS[Certification.VIETGAP]),
    (CERTIFICATION_BITS[Certification.ISO_22000], CERTIFICATION_BITS[Certification.HACCP]),
    (CERTIFICATION_BITS[Certification.IATF_16949], CERTIFICATION_BITS[Certification.ISO_9001]),
)


def certifications_to_mask(codes) -> int:
    mask = 0
    for code in codes or ():
        mask |= CERTIFICATION_BITS.get(code, 0)
    return mask


def mask_to_certifications(mask: int) -> list[str]:
    return [code for code, bit in CERTIFICATION_BITS.items() if mask & bit]


def certification_labels(mask: int) -> list[str]:
    labels = dict(Certification.choices)
    return [str(labels[code]) for code in mask_to_certifications(mask)]


def months_to_mask(months) -> int:
    mask = 0
    for month in months or ():
        if 1 <= int(month) <= 12:
            mask |= 1 << (int(month) - 1)
    return mask


def mask_to_months(mask: int) -> list[int]:
    return [month for month in range(1, 13) if mask & (1 << (month - 1))]


ALL_MONTHS = (1 << 12) - 1


class TradeUnit(models.TextChoices):
    KILOGRAM = "kg", _("kg")
    TEN_KILOGRAMS = "yen", _("yến (10 kg)")
    QUINTAL = "quintal", _("tạ (100 kg)")
    TONNE = "tonne", _("tonne")
    LITRE = "l", _("litre")
    BOX = "box", _("box")
    BAG = "bag", _("bag")
    PIECE = "piece", _("piece")
    FRUIT = "fruit", _("fruit (quả)")
    SET = "set", _("set")
    METRE = "m", _("metre")
    CARTON = "carton", _("carton")


# (family, factor to the family's base unit): kg, yến, tạ and tấn compare with each other.
UNIT_BASE = {
    TradeUnit.KILOGRAM: ("mass", 1),
    TradeUnit.TEN_KILOGRAMS: ("mass", 10),
    TradeUnit.QUINTAL: ("mass", 100),
    TradeUnit.TONNE: ("mass", 1000),
    TradeUnit.LITRE: ("volume", 1),
    TradeUnit.BOX: ("box", 1),
    TradeUnit.BAG: ("bag", 1),
    TradeUnit.PIECE: ("piece", 1),
    TradeUnit.FRUIT: ("piece", 1),
    TradeUnit.SET: ("set", 1),
    TradeUnit.METRE: ("length", 1),
    TradeUnit.CARTON: ("carton", 1),
}


def base_quantity(quantity: int, unit: str) -> tuple[str, int]:
    family, factor = UNIT_BASE[unit]
    return family, int(quantity) * factor


class Frequency(models.TextChoices):
    ONCE = "once", _("Once")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    SEASONAL = "seasonal", _("Seasonal")


class Period(models.TextChoices):
    WEEK = "week", _("per week")
    MONTH = "month", _("per month")
    SEASON = "season", _("per season")


# Quantities are compared per month; a season counts as three months.
PER_MONTH = {
    Frequency.ONCE: 1.0,
    Frequency.WEEKLY: 4.33,
    Frequency.MONTHLY: 1.0,
    Frequency.SEASONAL: 1 / 3,
    Period.WEEK: 4.33,
    Period.MONTH: 1.0,
    Period.SEASON: 1 / 3,
}
