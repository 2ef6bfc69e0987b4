"""The product page's carrier quotes (an HTMX fragment the catalog's page includes)."""

import re

from django.shortcuts import render
from django.views.decorators.http import require_GET

from phohang.catalog.selectors import product_get_published
from phohang.core.access import public
from phohang.orders.selectors import ward_for_shipping
from phohang.orders.views.storefront import SHIPPING_WARD_SESSION_KEY

from . import selectors

WARD_CODE = re.compile(r"[0-9]{5}")
MAX_QUANTITY = 999


def _quantity(raw: str) -> int:
    """The buyer's quantity (1 when absent or not a whole number in 1–999)."""
    return int(raw) if raw.isdigit() and 1 <= int(raw) <= MAX_QUANTITY else 1


@public
@require_GET
def product_quote(request, public_id):
    """HTMX: each carrier's fee, the rate table's and the COD fee for the chosen variant and
    quantity to the ward picked on the page, else the one remembered, else the buyer's default
    address. Without a ward the fragment is empty (the shipping line asks for one)."""
    product = product_get_published(public_id)
    variants = list(product.variants.all())
    raw_variant = request.GET.get("variant_id", "")
    variant = next((v for v in variants if str(v.pk) == raw_variant), None)
    variant = variant or next((v for v in variants if v.available > 0), None)
    variant = variant or (variants[0] if variants else None)
    code = request.GET.get("ward", "")
    if not WARD_CODE.fullmatch(code):
        code = request.session.get(SHIPPING_WARD_SESSION_KEY, "")
    ward = ward_for_shipping(user=request.user, ward_code=code)
    quote = None
    if ward is not None and variant is not None:
        quote = selectors.product_quote(
            product=product,
            variant=variant,
            quantity=_quantity(request.GET.get("quantity", "")),
            ward=ward,
        )
    context = {"product": product, "variant": variant, "quote": quote}
    return render(request, "logistics/partials/_product_quote.html", context)
