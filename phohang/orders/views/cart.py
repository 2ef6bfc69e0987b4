"""Cart and checkout pages: thin adapters over the cart and checkout services."""

import secrets
import uuid

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.core.access import public, signed_in
from phohang.core.errors import DomainError
from phohang.geo.selectors import province_list, ward_list_for_province, ward_with_province

from .. import selectors, services
from ..delivery import delivery_window
from ..forms import CartLineForm, CheckoutForm
from ..models import PaymentMethod


def merge_cart_at_login(sender, request, user, **kwargs):
    token = request.session.get("cart_token") if request is not None else None
    if token:
        services.cart_merge(session_key=token, user=user)
        request.session.pop("cart_token", None)


def _cart(request, *, create: bool):
    if request.user.is_authenticated:
        if create:
            return services.cart_get_or_create(user=request.user)
        return selectors.cart_for(user=request.user)
    token = request.session.get("cart_token")
    if not token and create:
        token = request.session["cart_token"] = secrets.token_urlsafe(24)
    if not token:
        return None
    if create:
        return services.cart_get_or_create(session_key=token)
    return selectors.cart_for(session_key=token)


def _cart_items(cart):
    lines = list(selectors.cart_lines(cart))
    return lines, [(line.variant_id, line.quantity) for line in lines]


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value[:36])
    except ValueError:
        return None


def _ward_from(data) -> object | None:
    """The ward named in `data` if it belongs to the province named there, else None."""
    ward = ward_with_province(str(data.get("ward", ""))[:5])
    if ward is None or ward.province_id != str(data.get("province", ""))[:2]:
        return None
    return ward


def _preview(lines, items, ward):
    """The cart's preview priced for `ward` (shipping only when a ward is known)."""
    preview = services.checkout_preview(
        items=items,
        destination_province_id=ward.province_id if ward else None,
        prices_seen={line.variant_id: line.price_seen_vnd for line in lines},
        destination_ward_id=ward.pk if ward else None,
    )
    products = {line.variant_id: line.variant.product for line in lines}
    today = timezone.localdate()
    for group in preview.groups:
        if ward is not None:
            group.delivery = delivery_window(
                origin=group.seller.province, destination=ward.province, ordered_on=today
            )
        for preview_line in group.lines:
            product = products.get(preview_line.variant.pk)
            if product is not None:
                preview_line.thumbnail_url = product.cover_thumbnail_url
                preview_line.product_url = product.get_absolute_url()
    return preview


def _cart_destination(request):
    """The ward the cart prices shipping to: the one picked on the page, else the buyer's usual."""
    ward = _ward_from(request.GET)
    if ward is None and request.user.is_authenticated:
        ward = selectors.checkout_prefill(request.user).get("ward")
    return ward


@public
@require_GET
def cart(request):
    cart = _cart(request, create=False)
    lines, items = _cart_items(cart)
    ward = _cart_destination(request)
    preview = _preview(lines, items, ward) if items else None
    template = (
        "orders/partials/_cart_summary.html"
        if getattr(request, "htmx", False)
        else "orders/cart.html"
    )
    context = {"preview": preview, "ward": ward, "editable": True}
    if template == "orders/cart.html":
        context["provinces"] = province_list()
        context["wards"] = ward_list_for_province(ward.province_id) if ward else []
    return render(request, template, context)


@public
@require_POST
def cart_update(request):
    form = CartLineForm(request.POST)
    add = request.POST.get("mode") == "add"
    # Adding zero units would change nothing yet read as success; 0 only removes a cart line.
    if not form.is_valid() or (add and form.cleaned_data["quantity"] == 0):
        messages.error(request, _("Quantity must be a whole number of at least 1."))
        return redirect("orders:cart")
    try:
        services.cart_line_set(
            cart=_cart(request, create=True),
            variant_id=form.cleaned_data["variant_id"],
            quantity=form.cleaned_data["quantity"],
            add=add,
        )
    except services.CartError as error:
        messages.error(request, str(error))
    else:
        if add and request.POST.get("buy_now"):
            # "Mua ngay" on the product page: straight on to checkout.
            return redirect("orders:checkout")
        if add:
            messages.success(request, _("Added to your cart."))
        elif form.cleaned_data["quantity"] == 0:
            messages.success(request, _("Removed from your cart."))
    if getattr(request, "htmx", False):
        return render(request, "orders/partials/_cart_badge.html", {})
    return redirect("orders:cart")


