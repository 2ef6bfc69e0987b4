"""Catalog API: public reads of published products; CRUD of a seller's own products."""

import datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from phohang.core.api import ApiError, CappedPageNumberPagination
from phohang.core.audit import audit_context_from_request
from phohang.geo.models import Province, Ward
from phohang.sellers.selectors import seller_for_member

from . import selectors, services
from .models import Category, Certification, OcopLevel, Unit

router = Router(tags=["catalog"])
# Operations open to anonymous callers (auth=None); the route audit (SEC-03) checks this list.
PUBLIC_OPERATIONS = frozenset({"category_list", "product_list", "product_detail"})


class CategoryOut(Schema):
    id: int
    slug: str
    name_vi: str
    name_en: str
    parent_id: int | None
    is_ocop_group: bool


class TierSchema(Schema):
    min_quantity: int = Field(ge=2)
    price_vnd: int = Field(gt=0)


class VariantOut(Schema):
    id: int
    name: str
    sku: str
    gtin: str
    price_vnd: int
    weight_grams: int | None
    available: int
    wholesale_tiers: list[TierSchema]

    @staticmethod
    def resolve_wholesale_tiers(obj):
        return [
            {"min_quantity": t.min_quantity, "price_vnd": t.price_vnd}
            for t in obj.wholesale_tiers.all()
        ]


class OcopOut(Schema):
    stars: int
    certificate_number: str
    level: str
    year: int | None
    expires_on: datetime.date


class ProductSummaryOut(Schema):
    id: UUID = Field(alias="public_id")
    title: str
    url: str
    min_price_vnd: int | None
    unit: str
    province_code: str
    ocop_stars: int | None
    image_url: str

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()

    @staticmethod
    def resolve_province_code(obj):
        return obj.origin_province.code

    @staticmethod
    def resolve_ocop_stars(obj):
        return obj.ocop_stars if obj.has_valid_ocop else None

    @staticmethod
    def resolve_image_url(obj):
        return obj.cover_thumbnail_url


class ProductOut(Schema):
    id: UUID = Field(alias="public_id")
    title: str
    url: str
    description: str
    description_html: str
    category: str
    province_code: str
    ward_code: str | None
    is_made_in_vietnam: bool
    unit: str
    seller: str
    seller_verified: bool
    certifications: list[str]
    ocop: OcopOut | None
    variants: list[VariantOut]
    images: list[str]
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()

    @staticmethod
    def resolve_category(obj):
        return obj.category.slug

    @staticmethod
    def resolve_province_code(obj):
        return obj.origin_province_id

    @staticmethod
    def resolve_ward_code(obj):
        return obj.origin_ward_id

    @staticmethod
    def resolve_seller(obj):
        return obj.seller.name

    @staticmethod
    def resolve_seller_verified(obj):
        return obj.seller.is_verified

    @staticmethod
    def resolve_ocop(obj):
        if not obj.has_valid_ocop:
            return None
        return {
            "stars": obj.ocop_stars,
            "certificate_number": obj.ocop_certificate_number,
            "level": obj.ocop_level,
            "year": obj.ocop_year,
            "expires_on": obj.ocop_expires_on,
        }

    @staticmethod
    def resolve_variants(obj):
        return list(obj.variants.all())

    @staticmethod
    def resolve_images(obj):
        return [image.image.url for image in obj.images.all()]


class OwnProductOut(ProductOut):
    status: str
    suspension_reason: str
    ocop_stars: int | None
    ocop_certificate_number: str
    ocop_verified: bool
    stock: list[dict]

    @staticmethod
    def resolve_ocop_verified(obj):
        return bool(obj.ocop_verified_at and not obj.ocop_revoked_at)

    @staticmethod
    def resolve_stock(obj):
        return [
            {"variant_id": v.pk, "on_hand": v.stock_on_hand, "reserved": v.stock_reserved}
            for v in obj.variants.all()
        ]


class VariantIn(Schema):
    id: int | None = None
    name: str = Field(min_length=1, max_length=80)
    sku: str = Field(min_length=1, max_length=64)
    gtin: str = Field("", max_length=14)
    price_vnd: int = Field(gt=0, le=10_000_000_000)
    weight_grams: int | None = Field(None, gt=0)
    stock_on_hand: int = Field(0, ge=0, le=10_000_000)
    low_stock_threshold: int = Field(5, ge=0)
    wholesale_tiers: list[TierSchema] = Field(default_factory=list, max_length=20)


class ProductIn(Schema):
    title: str = Field(min_length=3, max_length=200)
    description: str = Field("", max_length=20_000)
    category: str = Field(description="category slug")
    province_code: str = Field(min_length=2, max_length=2)
    ward_code: str | None = Field(None, max_length=5)
    is_made_in_vietnam: bool = True
    unit: Unit
    certifications: list[Certification] = Field(default_factory=list)
    ocop_stars: int | None = Field(None, ge=3, le=5)
    ocop_certificate_number: str = Field("", max_length=60)
    ocop_level: OcopLevel | None = None
    ocop_year: int | None = Field(None, ge=2018, le=2100)
    ocop_expires_on: datetime.date | None = None
    variants: list[VariantIn] = Field(min_length=1, max_length=50)


class StockIn(Schema):
    on_hand: int = Field(ge=0, le=10_000_000)


def _own_seller(request):
    seller = seller_for_member(request.user)
    if seller is None:
        raise PermissionDenied
    return seller


