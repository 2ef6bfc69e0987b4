"""/api/v1/trade/: demands, offers, matches, quotes and contracts, with per-object access."""

from datetime import date
from uuid import UUID

from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from phohang.catalog.models import Product
from phohang.core.api import ApiError, CappedPageNumberPagination
from phohang.core.audit import audit_context_from_request
from phohang.sellers.models import Seller

from . import selectors, services
from .explain import match_reasons
from .models import BuyerOrganisation, Demand, Offer, mask_to_months

router = Router(tags=["trade"])
# Operations anyone may call without signing in (checked by the route audit test).
PUBLIC_OPERATIONS = frozenset({"demand_list", "offer_list"})


class OrganisationIn(Schema):
    name: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    province_code: str = Field(max_length=2)
    tax_code: str = Field("", max_length=14)


class OrganisationOut(Schema):
    id: UUID = Field(alias="public_id")
    name: str
    kind: str
    province_code: str = Field(alias="province_id")


class DemandIn(Schema):
    organisation_id: UUID
    title: str = Field(max_length=200)
    description: str = Field("", max_length=8000)
    category_id: int
    product_id: UUID | None = None
    quantity: int
    unit: str = Field(max_length=10)
    frequency: str = Field(max_length=10)
    delivery_province_code: str = Field(max_length=2)
    delivery_ward_code: str | None = Field(None, max_length=5)
    delivery_start: date
    delivery_end: date
    min_ocop_stars: int = 0
    certifications: list[str] = Field(default_factory=list, max_length=10)
    price_ceiling_vnd: int | None = None
    closing_date: date
    visibility: str = Field(Demand.Visibility.PUBLIC, max_length=10)
    invited_seller_ids: list[UUID] = Field(default_factory=list, max_length=100)
    notify_me: bool = False


class DemandOut(Schema):
    id: UUID = Field(alias="public_id")
    organisation: str = Field(alias="organisation.name")
    title: str
    description: str
    category_id: int
    quantity: int
    unit: str
    frequency: str
    delivery_province_code: str = Field(alias="delivery_province_id")
    delivery_ward_code: str | None = Field(None, alias="delivery_ward_id")
    delivery_start: date
    delivery_end: date
    min_ocop_stars: int
    certifications: list[str]
    price_ceiling_vnd: int | None
    closing_date: date
    visibility: str
    status: str
    awarded_quantity: int


class OfferIn(Schema):
    seller_id: UUID | None = None
    title: str = Field(max_length=200)
    description: str = Field("", max_length=8000)
    category_id: int
    product_id: UUID | None = None
    quantity: int
    unit: str = Field(max_length=10)
    period: str = Field(max_length=10)
    season_months: list[int] = Field(default_factory=list, max_length=12)
    origin_province_code: str = Field(max_length=2)
    price_min_vnd: int
    price_max_vnd: int
    certifications: list[str] = Field(default_factory=list, max_length=10)
    ocop_stars: int = 0
    minimum_order: int = 0
    notify_me: bool = False


class OfferOut(Schema):
    id: UUID = Field(alias="public_id")
    seller: str = Field(alias="seller.name")
    title: str
    description: str
    category_id: int
    quantity: int
    unit: str
    period: str
    season_months: list[int]
    origin_province_code: str = Field(alias="origin_province_id")
    price_min_vnd: int
    price_max_vnd: int
    certifications: list[str]
    ocop_stars: int
    minimum_order: int
    status: str

    @staticmethod
    def resolve_season_months(obj):
        return mask_to_months(obj.season_mask)


class ReasonOut(Schema):
    name: str
    label: str
    points: float
    max: int
    text: str


class MatchOut(Schema):
    demand_id: UUID
    offer_id: UUID
    score: int
    reasons: list[ReasonOut]

    @staticmethod
    def resolve_demand_id(obj):
        return obj.demand.public_id

    @staticmethod
    def resolve_offer_id(obj):
        return obj.offer.public_id

    @staticmethod
    def resolve_reasons(obj):
        return match_reasons(obj.breakdown)


