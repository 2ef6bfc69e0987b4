"""Reads of the catalog shared by pages, the API and other apps (orders, search, insights)."""

from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from phohang.geo.models import Province
from phohang.sellers.models import Seller

from .models import Category, Product, ProductVariant


def product_list_published() -> QuerySet[Product]:
    """Published products of active, verified sellers."""
    return Product.objects.published()


def variant_for_sale(variant_id: int) -> ProductVariant | None:
    """The variant if its product is published by an active verified seller; else None."""
    return variants_for_sale([variant_id]).first()


def variants_for_sale(ids: Iterable[int]) -> QuerySet[ProductVariant]:
    """Variants among `ids` that can be bought now (QuerySet; use `.in_bulk()` for a dict)."""
    return ProductVariant.objects.filter(
        pk__in=list(ids),
        product__status=Product.Status.PUBLISHED,
        product__seller__is_active=True,
        product__seller__is_verified=True,
    ).select_related("product__seller", "product__origin_province")


def product_search_documents(ids: Iterable[int]) -> list[dict]:
    """Plain dicts the search index stores, for those of `ids` that are published."""
    today = timezone.localdate()
    has_stock = ProductVariant.objects.filter(
        product=OuterRef("pk"), stock_on_hand__gt=F("stock_reserved")
    )
    products = (
        product_list_published()
        .filter(pk__in=list(ids))
        .select_related("category", "seller", "origin_province")
        .annotate(in_stock=Exists(has_stock))
    )
    documents = []
    for product in products:
        ocop_valid = bool(
            product.ocop_stars
            and product.ocop_verified_at
            and not product.ocop_revoked_at
            and product.ocop_expires_on
            and product.ocop_expires_on >= today
        )
        documents.append(
            {
                "id": product.pk,
                "public_id": str(product.public_id),
                "title": product.title,
                "category_name": product.category.name_vi,
                "category_slug": product.category.slug,
                "seller_name": product.seller.name,
                "seller_type": product.seller.seller_type,
                "description": product.description,
                "province_code": product.origin_province_id,
                "province_name": product.origin_province.name,
                "min_price_vnd": product.min_price_vnd,
                "ocop_stars": product.ocop_stars if ocop_valid else None,
                "has_stock": product.in_stock,
                "published_at": product.published_at,
                "url": product.get_absolute_url(),
                "image_url": product.cover_thumbnail_url,
            }
        )
    return documents


# Each listing order is served by one index read forwards or backwards (see Product.Meta), so a
# page costs the same whatever the listing's size. Products without OCOP stars sort last, as 0
# stars: a plain descending order would put them first on PostgreSQL (NULL sorts high there).
# The 0 is written into the SQL, not passed as a parameter, so that the expression matches the
# indexes' own COALESCE("ocop_stars", 0) and the databases use them for the order.
SORTS = {
    "newest": ("-published_at", "-id"),
    "price_asc": ("min_price_vnd", "id"),
    "price_desc": ("-min_price_vnd", "-id"),
    "ocop": (Coalesce("ocop_stars", RawSQL("0", ())).desc(), "-published_at", "-id"),
}
PAGE_SIZES = (12, 24, 48)
CARD_FIELDS = (
    "id",
    "public_id",
    "title",
    "slug",
    "unit",
    "min_price_vnd",
    "cover_thumbnail",
    "ocop_stars",
    "ocop_verified_at",
    "ocop_revoked_at",
    "ocop_expires_on",
    "published_at",
    "origin_province__code",
    "origin_province__short_name",
    "origin_province__slug",
)


CATEGORY_TREE_CACHE_KEY = "catalog:category_tree"


def category_tree() -> list[Category]:
    """Active top-level categories with their children attached (cached briefly)."""
    key = CATEGORY_TREE_CACHE_KEY
    tree = cache.get(key)
    if tree is None:
        categories = list(Category.objects.filter(is_active=True))
        children: dict[int, list[Category]] = {}
        for category in categories:
            children.setdefault(category.parent_id, []).append(category)
        for category in categories:
            category.child_list = children.get(category.pk, [])
        tree = children.get(None, [])
        cache.set(key, tree, 300)
    return tree


