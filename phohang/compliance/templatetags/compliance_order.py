"""What the order page shows from compliance (one tag in the orders template)."""

from typing import Any

from django import template

from phohang.orders.models import Order

from .. import selectors

register = template.Library()


@register.inclusion_tag("compliance/partials/_order_compliance.html")
def order_compliance(order: Order, side: str) -> dict[str, Any]:
    """The operating-rules version in force when the order was placed and the complaints about
    it with their outcomes and refunds."""
    facts = selectors.order_compliance(order)
    return {"order": order, "side": side, "rules": facts.rules, "complaints": facts.complaints}
