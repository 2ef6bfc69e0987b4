"""Starting a payment for a checkout and capturing it (once) when money arrives."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.accounts.services import notification_send
from phohang.core.audit import AuditContext, audit_record
from phohang.orders.models import Checkout, Order
from phohang.orders.services import IllegalTransition, order_mark_delivered, order_mark_paid
from phohang.orders.services.state import Actor

from .. import vietqr, vnpay
from ..models import LedgerEntry, Payment


class PaymentError(Exception):
    """The payment cannot be started or recorded; nothing changed."""


def _alert_staff(payment: Payment, reason: str) -> None:
    audit_record(
        context=AuditContext(),
        action="payments.payment.needs_review",
        obj=payment,
        after={"reason": reason},
    )
    for user in User.objects.filter(is_superuser=True, is_active=True):
        notification_send(
            user=user,
            title=_("Payment %(reference)s needs review") % {"reference": payment.reference},
            body=reason,
            link=reverse("payments:review"),
        )


def payment_start(*, checkout: Checkout, method: str) -> Payment:
    """The pending payment for this checkout and method (VietQR reuses one; VNPay one per attempt)."""
    if method not in (Payment.Method.VIETQR, Payment.Method.VNPAY):
        raise PaymentError(_("This payment method cannot be paid online."))
    if (method == Payment.Method.VNPAY and not vnpay.is_enabled()) or (
        method == Payment.Method.VIETQR and not vietqr.is_enabled()
    ):
        raise PaymentError(_("This payment method is not available; choose another one."))
    open_orders = checkout.orders.filter(status=Order.Status.AWAITING_PAYMENT)
    if not open_orders.exists():
        raise PaymentError(_("This checkout is not waiting for payment."))
    if checkout.reserved_until and checkout.reserved_until < timezone.now():
        raise PaymentError(_("The reservation has expired. Please check out again."))
    if method == Payment.Method.VNPAY and checkout.total_vnd > vnpay.MAX_AMOUNT_VND:
        raise PaymentError(_("This amount is too large for card payment; use a bank transfer."))
    if method == Payment.Method.VIETQR:
        payment, _created = Payment.objects.get_or_create(
            reference=checkout.reference,
            defaults={
                "checkout": checkout,
                "buyer": checkout.buyer,
                "method": method,
                "amount_vnd": checkout.total_vnd,
            },
        )
        return payment
    for _attempt in range(5):
        attempt = Payment.objects.filter(checkout=checkout, method=method).count() + 1
        try:
            with transaction.atomic():
                return Payment.objects.create(
                    checkout=checkout,
                    buyer=checkout.buyer,
                    method=method,
                    amount_vnd=checkout.total_vnd,
                    reference=f"{checkout.reference}V{attempt:02d}",
                )
        except IntegrityError:
            continue
    raise PaymentError(_("Too many payment attempts for this checkout."))


def payment_capture(*, payment_id: int, provider_transaction: str = "", source: str = "") -> bool:
    """Record the money once: ledger capture per order, orders move to paid. False if already done."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment_id)
        now = timezone.now()
        captured = Payment.objects.filter(pk=payment.pk, status=Payment.Status.PENDING).update(
            status=Payment.Status.CAPTURED,
            captured_at=now,
            provider_transaction=provider_transaction[:64],
        )
        if captured != 1:
            return False
        not_paid = []
        for order in Order.objects.filter(checkout_id=payment.checkout_id).order_by("pk"):
            LedgerEntry.objects.create(
                order=order,
                payment=payment,
                kind=LedgerEntry.Kind.CAPTURE,
                amount_vnd=order.total_vnd,
                created_at=now,
            )
            if not order_mark_paid(order_id=order.pk, note=f"{payment.method} {payment.reference}"):
                not_paid.append(order.number)
        audit_record(
            context=AuditContext(),
            action="payments.payment.captured",
            obj=payment,
            after={"amount_vnd": payment.amount_vnd, "source": source[:100]},
        )
        if not_paid:
            # Late money for cancelled/expired or already-paid orders: never reopen them; refund.
            reason = _("Money arrived for orders that no longer await payment: %(orders)s") % {
                "orders": ", ".join(not_paid)
            }
            Payment.objects.filter(pk=payment.pk).update(
                status=Payment.Status.NEEDS_REVIEW, note=reason
            )
            _alert_staff(payment, reason)
    return True


def cod_collect(*, order: Order, actor: User | None, context: AuditContext | None = None) -> Order:
    """The carrier delivered and collected the cash: capture it and mark the order delivered.

    Only cash-on-delivery orders: a prepaid order is delivered when the buyer (or the carrier)
    says so, never on the seller's word alone.
    """
    if order.payment_method != Payment.Method.COD:
        raise IllegalTransition("a prepaid order is not delivered by cash collection")
    with transaction.atomic():
        if order.payment_method == Payment.Method.COD:
            checkout = order.checkout
            payment, _created = Payment.objects.get_or_create(
                reference=f"{order.number}C",
                defaults={
                    "checkout": checkout,
                    "buyer": order.buyer,
                    "method": Payment.Method.COD,
                    "amount_vnd": order.total_vnd,
                },
            )
        order = order_mark_delivered(
            order=order, actor=actor, actor_kind=Actor.PAYMENT, context=context
        )
        if order.payment_method == Payment.Method.COD:
            Payment.objects.filter(pk=payment.pk, status=Payment.Status.PENDING).update(
                status=Payment.Status.CAPTURED, captured_at=timezone.now()
            )
            LedgerEntry.objects.create(
                order=order,
                payment=payment,
                kind=LedgerEntry.Kind.CAPTURE,
                amount_vnd=order.total_vnd,
            )
    return order


def cod_limit_vnd() -> int:
    return settings.COD_LIMIT_VND
