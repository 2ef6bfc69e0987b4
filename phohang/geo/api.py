from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from phohang.core.api import api_error

from .selectors import province_list, unit_resolve, ward_list_for_province

router = Router(tags=["geo"])
# Operations open to anonymous callers (auth=None); the route audit (SEC-03) checks this list.
PUBLIC_OPERATIONS = frozenset({"provinces", "wards", "resolve"})


class ProvinceOut(Schema):
    code: str
    name: str
    short_name: str


class WardOut(Schema):
    code: str
    name: str
    province_id: str


class UnitMatchOut(Schema):
    province_code: str
    province_name: str
    ward_code: str | None
    ward_name: str | None
    is_legacy_name: bool


@router.get("/provinces", response=list[ProvinceOut], auth=None, summary="The 34 current provinces")
def provinces(request):
    return list(province_list())


@router.get(
    "/provinces/{code}/wards", response=list[WardOut], auth=None, summary="Wards of a province"
)
def wards(request, code: str):
    return list(ward_list_for_province(code))


@router.get(
    "/resolve",
    response={200: UnitMatchOut, 404: dict},
    auth=None,
    summary="Map a current or pre-2025 place name to the current unit",
)
def resolve(request, q: str):
    match = unit_resolve(q[:200])
    if match is None:
        raise api_error(404, "not_found", _("Place name not recognised."))
    return Status(
        200,
        {
            "province_code": match.province.code,
            "province_name": match.province.name,
            "ward_code": match.ward.code if match.ward else None,
            "ward_name": match.ward.name if match.ward else None,
            "is_legacy_name": match.is_legacy_name,
        },
    )
