"""Read the administrative units from the maintained `vietnam-provinces` package."""

from collections.abc import Iterator

from vietnam_provinces import Province as PackageProvince
from vietnam_provinces import Ward as PackageWard
from vietnamadminunits import parse_address

from phohang.core.text import clean_line, fold, slugify_vi

CITY_PREFIX = "Thành phố "


def province_rows() -> Iterator[dict]:
    for province in PackageProvince.iter_all():
        is_city = province.name.startswith(CITY_PREFIX)
        full_name = province.name if is_city else f"Tỉnh {province.name}"
        short_name = province.name.removeprefix(CITY_PREFIX)
        located = parse_address(full_name, level=1)
        yield {
            "code": f"{province.code.value:02d}",
            "name": full_name,
            "short_name": short_name,
            "slug": slugify_vi(short_name),
            "division_type": province.division_type.value,
            "latitude": located.latitude,
            "longitude": located.longitude,
        }


def ward_rows() -> Iterator[dict]:
    for ward in PackageWard.iter_all():
        # A few package names carry a double space ("Phường  Tân An"); store them clean.
        name = clean_line(ward.name)
        yield {
            "code": f"{ward.code.value:05d}",
            "name": name,
            "province_id": f"{ward.province_code.value:02d}",
            "division_type": ward.division_type.value,
            "folded_name": fold(name),
        }


def load_units(province_model, ward_model) -> tuple[int, int]:
    """Insert or refresh every unit; safe to run again."""
    provinces = [province_model(**row) for row in province_rows()]
    province_model.objects.bulk_create(
        provinces,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "short_name", "slug", "division_type", "latitude", "longitude"],
    )
    wards = [ward_model(**row) for row in ward_rows()]
    ward_model.objects.bulk_create(
        wards,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "province", "division_type", "folded_name"],
    )
    return len(provinces), len(wards)
