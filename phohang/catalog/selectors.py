"""Reads of the catalog shared by pages, the API and other apps (orders, search, insights)."""

from collections.abc import Iterable

from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone

from .models import Product, ProductVariant


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

