from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..routing.truck_rules import DAY
from ..services.planning import reason_text

register = template.Library()


@register.filter
def clock(seconds) -> str:
    """Seconds since midnight of the plan day as HH:MM, marked when on the next day."""
    if seconds in (None, ""):
        return ""
    seconds = int(seconds)
    day, rest = divmod(seconds, DAY)
    text = f"{rest // 3600:02d}:{rest % 3600 // 60:02d}"
    if day:
        return _("%(time)s (next day)") % {"time": text}
    return text


@register.filter
def unserved_reason(code: str) -> str:
    return str(reason_text(code))


@register.filter
def kilometres(metres) -> str:
    return number_format((metres or 0) / 1000, 1)