def _fields(payload: ProductIn) -> tuple[dict, list[dict]]:
    category = get_object_or_404(Category, slug=payload.category, is_active=True)
    province = get_object_or_404(Province, pk=payload.province_code)
    ward = get_object_or_404(Ward, pk=payload.ward_code) if payload.ward_code else None
    fields = {
        "title": payload.title,
        "description": payload.description,
        "category": category,
        "origin_province": province,
        "origin_ward": ward,
        "is_made_in_vietnam": payload.is_made_in_vietnam,
        "unit": payload.unit.value,
        "certifications": [c.value for c in payload.certifications],
        "ocop_stars": payload.ocop_stars,
        "ocop_certificate_number": payload.ocop_certificate_number,
        "ocop_level": payload.ocop_level.value if payload.ocop_level else "",
        "ocop_year": payload.ocop_year,
        "ocop_expires_on": payload.ocop_expires_on,
    }
    variants = [
        {
            "id": v.id,
            "name": v.name,
            "sku": v.sku,
            "gtin": v.gtin,
            "price_vnd": v.price_vnd,
            "weight_grams": v.weight_grams,
            "stock_on_hand": v.stock_on_hand,
            "low_stock_threshold": v.low_stock_threshold,
            "tiers": [(t.min_quantity, t.price_vnd) for t in v.wholesale_tiers],
        }
        for v in payload.variants
    ]
    return fields, variants


# ---- public --------------------------------------------------------------------------------


@router.get("/categories/", response=list[CategoryOut], auth=None, summary="Category tree")
def category_list(request):
    return list(Category.objects.filter(is_active=True))


@router.get("/products/", response=list[ProductSummaryOut], auth=None, summary="Published products")
@paginate(CappedPageNumberPagination)
def product_list(
    request, category: str = "", province: str = "", ocop: bool = False, sort: str = "newest"
):
    category_obj = selectors.category_get(category[:120]) if category else None
    province_obj = get_object_or_404(Province, pk=province[:2]) if province else None
    return selectors.product_list_for_listing(
        category=category_obj, province=province_obj, ocop_only=ocop, sort=sort
    )


@router.get("/products/{public_id}", response=ProductOut, auth=None, summary="A published product")
def product_detail(request, public_id: UUID):
    return selectors.product_get_published(public_id)


# ---- the seller's own products ---------------------------------------------------------------


@router.get("/my/products/", response=list[OwnProductOut], summary="My products")
@paginate(CappedPageNumberPagination)
def my_product_list(request, status: str = ""):
    seller = _own_seller(request)
    return selectors.product_list_for_seller(seller, status=status).prefetch_related(
        "variants__wholesale_tiers", "images"
    )


@router.post("/my/products/", response={201: OwnProductOut}, summary="Create a draft product")
def my_product_create(request, payload: ProductIn):
    seller = _own_seller(request)
    fields, variants = _fields(payload)
    product = services.product_create(
        seller=seller,
        context=audit_context_from_request(request),
        variants=variants,
        **fields,
    )
    return Status(201, selectors.product_get_for_seller(seller, product.public_id))


@router.get("/my/products/{public_id}", response=OwnProductOut, summary="One of my products")
def my_product_detail(request, public_id: UUID):
    return selectors.product_get_for_seller(seller_for_member(request.user), public_id)


@router.put("/my/products/{public_id}", response=OwnProductOut, summary="Replace a product")
def my_product_update(request, public_id: UUID, payload: ProductIn):
    seller = seller_for_member(request.user)
    product = selectors.product_get_for_seller(seller, public_id)
    fields, variants = _fields(payload)
    services.product_update(
        product=product, context=audit_context_from_request(request), variants=variants, **fields
    )
    return selectors.product_get_for_seller(seller, public_id)


@router.delete("/my/products/{public_id}", response={204: None}, summary="Delete a product")
def my_product_delete(request, public_id: UUID):
    product = selectors.product_get_for_seller(seller_for_member(request.user), public_id)
    services.product_delete(product=product, context=audit_context_from_request(request))
    return Status(204, None)


@router.post(
    "/my/products/{public_id}/publish", response=OwnProductOut, summary="Publish a product"
)
def my_product_publish(request, public_id: UUID):
    seller = seller_for_member(request.user)
    product = selectors.product_get_for_seller(seller, public_id)
    services.product_publish(product=product, context=audit_context_from_request(request))
    return selectors.product_get_for_seller(seller, public_id)


@router.post("/my/products/{public_id}/hide", response=OwnProductOut, summary="Hide a product")
def my_product_hide(request, public_id: UUID):
    seller = seller_for_member(request.user)
    product = selectors.product_get_for_seller(seller, public_id)
    services.product_hide(product=product, context=audit_context_from_request(request))
    return selectors.product_get_for_seller(seller, public_id)


@router.put(
    "/my/products/{public_id}/variants/{variant_id}/stock",
    response=OwnProductOut,
    summary="Set a variant's stock on hand",
)
def my_variant_stock(request, public_id: UUID, variant_id: int, payload: StockIn):
    seller = seller_for_member(request.user)
    product = selectors.product_get_for_seller(seller, public_id)
    variant = get_object_or_404(product.variants, pk=variant_id)
    try:
        services.stock_set(
            variant_id=variant.pk,
            on_hand=payload.on_hand,
            actor=request.user,
            context=audit_context_from_request(request),
        )
    except services.OutOfStock as error:
        raise ApiError(
            409,
            "below_reserved",
            "Tồn kho không thể thấp hơn số đã giữ cho đơn hàng.",
            "Stock cannot be lower than the units reserved by orders.",
        ) from error
    return selectors.product_get_for_seller(seller, public_id)
