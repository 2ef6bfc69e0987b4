"""Reads of orders shared by pages, the API and payments; others' orders are simply not found."""

import datetime
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from phohang.accounts.models import ProvinceScope, User
from phohang.geo.models import Province, Ward
from phohang.sellers.models import SellerMember

from .delivery import delivery_window
from .models import (
    Cart,
    CartLine,
    Checkout,
    Order,
    OrderEvent,
    OrderLine,
    Review,
    ReviewPhoto,
    SavedAddress,
)


def cart_for(
    *, user: User | AnonymousUser | None = None, session_key: str | None = None
) -> Cart | None:
    if user is not None and user.is_authenticated:
        return Cart.objects.filter(user=user).first()
    if session_key:
        return Cart.objects.filter(session_key=session_key, user__isnull=True).first()
    return None


def cart_lines(cart: Cart | None) -> QuerySet[CartLine]:
    if cart is None:
        return CartLine.objects.none()
    return cart.lines.select_related("variant__product__seller").order_by(
        "variant__seller_id", "id"
    )


def cart_count(cart: Cart | None) -> int:
    if cart is None:
        return 0
    return sum(cart.lines.values_list("quantity", flat=True))


def _with_details(queryset: QuerySet[Order]) -> QuerySet[Order]:
    return queryset.select_related(
        "seller__province", "buyer", "address__ward", "address__province", "checkout"
    ).prefetch_related(
        Prefetch("lines", queryset=OrderLine.objects.order_by("id")),
        Prefetch("events", queryset=OrderEvent.objects.order_by("created_at", "id")),
    )


def seller_ids_for_user(user: User | AnonymousUser) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(
        SellerMember.objects.filter(user=user, is_active=True, seller__is_active=True).values_list(
            "seller_id", flat=True
        )
    )


def order_list_for_buyer(user: User) -> QuerySet[Order]:
    return Order.objects.filter(buyer=user).select_related("seller").order_by("-created_at", "-id")


def order_list_for_seller(user: User, *, status: str = "", query: str = "") -> QuerySet[Order]:
    orders = Order.objects.filter(seller_id__in=seller_ids_for_user(user)).select_related("buyer")
    if status:
        orders = orders.filter(status=status)
    if query:
        orders = orders.filter(number__icontains=query.strip()[:20])
    return orders.order_by("-created_at", "-id")


def order_get_for_buyer(user: User, public_id: UUID | str) -> Order:
    order = _with_details(Order.objects.filter(buyer=user, public_id=public_id)).first()
    if order is None:
        raise Http404
    return order


def order_get_for_seller(user: User, public_id: UUID | str) -> Order:
    order = _with_details(
        Order.objects.filter(seller_id__in=seller_ids_for_user(user), public_id=public_id)
    ).first()
    if order is None:
        raise Http404
    return order


def order_get_for_party(user: User | AnonymousUser, public_id: UUID | str) -> tuple[Order, str]:
    """The order and the viewer's side ("buyer" or "seller"); 404 for anyone else."""
    if not user.is_authenticated:
        raise Http404
    order = _with_details(Order.objects.filter(public_id=public_id)).first()
    if order is not None:
        if order.buyer_id == user.pk:
            return order, "buyer"
        if order.seller_id in seller_ids_for_user(user):
            return order, "seller"
    raise Http404


def checkout_get_for_buyer(user: User, public_id: UUID | str) -> Checkout:
    checkout = (
        Checkout.objects.filter(buyer=user, public_id=public_id).prefetch_related("orders").first()
    )
    if checkout is None:
        raise Http404
    return checkout


def checkout_get_by_reference(reference: str) -> Checkout | None:
    return Checkout.objects.filter(reference=reference).first()


def orders_for_checkout(checkout: Checkout) -> QuerySet[Order]:
    return checkout.orders.order_by("number")


