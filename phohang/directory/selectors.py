"""Reads of the directory, shared by pages and the API."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Avg, Count, F, Max, Prefetch, Q, QuerySet
from django.db.models.functions import Round
from django.urls import reverse
from django.utils import timezone

from phohang.accounts.models import User
from phohang.catalog.selectors import product_cards, product_list_published
from phohang.core.errors import NotFound
from phohang.core.text import SEARCH_MAX_QUERY_CHARS, collation_key, search_fold
from phohang.sellers.models import Seller
from phohang.sellers.selectors import seller_list_public

from .drawing import CELLS_PER_DEGREE, MAP_MAX_DOTS, MapPoint
from .models import (
    SECTOR_BITS,
    CraftVillage,
    Inquiry,
    KeyProduct,
    Manufacturer,
    ManufacturerCertification,
    ManufacturerProcess,
    ManufacturerTerm,
    Milestone,
    Park,
    ParkChange,
    ParkFile,
    Project,
)
from .services.makers import TERM_LENGTH
from .services.profiles import can_edit_manufacturer
from .services.villages import MAX_SHOPS_PER_VILLAGE as MAX_LINKED_SHOPS
from .services.villages import can_manage_village
from .vocabulary import PROCESS_BY_CODE

PAGE_SIZE = 20
CELLS_CACHE_SECONDS = 600
PARK_LIST_FIELDS = (
    "slug",
    "name",
    "kind",
    "province__short_name",
    "ward__name",
    "total_area_ha",
    "free_area_ha",
    "occupancy_percent",
    "land_price_vnd_m2",
    "factory_rent_vnd_m2_month",
    "power_capacity_mva",
    "sectors_mask",
)


@dataclass(frozen=True)
class ParkFilters:
    province_id: str = ""
    min_free_ha: Decimal | None = None
    sector: str = ""
    max_price_vnd_m2: int | None = None
    min_power_mva: Decimal | None = None
    kind: str = ""


def park_search(filters: ParkFilters) -> QuerySet[Park]:
    """Published parks that meet every filter, the most free land first."""
    parks = Park.objects.filter(is_published=True)
    if filters.province_id:
        parks = parks.filter(province_id=filters.province_id)
    if filters.kind:
        parks = parks.filter(kind=filters.kind)
    if filters.min_free_ha is not None:
        parks = parks.filter(free_area_ha__gte=filters.min_free_ha)
    if filters.max_price_vnd_m2 is not None:
        parks = parks.filter(land_price_vnd_m2__lte=filters.max_price_vnd_m2)
    if filters.min_power_mva is not None:
        parks = parks.filter(power_capacity_mva__gte=filters.min_power_mva)
    if filters.sector in SECTOR_BITS:
        bit = SECTOR_BITS[filters.sector]
        parks = parks.annotate(sector_bit=F("sectors_mask").bitand(bit)).filter(sector_bit=bit)
    return (
        parks.select_related("province", "ward")
        .only(*PARK_LIST_FIELDS)
        .order_by("-free_area_ha", "name", "id")
    )


def page_of[M: models.Model](
    queryset: QuerySet[M], number: str | int | None, per_page: int = PAGE_SIZE
) -> Page[M]:
    return Paginator(queryset, per_page).get_page(number)


def park_get_public(slug: str) -> Park:
    park = (
        Park.objects.filter(slug=slug, is_published=True)
        .select_related("province", "ward", "operator")
        .first()
    )
    if park is None:
        raise NotFound()
    return park


def park_public_extras(park: Park) -> dict[str, list[Any]]:
    """Plots and approved files shown on the public page."""
    return {
        "plots": list(park.plots.all()),
        "photos": list(park.files.filter(is_approved=True, kind=ParkFile.Kind.PHOTO)),
        "documents": list(park.files.filter(is_approved=True, kind=ParkFile.Kind.DOCUMENT)),
    }


def parks_for_operator(user: User) -> QuerySet[Park]:
    if not user.is_authenticated:
        return Park.objects.none()
    return (
        Park.objects.filter(operator__members=user)
        .select_related("province", "operator")
        .annotate(
            open_leads=Count(
                "inquiries",
                filter=Q(inquiries__status__in=[Inquiry.Status.NEW, Inquiry.Status.CONTACTED]),
            )
        )
        .order_by("name")
    )


def park_get_for_operator(user: User, public_id: UUID | str) -> Park:
    park = parks_for_operator(user).filter(public_id=public_id).first()
    if park is None:
        raise NotFound()
    return park


def leads_for_operator(user: User) -> QuerySet[Inquiry]:
    if not user.is_authenticated:
        return Inquiry.objects.none()
    return Inquiry.objects.filter(park__operator__members=user).select_related("park")


def lead_get_for_operator(user: User, public_id: UUID | str) -> Inquiry:
    lead = leads_for_operator(user).filter(public_id=public_id).first()
    if lead is None:
        raise NotFound()
    return lead


def lead_get_for_investor(user: User, public_id: UUID | str) -> Inquiry:
    lead = Inquiry.objects.filter(public_id=public_id, investor=user).select_related("park").first()
    if lead is None:
        raise NotFound()
    return lead


def lead_counts_for_authority(user: User) -> dict[str, Any]:
    """Leads per status, per park and per province in the officer's provinces."""
    leads = user.province_scope.filter(Inquiry.objects.all(), "park__province_id")
    by_status = dict(leads.values_list("status").annotate(n=Count("id")).order_by())
    per_park = list(
        leads.values("park__name", "park__province__short_name")
        .annotate(
            total=Count("id"),
            site_visits=Count("id", filter=Q(status=Inquiry.Status.SITE_VISIT)),
            signed=Count("id", filter=Q(status=Inquiry.Status.SIGNED)),
        )
        .order_by("-total", "park__name")[:50]
    )
    statuses = [(value, label, by_status.get(value, 0)) for value, label in Inquiry.Status.choices]
    return {"statuses": statuses, "per_park": per_park, "total": sum(by_status.values())}


