"""Demands and offers: the endpoints both kinds of posting have are registered once per kind."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Model, QuerySet
from django.http import Http404
from ninja import Path, Router, Status
from ninja.pagination import paginate

from phohang.catalog.models import Product
from phohang.core.api import ApiError, CappedPageNumberPagination
from phohang.core.audit import AuditContext, audit_context_from_request
from phohang.sellers.models import Seller

from .. import selectors, services
from ..matching import category_family
from ..models import BuyerOrganisation, Demand, Offer
from .schemas import (
    DemandIn,
    DemandOut,
    MatchingOut,
    OfferIn,
    OfferOut,
    OrganisationIn,
    OrganisationOut,
    StatusIn,
)

router = Router()
# Operations anyone may call without signing in (checked by the route audit test).
PUBLIC_OPERATIONS = frozenset({"demand_list", "offer_list"})


def product_pk(public_id: UUID | None) -> int | None:
    if public_id is None:
        return None
    product = Product.objects.filter(public_id=public_id).values_list("pk", flat=True).first()
    if product is None:
        raise ApiError(422, "invalid_product", "Sản phẩm không tồn tại.", "Unknown product.")
    return product


def my_seller(request, seller_id: UUID | None) -> Seller:
    sellers = selectors.sellers_for_user(request.auth)
    seller = sellers.filter(public_id=seller_id).first() if seller_id else sellers.first()
    if seller is None:
        raise ApiError(
            403,
            "not_seller",
            "Chỉ người bán đã được duyệt mới làm được việc này.",
            "Only approved sellers can do this.",
        )
    return seller


def _demand_data(payload: DemandIn) -> services.DemandData:
    invited = Seller.objects.filter(public_id__in=payload.invited_seller_ids)
    return services.DemandData(
        title=payload.title,
        description=payload.description,
        category_id=payload.category_id,
        product_id=product_pk(payload.product_id),
        quantity=payload.quantity,
        unit=payload.unit,
        frequency=payload.frequency,
        delivery_province_id=payload.delivery_province_code,
        delivery_ward_id=payload.delivery_ward_code,
        delivery_start=payload.delivery_start,
        delivery_end=payload.delivery_end,
        min_ocop_stars=payload.min_ocop_stars,
        certifications=payload.certifications,
        price_ceiling_vnd=payload.price_ceiling_vnd,
        closing_date=payload.closing_date,
        visibility=payload.visibility,
        invited_seller_ids=list(invited.values_list("pk", flat=True)),
    )


def _offer_data(payload: OfferIn) -> services.OfferData:
    return services.OfferData(
        title=payload.title,
        description=payload.description,
        category_id=payload.category_id,
        product_id=product_pk(payload.product_id),
        quantity=payload.quantity,
        unit=payload.unit,
        period=payload.period,
        season_months=payload.season_months,
        origin_province_id=payload.origin_province_code,
        price_min_vnd=payload.price_min_vnd,
        price_max_vnd=payload.price_max_vnd,
        certifications=payload.certifications,
        ocop_stars=payload.ocop_stars,
        minimum_order=payload.minimum_order,
    )


@dataclass(frozen=True)
class Kind:
    """One kind of posting, as its endpoints see it."""

    name: str  # "demand": operations demand_list, demand_get, ...; path parameter demand_id
    path: str  # "/demands"
    model: type[Model]
    schema_in: type
    schema_out: type
    data: Callable[[Any], Any]
    list_public: Callable[..., QuerySet]
    list_for_user: Callable[[Any], QuerySet]
    get_for_user: Callable[[Any, UUID], Any]
    get_for_member: Callable[[Any, UUID], Any]
    update: Callable[..., Any]
    set_status: Callable[..., Any]
    matches: Callable[[Any], QuerySet]
    summaries: dict[str, str]


def _demand_status(*, user, posting, status: str, context: AuditContext):
    return services.demand_set_status(user=user, demand=posting, status=status, context=context)


def _offer_status(*, user, posting, status: str, context: AuditContext):
    return services.offer_set_status(user=user, offer=posting, status=status)


DEMANDS = Kind(
    name="demand",
    path="/demands",
    model=Demand,
    schema_in=DemandIn,
    schema_out=DemandOut,
    data=_demand_data,
    list_public=selectors.demand_list_public,
    list_for_user=selectors.demand_list_for_user,
    get_for_user=selectors.demand_get_for_user,
    get_for_member=selectors.demand_get_for_member,
    update=lambda *, user, posting, data: services.demand_update(
        user=user, demand=posting, data=data
    ),
    set_status=_demand_status,
    matches=lambda demand: selectors.matches_for_demand(demand).select_related("demand"),
    summaries={
        "list": "Open public demands",
        "mine": "Your organisations' demands",
        "get": "One demand",
        "update": "Change an open demand",
        "status": "Close, reopen, cancel",
        "matches": "Matching offers",
    },
)
OFFERS = Kind(
    name="offer",
    path="/offers",
    model=Offer,
    schema_in=OfferIn,
    schema_out=OfferOut,
    data=_offer_data,
    list_public=selectors.offer_list_public,
    list_for_user=selectors.offer_list_for_user,
    get_for_user=selectors.offer_get_for_user,
    get_for_member=selectors.offer_get_for_member,
    update=lambda *, user, posting, data: services.offer_update(
        user=user, offer=posting, data=data
    ),
    set_status=_offer_status,
    matches=lambda offer: selectors.matches_for_offer(offer).select_related("offer"),
    summaries={
        "list": "Active offers",
        "mine": "Your sellers' offers",
        "get": "One offer",
        "update": "Change an offer",
        "status": "Pause, resume, withdraw",
        "matches": "Matching demands",
    },
)


def _named(name: str, view: Callable) -> Callable:
    # Operation ids, URL names and the route audit go by the function's name.
    view.__name__ = view.__qualname__ = name
    return view


def _register(kind: Kind) -> None:
    """The endpoints a demand and an offer both have, under the kind's own names and paths."""
    one = f"{kind.path}/{{{kind.name}_id}}"
    posting_id = Path(..., alias=f"{kind.name}_id")
    summaries = kind.summaries

    def listing(
        request, province: str = "", category: int = 0, certification: str = "", q: str = ""
    ):
        return kind.list_public(
            province=province[:2],
            category_ids=category_family(category) if category else None,
            certification=certification[:12],
            query=q[:100],
        )

    def mine(request):
        return kind.list_for_user(request.auth)

    def get(request, public_id: UUID = posting_id):
        return kind.get_for_user(request.auth, public_id)

    def update(request, payload: kind.schema_in, public_id: UUID = posting_id):
        posting = kind.get_for_member(request.auth, public_id)
        return kind.update(user=request.auth, posting=posting, data=kind.data(payload))

    def status(request, payload: StatusIn, public_id: UUID = posting_id):
        posting = kind.get_for_member(request.auth, public_id)
        if payload.status not in kind.model.Status.values:
            raise ApiError(422, "invalid_status", "Trạng thái không hợp lệ.", "Unknown status.")
        return kind.set_status(
            user=request.auth,
            posting=posting,
            status=payload.status,
            context=audit_context_from_request(request),
        )

    def matches(request, public_id: UUID = posting_id):
        posting = kind.get_for_member(request.auth, public_id)
        job = selectors.matching_job_latest(**{kind.name: posting})
        return {
            "status": job.status if job else "none",
            "progress": job.progress if job else 0,
            "matches": list(kind.matches(posting)[:20]),
        }

    many, single = list[kind.schema_out], kind.schema_out
    paged = paginate(CappedPageNumberPagination)
    router.get(kind.path, response=many, auth=None, summary=summaries["list"])(
        paged(_named(f"{kind.name}_list", listing))
    )
    router.get(f"{kind.path}/mine", response=many, summary=summaries["mine"])(
        paged(_named(f"{kind.name}_list_mine", mine))
    )
    router.get(one, response=single, summary=summaries["get"])(_named(f"{kind.name}_get", get))
    router.put(one, response=single, summary=summaries["update"])(
        _named(f"{kind.name}_update", update)
    )
    router.post(f"{one}/status", response=single, summary=summaries["status"])(
        _named(f"{kind.name}_status", status)
    )
    router.get(f"{one}/matches", response=MatchingOut, summary=summaries["matches"])(
        _named(f"{kind.name}_matches", matches)
    )


