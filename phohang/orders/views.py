import mimetypes
import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import Role
from phohang.core.access import public, roles_required, signed_in
from phohang.core.audit import audit_context_from_request
from phohang.core.uploads import clean_image
from phohang.core.views import protect_file_response

from . import selectors, services
from .forms import (
    CancelForm,
    CartLineForm,
    CheckoutForm,
    ReturnDecisionForm,
    ReturnRequestForm,
    ReviewForm,
    SellerOrderFilterForm,
    ShipForm,
    ShippingRateForm,
)
from .models import Order, PaymentMethod, ReturnPhoto, ShippingRate
from .services import zones
from .services.state import REVIEWABLE, Actor, can_transition

MAX_RETURN_PHOTOS = 5


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


@public
@require_GET
def cart(request):
    cart = _cart(request, create=False)
    lines, items = _cart_items(cart)
    preview = None
    if items:
        preview = services.checkout_preview(
            items=items,
            destination_province_id=None,
            prices_seen={line.variant_id: line.price_seen_vnd for line in lines},
        )
    return render(request, "orders/cart.html", {"preview": preview})


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
        if add:
            messages.success(request, _("Added to your cart."))
    if getattr(request, "htmx", False):
        return render(request, "orders/partials/_cart_badge.html", {})
    return redirect("orders:cart")


def _checkout_context(request, form, preview, **extra):
    return {"form": form, "preview": preview, **extra}


