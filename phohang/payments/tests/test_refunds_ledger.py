import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phohang.payments import services
from phohang.payments.models import LedgerEntry, Refund
from phohang.payments.services import ledger_totals, payment_capture, refund_issue
from phohang.payments.services import refunds as refunds_module

pytestmark = pytest.mark.django_db


def captured_order(vnpay_checkout):
    checkout, payment, _variant = vnpay_checkout
    payment_capture(payment_id=payment.pk, provider_transaction="T1")
    return checkout.orders.get()


def test_partial_then_full_refund_balances(vnpay_checkout):
    order = captured_order(vnpay_checkout)

    refund_issue(order=order, amount_vnd=30_000, idempotency_key="k1")
    refund_issue(order=order, amount_vnd=order.total_vnd - 30_000, idempotency_key="k2")

    totals = ledger_totals(order.pk)
    assert (totals.captured_vnd, totals.refunded_vnd, totals.paid_vnd) == (
        order.total_vnd,
        order.total_vnd,
        0,
    )


def test_over_refund_is_refused_and_changes_nothing(vnpay_checkout):
    order = captured_order(vnpay_checkout)

    with pytest.raises(services.RefundError):
        refund_issue(order=order, amount_vnd=order.total_vnd + 1, idempotency_key="k1")

    assert Refund.objects.count() == 0
    assert LedgerEntry.objects.filter(kind="refund").count() == 0


def test_refund_retried_after_timeout_refunds_once(vnpay_checkout, monkeypatch):
    order = captured_order(vnpay_checkout)
    calls = []

    def flaky(refund):
        calls.append(refund.pk)
        if len(calls) < 5:
            raise services.GatewayTimeout
        return "RF-OK"

    monkeypatch.setattr(refunds_module, "provider_refund_send", flaky)
    for _attempt in range(4):
        with pytest.raises(services.GatewayTimeout):
            refund_issue(order=order, amount_vnd=50_000, idempotency_key="retry")
    refund = refund_issue(order=order, amount_vnd=50_000, idempotency_key="retry")
    again = refund_issue(order=order, amount_vnd=50_000, idempotency_key="retry")

    assert (refund.pk, refund.status, again.pk) == (again.pk, "succeeded", refund.pk)
    assert len(set(calls)) == 1
    assert ledger_totals(order.pk).refunded_vnd == 50_000


def test_same_key_with_other_amount_is_refused(vnpay_checkout):
    order = captured_order(vnpay_checkout)
    refund_issue(order=order, amount_vnd=10_000, idempotency_key="k")

    with pytest.raises(services.RefundError):
        refund_issue(order=order, amount_vnd=20_000, idempotency_key="k")

    assert ledger_totals(order.pk).refunded_vnd == 10_000


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(amounts=st.lists(st.integers(min_value=1, max_value=200_000), max_size=8))
def test_ledger_always_balances(vnpay_checkout, amounts):
    checkout, payment, _variant = vnpay_checkout
    order = checkout.orders.get()
    payment_capture(payment_id=payment.pk)
    start = ledger_totals(order.pk)
    accepted = 0
    for index, amount in enumerate(amounts):
        try:
            refund_issue(
                order=order,
                amount_vnd=amount,
                idempotency_key=f"h{start.refunded_vnd}-{index}-{amount}",
            )
        except services.RefundError:
            continue
        accepted += amount

    totals = ledger_totals(order.pk)
    assert totals.paid_vnd == totals.captured_vnd - totals.refunded_vnd
    assert 0 <= totals.refunded_vnd <= totals.captured_vnd == order.total_vnd
    assert totals.refunded_vnd == start.refunded_vnd + accepted
