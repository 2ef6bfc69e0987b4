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
        return {"product": product, "summary": empty, "reviews": [], "skip_photos": True}
    summary = selectors.review_summary_for_product(product.pk)
    newest = selectors.reviews_published_for_product(product.pk, photos=summary.with_photos > 0)
    return {
        "product": product,
        "summary": summary,
        "reviews": list(newest[:PRODUCT_PAGE_REVIEWS]),
        "skip_photos": not summary.with_photos,
    }


@register.inclusion_tag("orders/partials/_shipping_estimate.html", takes_context=True)
def shipping_estimate_for(context, product):
    """{% shipping_estimate_for product %}: fee and delivery dates to the buyer's ward."""
    return shipping_context(context["request"], product)
