"""Category, province and OCOP listings: their pages, their counts and the shared cache that
keeps both between catalog changes.

Every web process reads the same cache (the database cache on a laptop, Redis when
`REDIS_URL` is set) and keeps nothing of its own, so any number of web nodes serve the same
answers. Entries that depend on the whole catalog are stamped with the catalog generation,
a token every catalog event replaces (`listing_caches_forget`): an entry stamped with an
older generation is never served.
"""

import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.http import Http404

from phohang.geo.models import Province
from phohang.sellers.models import Seller, identified_q

from ..models import Category, Product
from .products import product_list_published

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
    "rating": ("-rating_tenths", "-rating_count", "-id"),
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
    "rating_count",
    "rating_tenths",
    "sold_count",
    "origin_province__code",
    "origin_province__short_name",
    "origin_province__slug",
)

CATEGORY_TREE_CACHE_KEY = "catalog:category_tree"
GENERATION_KEY = "catalog:generation"
LISTING_COUNTS_KEY = "catalog:listing_counts"
LISTING_PAGE_KEY = "catalog:listing_page"
HOME_OCOP_KEY = "catalog:home_ocop"
HOME_REGIONAL_KEY = "catalog:home_regional"
PROVINCE_COUNTS_KEY = "catalog:province_counts"
PROVINCES_WITH_PRODUCTS_KEY = "catalog:provinces_with_products"
HOME_SECTION_SIZE = 8
# Catalog events drop these at once (listing_caches_forget); the lifetime only bounds how long
# changes made outside the catalog (a seller deactivated, a category moved) take to show.
LISTING_CACHE_SECONDS = 300
# Pages a listing keeps in the cache: where buyers look. Deeper pages are read from the
# database (one index read each), so a crawler walking them does not evict the first pages.
LISTING_CACHED_PAGES = 5


def category_tree() -> list[Category]:
    """Active top-level categories with their children attached (cached briefly)."""
    tree = cache.get(CATEGORY_TREE_CACHE_KEY)
    if tree is None:
        categories = list(Category.objects.filter(is_active=True))
        children: dict[int, list[Category]] = {}
        for category in categories:
            children.setdefault(category.parent_id, []).append(category)
        for category in categories:
            category.child_list = children.get(category.pk, [])
        tree = children.get(None, [])
        cache.set(CATEGORY_TREE_CACHE_KEY, tree, 300)
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


def product_cards_for_public_ids(public_ids: Iterable) -> list[Product]:
    """Card rows of the published products among `public_ids`, in the order given (one query)."""
    wanted = []
    for value in public_ids:
        try:
            wanted.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    # The outer query filters on the public id alone and the published rule runs per row by
    # primary key: given `status = ?` beside the ids, SQLite without statistics walks every
    # published product instead (143 ms for 20 cards at 100,000 products, against 2 ms).
    listed = product_list_published().filter(pk=OuterRef("pk"))
    rows = product_cards(Product.objects.filter(public_id__in=wanted).filter(Exists(listed)))
    by_id = {row.public_id: row for row in rows.order_by()}
    return [by_id[public_id] for public_id in wanted if public_id in by_id]


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


def catalog_generation() -> str:
    """The current catalog generation: a token every catalog event replaces; it also expires."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, token, LISTING_CACHE_SECONDS):
            token = cache.get(GENERATION_KEY) or token
    return token


def generation_entries(keys: Iterable[str]) -> tuple[str, dict]:
    """(catalog generation, {key: value}) for those of `keys` stored under that generation by
    `generation_entries_store`, in one cache read."""
    found = cache.get_many([GENERATION_KEY, *keys])
    generation = found.pop(GENERATION_KEY, None) or catalog_generation()
    return generation, {
        key: entry[1]
        for key, entry in found.items()
        if isinstance(entry, tuple) and entry[0] == generation
    }


def generation_entries_store(generation: str, values: dict) -> None:
    """Keep `values` ({key: value}) for as long as `generation` is the catalog's."""
    if values:
        cache.set_many(
            {key: (generation, value) for key, value in values.items()}, LISTING_CACHE_SECONDS
        )


def listing_caches_forget() -> None:
    """Called after every catalog change: a new generation (listing pages and counts), and
    the home sections are rebuilt on the next view."""
    cache.delete_many(
        [
            GENERATION_KEY,
            f"{HOME_OCOP_KEY}:{HOME_SECTION_SIZE}",
            f"{HOME_REGIONAL_KEY}:{HOME_SECTION_SIZE}",
            PROVINCE_COUNTS_KEY,
            PROVINCES_WITH_PRODUCTS_KEY,
        ]
    )


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
    return _count_in(_listing_counts_cached(), listing)


class _CountedPaginator(Paginator):
    """A paginator told its count (read from the cache) instead of counting the rows."""

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_count = count

    @property
    def count(self) -> int:
        return self.known_count


def listing_page(*, listing: dict, sort: str, per_page: int, number) -> Page:
    """Page `number` of product_list_for_listing(**listing, sort=sort), clamped to the range.

    A warm page costs one cache read: the generation, the counts of all listings and the
    page's products come together.
    """
    asked = _page_key(listing, sort, per_page, number)
    generation, entries = generation_entries([LISTING_COUNTS_KEY, asked])
    missing = {}
    counts = entries.get(LISTING_COUNTS_KEY)
    if counts is None:
        counts = missing[LISTING_COUNTS_KEY] = _listing_counts()
    products = product_list_for_listing(**listing, sort=sort)
    page = _CountedPaginator(products, per_page, count=_count_in(counts, listing)).get_page(number)
    if page.number <= LISTING_CACHED_PAGES:
        key = _page_key(listing, sort, per_page, page.number)
        kept = entries.get(key)
        if kept is None:
            kept = missing[key] = list(page.object_list)
        page.object_list = kept
    generation_entries_store(generation, missing)
    return page


def _page_key(listing: dict, sort: str, per_page: int, number) -> str:
    category, province = listing.get("category"), listing.get("province")
    parts = (
        category.pk if category else "",
        province.pk if province else "",
        int(bool(listing.get("ocop_only"))),
        listing.get("ocop_stars") or "",
        sort,
        per_page,
        number,
    )
    return f"{LISTING_PAGE_KEY}:" + ":".join(str(part) for part in parts)


def _listing_counts_cached() -> dict:
    generation, entries = generation_entries([LISTING_COUNTS_KEY])
    counts = entries.get(LISTING_COUNTS_KEY)
    if counts is None:
        counts = _listing_counts()
        generation_entries_store(generation, {LISTING_COUNTS_KEY: counts})
    return counts


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
    withheld = list(Seller.objects.exclude(identified_q()).values_list("pk", flat=True))
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