class MatchingOut(Schema):
    status: str
    progress: int
    matches: list[MatchOut]


class QuoteIn(Schema):
    seller_id: UUID | None = None
    price_per_unit_vnd: int
    quantity: int
    delivery_start: date
    delivery_end: date
    valid_until: date
    note: str = Field("", max_length=4000)


class QuoteOut(Schema):
    id: UUID = Field(alias="public_id")
    demand_id: UUID
    seller: str = Field(alias="seller.name")
    price_per_unit_vnd: int
    quantity: int
    delivery_start: date
    delivery_end: date
    valid_until: date
    note: str
    status: str
    accepted_quantity: int

    @staticmethod
    def resolve_demand_id(obj):
        return obj.demand.public_id


class AcceptIn(Schema):
    quantity: int | None = None


class MessageIn(Schema):
    body: str = Field(max_length=4000)


class MessageOut(Schema):
    is_from_buyer: bool
    body: str
    created_at: str

    @staticmethod
    def resolve_created_at(obj):
        return obj.created_at.isoformat()


class DeliveryOut(Schema):
    sequence: int
    due_date: date
    quantity: int
    status: str


class ContractOut(Schema):
    id: UUID = Field(alias="public_id")
    quote_id: UUID
    demand_id: UUID
    organisation: str = Field(alias="organisation.name")
    seller: str = Field(alias="seller.name")
    quantity: int
    unit: str
    price_per_unit_vnd: int
    total_vnd: int
    origin_province_code: str = Field(alias="origin_province_id")
    destination_province_code: str = Field(alias="destination_province_id")
    status: str
    deliveries: list[DeliveryOut]

    @staticmethod
    def resolve_quote_id(obj):
        return obj.quote.public_id

    @staticmethod
    def resolve_demand_id(obj):
        return obj.demand.public_id

    @staticmethod
    def resolve_deliveries(obj):
        return list(obj.deliveries.all())


class StatusIn(Schema):
    status: str = Field(max_length=12)


def _product_pk(public_id):
    if public_id is None:
        return None
    product = Product.objects.filter(public_id=public_id).values_list("pk", flat=True).first()
    if product is None:
        raise ApiError(422, "invalid_product", "Sản phẩm không tồn tại.", "Unknown product.")
    return product


def _demand_data(payload: DemandIn) -> services.DemandData:
    return services.DemandData(
        title=payload.title,
        description=payload.description,
        category_id=payload.category_id,
        product_id=_product_pk(payload.product_id),
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
        invited_seller_ids=list(
            Seller.objects.filter(public_id__in=payload.invited_seller_ids).values_list(
                "pk", flat=True
            )
        ),
    )


