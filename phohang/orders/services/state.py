"""The order state machine: one transition function that checks the move, applies its stock
effect, writes the history row and the audit record, and tells the other party."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phohang.accounts.models import NotificationKind, User
from phohang.accounts.services import notification_send
from phohang.catalog.services import stock_commit_sale, stock_release, stock_return
from phohang.core.audit import AuditContext
from phohang.core.transitions import IllegalTransition, StateMachine, history_row, transition
from phohang.core.uploads import CleanUpload

from ..events import enqueue_after_commit, order_status_changed_send
from ..models import Order, OrderEvent, ReturnLine, ReturnPhoto, ReturnRequest
from ..tasks import order_notify_task

S = Order.Status


class Actor:
    BUYER = "buyer"
    SELLER = "seller"
    SYSTEM = "system"
    PAYMENT = "payment"
    STAFF = "staff"
    # A carrier's verified callback (logistics): delivers prepaid parcels only, see the guard.
    CARRIER = "carrier"


# (from, to) → who may make the move. Anything not listed is illegal.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.AWAITING_PAYMENT, S.PAID): frozenset({Actor.PAYMENT}),
    (S.AWAITING_PAYMENT, S.CANCELLED): frozenset(
        {Actor.BUYER, Actor.SELLER, Actor.SYSTEM, Actor.STAFF}
    ),
    (S.PAID, S.PACKED): frozenset({Actor.SELLER}),
    (S.CONFIRMED, S.PACKED): frozenset({Actor.SELLER}),
    (S.PAID, S.CANCELLED): frozenset({Actor.BUYER, Actor.SELLER, Actor.STAFF}),
    (S.CONFIRMED, S.CANCELLED): frozenset({Actor.BUYER, Actor.SELLER, Actor.STAFF}),
    (S.PACKED, S.CANCELLED): frozenset({Actor.SELLER, Actor.STAFF}),
    (S.PACKED, S.SHIPPED): frozenset({Actor.SELLER}),
    # Cash on delivery is delivered only through payments, which records the cash collected.
    (S.SHIPPED, S.DELIVERED): frozenset({Actor.PAYMENT, Actor.BUYER, Actor.CARRIER}),
    (S.DELIVERED, S.COMPLETED): frozenset({Actor.BUYER, Actor.SYSTEM, Actor.STAFF}),
    (S.DELIVERED, S.RETURN_REQUESTED): frozenset({Actor.BUYER}),
    (S.RETURN_REQUESTED, S.RETURN_ACCEPTED): frozenset({Actor.SELLER, Actor.STAFF}),
    (S.RETURN_REQUESTED, S.RETURN_REJECTED): frozenset({Actor.SELLER, Actor.STAFF}),
    (S.RETURN_REJECTED, S.COMPLETED): frozenset({Actor.BUYER, Actor.SYSTEM, Actor.STAFF}),
    (S.RETURN_ACCEPTED, S.REFUNDED): frozenset({Actor.PAYMENT}),
}
# The time stamp a move sets.
STAMPED: dict[str, str] = {S.PAID: "paid_at", S.SHIPPED: "shipped_at", S.DELIVERED: "delivered_at"}
TERMINAL = frozenset({S.COMPLETED, S.CANCELLED, S.REFUNDED})
REVIEWABLE = frozenset({S.DELIVERED, S.COMPLETED, S.RETURN_REJECTED, S.RETURN_REQUESTED})


def _cash_delivered_by_payment(order: Order, to_status: str, actor_kind: str) -> bool:
    """A cash-on-delivery order is delivered only when payments records the cash collected."""
    return not (
        to_status == S.DELIVERED and order.payment_method == "cod" and actor_kind != Actor.PAYMENT
    )


ORDER = StateMachine(
    name="orders.order",
    moves=TRANSITIONS,
    history=history_row(OrderEvent, "order"),
    guards=(_cash_delivered_by_payment,),
)


def can_transition(order: Order, to_status: str, actor_kind: str) -> bool:
    return ORDER.allows(order, to_status, actor_kind)


def _stock_effect(order: Order, to_status: str) -> dict[str, Any]:
    lines = list(order.lines.order_by("variant_id"))
    if to_status == S.CANCELLED and order.stock_state == Order.StockState.RESERVED:
        for line in lines:
            stock_release(
                variant_id=line.variant_id, quantity=line.quantity, reference=order.number
            )
        return {"stock_state": Order.StockState.RELEASED}
    if to_status == S.SHIPPED:
        for line in lines:
            stock_commit_sale(
                variant_id=line.variant_id, quantity=line.quantity, reference=order.number
            )
        return {"stock_state": Order.StockState.SOLD}
    if to_status == S.REFUNDED and order.stock_state == Order.StockState.SOLD:
        returned = ReturnLine.objects.filter(return_request__order=order).order_by(
            "order_line__variant_id"
        )
        for item in returned.select_related("order_line"):
            stock_return(
                variant_id=item.order_line.variant_id,
                quantity=item.quantity,
                reference=order.number,
            )
        return {"stock_state": Order.StockState.RETURNED}
    return {}


def order_parties_notify(*, order_id: int, to_status: str, actor_kind: str) -> None:
    """Tell the other party about a move (in-app and email); run by a task after commit."""
    order = Order.objects.select_related("buyer").filter(pk=order_id).first()
    if order is not None:
        _notify(order, to_status, actor_kind)


ORDERS = NotificationKind.ORDERS


def _notify(order: Order, to_status: str, actor_kind: str) -> None:
    from phohang.sellers.models import SellerMember

    label = str(S(to_status).label)
    title = _("Order %(number)s: %(status)s") % {"number": order.number, "status": label}
    link = order.get_absolute_url()
    if actor_kind != Actor.BUYER:
        notification_send(
            user=order.buyer, title=title, body=order.cancel_reason, link=link, kind=ORDERS
        )
    if actor_kind in {Actor.BUYER, Actor.PAYMENT, Actor.SYSTEM, Actor.STAFF}:
        for member in SellerMember.objects.filter(seller_id=order.seller_id, is_active=True):
            notification_send(user=member.user, title=title, link=link, kind=ORDERS)


def order_transition(
    *,
    order_id: int,
    to_status: str,
    actor_kind: str,
    actor: Any = None,
    note: str = "",
    context: AuditContext | None = None,
    fields: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> Order:
    """Move the order to `to_status` (with its stock effect, history row and audit record) or
    raise IllegalTransition (TransitionConflict for the loser of a race); nothing changes then."""
    now = now or timezone.now()
    with transaction.atomic():
        order = Order.objects.select_for_update().select_related("buyer").get(pk=order_id)
        from_status = order.status
        if not ORDER.allows(order, to_status, actor_kind):
            raise IllegalTransition()
        changes: dict[str, Any] = {"updated_at": now, **(fields or {})}
        if to_status in STAMPED:
            changes[STAMPED[to_status]] = now
        changes.update(_stock_effect(order, to_status))
        transition(
            ORDER,
            order,
            to=to_status,
            actor_kind=actor_kind,
            actor=actor,
            note=note,
            fields=changes,
            context=context,
            now=now,
        )
        order_status_changed_send(order_id=order.pk, from_status=from_status, to_status=to_status)
        enqueue_after_commit(order_notify_task, order.pk, str(to_status), str(actor_kind))
    return order


def order_mark_paid(*, order_id: int, note: str = "") -> bool:
    """Payment captured: True if the order moved to paid, False if it no longer awaits payment."""
    try:
        order_transition(order_id=order_id, to_status=S.PAID, actor_kind=Actor.PAYMENT, note=note)
    except IllegalTransition:
        return False
    return True


def order_cancel(
    *,
    order: Order,
    actor: Any,
    actor_kind: str,
    reason: str = "",
    context: AuditContext | None = None,
) -> Order:
    if actor_kind == Actor.SELLER and not reason.strip():
        raise IllegalTransition(_("Give the buyer a reason for cancelling."))
    return order_transition(
        order_id=order.pk,
        to_status=S.CANCELLED,
        actor_kind=actor_kind,
        actor=actor,
        note=reason,
        context=context,
        fields={"cancel_reason": reason.strip()},
    )


def order_pack(*, order: Order, actor: Any, context: AuditContext | None = None) -> Order:
    return order_transition(
        order_id=order.pk, to_status=S.PACKED, actor_kind=Actor.SELLER, actor=actor, context=context
    )


def order_ship(
    *,
    order: Order,
    actor: Any,
    carrier: str,
    tracking_number: str,
    context: AuditContext | None = None,
) -> Order:
    if not carrier.strip() or not tracking_number.strip():
        raise IllegalTransition(_("Enter the carrier and the tracking number."))
    return order_transition(
        order_id=order.pk,
        to_status=S.SHIPPED,
        actor_kind=Actor.SELLER,
        actor=actor,
        note=f"{carrier.strip()} {tracking_number.strip()}",
        context=context,
        fields={"carrier": carrier.strip()[:60], "tracking_number": tracking_number.strip()[:60]},
    )


def order_mark_delivered(
    *, order: Order, actor: Any, actor_kind: str, context: AuditContext | None = None
) -> Order:
    return order_transition(
        order_id=order.pk,
        to_status=S.DELIVERED,
        actor_kind=actor_kind,
        actor=actor,
        context=context,
    )


def order_return_request(
    *,
    order: Order,
    buyer: User,
    reason: str,
    quantities: dict[int, int],
    photos: Iterable[CleanUpload] = (),
    now: datetime | None = None,
) -> ReturnRequest:
    """Buyer asks to return some units of a delivered order, with photos."""
    now = now or timezone.now()
    window = settings.RETURN_WINDOW_DAYS
    if order.buyer_id != buyer.pk:
        raise IllegalTransition("not the buyer")
    if order.delivered_at and now > order.delivered_at + timedelta(days=window):
        raise IllegalTransition(_("The return period for this order has ended."))
    if not reason.strip():
        raise IllegalTransition(_("Tell the seller why you are returning the goods."))
    lines = {line.pk: line for line in order.lines.all()}
    chosen = {line_id: qty for line_id, qty in quantities.items() if qty}
    if not chosen or any(
        line_id not in lines or not isinstance(qty, int) or qty < 0 or qty > lines[line_id].quantity
        for line_id, qty in chosen.items()
    ):
        raise IllegalTransition(_("Choose which items and how many to return."))
    with transaction.atomic():
        order_transition(
            order_id=order.pk,
            to_status=S.RETURN_REQUESTED,
            actor_kind=Actor.BUYER,
            actor=buyer,
            note=reason.strip(),
            now=now,
        )
        request = ReturnRequest.objects.create(
            order=order,
            reason=reason.strip(),
            requested_vnd=sum(lines[i].unit_price_vnd * q for i, q in chosen.items()),
            created_at=now,
        )
        ReturnLine.objects.bulk_create(
            ReturnLine(return_request=request, order_line_id=i, quantity=q)
            for i, q in chosen.items()
        )
        for photo in photos:
            ReturnPhoto.objects.create(return_request=request, image=photo.content)
    return request


def order_return_decide(
    *,
    order: Order,
    actor: Any,
    accept: bool,
    note: str = "",
    context: AuditContext | None = None,
) -> Order:
    with transaction.atomic():
        order = order_transition(
            order_id=order.pk,
            to_status=S.RETURN_ACCEPTED if accept else S.RETURN_REJECTED,
            actor_kind=Actor.SELLER,
            actor=actor,
            note=note,
            context=context,
        )
        ReturnRequest.objects.filter(order=order).update(
            status=ReturnRequest.Status.ACCEPTED if accept else ReturnRequest.Status.REJECTED,
            decision_note=note,
        )
    return order


def order_refunded(*, order_id: int, note: str = "") -> bool:
    """Payments calls this once the return's refund succeeded; False if not awaiting one."""
    try:
        order_transition(
            order_id=order_id, to_status=S.REFUNDED, actor_kind=Actor.PAYMENT, note=note
        )
    except IllegalTransition:
        return False
    return True


def reservations_expire(*, now: datetime | None = None) -> int:
    """Cancel unpaid online orders whose reservation ran out; their stock becomes available."""
    now = now or timezone.now()
    expired = Order.objects.filter(
        status=S.AWAITING_PAYMENT, checkout__reserved_until__lt=now
    ).values_list("pk", flat=True)
    count = 0
    for order_id in list(expired):
        try:
            order_transition(
                order_id=order_id,
                to_status=S.CANCELLED,
                actor_kind=Actor.SYSTEM,
                note="reservation expired",
                fields={"cancel_reason": _("Payment was not received in time.")},
                now=now,
            )
        except IllegalTransition:
            continue
        count += 1
    return count
