"""Reads of the trade context with per-object access: what others may not see answers 404."""

from collections.abc import Collection
from datetime import datetime
from typing import TypedDict
from uuid import UUID

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from phohang.accounts.models import User
from phohang.core.text import search_fold
from phohang.sellers.models import Seller, SellerMember

from .matching import query_terms
from .models import (
    CERTIFICATION_BITS,
    BuyerOrganisation,
    Delivery,
    Demand,
    Match,
    MatchingJob,
    Offer,
    Quote,
    StatusChange,
    SupplyContract,
)


class ContractFlow(TypedDict):
    pk: int
    origin_province_id: str
    destination_province_id: str
    total_vnd: int
    signed_at: datetime


def organisations_for_user(user: User) -> QuerySet[BuyerOrganisation]:
    if not user.is_authenticated:
        return BuyerOrganisation.objects.none()
    return BuyerOrganisation.objects.filter(members=user).select_related("province")


def seller_ids_for_user(user: User) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(
        SellerMember.objects.filter(user=user, is_active=True, seller__is_active=True).values_list(
            "seller_id", flat=True
        )
    )


def sellers_for_user(user: User) -> QuerySet[Seller]:
    return Seller.objects.filter(pk__in=seller_ids_for_user(user))


def is_trade_overseer(user: User) -> bool:
    """Authority staff and platform admins oversee demands (each read of an invited one is
    audited): city-level staff every demand, a province's officer those of their province."""
    return user.is_authenticated and user.is_active and (user.is_authority or user.is_superuser)


def _text_filter[PostingT: (Demand, Offer)](
    queryset: QuerySet[PostingT], query: str
) -> QuerySet[PostingT]:
    terms, _pairs = query_terms(query)
    if not terms:
        terms = search_fold(query).split()
    for term in terms[:8]:
        queryset = queryset.filter(search_text__contains=f" {term} ")
    return queryset


def _certification_filter[PostingT: (Demand, Offer)](
    queryset: QuerySet[PostingT], certification: str
) -> QuerySet[PostingT]:
    bit = CERTIFICATION_BITS.get(certification)
    if not bit:
        return queryset
    from django.db.models import F

    return queryset.annotate(_cert=F("certifications_mask").bitand(bit)).filter(_cert=bit)


def _board_filter[PostingT: (Demand, Offer)](
    postings: QuerySet[PostingT],
    *,
    province_field: str,
    province: str,
    category_ids: Collection[int] | None,
    certification: str,
    query: str,
) -> QuerySet[PostingT]:
    """The filters of a public board: a province, a category family, a certification, words."""
    if province:
        postings = postings.filter(**{province_field: province})
    if category_ids:
        postings = postings.filter(category_id__in=category_ids)
    if certification:
        postings = _certification_filter(postings, certification)
    if query:
        postings = _text_filter(postings, query)
    return postings.order_by("-created_at", "-id")


def demand_list_public(
    *,
    province: str = "",
    category_ids: Collection[int] | None = None,
    certification: str = "",
    query: str = "",
) -> QuerySet[Demand]:
    """Open public demands for the board."""
    demands = Demand.objects.filter(
        status=Demand.Status.OPEN, visibility=Demand.Visibility.PUBLIC
    ).select_related("organisation", "category", "delivery_province")
    return _board_filter(
        demands,
        province_field="delivery_province_id",
        province=province,
        category_ids=category_ids,
        certification=certification,
        query=query,
    )


def offer_list_public(
    *,
    province: str = "",
    category_ids: Collection[int] | None = None,
    certification: str = "",
    query: str = "",
) -> QuerySet[Offer]:
    """Active offers of active sellers for the board."""
    offers = Offer.objects.filter(
        status=Offer.Status.ACTIVE, seller__is_active=True
    ).select_related("seller", "category", "origin_province")
    return _board_filter(
        offers,
        province_field="origin_province_id",
        province=province,
        category_ids=category_ids,
        certification=certification,
        query=query,
    )


def demands_visible_to(user: User) -> QuerySet[Demand]:
    """Public demands, plus invited ones for their buyers and invited suppliers."""
    demands = Demand.objects.select_related(
        "organisation", "category", "delivery_province", "delivery_ward", "product"
    )
    scope = user.province_scope if is_trade_overseer(user) else None
    if scope is not None and scope.is_everywhere:
        return demands
    public = Q(visibility=Demand.Visibility.PUBLIC) & ~Q(status=Demand.Status.CANCELLED)
    if not user.is_authenticated:
        return demands.filter(public)
    member_ids = BuyerOrganisation.objects.filter(members=user).values("pk")
    visible = public | Q(organisation__in=member_ids)
    if scope is not None and scope.province_id:
        visible |= Q(delivery_province_id=scope.province_id)
        visible |= Q(organisation__province_id=scope.province_id)
    seller_ids = seller_ids_for_user(user)
    if seller_ids:
        invited = Demand.invited_sellers.through.objects.filter(seller_id__in=seller_ids)
        visible |= Q(pk__in=invited.values("demand_id")) & ~Q(status=Demand.Status.CANCELLED)
    return demands.filter(visible)


def demand_get_for_user(user: User, public_id: UUID | str) -> Demand:
    demand = demands_visible_to(user).filter(public_id=public_id).first()
    if demand is None:
        raise Http404
    return demand


