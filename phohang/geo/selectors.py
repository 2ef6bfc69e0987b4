"""Reads of provinces and wards, and recognition of names people still type from before 2025."""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import QuerySet
from vietnamadminunits import convert_address, parse_address

from phohang.core.text import clean_line, fold

from .models import Province, Ward

# Provinces merged before 2025 that the converter does not know; only unambiguous ones.
_LEGACY_PROVINCE_ALIASES = {
    "ha tay": "01",
    "tinh ha tay": "01",
}
_PROVINCE_CODE_RE = re.compile(r"[0-9]{2}")
_ABBREVIATIONS = {
    "hn": "01",
    "hcm": "79",
    "tphcm": "79",
    "tp hcm": "79",
    "sg": "79",
    "sai gon": "79",
}


# Wards and provinces are reference data that change only with a migration (and a restart), so
# a process may keep the ones it has looked up; checkout reads one on every order.
_wards_by_code: dict[str, Ward] = {}


def ward_with_province(code: str) -> Ward | None:
    """The ward with this code and its province loaded, or None; cached per process."""
    ward = _wards_by_code.get(code)
    if ward is None:
        ward = Ward.objects.select_related("province").filter(code=code).first()
        if ward is not None:
            _wards_by_code[code] = ward
    return ward


def province_list() -> QuerySet[Province]:
    return Province.objects.order_by("sort_order")


def ward_list_for_province(province_code: str) -> QuerySet[Ward]:
    """Wards of the province; none for anything but a two-digit code ("01' OR 1=1", "011")."""
    if not _PROVINCE_CODE_RE.fullmatch(province_code):
        return Ward.objects.none()
    return Ward.objects.filter(province_id=province_code).order_by("sort_order")


@dataclass(frozen=True)
class UnitMatch:
    province: Province
    ward: Ward | None
    is_legacy_name: bool
    typed: str

    @property
    def label(self) -> str:
        return f"{self.ward.name}, {self.province.name}" if self.ward else self.province.name


@lru_cache(maxsize=1)
def _province_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for province in Province.objects.all():
        for variant in (
            province.name,
            province.short_name,
            f"tỉnh {province.short_name}",
            f"tp {province.short_name}",
            f"thành phố {province.short_name}",
        ):
            keys[fold(variant)] = province.code
    return keys


def _words(folded: str) -> str:
    """Folded text as space-separated words, so names match on word boundaries only."""
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split()) + " "


def _ward_named(province_code: str, full_name: str | None) -> Ward | None:
    # The two packages number wards differently and punctuate names differently ("M'Drắk",
    # "M’Drắk"), so wards are matched by their words within the province.
    if not full_name:
        return None
    key = _words(fold(full_name))
    wards = Ward.objects.filter(province_id=province_code).select_related("province")
    return next((ward for ward in wards if _words(ward.folded_name) == key), None)


def _current_ward(typed: str, words: str) -> Ward | None:
    """The current ward the text names in full ("Phường Cầu Giấy, Hà Nội"), if any."""
    parsed = parse_address(typed, level=2)
    if not (parsed.province_code and parsed.ward):
        return None
    # The parser guesses generously ("tỉnh Bắc Giang" → "Phường Bắc Giang"); only a ward whose
    # whole name, type included, was typed counts as a current name.
    if _words(fold(parsed.ward)) not in words:
        return None
    return _ward_named(parsed.province_code, parsed.ward)


def unit_resolve(text: str) -> UnitMatch | None:
    """Map a typed place name, current or pre-2025, to the current unit; None when unknown."""
    typed = clean_line(text)
    if not typed:
        return None
    folded = " ".join(fold(typed).replace(".", " ").split())
    code = _province_keys().get(folded) or _ABBREVIATIONS.get(folded)
    if code:
        return UnitMatch(Province.objects.get(code=code), None, False, typed)
    if folded in _LEGACY_PROVINCE_ALIASES:
        return UnitMatch(
            Province.objects.get(code=_LEGACY_PROVINCE_ALIASES[folded]), None, True, typed
        )
    ward = _current_ward(typed, _words(folded))
    if ward is not None:
        return UnitMatch(ward.province, ward, False, typed)
    try:
        converted = convert_address(typed)
    except (ValueError, KeyError, AttributeError, TypeError):
        return None
    if not converted.province_code:
        return None
    province = Province.objects.filter(code=converted.province_code).first()
    if province is None:
        return None
    return UnitMatch(province, _ward_named(province.code, converted.ward), True, typed)
