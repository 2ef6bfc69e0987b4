"""Reads of orders shared by pages, the API and payments; others' orders are simply not found."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from phohang.sellers.models import SellerMember

from .models import (
    Cart,
    CartLine,
    Checkout,
    Order,
    OrderEvent,
    OrderLine,
    Review,
    SavedAddress,
)


def cart_for(*, user=None, session_key: str | None = None) -> Cart | None:
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


def seller_ids_for_user(user) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(
        SellerMember.objects.filter(user=user, is_active=True, seller__is_active=True).values_list(
            "seller_id", flat=True
        )
    )


def order_list_for_buyer(user) -> QuerySet[Order]:
    return Order.objects.filter(buyer=user).select_related("seller").order_by("-created_at", "-id")


def order_list_for_seller(user, *, status: str = "", query: str = "") -> QuerySet[Order]:
    orders = Order.objects.filter(seller_id__in=seller_ids_for_user(user)).select_related("buyer")
    if status:
        orders = orders.filter(status=status)
    if query:
        orders = orders.filter(number__icontains=query.strip()[:20])
    return orders.order_by("-created_at", "-id")


def order_get_for_buyer(user, public_id) -> Order:
    order = _with_details(Order.objects.filter(buyer=user, public_id=public_id)).first()
    if order is None:
        raise Http404
    return order


def order_get_for_seller(user, public_id) -> Order:
    order = _with_details(
        Order.objects.filter(seller_id__in=seller_ids_for_user(user), public_id=public_id)
    ).first()
    if order is None:
        raise Http404
    return order


def order_get_for_party(user, public_id) -> tuple[Order, str]:
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


def checkout_get_for_buyer(user, public_id) -> Checkout:
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
    return Review.objects.filter(product_id=product_id).select_related("buyer")


def saved_address_list(user) -> QuerySet[SavedAddress]:
    """The buyer's address book, the default first."""
    if not user.is_authenticated:
        return SavedAddress.objects.none()
    return SavedAddress.objects.filter(user=user).select_related(
        "address__ward", "address__province"
    )


def saved_address_get(user, public_id) -> SavedAddress:
    """One entry of the buyer's own book; 404 for anyone else's."""
    saved = saved_address_list(user).filter(public_id=public_id).first()
    if saved is None:
        raise Http404
    return saved


def checkout_prefill(user) -> dict:
    """What checkout fills in: the default address, else the last order's, else the profile."""
    initial = {"recipient_name": user.full_name, "recipient_phone": user.phone or ""}
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
    at: object  # datetime when reached, None for a step still ahead
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