def reviews_for_product(product_id: int) -> QuerySet[Review]:
    """Every review of a product, whatever its status (staff tools); pages show
    `reviews_published_for_product`."""
    return Review.objects.filter(product_id=product_id).select_related("buyer")


def saved_address_list(user: User | AnonymousUser) -> QuerySet[SavedAddress]:
    """The buyer's address book, the default first."""
    if not user.is_authenticated:
        return SavedAddress.objects.none()
    return SavedAddress.objects.filter(user=user).select_related(
        "address__ward", "address__province"
    )


def saved_address_get(user: User, public_id: UUID | str) -> SavedAddress:
    """One entry of the buyer's own book; 404 for anyone else's."""
    saved = saved_address_list(user).filter(public_id=public_id).first()
    if saved is None:
        raise Http404
    return saved


def checkout_prefill(user: User) -> dict[str, Any]:
    """What checkout fills in: the default address, else the last order's, else the profile."""
    initial: dict[str, Any] = {
        "recipient_name": user.full_name,
        "recipient_phone": user.phone or "",
    }
    saved = saved_address_list(user).filter(is_default=True).first()
    if saved is not None:
        source = (saved.recipient_name, saved.recipient_phone, saved.address)
    else:
        last = (
            Order.objects.filter(buyer=user)
            .select_related("address__ward", "address__province")
            .order_by("-created_at", "-id")
            .first()
        )
        if last is None:
            return initial
        source = (last.recipient_name, last.recipient_phone, last.address)
    name, phone, address = source
    return {
        "recipient_name": name,
        "recipient_phone": phone,
        "street": address.street,
        "province": address.province,
        "ward": address.ward,
    }


@dataclass(frozen=True)
class TimelineStep:
    status: str
    label: str
    at: datetime.datetime | None  # when reached, None for a step still ahead
    note: str = ""

    @property
    def is_done(self) -> bool:
        return self.at is not None


# The road an order usually takes; steps ahead are shown greyed, so the buyer sees what comes next.
_HAPPY_PATH = {
    "cod": ["confirmed", "packed", "shipped", "delivered", "completed"],
    "online": ["awaiting_payment", "paid", "packed", "shipped", "delivered", "completed"],
}


def order_timeline(order: Order) -> list[TimelineStep]:
    """Every move the order made (from its history rows), then the usual steps still ahead."""
    labels = dict(Order.Status.choices)
    events = list(order.events.all())
    steps = [
        TimelineStep(
            status=event.to_status,
            label=str(labels.get(event.to_status, event.to_status)),
            at=event.created_at,
            note=event.note,
        )
        for event in events
    ]
    path = _HAPPY_PATH["cod" if order.payment_method == "cod" else "online"]
    if order.status in path:
        reached = {event.to_status for event in events}
        ahead = path[path.index(order.status) + 1 :]
        steps += [
            TimelineStep(status=status, label=str(labels[status]), at=None)
            for status in ahead
            if status not in reached
        ]
    return steps


@dataclass(frozen=True)
class ReviewSummary:
    """Published reviews of a product: how many, their average and how many at each star."""

    count: int
    total: int
    by_stars: dict[int, int]
    with_photos: int

    @property
    def average(self) -> float | None:
        return round(self.total / self.count, 1) if self.count else None

    @property
    def distribution(self) -> list[tuple[int, int, int]]:
        """(stars, count, percent of all) from 5 stars down to 1."""
        return [
            (stars, self.by_stars.get(stars, 0), round(100 * self.by_stars.get(stars, 0) / self.count)
             if self.count else 0)
            for stars in range(5, 0, -1)
        ]  # fmt: skip


def review_summary_for_product(product_id: int) -> ReviewSummary:
    published = Review.objects.filter(product_id=product_id, status=Review.Status.PUBLISHED)
    by_stars = dict(published.values_list("rating").annotate(n=Count("id")).order_by())
    with_photos = published.filter(photos__isnull=False).values("pk").distinct().count()
    return ReviewSummary(
        count=sum(by_stars.values()),
        total=sum(stars * count for stars, count in by_stars.items()),
        by_stars=by_stars,
        with_photos=with_photos,
    )


