"""Refunds, full or partial: the key is stored before the provider is called, so retries refund once."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.core.audit import AuditContext, audit_record
from phohang.orders.models import Order
from phohang.orders.services import order_cancel, order_refunded
from phohang.sellers.selectors import member_may_handle_money

from ..models import LedgerEntry, Payment, Refund
from .ledger import ledger_totals

# Longer than any provider call may take; a request that died mid-call frees the refund after it.
SEND_LEASE_SECONDS = 120


class RefundError(Exception):
    """The refund was refused; nothing changed."""


REFUND_NOT_ALLOWED = _(
    "Only the shop's owner or its finance staff can refund or cancel a paid order."
)


class NotAllowedToRefund(RefundError):
    """Only the shop's owner or finance staff (or a platform admin) may move its money back."""


def _may_refund(order: Order, actor: User | None) -> bool:
    if actor is None or not getattr(actor, "pk", None) or actor.is_superuser:
        return True  # the system itself, or a platform admin
    if actor.pk == order.buyer_id:
        return True  # a buyer cancelling their own order gets their money back
    return member_may_handle_money(actor, order.seller_id)


def refund_permission_check(*, order: Order, actor: User | None) -> None:
    """Raise NotAllowedToRefund unless `actor` may refund `order` (or cancel it once paid)."""
    if not _may_refund(order, actor):
        raise NotAllowedToRefund(REFUND_NOT_ALLOWED)


class _AlreadyCreated(Exception):
    """A refund with this key exists already; use it."""


class GatewayTimeout(Exception):
    """The provider did not answer; the refund stays pending and can be retried with its key."""


def provider_refund_send(refund: Refund) -> str:
    """Ask the provider to send the money back; returns its reference (see gateway_refunds)."""
    from .gateway_refunds import gateway_refund_send  # imports this module's exceptions

    return gateway_refund_send(refund)


def _refundable_payment(order: Order) -> Payment | None:
    return (
        Payment.objects.filter(entries__order=order, entries__kind=LedgerEntry.Kind.CAPTURE)
        .order_by("-captured_at")
        .first()
    )


def refund_issue(
    *,
    order: Order,
    amount_vnd: int,
    idempotency_key: str,
    actor: User | None = None,
    reason: str = "",
    context: AuditContext | None = None,
) -> Refund:
    """Refund `amount_vnd` of what was paid for `order`; the same key returns the same refund."""
    if not isinstance(amount_vnd, int) or isinstance(amount_vnd, bool) or amount_vnd <= 0:
        raise RefundError(_("Enter a positive amount."))
    if not idempotency_key:
        raise RefundError("idempotency key required")
    refund_permission_check(order=order, actor=actor)
    existing = Refund.objects.filter(order=order, idempotency_key=idempotency_key).first()
    if existing is None:
        try:
            with transaction.atomic():
                # Lock the order row: refunds for one order are decided one at a time.
                Order.objects.select_for_update().filter(pk=order.pk).first()
                existing = Refund.objects.filter(
                    order=order, idempotency_key=idempotency_key
                ).first()
                if existing is not None:  # a concurrent retry with this key got here first
                    raise _AlreadyCreated
                totals = ledger_totals(order.pk)
                pending = (
                    Refund.objects.filter(order=order, status=Refund.Status.PENDING).aggregate(
                        s=Sum("amount_vnd")
                    )["s"]
                    or 0
                )
                if amount_vnd > totals.paid_vnd - pending:
                    raise RefundError(
                        _("You can refund at most what was paid and not yet refunded.")
                    )
                payment = _refundable_payment(order)
                if payment is None:
                    raise RefundError(_("Nothing was paid for this order."))
                existing = Refund.objects.create(
                    order=order,
                    payment=payment,
                    amount_vnd=amount_vnd,
                    reason=reason[:300],
                    idempotency_key=idempotency_key[:100],
                    created_by=actor if getattr(actor, "pk", None) else None,
                )
        except (IntegrityError, _AlreadyCreated):
            existing = Refund.objects.get(order=order, idempotency_key=idempotency_key)
    if existing.amount_vnd != amount_vnd:
        raise RefundError(_("This request was already used for a different amount."))
    if existing.status == Refund.Status.PENDING:
        _complete(existing, actor=actor, context=context)
        existing.refresh_from_db()
    return existing


def _complete(refund: Refund, *, actor: User | None, context: AuditContext | None) -> None:
    now = timezone.now()
    claimed = (
        Refund.objects.filter(pk=refund.pk, status=Refund.Status.PENDING)
        .filter(Q(sending_until__isnull=True) | Q(sending_until__lt=now))
        .update(sending_until=now + timedelta(seconds=SEND_LEASE_SECONDS))
    )
    if not claimed:
        return  # another request is asking the provider for this refund right now
    try:
        provider_reference = provider_refund_send(refund)  # may raise GatewayTimeout
    except BaseException:
        Refund.objects.filter(pk=refund.pk).update(sending_until=None)  # retry at once
        raise
    with transaction.atomic():
        # The order row first, as refund_issue and the order's transitions lock it: a
        # concurrent retry of this refund then waits instead of deadlocking.
        Order.objects.select_for_update().filter(pk=refund.order_id).first()
        done = Refund.objects.filter(pk=refund.pk, status=Refund.Status.PENDING).update(
            status=Refund.Status.SUCCEEDED, provider_reference=provider_reference
        )
        if done != 1:
            return
        LedgerEntry.objects.create(
            order_id=refund.order_id,
            payment_id=refund.payment_id,
            kind=LedgerEntry.Kind.REFUND,
            amount_vnd=refund.amount_vnd,
            refund=refund,
        )
        audit_record(
            context=context or AuditContext(actor=actor if getattr(actor, "pk", None) else None),
            action="payments.refund.succeeded",
            obj=refund,
            after={"amount_vnd": refund.amount_vnd, "order": refund.order_id},
        )
        order_refunded(order_id=refund.order_id, note=f"refund {refund.amount_vnd}")


def order_cancel_with_refund(
    *,
    order: Order,
    actor: User | None,
    actor_kind: str,
    reason: str = "",
    context: AuditContext | None = None,
) -> Order:
    """Cancel the order (stock goes back) and refund in full whatever was paid for it."""
    if ledger_totals(order.pk).paid_vnd > 0:
        refund_permission_check(order=order, actor=actor)
    with transaction.atomic():
        order = order_cancel(
            order=order, actor=actor, actor_kind=actor_kind, reason=reason, context=context
        )
    paid = ledger_totals(order.pk).paid_vnd
    if paid > 0:
        refund_issue(
            order=order,
            amount_vnd=paid,
            idempotency_key=f"cancel-{order.pk}",
            actor=actor,
            reason=reason or "cancelled",
            context=context,
        )
    return order