def category_get(slug: str) -> Category:
    for top in category_tree():
        if top.slug == slug:
            return top
        for child in top.child_list:
            if child.slug == slug:
                child.parent_cached = top
                return child
    raise Http404


def category_descendant_ids(category: Category) -> list[int]:
    return [category.pk, *(child.pk for child in getattr(category, "child_list", []))]


def product_cards(queryset: QuerySet[Product]) -> QuerySet[Product]:
    """Only what a product card shows (see catalog.cards), in one query with its join."""
    return queryset.select_related("origin_province").only(*CARD_FIELDS)


def _listing_rows(
    products: QuerySet[Product],
    *,
    category: Category | None,
    province: Province | None,
    ocop_only: bool,
    ocop_stars: int | None,
) -> QuerySet[Product]:
    if category is not None:
        products = products.filter(category_id__in=category_descendant_ids(category))
    if province is not None:
        products = products.filter(origin_province=province)
    if ocop_only or ocop_stars is not None:
        products = products.ocop_valid()
    if ocop_stars is not None:
        products = products.filter(ocop_stars=ocop_stars)
    return products


def product_list_for_listing(
    *,
    category: Category | None = None,
    province: Province | None = None,
    ocop_only: bool = False,
    ocop_stars: int | None = None,
    sort: str = "newest",
) -> QuerySet[Product]:
    products = _listing_rows(
        product_list_published(),
        category=category,
        province=province,
        ocop_only=ocop_only,
        ocop_stars=ocop_stars,
    )
    return product_cards(products).order_by(*SORTS.get(sort, SORTS["newest"]))


LISTING_COUNTS_KEY = "catalog:listing_counts"
HOME_OCOP_KEY = "catalog:home_ocop"
HOME_REGIONAL_KEY = "catalog:home_regional"
PROVINCE_COUNTS_KEY = "catalog:province_counts"
PROVINCES_WITH_PRODUCTS_KEY = "catalog:provinces_with_products"
HOME_SECTION_SIZE = 8
# Catalog events drop these at once (listing_caches_forget); the lifetime only bounds how long
# changes made outside the catalog (a seller deactivated, a category moved) take to show.
LISTING_CACHE_SECONDS = 300


def product_count_for_listing(
    *,
    category: Category | None = None,
    province: Province | None = None,
    ocop_only: bool = False,
    ocop_stars: int | None = None,
) -> int:
    """How many products product_list_for_listing holds with the same arguments (cached).

    Counting through the seller join visits every row of a listing of tens of thousands; the
    listing's own index counts the published rows alone, and the few rows of inactive or
    unverified sellers are then taken off through the seller index. All listings' counts share
    one cache entry that every catalog event drops.
    """
    key = (
        f"{category.pk if category else ''}:{province.pk if province else ''}:"
        f"{int(ocop_only)}:{ocop_stars or ''}"
    )
    counts = cache.get(LISTING_COUNTS_KEY) or {}
    if key not in counts:
        rows = _listing_rows(
            Product.objects.filter(status=Product.Status.PUBLISHED),
            category=category,
            province=province,
            ocop_only=ocop_only,
            ocop_stars=ocop_stars,
        )
        count = rows.count()
        withheld = list(
            Seller.objects.filter(Q(is_active=False) | Q(is_verified=False)).values_list(
                "pk", flat=True
            )
        )
        if withheld:
            count -= rows.filter(seller_id__in=withheld).count()
        counts[key] = count
        cache.set(LISTING_COUNTS_KEY, counts, LISTING_CACHE_SECONDS)
    return counts[key]


def listing_caches_forget() -> None:
    """Called after every catalog change: counts and home sections are rebuilt on next view."""
    cache.delete_many(
        [
            LISTING_COUNTS_KEY,
            f"{HOME_OCOP_KEY}:{HOME_SECTION_SIZE}",
            f"{HOME_REGIONAL_KEY}:{HOME_SECTION_SIZE}",
            PROVINCE_COUNTS_KEY,
            PROVINCES_WITH_PRODUCTS_KEY,
        ]
    )


