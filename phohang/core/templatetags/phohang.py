from django import template
from django.utils.safestring import mark_safe

from phohang.core.money import format_vnd

register = template.Library()


@register.filter
def vnd(amount):
    """{{ price_vnd|vnd }} → 1.250.000 ₫"""
    return format_vnd(amount)


@register.simple_tag(takes_context=True)
def active_if(context, url_name_prefix: str) -> str:
    match = getattr(context.get("request"), "resolver_match", None)
    if match and match.view_name.startswith(url_name_prefix):
        return mark_safe('aria-current="page"')  # noqa: S308 - constant markup
    return ""
