"""Demands and offers: the endpoints both kinds of posting have are registered once per kind."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.http import Http404
from ninja import Path, Router, Status
from ninja.pagination import paginate

from phohang.catalog.models import Product
from phohang.core.api import ApiError, CappedPageNumberPagination
from phohang.core.audit import audit_context_from_request
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
    PostingIn,
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


def _posting_fields(payload: PostingIn) -> dict[str, Any]:
    """The fields a demand and an offer both have, as their services take them."""
    return {
        "title": payload.title,
        "description": payload.description,
        "category_id": payload.category_id,
        "product_id": product_pk(payload.product_id),
        "quantity": payload.quantity,
        "unit": payload.unit,
        "certifications": payload.certifications,
    }


def _demand_data(payload: DemandIn) -> services.DemandData:
    invited = Seller.objects.filter(public_id__in=payload.invited_seller_ids)
    return services.DemandData(
        **_posting_fields(payload),
        frequency=payload.frequency,
        delivery_province_id=payload.delivery_province_code,
        delivery_ward_id=payload.delivery_ward_code,
        delivery_start=payload.delivery_start,
        delivery_end=payload.delivery_end,
        min_ocop_stars=payload.min_ocop_stars,
        price_ceiling_vnd=payload.price_ceiling_vnd,
        closing_date=payload.closing_date,
        visibility=payload.visibility,
        invited_seller_ids=list(invited.values_list("pk", flat=True)),
    )


def _offer_data(payload: OfferIn) -> services.OfferData:
    return services.OfferData(
        **_posting_fields(payload),
        period=payload.period,
        season_months=payload.season_months,
        origin_province_id=payload.origin_province_code,
        price_min_vnd=payload.price_min_vnd,
        price_max_vnd=payload.price_max_vnd,
        ocop_stars=payload.ocop_stars,
        minimum_order=payload.minimum_order,
    )


# operation → (demand summary, offer summary)
SUMMARIES = {
    "list": ("Open public demands", "Active offers"),
    "list_mine": ("Your organisations' demands", "Your sellers' offers"),
    "get": ("One demand", "One offer"),
    "update": ("Change an open demand", "Change an offer"),
    "status": ("Close, reopen, cancel", "Pause, resume, withdraw"),
    "matches": ("Matching offers", "Matching demands"),
}


@dataclass(frozen=True)
class Kind:
    """One kind of posting, as its endpoints see it. Its reads and writes are the selectors and
    services named after it (`demand_list_public`, `demand_update`, `matches_for_demand`, ...),
    looked up when the endpoints are registered, so a missing one stops start-up."""

    name: str  # "demand": operations demand_list, demand_get, ...; path parameter demand_id
    column: int  # its column in SUMMARIES
    model: type[Demand] | type[Offer]
    schema_in: type
    schema_out: type
    data: Callable[[Any], Any]

    def summary(self, operation: str) -> str:
        return SUMMARIES[operation][self.column]


DEMANDS = Kind("demand", 0, Demand, DemandIn, DemandOut, _demand_data)
OFFERS = Kind("offer", 1, Offer, OfferIn, OfferOut, _offer_data)


def _named(name: str, view: Callable) -> Callable:
    # Operation ids, URL names and the route audit go by the function's name.
    view.__name__ = view.__qualname__ = name
    return view


def _register(kind: Kind) -> None:
    """The endpoints a demand and an offer both have, under the kind's own names and paths."""
    path = f"/{kind.name}s"
    one = f"{path}/{{{kind.name}_id}}"
    posting_id = Path(..., alias=f"{kind.name}_id")
    list_public = getattr(selectors, f"{kind.name}_list_public")
    list_for_user = getattr(selectors, f"{kind.name}_list_for_user")
    get_for_user = getattr(selectors, f"{kind.name}_get_for_user")
    get_for_member = getattr(selectors, f"{kind.name}_get_for_member")
    matches_for = getattr(selectors, f"matches_for_{kind.name}")
    posting_update = getattr(services, f"{kind.name}_update")
    posting_set_status = getattr(services, f"{kind.name}_set_status")

    def listing(
        request, province: str = "", category: int = 0, certification: str = "", q: str = ""
    ):
        return list_public(
            province=province[:2],
            category_ids=category_family(category) if category else None,
            certification=certification[:12],
            query=q[:100],
        )

    def mine(request):
        return list_for_user(request.auth)

    def get(request, public_id: UUID = posting_id):
        return get_for_user(request.auth, public_id)

    def update(request, payload: kind.schema_in, public_id: UUID = posting_id):
        posting = get_for_member(request.auth, public_id)
        return posting_update(user=request.auth, data=kind.data(payload), **{kind.name: posting})

    def status(request, payload: StatusIn, public_id: UUID = posting_id):
        posting = get_for_member(request.auth, public_id)
        if payload.status not in kind.model.Status.values:
            raise ApiError(422, "invalid_status", "Trạng thái không hợp lệ.", "Unknown status.")
        return posting_set_status(
            user=request.auth,
            status=payload.status,
            context=audit_context_from_request(request),
            **{kind.name: posting},
        )

    def matches(request, public_id: UUID = posting_id):
        posting = get_for_member(request.auth, public_id)
        job = selectors.matching_job_latest(**{kind.name: posting})
        return {
            "status": job.status if job else "none",
            "progress": job.progress if job else 0,
            "matches": list(matches_for(posting).select_related(kind.name)[:20]),
        }

    many, single = list[kind.schema_out], kind.schema_out
    paged = paginate(CappedPageNumberPagination)
    routes = [
        ("list", router.get, path, many, listing),
        ("list_mine", router.get, f"{path}/mine", many, mine),
        ("get", router.get, one, single, get),
        ("update", router.put, one, single, update),
        ("status", router.post, f"{one}/status", single, status),
        ("matches", router.get, f"{one}/matches", MatchingOut, matches),
    ]
    for operation, method, route, response, view in routes:
        view = _named(f"{kind.name}_{operation}", view)
        if response is many:
            view = paged(view)
        public = {"auth": None} if operation == "list" else {}
        method(route, response=response, summary=kind.summary(operation), **public)(view)


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
