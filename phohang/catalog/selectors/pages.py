"""What the product page and the home page show, read through the shared cache."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Subquery, Sum

from phohang.geo.models import Province
from phohang.sellers.models import Seller, identified_q

from ..models import Product, ProductVariant, WholesaleTier
from .listings import (
    HOME_OCOP_KEY,
    HOME_REGIONAL_KEY,
    HOME_SECTION_SIZE,
    LISTING_CACHE_SECONDS,
    PROVINCE_COUNTS_KEY,
    PROVINCES_WITH_PRODUCTS_KEY,
    generation_entries,
    generation_entries_store,
    product_cards,
)
from .products import product_get_published, product_list_published

NEWEST_CARDS_KEY = "catalog:newest_cards"


@dataclass(frozen=True)
class ProductPage:
    """What the product page shows; the product and its variants (price, stock) are read fresh."""

    product: Product
    variants: list[ProductVariant]
    same_province: list[Product]
    same_category: list[Product]


def product_page_get(public_id) -> ProductPage:
    """The published product behind `public_id` with its images and variants, or 404.

    The product and its variants are read on every request (whether it may be shown, its
    prices and stock); the related cards, shared by every product of a province or category,
    come from the shared cache.
    """
    product = product_get_published(public_id, with_variants=False)
    same_province, same_category = product_related(product)
    return ProductPage(product, _variants_with_tiers(product.pk), same_province, same_category)


def product_related(product: Product, limit: int = 4) -> tuple[list[Product], list[Product]]:
    """Newest from the same province, then the newest of the same category not shown yet.

    Both come from the newest cards of the province (limit + 1) and of the category
    (2 × limit + 1), which are enough to leave out the product itself and the province's
    cards; those lists are kept in the shared cache for the catalog generation (one read).
    """
    wanted = {
        f"{NEWEST_CARDS_KEY}:province:{product.origin_province_id}:{limit + 1}": (
            "origin_province_id",
            product.origin_province_id,
            limit + 1,
        ),
        f"{NEWEST_CARDS_KEY}:category:{product.category_id}:{2 * limit + 1}": (
            "category_id",
            product.category_id,
            2 * limit + 1,
        ),
    }
    generation, found = generation_entries(wanted)
    missing = {
        key: _newest_cards(*arguments) for key, arguments in wanted.items() if key not in found
    }
    generation_entries_store(generation, missing)
    by_province, by_category = ({**found, **missing}[key] for key in wanted)
    same_province = [card for card in by_province if card.pk != product.pk][:limit]
    shown = {product.pk, *(card.pk for card in same_province)}
    same_category = [card for card in by_category if card.pk not in shown][:limit]
    return same_province, same_category


def _newest_cards(field: str, value, size: int) -> list[Product]:
    return list(
        product_cards(product_list_published().filter(**{field: value})).order_by(
            "-published_at", "-id"
        )[:size]
    )


def _variants_with_tiers(product_id: int) -> list[ProductVariant]:
    """A product's variants, each with `tier_list`; no tier query when none has tiers."""
    tiers = WholesaleTier.objects.filter(variant=OuterRef("pk"))
    variants = list(
        ProductVariant.objects.filter(product_id=product_id).annotate(has_tiers=Exists(tiers))
    )
    by_variant: dict[int, list[WholesaleTier]] = {}
    if any(variant.has_tiers for variant in variants):
        for tier in WholesaleTier.objects.filter(variant__product_id=product_id):
            by_variant.setdefault(tier.variant_id, []).append(tier)
    for variant in variants:
        variant.tier_list = by_variant.get(variant.pk, [])
    return variants


def home_sections() -> dict:
    """The catalog's home page sections, read from the cache together (built when missing)."""
    keys = {
        "featured_ocop": f"{HOME_OCOP_KEY}:{HOME_SECTION_SIZE}",
        "regional_specialties": f"{HOME_REGIONAL_KEY}:{HOME_SECTION_SIZE}",
        "provinces": PROVINCES_WITH_PRODUCTS_KEY,
    }
    found = cache.get_many(keys.values())
    builders = {
        "featured_ocop": home_featured_ocop,
        "regional_specialties": home_regional_specialties,
        "provinces": provinces_with_products,
    }
    return {name: found[key] if key in found else builders[name]() for name, key in keys.items()}


