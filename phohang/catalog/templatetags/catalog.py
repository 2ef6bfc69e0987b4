"""Catalog fragments that pages of lower apps (seller storefront and dashboard) embed."""

from django import template
from django.core.cache import cache
from django.core.paginator import Paginator

from .. import selectors
from ..cards import product_cards_html
from ..models import Product

register = template.Library()

STOREFRONT_PAGE_SIZE = 24


@register.simple_tag
def product_cards(products):
    """{% product_cards products %} → the grid's `<li>` cards (see catalog.cards)."""
    return product_cards_html(products)


@register.inclusion_tag("catalog/partials/_storefront_products.html", takes_context=True)
def storefront_products(context, seller, per_page: int = STOREFRONT_PAGE_SIZE):
    """One page (`?page=`) of the seller's published products, newest first."""
    request = context["request"]
    products = selectors.product_cards(
        selectors.product_list_published().filter(seller=seller)
    ).order_by("-published_at", "-id")
    page = Paginator(products, per_page).get_page(request.GET.get("page"))
    return {"page": page, "products": page.object_list, "seller": seller, "request": request}


@register.inclusion_tag("catalog/partials/_dashboard_products.html")
def dashboard_products(seller):
    key = f"catalog:dashboard:{seller.pk}"
    counts = cache.get(key)
    if counts is None:
        counts = dict.fromkeys(Product.Status.values, 0)
        for row in Product.objects.filter(seller=seller).values_list("status", flat=True):
            counts[row] = counts.get(row, 0) + 1
        cache.set(key, counts, 30)
    return {
        "counts": counts,
        "low_variants": list(selectors.low_stock_variants(seller, limit=5)),
    }
