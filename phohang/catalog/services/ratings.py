"""The review summary a product carries for cards, listings and its page."""

from django.db import transaction

from ..events import product_changed_send
from ..models import Product


def rating_tenths(*, count: int, total: int) -> int:
    """The average of `total` stars over `count` reviews in tenths of a star, rounded half up."""
    return (20 * total + count) // (2 * count) if count else 0


def product_rating_set(*, product_id: int, count: int, total: int) -> None:
    """Store the count and star total of a product's published reviews (orders computes them)."""
    if count < 0 or total < count or total > 5 * count:
        raise ValueError("a review has 1 to 5 stars")
    with transaction.atomic():
        changed = (
            Product.objects.filter(pk=product_id)
            .exclude(rating_count=count, rating_total=total)
            .update(
                rating_count=count,
                rating_total=total,
                rating_tenths=rating_tenths(count=count, total=total),
            )
        )
        if changed:
            # Cards, listings and the search projection show the rating.
            product_changed_send(product_id=product_id, action="updated")
