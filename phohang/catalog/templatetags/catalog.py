"""Catalog fragments that pages of lower apps (seller storefront and dashboard) embed."""

from django import template
from django.core.cache import cache
from django.core.paginator import Paginator
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import urlencode

from .. import selectors
from ..cards import count_display, product_cards_html, rating_display
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


@register.filter
def rating_label(value) -> str:
    """An average of stars as shoppers read it: 4,7 (4.7 in English)."""
    if value is None:
        return "–"
    return rating_display(round(value * 10), translation.get_language() or "")


@register.filter
def stars(value) -> str:
    """★★★★☆: an average rounded to the nearest whole star."""
    full = min(5, max(0, int((value or 0) + 0.5)))
    return "★" * full + "☆" * (5 - full)


@register.filter
def sold_label(value) -> str:
    """950, 1,2k, 12k."""
    return count_display(value or 0, translation.get_language() or "")


@register.inclusion_tag("catalog/partials/_seller_card.html", takes_context=True)
def seller_card(context, seller, product=None):
    """The seller box of the product page: rating over all its products, links to shop and chat."""
    about = {"seller": seller.public_id, **({"product": product.public_id} if product else {})}
    try:
        chat_url = reverse("messaging:start") + "?" + urlencode(about)
    except NoReverseMatch:
        # Buyer–seller messages are not installed: no button rather than a dead one.
        chat_url = ""
    return {
        "seller": seller,
        "stats": selectors.seller_stats(seller.pk),
        "chat_url": chat_url,
        "request": context.get("request"),
    }


@register.inclusion_tag("catalog/partials/_seller_stats.html")
def seller_stats(seller):
    """Rating, products and units sold of a seller (the storefront header)."""
    return {"seller": seller, "stats": selectors.seller_stats(seller.pk)}