def home_featured_ocop(limit: int = HOME_SECTION_SIZE) -> list[Product]:
    key = f"{HOME_OCOP_KEY}:{limit}"
    products = cache.get(key)
    if products is None:
        products = list(
            product_cards(product_list_published().ocop_valid().filter(ocop_stars__gte=4)).order_by(
                "-published_at", "-id"
            )[:limit]
        )
        cache.set(key, products, LISTING_CACHE_SECONDS)
    return products


def home_regional_specialties(limit: int = HOME_SECTION_SIZE) -> list[Product]:
    """The newest product of each of `limit` provinces (one index seek per province, cached)."""
    key = f"{HOME_REGIONAL_KEY}:{limit}"
    products = cache.get(key)
    if products is None:
        newest = (
            product_list_published()
            .filter(origin_province=OuterRef("pk"))
            .order_by("-published_at", "-id")
            .values("pk")[:1]
        )
        ids = list(
            Province.objects.annotate(newest_id=Subquery(newest))
            .filter(newest_id__isnull=False)
            .values_list("newest_id", flat=True)
        )
        products = list(
            product_cards(Product.objects.filter(pk__in=ids)).order_by("-published_at", "-id")[
                :limit
            ]
        )
        cache.set(key, products, LISTING_CACHE_SECONDS)
    return products


def provinces_with_products() -> list[Province]:
    """Provinces that have at least one published product, by name (one seek each, cached)."""
    provinces = cache.get(PROVINCES_WITH_PRODUCTS_KEY)
    if provinces is None:
        listed = product_list_published().filter(origin_province=OuterRef("pk"))
        provinces = list(Province.objects.filter(Exists(listed)).order_by("sort_order"))
        cache.set(PROVINCES_WITH_PRODUCTS_KEY, provinces, LISTING_CACHE_SECONDS)
    return provinces


def province_product_counts() -> list[dict]:
    """Provinces with published products and how many (cached; counted as listings are)."""
    rows = cache.get(PROVINCE_COUNTS_KEY)
    if rows is None:
        published = Product.objects.filter(status=Product.Status.PUBLISHED)
        counts = dict(
            published.values_list("origin_province").annotate(count=Count("id")).order_by()
        )
        withheld = Seller.objects.exclude(identified_q())
        for code, count in (
            published.filter(seller__in=withheld)
            .values_list("origin_province")
            .annotate(count=Count("id"))
            .order_by()
        ):
            counts[code] -= count
        rows = [
            {
                "origin_province__slug": province.slug,
                "origin_province__short_name": province.short_name,
                "count": counts[province.pk],
            }
            for province in Province.objects.filter(pk__in=counts).order_by("sort_order")
            if counts[province.pk] > 0
        ]
        cache.set(PROVINCE_COUNTS_KEY, rows, LISTING_CACHE_SECONDS)
    return rows


SELLER_STATS_KEY = "catalog:seller_stats"


@dataclass(frozen=True)
class SellerStats:
    """A seller's published products, their reviews and the units they sold."""

    products: int
    rating_count: int
    rating_total: int
    sold: int

    @property
    def average(self) -> float | None:
        return round(self.rating_total / self.rating_count, 1) if self.rating_count else None


def seller_stats(seller_id: int) -> SellerStats:
    """Summed over the seller's published products (one index range; shared cache, briefly)."""
    key = f"{SELLER_STATS_KEY}:{seller_id}"
    stats = cache.get(key)
    if stats is None:
        totals = Product.objects.filter(
            seller_id=seller_id, status=Product.Status.PUBLISHED
        ).aggregate(
            products=Count("id"),
            rating_count=Sum("rating_count"),
            rating_total=Sum("rating_total"),
            sold=Sum("sold_count"),
        )
        stats = SellerStats(**{name: value or 0 for name, value in totals.items()})
        cache.set(key, stats, LISTING_CACHE_SECONDS)
    return stats