def _checkout_initial(request) -> dict:
    """Prefill: the address picked from the book (?address=), else the buyer's usual one."""
    initial = selectors.checkout_prefill(request.user)
    picked = _uuid_or_none(request.GET.get("address", ""))
    saved = picked and selectors.saved_address_list(request.user).filter(public_id=picked).first()
    if saved:
        initial.update(
            recipient_name=saved.recipient_name,
            recipient_phone=saved.recipient_phone,
            street=saved.address.street,
            province=saved.address.province,
            ward=saved.address.ward,
        )
    initial["payment_method"] = PaymentMethod.COD
    return initial


def _checkout_form(request, data=None):
    return CheckoutForm(
        data, initial=_checkout_initial(request), payment_methods=services.payment_methods_enabled()
    )


def _place(request, form, lines, items):
    """Place the order from a valid form; returns a redirect, or None with a message shown."""
    data = form.cleaned_data
    try:
        placed = services.checkout_place(
            buyer=request.user,
            items=items,
            street=data["street"],
            ward=data["ward"],
            province=data["province"],
            recipient_name=data["recipient_name"],
            recipient_phone=data["recipient_phone"],
            payment_method=data["payment_method"],
            prices_seen={line.variant_id: line.price_seen_vnd for line in lines},
            expected_total_vnd=data.get("expected_total_vnd"),
            note=data.get("note", ""),
        )
    except services.PriceChanged as changed:
        # The buyer sees the new figures and confirms again; the cart remembers them.
        for line in lines:
            line.price_seen_vnd = line.variant.price_vnd
            line.save(update_fields=["price_seen_vnd"])
        if changed.preview.has_price_changes:
            messages.warning(request, str(changed))
        else:
            messages.warning(
                request,
                _(
                    "The total changed since the page was shown. Check it, then place the order again."
                ),
            )
        return None
    except services.CheckoutError as error:
        messages.error(request, str(error))
        return None
    if data.get("save_address"):
        try:
            services.saved_address_add(
                user=request.user,
                street=data["street"],
                ward=data["ward"],
                province=data["province"],
                recipient_name=data["recipient_name"],
                recipient_phone=data["recipient_phone"],
            )
        except DomainError as error:
            messages.info(request, str(error))
    if placed.payment_method == PaymentMethod.COD:
        messages.success(request, _("Thank you! Your order is confirmed."))
        return redirect("orders:checkout_done", public_id=placed.public_id)
    return redirect("payments:pay", public_id=placed.public_id)


@signed_in
@require_http_methods(["GET", "POST"])
def checkout(request):
    """The first "Place order" works: shipping is priced on the server when the form is sent."""
    cart = _cart(request, create=False)
    lines, items = _cart_items(cart)
    if not items:
        messages.info(request, _("Your cart is empty."))
        return redirect("orders:cart")
    if request.method == "POST":
        form = _checkout_form(request, request.POST)
        if form.is_valid() and "confirm" in request.POST:
            done = _place(request, form, lines, items)
            if done is not None:
                return done
        ward = form.cleaned_data.get("ward") if form.is_valid() else _ward_from(request.POST)
        preview = _preview(lines, items, ward)
        data = request.POST.copy()
        # What the page now shows is what the next "Place order" confirms.
        data["expected_total_vnd"] = preview.total_vnd if ward else ""
        if ward is not None:
            data["province"], data["ward"] = ward.province_id, ward.code
        form = _checkout_form(request, data)
        form.is_valid()
        status = 400 if "confirm" in request.POST else 200
    else:
        initial = _checkout_initial(request)
        ward = initial.get("ward")
        preview = _preview(lines, items, ward)
        initial["expected_total_vnd"] = preview.total_vnd if ward else None
        form = CheckoutForm(initial=initial, payment_methods=services.payment_methods_enabled())
        status = 200
    return render(
        request,
        "orders/checkout.html",
        {
            "form": form,
            "preview": preview,
            "ward": ward,
            "saved_addresses": selectors.saved_address_list(request.user),
        },
        status=status,
    )


@signed_in
@require_GET
def checkout_summary(request):
    """HTMX: the order summary with shipping to the chosen ward, and the total to confirm."""
    cart = _cart(request, create=False)
    lines, items = _cart_items(cart)
    ward = _ward_from(request.GET)
    preview = _preview(lines, items, ward) if items else None
    return render(
        request,
        "orders/partials/_checkout_summary.html",
        {"preview": preview, "ward": ward},
    )


@signed_in
@require_GET
def checkout_done(request, public_id):
    placed = selectors.checkout_get_for_buyer(request.user, public_id)
    return render(
        request,
        "orders/checkout_done.html",
        {"checkout": placed, "orders": selectors.orders_for_checkout(placed)},
    )