def demand_get_for_member(user: User, public_id: UUID | str) -> Demand:
    """A demand of one of the user's organisations (for editing and quote comparison)."""
    demand = (
        Demand.objects.filter(public_id=public_id, organisation__members=user)
        .select_related("organisation", "category", "delivery_province")
        .first()
        if user.is_authenticated
        else None
    )
    if demand is None:
        raise Http404
    return demand


def demand_list_for_user(user: User) -> QuerySet[Demand]:
    return (
        Demand.objects.filter(organisation__members=user)
        .select_related("organisation", "category", "delivery_province")
        .order_by("-created_at")
    )


def offers_visible_to(user: User) -> QuerySet[Offer]:
    visible = Q(status=Offer.Status.ACTIVE, seller__is_active=True)
    seller_ids = seller_ids_for_user(user)
    if seller_ids:
        visible |= Q(seller_id__in=seller_ids)
    return Offer.objects.filter(visible).select_related("seller", "category", "origin_province")


def offer_get_for_user(user: User, public_id: UUID | str) -> Offer:
    offer = offers_visible_to(user).filter(public_id=public_id).first()
    if offer is None:
        raise Http404
    return offer


def offer_get_for_member(user: User, public_id: UUID | str) -> Offer:
    offer = (
        Offer.objects.filter(public_id=public_id, seller_id__in=seller_ids_for_user(user))
        .select_related("seller", "category", "origin_province")
        .first()
    )
    if offer is None:
        raise Http404
    return offer


def offer_list_for_user(user: User) -> QuerySet[Offer]:
    return (
        Offer.objects.filter(seller_id__in=seller_ids_for_user(user))
        .select_related("seller", "category", "origin_province")
        .order_by("-created_at")
    )


def matches_for_demand(demand: Demand) -> QuerySet[Match]:
    return (
        Match.objects.filter(demand=demand, offer__status=Offer.Status.ACTIVE)
        .select_related("offer__seller", "offer__origin_province", "offer__category")
        .order_by("-score", "id")
    )


def matches_for_offer(offer: Offer) -> QuerySet[Match]:
    return (
        Match.objects.filter(demand__status=Demand.Status.OPEN, offer=offer)
        .select_related("demand__organisation", "demand__delivery_province", "demand__category")
        .order_by("-score", "id")
    )


def matching_job_latest(
    *, demand: Demand | None = None, offer: Offer | None = None
) -> MatchingJob | None:
    jobs = (
        MatchingJob.objects.filter(demand=demand)
        if demand
        else MatchingJob.objects.filter(offer=offer)
    )
    return jobs.order_by("-created_at", "-id").first()


def quotes_visible_to(user: User) -> QuerySet[Quote]:
    if not user.is_authenticated:
        return Quote.objects.none()
    return (
        Quote.objects.filter(
            Q(seller_id__in=seller_ids_for_user(user)) | Q(demand__organisation__members=user)
        )
        .select_related("demand__organisation", "seller", "offer__origin_province")
        .distinct()
    )


def quote_get_for_user(user: User, public_id: UUID | str) -> Quote:
    quote = quotes_visible_to(user).filter(public_id=public_id).first()
    if quote is None:
        raise Http404
    return quote


def quotes_for_demand(demand: Demand) -> QuerySet[Quote]:
    return (
        demand.quotes.select_related("seller__province", "offer__origin_province")
        .prefetch_related("attachments")
        .order_by("price_per_unit_vnd", "created_at")
    )


def quote_for_seller(demand: Demand, seller_ids: Collection[int]) -> Quote | None:
    return (
        demand.quotes.filter(
            seller_id__in=seller_ids, status__in=[Quote.Status.SUBMITTED, Quote.Status.ACCEPTED]
        )
        .select_related("seller")
        .first()
    )


def contracts_visible_to(user: User) -> QuerySet[SupplyContract]:
    if not user.is_authenticated:
        return SupplyContract.objects.none()
    return (
        SupplyContract.objects.filter(
            Q(seller_id__in=seller_ids_for_user(user)) | Q(organisation__members=user)
        )
        .select_related(
            "demand", "organisation", "seller", "origin_province", "destination_province"
        )
        .distinct()
    )


def contract_get_for_user(user: User, public_id: UUID | str) -> SupplyContract:
    contract = contracts_visible_to(user).filter(public_id=public_id).first()
    if contract is None:
        raise Http404
    return contract


def delivery_get_for_user(user: User, contract_public_id: UUID | str, sequence: int) -> Delivery:
    contract = contract_get_for_user(user, contract_public_id)
    delivery = contract.deliveries.filter(sequence=sequence).first()
    if delivery is None:
        raise Http404
    delivery.contract = contract
    return delivery


def history_for(obj: Model) -> QuerySet[StatusChange]:
    return StatusChange.objects.filter(
        object_type=obj._meta.model_name, object_id=obj.pk
    ).select_related("actor")


def contract_flows(*, since: datetime | None = None) -> QuerySet[SupplyContract, ContractFlow]:
    """Contracts with their origin and destination, for the insights projection."""
    contracts = SupplyContract.objects.exclude(status=SupplyContract.Status.CANCELLED)
    if since:
        contracts = contracts.filter(signed_at__gte=since)
    return contracts.values(
        "pk", "origin_province_id", "destination_province_id", "total_vnd", "signed_at"
    )