@router.get("/organisations", response=list[OrganisationOut], summary="Your buying organisations")
def organisation_list(request):
    return list(selectors.organisations_for_user(request.auth))


@router.post("/organisations", response={201: OrganisationOut}, summary="Register one")
def organisation_create(request, payload: OrganisationIn):
    organisation = services.organisation_create(
        user=request.auth,
        name=payload.name,
        kind=payload.kind,
        province_id=payload.province_code,
        tax_code=payload.tax_code,
    )
    return Status(201, organisation)


_register(DEMANDS)
_register(OFFERS)


@router.post("/demands", response={201: DemandOut}, summary="Post a demand (RFQ)")
def demand_create(request, payload: DemandIn):
    organisation = BuyerOrganisation.objects.filter(
        public_id=payload.organisation_id, members=request.auth
    ).first()
    if organisation is None:
        raise Http404
    demand = services.demand_create(
        user=request.auth,
        organisation=organisation,
        data=_demand_data(payload),
        wants_notifications=payload.notify_me,
    )
    return Status(201, demand)


@router.post("/offers", response={201: OfferOut}, summary="Post an offer")
def offer_create(request, payload: OfferIn):
    seller = my_seller(request, payload.seller_id)
    offer = services.offer_create(
        user=request.auth,
        seller=seller,
        data=_offer_data(payload),
        wants_notifications=payload.notify_me,
    )
    return Status(201, offer)
