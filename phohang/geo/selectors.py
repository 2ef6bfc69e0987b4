"""Reads of provinces and wards, and recognition of names people still type from before 2025."""

from dataclasses import dataclass
from functools import lru_cache

from vietnamadminunits import convert_address, parse_address

from phohang.core.text import clean_line, fold

from .models import Province, Ward

# Provinces merged before 2025 that the converter does not know; only unambiguous ones.
_LEGACY_PROVINCE_ALIASES = {
    "ha tay": "01",
    "tinh ha tay": "01",
}
_ABBREVIATIONS = {
    "hn": "01",
    "hcm": "79",
    "tphcm": "79",
    "tp hcm": "79",
    "sg": "79",
    "sai gon": "79",
}


def province_list():
    return Province.objects.order_by("short_name")


def ward_list_for_province(province_code: str):
    return Ward.objects.filter(province_id=province_code).order_by("name")


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


def unit_resolve(text: str) -> UnitMatch | None:
    """Map a typed place name, current or pre-2025, to the current unit; None when unknown."""
    typed = clean_line(text)
    if not typed:
        return None
    folded = fold(typed).replace(".", " ").strip()
    folded = " ".join(folded.split())
    code = _province_keys().get(folded) or _ABBREVIATIONS.get(folded)
    if code:
        return UnitMatch(Province.objects.get(code=code), None, False, typed)
    if folded in _LEGACY_PROVINCE_ALIASES:
        return UnitMatch(
            Province.objects.get(code=_LEGACY_PROVINCE_ALIASES[folded]), None, True, typed
        )
    current = parse_address(typed, level=2)
    if current.province_code and current.ward_code:
        ward = Ward.objects.filter(code=current.ward_code).select_related("province").first()
        if ward:
            return UnitMatch(ward.province, ward, False, typed)
    try:
        converted = convert_address(typed)
    except (ValueError, KeyError, AttributeError, TypeError):
        converted = None
    if converted is not None and converted.province_code:
        province = Province.objects.filter(code=converted.province_code).first()
        ward = (
            Ward.objects.filter(code=converted.ward_code).first() if converted.ward_code else None
        )
        if province:
            return UnitMatch(province, ward, True, typed)
    return None
