from django import template

from ..vocabulary import process_name as _process_name

register = template.Library()


@register.filter
def process_name(code: str) -> str:
    """{{ "plastic_injection"|process_name }} → "Ép nhựa" (or its English name)."""
    return _process_name(code)