def reviews_published_for_product(
    product_id: int, *, stars: int | None = None, with_photos: bool = False, photos: bool = True
) -> QuerySet[Review]:
    """Published reviews, newest first, with their buyer, variant and public photos (`photos`
    False when the summary says none has any: no photo query)."""
    reviews = Review.objects.filter(product_id=product_id, status=Review.Status.PUBLISHED)
    if stars:
        reviews = reviews.filter(rating=stars)
    if with_photos:
        reviews = reviews.filter(photos__isnull=False).distinct()
    reviews = reviews.select_related("buyer", "order_line").order_by("-created_at", "-id")
    if not photos:
        return reviews
    return reviews.prefetch_related(
        Prefetch("photos", queryset=ReviewPhoto.objects.exclude(public_image=""))
    )


def review_queue(*, scope: ProvinceScope, status: str = Review.Status.PENDING) -> QuerySet[Review]:
    """Reviews an officer moderates: of products sold by sellers of their province."""
    reviews = scope.filter(Review.objects.all(), "product__seller__province_id")
    if status in Review.Status.values:
        reviews = reviews.filter(status=status)
    return (
        reviews.select_related("buyer", "product__seller", "order_line")
        .prefetch_related("photos")
        .order_by("created_at", "id")
    )


def review_get_for_moderator(*, scope: ProvinceScope, review_id: int) -> Review:
    review = review_queue(scope=scope, status="").filter(pk=review_id).first()
    if review is None:
        raise Http404
    return review


def review_photo_get(*, user: User, photo_id: int) -> ReviewPhoto:
    """A private review photo for its author or an officer who may moderate it, else 404."""
    photo = ReviewPhoto.objects.select_related("review").filter(pk=photo_id).first()
    if photo is None:
        raise Http404
    if photo.review.buyer_id == user.pk:
        return photo
    if user.is_authority or user.is_superuser:
        review_get_for_moderator(scope=user.province_scope, review_id=photo.review_id)
        return photo
    raise Http404


def reviewed_line_ids(order: Order) -> dict[int, Review]:
    """The order's reviewed lines: line id → its review (any status)."""
    return {
        review.order_line_id: review for review in Review.objects.filter(order_line__order=order)
    }


@dataclass(frozen=True)
class ShippingEstimate:
    """What shipping one unit of a product to a ward costs and when it should arrive."""

    ward: Ward
    fee_vnd: int
    earliest: datetime.date
    latest: datetime.date


def shipping_estimate(
    *, seller_province: Province, ward: Ward, weight_grams: int, today: datetime.date
) -> ShippingEstimate:
    """The fee from the zone table and the window the order page will promise (orders.delivery)."""
    from .services.checkout import shipping_fee_for

    window = delivery_window(origin=seller_province, destination=ward.province, ordered_on=today)
    return ShippingEstimate(
        ward=ward,
        fee_vnd=shipping_fee_for(
            origin_province_id=seller_province.pk,
            destination_province_id=ward.province_id,
            weight_grams=weight_grams,
            destination_ward_id=ward.pk,
        ),
        earliest=window.earliest,
        latest=window.latest,
    )


def ward_for_shipping(*, user: User | AnonymousUser | None, ward_code: str = "") -> Ward | None:
    """The ward asked for, else the signed-in buyer's default address, else their last order's."""
    if ward_code:
        return Ward.objects.select_related("province").filter(pk=ward_code[:5]).first()
    if user is None or not user.is_authenticated:
        return None
    saved = (
        saved_address_list(user)
        .filter(is_default=True)
        .select_related("address__ward__province")
        .first()
    )
    if saved is not None:
        return saved.address.ward
    last = (
        Order.objects.filter(buyer=user)
        .select_related("address__ward__province")
        .order_by("-created_at", "-id")
        .first()
    )
    return last.address.ward if last is not None else None
