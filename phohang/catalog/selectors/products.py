"""Reads of products and variants: what can be bought, the search projection, the seller's
and the authority's lists."""

from collections.abc import Iterable

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from phohang.sellers.models import Seller

from ..models import Product, ProductVariant

# What carts and checkout read of a variant, its product, seller and seller's province; the
# rest of each row stays deferred (loaded on access, never wrong).
SALE_FIELDS = (
    "id",
    "product_id",
    "seller_id",
    "name",
    "sku",
    "price_vnd",
    "weight_grams",
    "stock_on_hand",
    "stock_reserved",
    "product__id",
    "product__seller_id",
    "product__title",
    "product__slug",
    "product__unit",
    "product__category_id",
    "product__origin_province_id",
    "product__status",
    "product__seller__id",
    "product__seller__slug",
    "product__seller__name",
    "product__seller__province_id",
    "product__seller__is_active",
    "product__seller__is_verified",
    "product__seller__province__code",
    "product__seller__province__name",
    "product__seller__province__short_name",
    "product__seller__province__slug",
)


def product_list_published() -> QuerySet[Product]:
    """Published products of active, verified sellers."""
    return Product.objects.published()


def variants_for_sale(ids: Iterable) -> QuerySet[ProductVariant]:
    """Variants among `ids` whose product is on sale (`ProductVariantQuerySet.listed`), with
    their product, seller and seller's province, in one query; callers compare the units
    available with the quantity wanted. Use `.in_bulk()` for a dict."""
    return (
        ProductVariant.objects.listed()
        .filter(pk__in=sorted({int(pk) for pk in ids}))
        .select_related("product__seller__province")
        .only(*SALE_FIELDS)
        .order_by()
    )


def variant_for_sale(variant_id: int) -> ProductVariant | None:
    """The variant if its product is on sale; else None."""
    return variants_for_sale([variant_id]).first()


def product_search_documents(ids: Iterable[int]) -> list[dict]:
    """Plain dicts the search index stores, for those of `ids` that are published."""
    today = timezone.localdate()
    for_sale = ProductVariant.objects.for_sale().filter(product=OuterRef("pk"))
    products = (
        product_list_published()
        .filter(pk__in=list(ids))
        .select_related("category", "seller", "origin_province")
        .annotate(in_stock=Exists(for_sale))
    )
    return [
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
            "ocop_stars": product.ocop_stars if product.ocop_is_valid_on(today) else None,
            "has_stock": product.in_stock,
            "published_at": product.published_at,
            "url": product.get_absolute_url(),
            "image_url": product.cover_thumbnail_url,
            # Published reviews' average in tenths of a star and their count ("best rated").
            "rating_tenths": product.rating_tenths,
            "rating_count": product.rating_count,
        }
        for product in products
    ]


def product_get_published(public_id, *, with_variants: bool = True) -> Product:
    related: list = ["images"]
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