@signed_in
@require_http_methods(["GET", "POST"])
def checkout(request):
    cart = _cart(request, create=False)
    lines, items = _cart_items(cart)
    if not items:
        messages.info(request, _("Your cart is empty."))
        return redirect("orders:cart")
    prices_seen = {line.variant_id: line.price_seen_vnd for line in lines}
    form = CheckoutForm(request.POST or None)
    province = None
    if form.is_bound and form.is_valid():
        province = form.cleaned_data["province"]
    preview = services.checkout_preview(
        items=items,
        destination_province_id=province.pk if province else None,
        prices_seen=prices_seen,
    )
    if request.method == "POST" and form.is_valid() and "confirm" in request.POST:
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
                prices_seen=prices_seen,
                expected_total_vnd=data["expected_total_vnd"],
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
                # Only the total moved: shipping for the address was not shown before.
                messages.warning(
                    request,
                    _(
                        "Shipping to your address is now included. "
                        "Check the total, then place the order again."
                    ),
                )
            preview = changed.preview
        except services.CheckoutError as error:
            messages.error(request, str(error))
        else:
            if placed.payment_method == PaymentMethod.COD:
                messages.success(request, _("Thank you! Your order is confirmed."))
                return redirect("orders:checkout_done", public_id=placed.public_id)
            return redirect("payments:pay", public_id=placed.public_id)
    data = form.data.copy() if form.is_bound else None
    if data is not None:
        data["expected_total_vnd"] = preview.total_vnd
        form = CheckoutForm(data)
        form.is_valid()
    else:
        form = CheckoutForm(
            initial={
                "recipient_name": request.user.full_name,
                "payment_method": PaymentMethod.COD,
                "expected_total_vnd": preview.total_vnd,
            }
        )
    status = 400 if request.method == "POST" and "confirm" in request.POST else 200
    return render(
        request, "orders/checkout.html", {"form": form, "preview": preview}, status=status
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


@signed_in
@require_GET
def order_list(request):
    page = Paginator(selectors.order_list_for_buyer(request.user), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "orders/order_list.html", {"page": page})


@signed_in
@require_GET
def return_photo(request, public_id, photo_id: int):
    """A return photo, only to the order's buyer and seller (evidence lives in private storage)."""
    order, _side = selectors.order_get_for_party(request.user, public_id)
    photo = get_object_or_404(ReturnPhoto, pk=photo_id, return_request__order=order)
    extension = photo.image.name.rsplit(".", 1)[-1].lower()
    content_type = mimetypes.guess_type(photo.image.name)[0] or "application/octet-stream"
    response = FileResponse(photo.image.open("rb"), content_type=content_type)
    return protect_file_response(response, f"return-{order.number}-{photo.pk}.{extension}")


@signed_in
@require_GET
def order_detail(request, public_id):
    order, side = selectors.order_get_for_party(request.user, public_id)
    reviewed = set(order.lines.filter(review__isnull=False).values_list("pk", flat=True))
    return render(
        request,
        "orders/order_detail.html",
        {
            "order": order,
            "side": side,
            "reviewed_line_ids": reviewed,
            "can_review": side == "buyer" and order.status in REVIEWABLE,
            "cancel_form": CancelForm(),
            "ship_form": ShipForm(),
            "decision_form": ReturnDecisionForm(),
            "return_request": getattr(order, "return_request", None)
            if hasattr(order, "return_request")
            else None,
        },
    )


def _refusal_message(error: Exception, order: Order, to_status: str, actor_kind: str) -> str:
    """The service's own explanation, or, when the order has moved on, where it stands now.

    The state machine's refusals name internal states; a second click on the same button (or a
    racing request) is explained by the order's current status instead.
    """
    current = Order.objects.get(pk=order.pk)
    if current.status != order.status or not can_transition(current, to_status, actor_kind):
        return _("This step is not possible now: the order is %(status)s.") % {
            "status": current.get_status_display()
        }
    return str(error) or _("This step is not possible now.")


@signed_in
@require_http_methods(["GET", "POST"])
def return_request(request, public_id):
    order = selectors.order_get_for_buyer(request.user, public_id)
    if order.status != Order.Status.DELIVERED:
        messages.error(
            request,
            _("A return can be requested once the order is delivered; this order is %(status)s.")
            % {"status": order.get_status_display()},
        )
        return redirect(order.get_absolute_url())
    form = ReturnRequestForm(request.POST or None, request.FILES or None, order=order)
    if request.method == "POST" and form.is_valid():
        files = request.FILES.getlist("photos")
        try:
            if len(files) > MAX_RETURN_PHOTOS:
                raise ValidationError(_("At most 5 photos."))
            photos = [clean_image(upload) for upload in files]
            services.order_return_request(
                order=order,
                buyer=request.user,
                reason=form.cleaned_data["reason"],
                quantities=form.quantities(),
                photos=photos,
            )
        except ValidationError as error:
            form.add_error("photos", error)
        except services.IllegalTransition as error:
            form.add_error(
                None, _refusal_message(error, order, Order.Status.RETURN_REQUESTED, Actor.BUYER)
            )
        else:
            messages.success(request, _("Your return request was sent to the seller."))
            return redirect(order.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request, "orders/return_request.html", {"form": form, "order": order}, status=status
    )


@signed_in
@require_POST
def review_create(request, public_id):
    order = selectors.order_get_for_buyer(request.user, public_id)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_submit(
                buyer=request.user,
                order_line_id=form.cleaned_data["order_line"],
                rating=form.cleaned_data["rating"],
                body=form.cleaned_data["body"],
            )
        except services.IllegalTransition as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you for your review."))
    else:
        messages.error(request, _("Choose a rating from 1 to 5 stars."))
    return redirect(order.get_absolute_url())


@signed_in
@require_POST
def order_complete(request, public_id):
    order = selectors.order_get_for_buyer(request.user, public_id)
    try:
        services.order_transition(
            order_id=order.pk,
            to_status=Order.Status.COMPLETED,
            actor_kind=Actor.BUYER,
            actor=request.user,
        )
    except services.IllegalTransition:
        messages.error(request, _("This order cannot be completed now."))
    return redirect(order.get_absolute_url())


@roles_required([Role.SELLER])
@require_GET
def seller_order_list(request):
    form = SellerOrderFilterForm(request.GET or None)
    status = query = ""
    if form.is_valid():
        status, query = form.cleaned_data["status"], form.cleaned_data["q"]
    orders = selectors.order_list_for_seller(request.user, status=status, query=query)
    page = Paginator(orders, 25).get_page(request.GET.get("page"))
    return render(request, "orders/seller_order_list.html", {"page": page, "form": form})


SELLER_ACTION_TARGETS = {
    "pack": Order.Status.PACKED,
    "ship": Order.Status.SHIPPED,
    "return": Order.Status.RETURN_ACCEPTED,
}


@roles_required([Role.SELLER])
@require_POST
def seller_order_action(request, public_id, action):
    order = selectors.order_get_for_seller(request.user, public_id)
    context = audit_context_from_request(request)
    to_status = SELLER_ACTION_TARGETS.get(action)
    if to_status is None:
        raise Http404
    try:
        if action == "pack":
            services.order_pack(order=order, actor=request.user, context=context)
        elif action == "ship":
            form = ShipForm(request.POST)
            if not form.is_valid():
                raise services.IllegalTransition(_("Enter the carrier and the tracking number."))
            services.order_ship(
                order=order, actor=request.user, context=context, **form.cleaned_data
            )
        elif action == "return":
            form = ReturnDecisionForm(request.POST)
            if not form.is_valid():
                raise services.IllegalTransition(_("Choose to accept or reject the return."))
            services.order_return_decide(
                order=order,
                actor=request.user,
                accept=form.cleaned_data["accept"],
                note=form.cleaned_data["note"],
                context=context,
            )
    except services.IllegalTransition as error:
        # Accepting and rejecting a return are legal from the same states.
        messages.error(request, _refusal_message(error, order, to_status, Actor.SELLER))
    else:
        messages.success(request, _("Order updated."))
    return redirect(order.get_absolute_url())


@roles_required([Role.SELLER])
@require_GET
def packing_slip(request, public_id):
    order = selectors.order_get_for_seller(request.user, public_id)
    return render(request, "orders/packing_slip.html", {"order": order})


# The shipping fee table is platform-wide: city-level authority staff and platform admins only.
ZONE_EDITORS = [Role.CITY_AUTHORITY, Role.ADMIN]


def _shipping_rate_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "origin_province": data["origin_province"],
        "destination_province": data["destination_province"],
        "max_weight_grams": data["max_weight_grams"],
        "fee_vnd": data["fee_vnd"],
    }