def changes_for_review(user: User) -> QuerySet[ParkChange]:
    changes = ParkChange.objects.filter(status=ParkChange.Status.PENDING)
    return (
        user.province_scope.filter(changes, "park__province_id")
        .select_related("park", "plot", "proposed_by")
        .order_by("created_at", "id")
    )


def change_get_for_reviewer(user: User, public_id: UUID | str) -> ParkChange:
    change = changes_for_review(user).filter(public_id=public_id).first()
    if change is None:
        raise NotFound()
    return change


def park_file_get(user: User, public_id: UUID | str) -> ParkFile:
    """An approved file for anyone; a pending one for its operator and reviewing staff only."""
    stored = ParkFile.objects.filter(public_id=public_id).select_related("park").first()
    if stored is None:
        raise NotFound()
    if stored.is_approved and stored.park.is_published:
        return stored
    if user.is_authenticated and (
        stored.park.operator.members.filter(pk=user.pk).exists()
        or (user.is_authority and user.province_scope.covers(stored.park.province_id))
    ):
        return stored
    raise NotFound()


@dataclass(frozen=True)
class CapabilityFilters:
    query: str = ""
    process: str = ""
    certification: str = ""
    province_id: str = ""
    key_products_only: bool = False


def query_words(query: str) -> list[str]:
    """The folded words of a capability query: "Ép nhựa" and "ep nhua" give the same words."""
    return search_fold(query[:SEARCH_MAX_QUERY_CHARS]).split()[:8]


def _starting_with(word: str) -> QuerySet[ManufacturerTerm, Any]:
    """Ids of manufacturers with a word starting with `word`: an index range on the term
    column ("ep" ≤ term < "eq"), which both databases answer without reading every text."""
    word = word[:TERM_LENGTH]
    following = word[:-1] + chr(ord(word[-1]) + 1)
    return ManufacturerTerm.objects.filter(term__gte=word, term__lt=following).values(
        "manufacturer_id"
    )


