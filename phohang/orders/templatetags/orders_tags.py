from django import template

from ..selectors import cart_count, cart_for

register = template.Library()


@register.simple_tag(takes_context=True)
def cart_item_count(context) -> int:
    request = context.get("request")
    if request is None:
        return 0
    session = getattr(request, "session", None)
    token = session.get("cart_token") if session is not None else None
    return cart_count(cart_for(user=request.user, session_key=token))
