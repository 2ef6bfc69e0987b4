import mimetypes

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import Role
from phohang.core.access import roles_required, signed_in
from phohang.core.audit import audit_context_from_request
from phohang.core.uploads import clean_image
from phohang.core.views import protect_file_response

from .. import selectors, services
from ..delivery import delivery_window, tracking_url
from ..forms import (
    CancelForm,
    ReturnDecisionForm,
    ReturnRequestForm,
    ReviewForm,
    SellerOrderFilterForm,
    ShipForm,
)
from ..models import Order, ReturnPhoto
from ..services.state import REVIEWABLE, Actor, can_transition

MAX_RETURN_PHOTOS = 5
# Orders on their way to the buyer, for which an expected delivery date is shown.
EXPECTING_DELIVERY = {
    Order.Status.AWAITING_PAYMENT,
    Order.Status.PAID,
    Order.Status.CONFIRMED,
    Order.Status.PACKED,
    Order.Status.SHIPPED,
}


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
    delivery = None
    if order.status in EXPECTING_DELIVERY:
        delivery = delivery_window(
            origin=order.seller.province,
            destination=order.address.province,
            ordered_on=timezone.localdate(order.created_at),
            shipped_on=timezone.localdate(order.shipped_at) if order.shipped_at else None,
        )
    return render(
        request,
        "orders/order_detail.html",
        {
            "order": order,
            "side": side,
            "timeline": selectors.order_timeline(order),
            "delivery": delivery,
            "tracking_url": tracking_url(order.carrier, order.tracking_number),
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
