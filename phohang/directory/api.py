"""The industry directory over /api/v1/directory/: public lists of parks, manufacturers, craft
villages and projects; investors' inquiries; operators' leads (others' leads answer 404)."""

from decimal import Decimal
from uuid import UUID

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from phohang.core.api.pagination import CappedPageNumberPagination
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import NotFound

from . import selectors, services
from .models import Inquiry, Park, Sector
from .vocabulary import PROCESS_BY_CODE

router = Router(tags=["directory"])
# Operations open to anonymous callers (auth=None); the route audit (SEC-03) checks this list.
PUBLIC_OPERATIONS = frozenset(
    {"park_list", "park_detail", "manufacturer_list", "village_list", "project_list"}
)


def _found(getter, *args):
    try:
        return getter(*args)
    except NotFound as error:
        raise Http404 from error


class ParkQuery(Schema):
    province: str = Field("", max_length=2)
    min_free_ha: Decimal | None = Field(None, ge=0, max_digits=9, decimal_places=2)
    sector: Sector | None = None
    max_price_vnd_m2: int | None = Field(None, ge=0)
    min_power_mva: Decimal | None = Field(None, ge=0, max_digits=8, decimal_places=1)
    kind: Park.Kind | None = None


class ParkOut(Schema):
    slug: str
    name: str
    kind: str
    province: str = Field(alias="province.short_name")
    ward: str = Field(alias="ward.name")
    total_area_ha: Decimal
    free_area_ha: Decimal
    occupancy_percent: Decimal
    land_price_vnd_m2: int
    factory_rent_vnd_m2_month: int
    power_capacity_mva: Decimal
    sectors: list[str]


class ParkDetailOut(ParkOut):
    water_m3_day: int
    wastewater_m3_day: int
    road_access: str
    rail_access: str
    port_access: str
    incentives: str
    operator: str = Field(alias="operator.name")


@router.get("/parks", response=list[ParkOut], auth=None, summary="Parks and clusters")
@paginate(CappedPageNumberPagination)
def park_list(request, filters: Query[ParkQuery]):
    return selectors.park_search(
        selectors.ParkFilters(
            province_id=filters.province,
            min_free_ha=filters.min_free_ha,
            sector=filters.sector or "",
            max_price_vnd_m2=filters.max_price_vnd_m2,
            min_power_mva=filters.min_power_mva,
            kind=filters.kind or "",
        )
    )


@router.get("/parks/{slug}", response=ParkDetailOut, auth=None, summary="One park")
def park_detail(request, slug: str):
    return _found(selectors.park_get_public, slug)


class InquiryIn(Schema):
    company: str = Field(max_length=200)
    contact_name: str = Field(max_length=120)
    phone: str = Field(max_length=20)
    email: str = Field("", max_length=254)
    sector: Sector
    area_needed_ha: Decimal = Field(max_digits=8, decimal_places=2)
    message: str = Field("", max_length=4000)


class InquiryOut(Schema):
    id: UUID = Field(alias="public_id")
    park: str = Field(alias="park.slug")
    company: str
    contact_name: str
    phone: str
    sector: str
    area_needed_ha: Decimal
    status: str


@router.post("/parks/{slug}/inquiries", response={201: InquiryOut}, summary="Send an inquiry")
def inquiry_send(request, slug: str, payload: InquiryIn):
    park = _found(selectors.park_get_public, slug)
    inquiry = services.inquiry_send(
        user=request.auth, park=park, data=services.InquiryData(**payload.dict())
    )
    return 201, inquiry


@router.get("/inquiries/{inquiry_id}", response=InquiryOut, summary="One inquiry (its investor)")
def inquiry_detail(request, inquiry_id: UUID):
    return _found(selectors.lead_get_for_investor, request.auth, inquiry_id)


@router.get("/leads", response=list[InquiryOut], summary="The operator's leads")
@paginate(CappedPageNumberPagination)
def lead_list(request):
    return selectors.leads_for_operator(request.auth)


class LeadMoveIn(Schema):
    to: Inquiry.Status
    note: str = Field("", max_length=200)


@router.post("/leads/{inquiry_id}/moves", response=InquiryOut, summary="Move a lead on")
def lead_move(request, inquiry_id: UUID, payload: LeadMoveIn):
    lead = _found(selectors.lead_get_for_operator, request.auth, inquiry_id)
    return services.inquiry_move(
        user=request.auth,
        inquiry=lead,
        to=payload.to,
        note=payload.note,
        context=audit_context_from_request(request),
    )


class CapabilityQuery(Schema):
    q: str = Field("", max_length=200)
    process: str = Field("", max_length=30)
    certification: str = Field("", max_length=12)
    province: str = Field("", max_length=2)


class ManufacturerOut(Schema):
    slug: str
    name: str
    province: str = Field(alias="province.short_name")
    materials: str
    tolerance_mm: Decimal | None
    processes: list[str]
    certifications: list[str]

    @staticmethod
    def resolve_processes(maker) -> list[str]:
        return [p.code for p in maker.processes.all() if p.code in PROCESS_BY_CODE]

    @staticmethod
    def resolve_certifications(maker) -> list[str]:
        return [c.code for c in maker.certifications.all()]


@router.get(
    "/manufacturers", response=list[ManufacturerOut], auth=None, summary="Capability search"
)
@paginate(CappedPageNumberPagination)
def manufacturer_list(request, filters: Query[CapabilityQuery]):
    makers = selectors.manufacturer_search(
        selectors.CapabilityFilters(
            query=filters.q,
            process=filters.process,
            certification=filters.certification,
            province_id=filters.province,
        )
    )
    return makers.prefetch_related("processes", "certifications")


class VillageOut(Schema):
    slug: str
    name: str
    crafts: str
    province: str = Field(alias="province.short_name")
    ward: str = Field(alias="ward.name")
    latitude: float | None
    longitude: float | None
    year_recognised: int | None
    households: int
    workers: int


@router.get("/villages", response=list[VillageOut], auth=None, summary="Craft villages")
@paginate(CappedPageNumberPagination)
def village_list(request, province: str = ""):
    return selectors.village_list(province[:2])


class ProjectOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str
    kind: str
    owner_name: str
    budget_vnd: int
    province: str = Field(alias="province.short_name")
    status: str
    summary: str


@router.get("/projects", response=list[ProjectOut], auth=None, summary="Projects (public summary)")
@paginate(CappedPageNumberPagination)
def project_list(request, province: str = "", kind: str = ""):
    return selectors.project_list(province_id=province[:2], kind=kind[:10])