def _add_service_errors(form, error: zones.ShippingRateInvalid) -> None:
    for field, message in error.errors.items():
        form.add_error(field if field in form.fields else None, message)


@roles_required(ZONE_EDITORS)
@require_http_methods(["GET", "POST"])
def shipping_zone_list(request):
    """The zone table with a form to add a band; a refused band re-renders with a 400."""
    form = ShippingRateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            zones.shipping_rate_create(
                actor=request.user,
                context=audit_context_from_request(request),
                **_shipping_rate_fields(form),
            )
        except zones.ShippingRateInvalid as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Shipping band added."))
            return redirect("orders:shipping_zones")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "orders/shipping_zones.html",
        {"zones": zones.shipping_zone_list(), "form": form},
        status=status,
    )


@roles_required(ZONE_EDITORS)
@require_http_methods(["GET", "POST"])
def shipping_rate_edit(request, rate_id):
    rate = get_object_or_404(ShippingRate, pk=rate_id)
    initial = {
        "origin_province": rate.origin_province_id,
        "destination_province": rate.destination_province_id,
        "max_weight_grams": rate.max_weight_grams,
        "fee_vnd": rate.fee_vnd,
    }
    form = ShippingRateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            zones.shipping_rate_update(
                rate=rate,
                actor=request.user,
                context=audit_context_from_request(request),
                **_shipping_rate_fields(form),
            )
        except zones.ShippingRateInvalid as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Shipping band saved."))
            return redirect("orders:shipping_zones")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "orders/shipping_rate_edit.html", {"form": form, "rate": rate}, status=status
    )


@roles_required(ZONE_EDITORS)
@require_POST
def shipping_rate_delete(request, rate_id):
    rate = get_object_or_404(ShippingRate, pk=rate_id)
    zones.shipping_rate_delete(
        rate=rate, actor=request.user, context=audit_context_from_request(request)
    )
    messages.success(request, _("Shipping band deleted."))
    return redirect("orders:shipping_zones")
