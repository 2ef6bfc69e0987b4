"""Messaging's fragment of the catalog's seller boxes (the catalog never imports messaging)."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("messaging/partials/_response_rate.html")
def seller_response_rate(seller):
    """{% seller_response_rate seller %}: the share of buyer conversations answered within 24 h."""
    return {"rate": selectors.seller_response_rate(seller.pk)}
