"""Orders' fragments of the catalog's product page (the catalog never imports orders)."""

from django import template

from .. import selectors
from ..views.storefront import shipping_context

register = template.Library()

PRODUCT_PAGE_REVIEWS = 4


@register.inclusion_tag("orders/partials/_product_reviews.html")
def product_reviews(product):
    """{% product_reviews product %}: summary, distribution and the newest published reviews."""
    if not product.rating_count:
        # The catalog's summary says nothing is published yet: no review query at all.
        empty = selectors.ReviewSummary(count=0, total=0, by_stars={}, with_photos=0)
        return {"product": product, "summary": empty, "reviews": []}
    return {
        "product": product,
        "summary": selectors.review_summary_for_product(product.pk),
        "reviews": list(selectors.reviews_published_for_product(product.pk)[:PRODUCT_PAGE_REVIEWS]),
    }


@register.inclusion_tag("orders/partials/_shipping_estimate.html", takes_context=True)
def shipping_estimate_for(context, product):
    """{% shipping_estimate_for product %}: fee and delivery dates to the buyer's ward."""
    return shipping_context(context["request"], product)
