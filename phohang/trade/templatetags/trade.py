from django import template

from ..explain import match_reasons as _match_reasons

register = template.Library()


@register.filter
def match_reasons(breakdown):
    return _match_reasons(breakdown or {})
