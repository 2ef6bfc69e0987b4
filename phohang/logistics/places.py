"""Coordinates of places: a ward's centre from `vietnamadminunits`, when nothing better is typed."""

from functools import lru_cache

from vietnamadminunits import parse_address

from phohang.geo.models import Ward


@lru_cache(maxsize=4096)
def _ward_centre(code: str, name: str, province_name: str) -> tuple[float, float] | None:
    unit = parse_address(f"{name}, {province_name}")
    if unit.ward_code != code or unit.latitude is None or unit.longitude is None:
        return None
    return float(unit.latitude), float(unit.longitude)


def ward_point(ward: Ward) -> tuple[float, float] | None:
    """(latitude, longitude) of the ward's centre, or None when the data has none."""
    return _ward_centre(ward.code, ward.name, ward.province.name)
