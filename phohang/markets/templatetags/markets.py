"""`{% product_trace product as lot %}`: the lot a marketplace product is sold from, if linked."""

from django import template

from ..selectors import product_trace as product_trace_get

register = template.Library()


@register.simple_tag
def product_trace(product):
    return product_trace_get(product)