def manufacturer_search(filters: CapabilityFilters) -> QuerySet[Manufacturer]:
    """Published manufacturers with a capability word starting with each word typed (without
    diacritics), with the process, certification and province filters."""
    makers = Manufacturer.objects.filter(is_published=True)
    for word in query_words(filters.query):
        makers = makers.filter(pk__in=_starting_with(word))
    if filters.process in PROCESS_BY_CODE:
        makers = makers.filter(
            pk__in=ManufacturerProcess.objects.filter(code=filters.process).values(
                "manufacturer_id"
            )
        )
    if filters.certification:
        makers = makers.filter(
            pk__in=ManufacturerCertification.objects.filter(code=filters.certification).values(
                "manufacturer_id"
            )
        )
    if filters.province_id:
        makers = makers.filter(province_id=filters.province_id)
    if filters.key_products_only:
        makers = makers.filter(pk__in=KeyProduct.objects.values("manufacturer_id"))
    return makers.select_related("province").order_by("name", "id")


def manufacturer_cards(makers: QuerySet[Manufacturer]) -> list[Manufacturer]:
    """The page's rows with their processes and certifications (two more queries in all)."""
    return list(
        makers.only(
            "slug", "name", "materials", "tolerance_mm", "capacity", "province__short_name"
        ).prefetch_related(
            Prefetch(
                "processes", queryset=ManufacturerProcess.objects.only("manufacturer", "code")
            ),
            Prefetch(
                "certifications",
                queryset=ManufacturerCertification.objects.only("manufacturer", "code"),
            ),
        )
    )


def manufacturer_get(slug: str) -> Manufacturer:
    maker = (
        Manufacturer.objects.filter(slug=slug, is_published=True)
        .select_related("province", "ward", "seller")
        .prefetch_related("processes", "certifications", "key_products")
        .first()
    )
    if maker is None:
        raise NotFound()
    return maker


def manufacturers_for_member(user: User) -> QuerySet[Manufacturer]:
    """The manufacturers whose profile this user keeps, in name order."""
    if not user.is_authenticated:
        return Manufacturer.objects.none()
    return (
        Manufacturer.objects.filter(members=user)
        .select_related("province")
        .only("slug", "name", "is_published", "province__short_name")
        .order_by("name", "id")
    )


def manufacturer_get_for_editor(user: User, slug: str) -> Manufacturer:
    """A manufacturer its member or an officer of its province may edit; else not found."""
    maker = Manufacturer.objects.filter(slug=slug).select_related("province", "ward").first()
    if maker is None or not can_edit_manufacturer(user, maker):
        raise NotFound()
    return maker


def key_product_list() -> QuerySet[KeyProduct]:
    return KeyProduct.objects.filter(manufacturer__is_published=True).select_related(
        "manufacturer__province"
    )


def village_list(province_id: str = "") -> QuerySet[CraftVillage]:
    villages = CraftVillage.objects.select_related("province", "ward")
    if province_id:
        villages = villages.filter(province_id=province_id)
    return villages.order_by("sort_order", "id")


def village_points(villages: QuerySet[CraftVillage], limit: int = MAP_MAX_DOTS) -> list[MapPoint]:
    """The map's dots: each village while there are at most `limit`, else villages grouped in
    cells by the database (a dot per cell, sized by its count). The cells are kept in the shared
    cache under the villages' count and highest id, so a new or removed village redraws the map
    and a moved one shows within CELLS_CACHE_SECONDS."""
    located = villages.filter(latitude__isnull=False, longitude__isnull=False).order_by()
    stamp = located.aggregate(count=Count("id"), last=Max("id"))
    if stamp["count"] <= limit:
        return [
            MapPoint(name, latitude, longitude, reverse("directory:village", kwargs={"slug": slug}))
            for name, latitude, longitude, slug in located.values_list(
                "name", "latitude", "longitude", "slug"
            )
            if latitude is not None and longitude is not None
        ]
    where = hashlib.sha256(str(located.query).encode()).hexdigest()[:16]
    key = f"directory:village-cells:{where}:{stamp['count']}:{stamp['last']}"
    points: list[MapPoint] | None = cache.get(key)
    if points is None:
        cells = (
            located.annotate(
                cell_y=Round(F("latitude") * CELLS_PER_DEGREE),
                cell_x=Round(F("longitude") * CELLS_PER_DEGREE),
            )
            .values("cell_y", "cell_x")
            .annotate(count=Count("id"), latitude=Avg("latitude"), longitude=Avg("longitude"))
        )
        points = [
            MapPoint("", cell["latitude"], cell["longitude"], "", cell["count"]) for cell in cells
        ]
        cache.set(key, points, CELLS_CACHE_SECONDS)
    return points


