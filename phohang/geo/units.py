"""Read the administrative units from the maintained `vietnam-provinces` package."""

from collections.abc import Iterable, Iterator

from vietnam_provinces import Province as PackageProvince
from vietnam_provinces import Ward as PackageWard
from vietnamadminunits import parse_address

from phohang.core.text import clean_line, collation_key, fold, slugify_vi

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


def sort_orders(rows: Iterable, name: str) -> dict[str, int]:
    """Code -> place in Vietnamese dictionary order of the attribute `name` (1 first)."""
    ranked = sorted(rows, key=lambda row: (collation_key(getattr(row, name)), row.code))
    return {row.code: position for position, row in enumerate(ranked, start=1)}


def _sorted_fields(model, fields: list[str], objects: list) -> list[str]:
    """`fields` plus `sort_order`, set on `objects`, when this (possibly historical) model has it."""
    if "sort_order" not in {field.name for field in model._meta.get_fields()}:
        return fields
    name = "short_name" if "short_name" in fields else "name"
    positions = sort_orders(objects, name)
    for obj in objects:
        obj.sort_order = positions[obj.code]
    return [*fields, "sort_order"]


def load_units(province_model, ward_model) -> tuple[int, int]:
    """Insert or refresh every unit; safe to run again."""
    provinces = [province_model(**row) for row in province_rows()]
    province_fields = ["name", "short_name", "slug", "division_type", "latitude", "longitude"]
    province_model.objects.bulk_create(
        provinces,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=_sorted_fields(province_model, province_fields, provinces),
    )
    wards = [ward_model(**row) for row in ward_rows()]
    ward_fields = ["name", "province", "division_type", "folded_name"]
    ward_model.objects.bulk_create(
        wards,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=_sorted_fields(ward_model, ward_fields, wards),
    )
    return len(provinces), len(wards)