def _offer_data(payload: OfferIn) -> services.OfferData:
    return services.OfferData(
        title=payload.title,
        description=payload.description,
        category_id=payload.category_id,
        product_id=_product_pk(payload.product_id),
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


def _my_seller(request, seller_id: UUID | None) -> Seller:
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


# Organisations


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


# Demands


@router.get("/demands", response=list[DemandOut], auth=None, summary="Open public demands")
@paginate(CappedPageNumberPagination)
def demand_list(
    request, province: str = "", category: int = 0, certification: str = "", q: str = ""
):
    from .matching import category_family

    return selectors.demand_list_public(
        province=province[:2],
        category_ids=category_family(category) if category else None,
        certification=certification[:12],
        query=q[:100],
    )


@router.get("/demands/mine", response=list[DemandOut], summary="Your organisations' demands")
@paginate(CappedPageNumberPagination)
def demand_list_mine(request):
    return selectors.demand_list_for_user(request.auth)


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


@router.get("/demands/{demand_id}", response=DemandOut, summary="One demand")
def demand_get(request, demand_id: UUID):
    return selectors.demand_get_for_user(request.auth, demand_id)


@router.put("/demands/{demand_id}", response=DemandOut, summary="Change an open demand")
def demand_update(request, demand_id: UUID, payload: DemandIn):
    demand = selectors.demand_get_for_member(request.auth, demand_id)
    return services.demand_update(user=request.auth, demand=demand, data=_demand_data(payload))


@router.post("/demands/{demand_id}/status", response=DemandOut, summary="Close, reopen, cancel")
def demand_status(request, demand_id: UUID, payload: StatusIn):
    demand = selectors.demand_get_for_member(request.auth, demand_id)
    return services.demand_set_status(
        user=request.auth,
        demand=demand,
        status=payload.status,
        context=audit_context_from_request(request),
    )


@router.get("/demands/{demand_id}/matches", response=MatchingOut, summary="Matching offers")
def demand_matches(request, demand_id: UUID):
    demand = selectors.demand_get_for_member(request.auth, demand_id)
    job = selectors.matching_job_latest(demand=demand)
    return {
        "status": job.status if job else "none",
        "progress": job.progress if job else 0,
        "matches": list(selectors.matches_for_demand(demand).select_related("demand")[:20]),
    }


@router.get("/demands/{demand_id}/quotes", response=list[QuoteOut], summary="Quotes to compare")
def demand_quotes(request, demand_id: UUID):
    demand = selectors.demand_get_for_member(request.auth, demand_id)
    return list(selectors.quotes_for_demand(demand).select_related("demand"))


@router.post("/demands/{demand_id}/quotes", response={201: QuoteOut}, summary="Send a quote")
def quote_submit(request, demand_id: UUID, payload: QuoteIn):
    demand = selectors.demand_get_for_user(request.auth, demand_id)
    seller = _my_seller(request, payload.seller_id)
    quote = services.quote_submit(
        user=request.auth,
        seller=seller,
        demand=demand,
        data=services.QuoteData(
            price_per_unit_vnd=payload.price_per_unit_vnd,
            quantity=payload.quantity,
            delivery_start=payload.delivery_start,
            delivery_end=payload.delivery_end,
            valid_until=payload.valid_until,
            note=payload.note,
        ),
    )
    return Status(201, quote)


# Offers


@router.get("/offers", response=list[OfferOut], auth=None, summary="Active offers")
@paginate(CappedPageNumberPagination)
def offer_list(
    request, province: str = "", category: int = 0, certification: str = "", q: str = ""
):
    from .matching import category_family

    return selectors.offer_list_public(
        province=province[:2],
        category_ids=category_family(category) if category else None,
        certification=certification[:12],
        query=q[:100],
    )


@router.get("/offers/mine", response=list[OfferOut], summary="Your sellers' offers")
@paginate(CappedPageNumberPagination)
def offer_list_mine(request):
    return selectors.offer_list_for_user(request.auth)


@router.post("/offers", response={201: OfferOut}, summary="Post an offer")
def offer_create(request, payload: OfferIn):
    seller = _my_seller(request, payload.seller_id)
    offer = services.offer_create(
        user=request.auth,
        seller=seller,
        data=_offer_data(payload),
        wants_notifications=payload.notify_me,
    )
    return Status(201, offer)


@router.get("/offers/{offer_id}", response=OfferOut, summary="One offer")
def offer_get(request, offer_id: UUID):
    return selectors.offer_get_for_user(request.auth, offer_id)


@router.put("/offers/{offer_id}", response=OfferOut, summary="Change an offer")
def offer_update(request, offer_id: UUID, payload: OfferIn):
    offer = selectors.offer_get_for_member(request.auth, offer_id)
    return services.offer_update(user=request.auth, offer=offer, data=_offer_data(payload))


@router.post("/offers/{offer_id}/status", response=OfferOut, summary="Pause, resume, withdraw")
def offer_status(request, offer_id: UUID, payload: StatusIn):
    offer = selectors.offer_get_for_member(request.auth, offer_id)
    if payload.status not in Offer.Status.values:
        raise ApiError(422, "invalid_status", "Trạng thái không hợp lệ.", "Unknown status.")
    return services.offer_set_status(user=request.auth, offer=offer, status=payload.status)


@router.get("/offers/{offer_id}/matches", response=MatchingOut, summary="Matching demands")
def offer_matches(request, offer_id: UUID):
    offer = selectors.offer_get_for_member(request.auth, offer_id)
    job = selectors.matching_job_latest(offer=offer)
    return {
        "status": job.status if job else "none",
        "progress": job.progress if job else 0,
        "matches": list(selectors.matches_for_offer(offer).select_related("offer")[:20]),
    }


# Quotes


@router.get("/quotes", response=list[QuoteOut], summary="Quotes you sent or received")
@paginate(CappedPageNumberPagination)
def quote_list(request):
    return selectors.quotes_visible_to(request.auth).order_by("-created_at")


@router.get("/quotes/{quote_id}", response=QuoteOut, summary="One quote")
def quote_get(request, quote_id: UUID):
    return selectors.quote_get_for_user(request.auth, quote_id)


@router.post(
    "/quotes/{quote_id}/accept",
    response={201: ContractOut},
    summary="Accept (all or part of) a quote; 409 if someone else got there first",
)
def quote_accept(request, quote_id: UUID, payload: AcceptIn):
    quote = selectors.quote_get_for_user(request.auth, quote_id)
    contract = services.quote_accept(
        user=request.auth,
        quote=quote,
        quantity=payload.quantity,
        context=audit_context_from_request(request),
    )
    return Status(201, contract)


@router.post("/quotes/{quote_id}/reject", response=QuoteOut, summary="Decline a quote")
def quote_reject(request, quote_id: UUID):
    quote = selectors.quote_get_for_user(request.auth, quote_id)
    return services.quote_reject(
        user=request.auth,
        quote=quote,
        context=audit_context_from_request(request),
    )


@router.post("/quotes/{quote_id}/withdraw", response=QuoteOut, summary="Withdraw your quote")
def quote_withdraw(request, quote_id: UUID):
    quote = selectors.quote_get_for_user(request.auth, quote_id)
    return services.quote_withdraw(user=request.auth, quote=quote)


@router.get("/quotes/{quote_id}/messages", response=list[MessageOut], summary="Question thread")
def quote_messages(request, quote_id: UUID):
    quote = selectors.quote_get_for_user(request.auth, quote_id)
    return list(quote.messages.all())


@router.post("/quotes/{quote_id}/messages", response={201: MessageOut}, summary="Ask or answer")
def quote_message_post(request, quote_id: UUID, payload: MessageIn):
    quote = selectors.quote_get_for_user(request.auth, quote_id)
    message = services.quote_message_post(user=request.auth, quote=quote, body=payload.body)
    return Status(201, message)


# Contracts


@router.get("/contracts", response=list[ContractOut], summary="Your supply contracts")
@paginate(CappedPageNumberPagination)
def contract_list(request):
    return (
        selectors.contracts_visible_to(request.auth)
        .select_related("quote")
        .prefetch_related("deliveries")
        .order_by("-signed_at")
    )


@router.get("/contracts/{contract_id}", response=ContractOut, summary="One supply contract")
def contract_get(request, contract_id: UUID):
    return selectors.contract_get_for_user(request.auth, contract_id)


@router.post(
    "/contracts/{contract_id}/deliveries/{sequence}/{action}",
    response=DeliveryOut,
    summary="Mark a delivery shipped (supplier) or received (buyer)",
)
def delivery_update(request, contract_id: UUID, sequence: int, action: str):
    service = {
        "shipped": services.delivery_mark_shipped,
        "received": services.delivery_mark_received,
    }.get(action)
    if service is None:
        raise Http404
    delivery = selectors.delivery_get_for_user(request.auth, contract_id, sequence)
    return service(
        user=request.auth, delivery=delivery, context=audit_context_from_request(request)
    )