def village_get(slug: str) -> CraftVillage:
    village = CraftVillage.objects.filter(slug=slug).select_related("province", "ward").first()
    if village is None:
        raise NotFound()
    return village


def village_sellers_and_products(
    village: CraftVillage, limit: int = 8
) -> tuple[list[Seller], list[Any]]:
    sellers = list(
        Seller.objects.filter(pk__in=village.sellers.values("pk"), is_active=True)
        .select_related("province")
        .only("slug", "name", "province__short_name")
        .order_by("name")[:20]
    )
    products = list(
        product_cards(product_list_published().filter(seller__in=[s.pk for s in sellers])).order_by(
            "-id"
        )[:limit]
        if sellers
        else []
    )
    return sellers, products


def village_get_for_manager(user: User, slug: str) -> CraftVillage:
    """A village whose shops this user may link (board member or officer of its province)."""
    village = CraftVillage.objects.filter(slug=slug).select_related("province", "ward").first()
    if village is None or not can_manage_village(user, village):
        raise NotFound()
    return village


def _by_name(sellers: Iterable[Seller]) -> list[Seller]:
    return sorted(sellers, key=lambda seller: collation_key(seller.name))


def village_shops_linked(village: CraftVillage) -> list[Seller]:
    """Every shop linked to the village, open or not, in Vietnamese dictionary order."""
    return _by_name(
        Seller.objects.filter(pk__in=village.sellers.values("pk"))
        .select_related("province")
        .only("public_id", "slug", "name", "is_active", "province__short_name")[:MAX_LINKED_SHOPS]
    )


def village_shop_candidates(village: CraftVillage, query: str, limit: int = 20) -> list[Seller]:
    """Open shops whose name or description holds `query`, not yet linked; the village's own
    province first."""
    query = query.strip()[:SEARCH_MAX_QUERY_CHARS]
    if len(query) < 2:
        return []
    found = (
        seller_list_public(query=query)
        .exclude(pk__in=village.sellers.values("pk"))
        .only("public_id", "slug", "name", "province__short_name", "province_id")[: limit * 3]
    )
    ordered = sorted(
        found,
        key=lambda seller: (seller.province_id != village.province_id, collation_key(seller.name)),
    )
    return ordered[:limit]


def project_list(*, province_id: str = "", kind: str = "") -> QuerySet[Project]:
    projects = Project.objects.select_related("province")
    if province_id:
        projects = projects.filter(province_id=province_id)
    if kind:
        projects = projects.filter(kind=kind)
    return projects.order_by("name", "id")


def project_get(public_id: UUID | str) -> Project:
    project = (
        Project.objects.filter(public_id=public_id)
        .select_related("province", "ward")
        .prefetch_related("milestones")
        .first()
    )
    if project is None:
        raise NotFound()
    return project


def late_milestones(user: User, today: date | None = None) -> QuerySet[Milestone]:
    """Milestones past their planned end and not finished, or finished late, in the officer's
    provinces; the most overdue first."""
    today = today or timezone.localdate()
    milestones = Milestone.objects.filter(
        Q(actual_end__isnull=True, planned_end__lt=today) | Q(actual_end__gt=F("planned_end"))
    )
    return (
        user.province_scope.filter(milestones, "project__province_id")
        .select_related("project__province")
        .order_by("planned_end", "id")
    )
