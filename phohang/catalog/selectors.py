"""Reads of the catalog shared by pages, the API and other apps (orders, search, insights)."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from phohang.core import sql
from phohang.geo.models import Province
from phohang.sellers.models import Seller

from .models import Category, Product, ProductVariant, WholesaleTier


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


# What checkout reads of a variant (and its product, seller, seller's province): the rest of
# each row stays deferred.
_BRIEF_VARIANT = sql.field_order(
    ProductVariant,
    ["id", "product_id", "seller_id", "name", "sku", "price_vnd", "weight_grams"]
    + ["stock_on_hand", "stock_reserved"],
)
_BRIEF_PRODUCT = sql.field_order(
    Product,
    ["id", "seller_id", "title", "slug", "category_id", "origin_province_id", "status", "unit"],
)
_BRIEF_SELLER = sql.field_order(
    Seller, ["id", "slug", "name", "province_id", "is_verified", "is_active"]
)
_BRIEF_PROVINCE = sql.field_order(Province, ["code", "name", "short_name", "slug"])


def variants_for_sale_brief(ids: Iterable[int]) -> dict[int, ProductVariant]:
    """{id: variant} for those of `ids` that can be bought now, with `product.seller.province`
    loaded: the same rule as `variants_for_sale`, read for checkout.

    Checkout runs this on every order; written out once, the statement costs a tenth of the CPU
    the ORM spends compiling its four-table join. Unlisted fields stay deferred.
    """
    ids = sorted({int(pk) for pk in ids})
    if not ids:
        return {}
    statement = (
        f"SELECT {sql.columns(ProductVariant, 'v', _BRIEF_VARIANT)},"  # noqa: S608
        f" {sql.columns(Product, 'p', _BRIEF_PRODUCT)},"
        f" {sql.columns(Seller, 's', _BRIEF_SELLER)},"
        f" {sql.columns(Province, 'g', _BRIEF_PROVINCE)}"
        f" FROM {sql.table(ProductVariant)} v"
        f" INNER JOIN {sql.table(Product)} p ON p.id = v.product_id"
        f" INNER JOIN {sql.table(Seller)} s ON s.id = p.seller_id"
        f" LEFT OUTER JOIN {sql.table(Province)} g ON g.code = s.province_id"
        f" WHERE v.id IN ({sql.placeholders(len(ids))})"
        " AND p.status = %s AND s.is_active = %s AND s.is_verified = %s"
    )
    rows = sql.fetch_all(
        ProductVariant, statement, [*ids, Product.Status.PUBLISHED.value, True, True]
    )
    cuts = [len(_BRIEF_VARIANT), len(_BRIEF_PRODUCT), len(_BRIEF_SELLER)]
    found = {}
    for row in rows:
        a, b, c = cuts[0], cuts[0] + cuts[1], cuts[0] + cuts[1] + cuts[2]
        variant = sql.instance_from_row(ProductVariant, _BRIEF_VARIANT, row[:a])
        product = sql.instance_from_row(Product, _BRIEF_PRODUCT, row[a:b])
        seller = sql.instance_from_row(Seller, _BRIEF_SELLER, row[b:c])
        if row[c] is not None:
            seller.province = sql.instance_from_row(Province, _BRIEF_PROVINCE, row[c:])
        product.seller = seller
        variant.product = product
        found[variant.pk] = variant
    return found


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


GENERATION_KEY = "catalog:generation"
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
    """How many products product_list_for_listing holds with the same arguments (cached)."""
    listing = {
        "category": category,
        "province": province,
        "ocop_only": ocop_only,
        "ocop_stars": ocop_stars,
    }
    return _count_in(_listing_state()[0], listing)


class _CountedPaginator(Paginator):
    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.__dict__["count"] = count  # Paginator.count is a cached_property


# Per worker process: (catalog generation, listing, sort, page size, page) → the page's products.
_LISTING_PAGE_MEMO: dict[tuple, list[Product]] = {}
LISTING_PAGE_MEMO_SIZE = 2_000


def listing_page(*, listing: dict, sort: str, per_page: int, number) -> Page:
    """Page `number` of product_list_for_listing(**listing, sort=sort), clamped to the range.

    A warm page costs one cache read: the counts of all listings and the catalog generation
    come together, and the page's products are kept per generation in the worker's memory
    (a catalog event starts a new generation; so does the generation's expiry).
    """
    counts, token = _listing_state()
    products = product_list_for_listing(**listing, sort=sort)
    page = _CountedPaginator(products, per_page, count=_count_in(counts, listing)).get_page(number)
    key = (token, _listing_key(listing), sort, per_page, page.number)
    kept = _LISTING_PAGE_MEMO.get(key)
    if kept is None:
        kept = list(page.object_list)
        if len(_LISTING_PAGE_MEMO) >= LISTING_PAGE_MEMO_SIZE:
            _LISTING_PAGE_MEMO.clear()
        _LISTING_PAGE_MEMO[key] = kept
    page.object_list = kept
    return page


def _listing_key(listing: dict) -> tuple:
    category, province = listing.get("category"), listing.get("province")
    return (
        category.pk if category else None,
        province.pk if province else None,
        bool(listing.get("ocop_only")),
        listing.get("ocop_stars"),
    )


def _listing_state() -> tuple[dict, str]:
    """The counts of every listing and the catalog generation, in one cache read.

    The counts of every category, province and OCOP listing are taken together, a few grouped
    queries for all of them, and kept in one cache entry that every catalog event drops.
    """
    found = cache.get_many([LISTING_COUNTS_KEY, GENERATION_KEY])
    counts = found.get(LISTING_COUNTS_KEY)
    if counts is None:
        counts = _listing_counts()
        cache.set(LISTING_COUNTS_KEY, counts, LISTING_CACHE_SECONDS)
    return counts, found.get(GENERATION_KEY) or catalog_generation()


def _count_in(counts: dict, listing: dict) -> int:
    category, province, ocop_only, ocop_stars = (
        listing.get("category"),
        listing.get("province"),
        listing.get("ocop_only", False),
        listing.get("ocop_stars"),
    )
    is_ocop = ocop_only or ocop_stars is not None
    if category is not None and province is None and not is_ocop:
        return sum(counts.get(("category", pk), 0) for pk in category_descendant_ids(category))
    if province is not None and category is None and not is_ocop:
        return counts.get(("province", province.pk), 0)
    if category is None and province is None and is_ocop:
        return counts.get(("ocop", ocop_stars), 0)
    return _listing_rows(
        product_list_published(),
        category=category,
        province=province,
        ocop_only=ocop_only,
        ocop_stars=ocop_stars,
    ).count()


def _listing_counts() -> dict[tuple, int]:
    """Published products per category, per province and per valid OCOP rating.

    Grouping through the seller join would visit every product; the listings' own indexes
    count the published rows alone, and the rows of inactive or unverified sellers (few, found
    through the seller index) are taken off afterwards.
    """
    published = Product.objects.filter(status=Product.Status.PUBLISHED)
    withheld = list(
        Seller.objects.filter(Q(is_active=False) | Q(is_verified=False)).values_list(
            "pk", flat=True
        )
    )
    counts: dict[tuple, int] = {}
    for sign, rows in [(1, published)] + (
        [(-1, published.filter(seller_id__in=withheld))] if withheld else []
    ):
        for name, field in (("category", "category_id"), ("province", "origin_province_id")):
            for value, count in rows.values_list(field).annotate(n=Count("id")).order_by():
                counts[(name, value)] = counts.get((name, value), 0) + sign * count
        for stars, count in (
            rows.ocop_valid().values_list("ocop_stars").annotate(n=Count("id")).order_by()
        ):
            for key in (("ocop", stars), ("ocop", None)):
                counts[key] = counts.get(key, 0) + sign * count
    return counts


def listing_caches_forget() -> None:
    """Called after every catalog change: counts and home sections are rebuilt on next view."""
    cache.delete_many(
        [
            GENERATION_KEY,
            LISTING_COUNTS_KEY,
            f"{HOME_OCOP_KEY}:{HOME_SECTION_SIZE}",
            f"{HOME_REGIONAL_KEY}:{HOME_SECTION_SIZE}",
            PROVINCE_COUNTS_KEY,
            PROVINCES_WITH_PRODUCTS_KEY,
        ]
    )


def product_get_published(public_id, *, with_variants: bool = True) -> Product:
    related = ["images"]
    if with_variants:
        related.append(
            Prefetch(
                "variants", queryset=ProductVariant.objects.prefetch_related("wholesale_tiers")
            )
        )
    found = list(
        product_list_published()
        .filter(public_id=public_id)
        .select_related("category__parent", "seller__province", "origin_province", "origin_ward")
        .prefetch_related(*related)
        # public_id is unique: the default ordering would only cost compiling it.
        .order_by()[:1]
    )
    if not found:
        raise Http404
    return found[0]


def product_related(
    product: Product, limit: int = 4, *, generation: str | None = None
) -> tuple[list[Product], list[Product]]:
    """Newest from the same province, then the newest of the same category not shown yet.

    Both come from the newest cards of the province (limit + 1) and of the category
    (2 × limit + 1), which are enough to leave out the product itself and the province's
    cards; with `generation` those lists are kept per generation in the worker's memory,
    shared by every product of the province or category.
    """
    by_province = _newest_cards(
        "origin_province_id", product.origin_province_id, limit + 1, generation
    )
    same_province = [card for card in by_province if card.pk != product.pk][:limit]
    shown = {product.pk, *(card.pk for card in same_province)}
    by_category = _newest_cards("category_id", product.category_id, 2 * limit + 1, generation)
    same_category = [card for card in by_category if card.pk not in shown][:limit]
    return same_province, same_category


# Per worker process: (catalog generation, field, value, size) → the newest cards.
_NEWEST_CARDS_MEMO: dict[tuple, list[Product]] = {}


def _newest_cards(field: str, value, size: int, generation: str | None) -> list[Product]:
    key = (generation, field, value, size)
    cards = _NEWEST_CARDS_MEMO.get(key) if generation else None
    if cards is None:
        cards = list(
            product_cards(product_list_published().filter(**{field: value})).order_by(
                "-published_at", "-id"
            )[:size]
        )
        if generation:
            if len(_NEWEST_CARDS_MEMO) >= PRODUCT_PAGE_MEMO_SIZE:
                _NEWEST_CARDS_MEMO.clear()
            _NEWEST_CARDS_MEMO[key] = cards
    return cards


@dataclass(frozen=True)
class ProductPage:
    """What the product page shows; variants (price, stock) are always read fresh."""

    product: Product
    variants: list[ProductVariant]
    same_province: list[Product]
    same_category: list[Product]


# Per worker process: (catalog generation, public id) → (product with images, related cards).
_PRODUCT_PAGE_MEMO: dict[tuple[str, int], tuple[Product, list[Product], list[Product]]] = {}
PRODUCT_PAGE_MEMO_SIZE = 2_000


def catalog_generation() -> str:
    """A token that every catalog event replaces (listing_caches_forget); it also expires.

    Whatever is kept under a key that includes the token is never shown after a catalog
    change, even when it is kept in a worker process's memory.
    """
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, token, LISTING_CACHE_SECONDS):
            token = cache.get(GENERATION_KEY) or token
    return token


def product_page_get(public_id) -> ProductPage:
    """The published product behind `public_id`, or 404; three small queries when warm.

    Whether the product may be shown (its status, its seller's standing) and its variants are
    read on every request. The product's own row, images and related products do not change
    without a catalog event, so they are kept per generation in the worker's memory.
    """
    generation = catalog_generation()
    key = (generation, str(public_id))
    kept = _PRODUCT_PAGE_MEMO.get(key)
    if kept is None:
        product = product_get_published(public_id, with_variants=False)
        kept = (product, *product_related(product, generation=generation))
        if len(_PRODUCT_PAGE_MEMO) >= PRODUCT_PAGE_MEMO_SIZE:
            _PRODUCT_PAGE_MEMO.clear()
        _PRODUCT_PAGE_MEMO[key] = kept
    elif not product_list_published().filter(pk=kept[0].pk).order_by().exists():
        raise Http404
    product, same_province, same_category = kept
    return ProductPage(product, _variants_with_tiers(product.pk), same_province, same_category)


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
    *, scope, status: str = "", ocop: str = "", query: str = ""
) -> QuerySet[Product]:
    """Products an officer moderates: those of sellers in their province (`User.province_scope`)."""
    products = Product.objects.select_related("seller", "origin_province", "category").order_by(
        "-updated_at", "-id"
    )
    products = scope.filter(products, "seller__province_id")
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


def product_get_for_authority(*, scope, public_id) -> Product:
    """One product the officer may moderate, or 404 (another province's product included)."""
    product = (
        scope.filter(Product.objects.filter(public_id=public_id), "seller__province_id")
        .select_related("seller", "origin_province", "origin_ward", "category")
        .prefetch_related("variants", "images")
        .first()
    )
    if product is None:
        raise Http404
    return product
