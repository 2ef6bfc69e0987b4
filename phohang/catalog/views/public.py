"""Pages buyers see: product page, category, province and OCOP listings."""

import json

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from phohang.core.access import public
from phohang.geo.models import Province

from .. import selectors

JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _listing(request, *, listing: dict, template: str, context: dict):
    """A page of `selectors.product_list_for_listing(**listing)` with sorting and paging."""
    sort = request.GET.get("sort", "newest")
    if sort not in selectors.SORTS:
        sort = "newest"
    try:
        per_page = int(request.GET.get("per_page", 24))
    except ValueError:
        per_page = 24
    if per_page not in selectors.PAGE_SIZES:
        per_page = 24
    page = selectors.listing_page(
        listing=listing, sort=sort, per_page=per_page, number=request.GET.get("page")
    )
    context.update(
        {
            "page": page,
            "products": page.object_list,
            "sort": sort,
            "sorts": [
                ("newest", _("Newest")),
                ("price_asc", _("Price: low to high")),
                ("price_desc", _("Price: high to low")),
                ("ocop", _("OCOP stars")),
                ("rating", _("Best rated")),
            ],
            "per_page": per_page,
            "page_sizes": selectors.PAGE_SIZES,
            "canonical_url": request.build_absolute_uri(request.path)
            + (f"?page={page.number}" if page.number > 1 else ""),
        }
    )
    return render(request, template, context)


@require_GET
@public
def category_index(request):
    return render(request, "catalog/category_index.html", {"tree": selectors.category_tree()})


@require_GET
@public
def category_listing(request, slug: str):
    category = selectors.category_get(slug)
    return _listing(
        request,
        listing={"category": category},
        template="catalog/listing.html",
        context={
            "heading": category.name,
            "category": category,
            "children": getattr(category, "child_list", []),
            "parent": getattr(category, "parent_cached", None),
        },
    )


@require_GET
@public
def province_listing(request, slug: str):
    province = get_object_or_404(Province, slug=slug)
    return _listing(
        request,
        listing={"province": province},
        template="catalog/listing.html",
        context={
            "heading": _("Specialties of %(province)s") % {"province": province.short_name},
            "province": province,
        },
    )


@require_GET
@public
def province_index(request):
    return render(
        request, "catalog/province_index.html", {"rows": selectors.province_product_counts()}
    )


@require_GET
@public
def ocop_listing(request):
    stars = request.GET.get("stars", "")
    if stars not in {"3", "4", "5"}:
        stars = ""
    return _listing(
        request,
        listing={"ocop_only": True, "ocop_stars": int(stars) if stars else None},
        template="catalog/listing.html",
        context={"heading": _("OCOP products"), "is_ocop": True, "stars": stars},
    )


def _json_ld(request, product, variants) -> str:
    offers = [
        {
            "@type": "Offer",
            "sku": variant.sku,
            "name": variant.name,
            "price": str(variant.price_vnd),
            "priceCurrency": "VND",
            "availability": "https://schema.org/InStock"
            if variant.available > 0
            else "https://schema.org/OutOfStock",
            "url": request.build_absolute_uri(product.get_absolute_url()),
            **({"gtin": variant.gtin} if variant.gtin else {}),
        }
        for variant in variants
    ]
    images = [request.build_absolute_uri(image.image.url) for image in product.images.all()]
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.title,
        "description": product.description[:500],
        "sku": offers[0]["sku"] if offers else "",
        "category": product.category.name,
        "countryOfOrigin": "VN" if product.is_made_in_vietnam else "",
        "brand": {"@type": "Organization", "name": product.seller.name},
        "offers": offers,
        **({"image": images} if images else {}),
    }
    # Escape <, > and & so seller text can never close the script element.
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES))  # noqa: S308


@require_GET
@public
def product_detail(request, slug: str, public_id):
    page = selectors.product_page_get(public_id)
    product = page.product
    if slug != product.slug:
        return redirect(product.get_absolute_url(), permanent=True)
    images = list(product.images.all())
    prices = [variant.price_vnd for variant in page.variants]
    in_stock = [variant for variant in page.variants if variant.available > 0]
    return render(
        request,
        "catalog/product_detail.html",
        {
            "product": product,
            "variants": page.variants,
            "price_low": min(prices, default=None),
            "price_high": max(prices, default=None),
            # The first variant that can be bought is chosen; none when all are sold out.
            "selected_variant_id": in_stock[0].pk if in_stock else None,
            "selected_price": in_stock[0].price_vnd if in_stock else None,
            "return_window_days": settings.RETURN_WINDOW_DAYS,
            "images": images,
            "same_province": page.same_province,
            "same_category": page.same_category,
            "json_ld": _json_ld(request, product, page.variants),
            "canonical_url": request.build_absolute_uri(product.get_absolute_url()),
            "og_image": request.build_absolute_uri(images[0].image.url) if images else "",
            "site_url": settings.SITE_URL,
        },
    )
