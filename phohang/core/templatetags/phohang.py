from decimal import Decimal
from typing import Any

from django import template
from django.template import Context
from django.utils import numberformat
from django.utils.formats import get_format, number_format
from django.utils.safestring import mark_safe

from phohang.core.money import format_vnd

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    """{{ price_vnd|vnd }} → 1.250.000 ₫"""
    return format_vnd(amount)


@register.filter
def grams(weight: Any) -> str:
    """{{ 1500|grams }} → "1,5 kg" (in the active language's decimal mark); 500 → "500 g"."""
    if weight in (None, ""):
        return ""
    weight = int(weight)
    if weight < 1000:
        return f"{weight} g"
    kilograms = (Decimal(weight) / 1000).quantize(Decimal("0.01")).normalize()
    exponent = kilograms.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return f"{number_format(kilograms, places)} kg"


@register.simple_tag(takes_context=True)
def active_if(context: Context, url_name_prefix: str) -> str:
    match = getattr(context.get("request"), "resolver_match", None)
    if match and match.view_name.startswith(url_name_prefix):
        return mark_safe('aria-current="page"')  # noqa: S308 - constant markup
    return ""


@register.filter
def number(value: Decimal | float | str | None) -> str:
    """{{ 49980|number }} → "49.980", {{ 30.73|number }} → "30,73" in Vietnamese; blank for None."""
    if value in (None, ""):
        return ""
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )
