"""Storefront pages orders serves: the review form, a product's reviews, private review photos,
review moderation, and the shipping estimate of the product page."""

import mimetypes
import re
from functools import lru_cache
from typing import NamedTuple

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import Role
from phohang.catalog.selectors import product_get_published
from phohang.core.access import public, roles_required, signed_in
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import Conflict
from phohang.core.htmx import render_page_or_partial
from phohang.core.uploads import clean_image
from phohang.core.views import protect_file_response
from phohang.geo.selectors import province_list

from .. import selectors, services
from ..forms import ReviewRejectForm, ReviewWriteForm
from ..models import Review
from ..services.zones import item_weight_grams

MODERATORS = [Role.AUTHORITY, Role.ADMIN]
REVIEWS_PER_PAGE = 10
SHIPPING_WARD_SESSION_KEY = "shipping_ward"
WARD_CODE = re.compile(r"[0-9]{5}")


class ProvinceOption(NamedTuple):
    code: str
    short_name: str


@lru_cache(maxsize=1)
def _province_options() -> tuple[ProvinceOption, ...]:
    """The ward picker's provinces: reference data that changes only with a deployment."""
    return tuple(
        ProvinceOption(code, short_name)
        for code, short_name in province_list().values_list("code", "short_name")
    )


def shipping_context(request, product, *, ward_code: str = "") -> dict:
    """The product page's shipping line: the fee and dates to the buyer's ward, once known."""
    code = ward_code or request.session.get(SHIPPING_WARD_SESSION_KEY, "")
    ward = selectors.ward_for_shipping(user=request.user, ward_code=code)
    estimate = None
    if ward is not None:
        variant = product.variants.order_by("position", "id").first()
        weight = item_weight_grams(
            weight_grams=variant.weight_grams if variant else None,
            variant_name=variant.name if variant else "",
            unit=product.unit,
        )
        estimate = selectors.shipping_estimate(
            seller_province=product.seller.province,
            ward=ward,
            weight_grams=weight,
            today=timezone.localdate(),
        )
    return {
        "product": product,
        "ward": ward,
        "estimate": estimate,
        "provinces": _province_options(),
    }


@signed_in
@require_http_methods(["GET", "POST"])
def review_write(request, public_id, line_id: int):
    """Stars, words and photos for one line of a delivered order (the buyer's own)."""
    order = selectors.order_get_for_buyer(request.user, public_id)
    line = get_object_or_404(order.lines.all(), pk=line_id)
    existing = Review.objects.filter(order_line=line).first()
    form = ReviewWriteForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and existing is None and form.is_valid():
        files = request.FILES.getlist("photos")
        try:
            if len(files) > services.MAX_REVIEW_PHOTOS:
                raise ValidationError(_("At most 5 photos."))
            photos = [clean_image(upload) for upload in files]
        except ValidationError as error:
            form.add_error("photos", error)
        else:
            try:
                services.review_submit(
                    buyer=request.user,
                    order_line_id=line.pk,
                    rating=form.cleaned_data["rating"],
                    body=form.cleaned_data["body"],
                    photos=photos,
                )
            except services.IllegalTransition as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Thank you! Your review will appear once it has been checked.")
                )
                return redirect(order.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and existing is not None:
        status = 409
    return render(
        request,
        "orders/review_write.html",
        {"order": order, "line": line, "form": form, "review": existing},
        status=status,
    )


@public
@require_GET
def product_reviews(request, public_id):
    """A product's published reviews, filtered by stars or photos and paged (HTMX swaps the list)."""
    product = product_get_published(public_id, with_variants=False)
    stars = request.GET.get("stars", "")
    stars = int(stars) if stars in {"1", "2", "3", "4", "5"} else None
    with_photos = request.GET.get("photos") == "1"
    reviews = selectors.reviews_published_for_product(
        product.pk, stars=stars, with_photos=with_photos
    )
    page = Paginator(reviews, REVIEWS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "product": product,
        "summary": selectors.review_summary_for_product(product.pk),
        "page": page,
        "reviews": page.object_list,
        "stars": stars,
        "with_photos": with_photos,
    }
    return render_page_or_partial(
        request, "orders/product_reviews.html", "orders/partials/_review_list.html", context
    )


@signed_in
@require_GET
def review_photo(request, photo_id: int):
    """A review photo before publication: only to its author and the officers who moderate it."""
    photo = selectors.review_photo_get(user=request.user, photo_id=photo_id)
    extension = photo.image.name.rsplit(".", 1)[-1].lower()
    content_type = mimetypes.guess_type(photo.image.name)[0] or "application/octet-stream"
    response = FileResponse(photo.image.open("rb"), content_type=content_type)
    return protect_file_response(response, f"review-{photo.review_id}-{photo.pk}.{extension}")


@roles_required(MODERATORS)
@require_GET
def review_queue(request):
    """Authority staff: reviews waiting for a decision (or published/rejected ones)."""
    status = request.GET.get("status", Review.Status.PENDING)
    if status not in Review.Status.values:
        status = Review.Status.PENDING
    reviews = selectors.review_queue(scope=request.user.province_scope, status=status)
    page = Paginator(reviews, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "orders/review_queue.html",
        {
            "page": page,
            "status": status,
            "statuses": Review.Status.choices,
            "reject_form": ReviewRejectForm(),
        },
    )


@roles_required(MODERATORS)
@require_POST
def review_moderate(request, review_id: int, action: str):
    review = selectors.review_get_for_moderator(
        scope=request.user.province_scope, review_id=review_id
    )
    context = audit_context_from_request(request)
    try:
        if action == "publish":
            services.review_publish(review=review, context=context)
            messages.success(request, _("The review is published."))
        elif action == "reject":
            form = ReviewRejectForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.review_reject(review=review, reason=reason, context=context)
            messages.success(request, _("The review is not shown on the site."))
        else:
            messages.error(request, _("Unknown action."))
    except (Conflict, services.IllegalTransition) as error:
        messages.error(request, str(error))
    return redirect(f"{reverse('orders:review_queue')}?status={review.status}")


@public
@require_GET
def shipping_estimate(request, public_id):
    """HTMX: shipping fee and delivery dates of a product to the ward the buyer picks."""
    product = product_get_published(public_id, with_variants=False)
    ward_code = request.GET.get("ward", "")
    if ward_code and not WARD_CODE.fullmatch(ward_code):
        ward_code = ""
    context = shipping_context(request, product, ward_code=ward_code)
    if context["ward"] is not None and ward_code:
        # Remembered for the next product page (a preference, like the language).
        request.session[SHIPPING_WARD_SESSION_KEY] = context["ward"].pk
    return render(request, "orders/partials/_shipping_estimate.html", context)
