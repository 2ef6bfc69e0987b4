"""Reviews: a buyer writes one per delivered order line; authority staff publish or reject it.

A review and its photos stay private (the buyer and the moderators) until it is published;
publishing copies the photos to public media and the product's rating summary is recomputed
from its published reviews, so the catalog's figures can always be rebuilt from this table.
"""

import uuid
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from phohang.accounts.models import User
from phohang.catalog.services import product_rating_set
from phohang.core.audit import AuditContext
from phohang.core.transitions import (
    IllegalTransition,
    StateMachine,
    history_row,
    history_start,
    transition,
)
from phohang.core.uploads import CleanUpload

from ..models import OrderLine, Review, ReviewEvent, ReviewPhoto
from .state import REVIEWABLE

MAX_REVIEW_PHOTOS = 5
MODERATOR = "moderator"
R = Review.Status
REVIEW = StateMachine(
    name="orders.review",
    moves={
        (R.PENDING, R.PUBLISHED): {MODERATOR},
        (R.PENDING, R.REJECTED): {MODERATOR},
        # Taken down after publication (a complaint, a mistake), or put back.
        (R.PUBLISHED, R.REJECTED): {MODERATOR},
        (R.REJECTED, R.PUBLISHED): {MODERATOR},
    },
    history=history_row(ReviewEvent, "review"),
)


def review_submit(
    *,
    buyer: User,
    order_line_id: int,
    rating: int,
    body: str = "",
    photos: Iterable[CleanUpload] = (),
) -> Review:
    """The buyer's review of one delivered line, with up to five cleaned photos (CleanUpload)."""
    line = (
        OrderLine.objects.select_related("order")
        .filter(pk=order_line_id, order__buyer=buyer)
        .first()
    )
    if line is None or line.order.status not in REVIEWABLE:
        raise IllegalTransition(_("You can review a product once it has been delivered to you."))
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise IllegalTransition(_("Choose a rating from 1 to 5 stars."))
    chosen = list(photos)
    if len(chosen) > MAX_REVIEW_PHOTOS:
        raise IllegalTransition(_("At most 5 photos."))
    with transaction.atomic():
        if Review.objects.select_for_update().filter(order_line=line).exists():
            raise IllegalTransition(_("You have already reviewed this product."))
        review = Review.objects.create(
            order_line=line,
            product_id=line.product_id,
            buyer=buyer,
            rating=rating,
            body=body.strip(),
        )
        history_start(REVIEW, review, actor=buyer)
        for position, photo in enumerate(chosen):
            ReviewPhoto.objects.create(review=review, image=photo.content, position=position)
    return review


def review_publish(*, review: Review, context: AuditContext) -> Review:
    """Make the review and its photos public and count it in the product's rating."""
    with transaction.atomic():
        transition(
            REVIEW,
            review,
            to=R.PUBLISHED,
            actor_kind=MODERATOR,
            actor=context.actor,
            fields={"moderated_at": timezone.now(), "moderation_note": ""},
            context=context,
        )
        for photo in review.photos.filter(public_image=""):
            extension = (photo.image.name or "").rsplit(".", 1)[-1].lower()
            with photo.image.open("rb") as source:
                photo.public_image.save(
                    f"{uuid.uuid4().hex}.{extension}", ContentFile(source.read()), save=True
                )
        _product_rating_refresh(review.product_id)
    return review


def review_reject(*, review: Review, reason: str, context: AuditContext) -> Review:
    """Keep the review (or take it) off the site; its public photo copies are deleted."""
    reason = reason.strip()
    if not reason:
        raise IllegalTransition(_("Say why the review is not published."))
    with transaction.atomic():
        was_published = review.is_published
        transition(
            REVIEW,
            review,
            to=R.REJECTED,
            actor_kind=MODERATOR,
            actor=context.actor,
            note=reason,
            fields={"moderated_at": timezone.now(), "moderation_note": reason[:200]},
            context=context,
        )
        names: list[str] = []
        for photo in review.photos.exclude(public_image=""):
            names.append(photo.public_image.name or "")
            photo.public_image = ""
            photo.save(update_fields=["public_image"])
        if was_published:
            _product_rating_refresh(review.product_id)
        storage = ReviewPhoto._meta.get_field("public_image").storage
        transaction.on_commit(lambda: _files_delete(storage, names))
    return review


def _files_delete(storage: Storage, names: list[str]) -> None:
    for name in names:
        storage.delete(name)


def _product_rating_refresh(product_id: int) -> None:
    summary = Review.objects.filter(product_id=product_id, status=R.PUBLISHED).aggregate(
        count=Count("id"), total=Sum("rating")
    )
    product_rating_set(product_id=product_id, count=summary["count"], total=summary["total"] or 0)