def product_get_published(public_id) -> Product:
    product = (
        product_list_published()
        .filter(public_id=public_id)
        .select_related("category__parent", "seller__province", "origin_province", "origin_ward")
        .prefetch_related(
            Prefetch(
                "variants",
                queryset=ProductVariant.objects.prefetch_related("wholesale_tiers"),
            ),
            "images",
        )
        .first()
    )
    if product is None:
        raise Http404
    return product


def product_related(product: Product, limit: int = 4) -> tuple[list[Product], list[Product]]:
    """Two fixed queries: newest from the same province, then from the same category."""
    base = product_list_published().exclude(pk=product.pk)
    same_province = list(
        product_cards(base.filter(origin_province_id=product.origin_province_id)).order_by(
            "-published_at", "-id"
        )[:limit]
    )
    same_category = list(
        product_cards(
            base.filter(category_id=product.category_id).exclude(
                origin_province_id=product.origin_province_id
            )
        ).order_by("-published_at", "-id")[:limit]
    )
    return same_province, same_category


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
        provinces = list(Province.objects.filter(Exists(listed)).order_by("short_name"))
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
        withheld = Seller.objects.filter(Q(is_active=False) | Q(is_verified=False))
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
            for province in Province.objects.filter(pk__in=counts).order_by("short_name")
            if counts[province.pk] > 0
        ]
        cache.set(PROVINCE_COUNTS_KEY, rows, LISTING_CACHE_SECONDS)
    return rows


def product_list_for_seller(
    seller: Seller, *, status: str = "", low_stock: bool = False, query: str = ""
) -> QuerySet[Product]:
    products = (
        Product.objects.filter(seller=seller)
        .select_related("category", "origin_province")
        .annotate(
            total_available=Sum(F("variants__stock_on_hand") - F("variants__stock_reserved")),
            variant_count=Count("variants"),
        )
        .order_by("-updated_at", "-id")
    )
    if status in Product.Status.values:
        products = products.filter(status=status)
    if query:
        products = products.filter(
            Q(title__icontains=query) | Q(variants__sku__icontains=query)
        ).distinct()
    if low_stock:
        low = ProductVariant.objects.filter(
            product=OuterRef("pk"),
            stock_on_hand__lte=F("stock_reserved") + F("low_stock_threshold"),
        )
        products = products.filter(Exists(low))
    return products


def product_get_for_seller(seller: Seller | None, public_id) -> Product:
    """The seller's own product, or 404 (other sellers' products do not exist for them)."""
    if seller is None:
        raise Http404
    product = (
        Product.objects.filter(seller=seller, public_id=public_id)
        .select_related("category", "origin_province", "origin_ward", "seller")
        .prefetch_related(
            Prefetch(
                "variants", queryset=ProductVariant.objects.prefetch_related("wholesale_tiers")
            ),
            "images",
        )
        .first()
    )
    if product is None:
        raise Http404
    return product


def low_stock_variants(seller: Seller, limit: int = 20) -> QuerySet[ProductVariant]:
    return (
        ProductVariant.objects.filter(
            seller=seller,
            stock_on_hand__lte=F("stock_reserved") + F("low_stock_threshold"),
        )
        .exclude(product__status=Product.Status.SUSPENDED)
        .select_related("product")
        .order_by("stock_on_hand", "id")[:limit]
    )


def product_list_for_authority(
    *, status: str = "", ocop: str = "", query: str = ""
) -> QuerySet[Product]:
    products = Product.objects.select_related("seller", "origin_province", "category").order_by(
        "-updated_at", "-id"
    )
    if status in Product.Status.values:
        products = products.filter(status=status)
    if ocop == "pending":
        products = products.filter(
            ocop_stars__isnull=False, ocop_verified_at__isnull=True, ocop_revoked_at__isnull=True
        )
    elif ocop == "verified":
        products = products.filter(ocop_verified_at__isnull=False, ocop_revoked_at__isnull=True)
    if query:
        products = products.filter(Q(title__icontains=query) | Q(seller__name__icontains=query))
    return products


def product_get_any(public_id) -> Product:
    product = (
        Product.objects.filter(public_id=public_id)
        .select_related("seller", "origin_province", "origin_ward", "category")
        .prefetch_related("variants", "images")
        .first()
    )
    if product is None:
        raise Http404
    return product
