"""A complaint's refund outcome goes through payments once (PAY-10) and shows on the order,
with the operating-rules version in force when the order was placed."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from phohang.accounts.tests.factories import AdminFactory, UserFactory, login_verified
from phohang.catalog.tests.factories import VariantFactory
from phohang.compliance import services
from phohang.compliance.models import Complaint, RulesVersion
from phohang.core.audit import AuditContext
from phohang.core.errors import DomainError
from phohang.orders.tests.factories import place
from phohang.payments.models import LedgerEntry, Refund
from phohang.payments.services import ledger_totals, payment_capture, payment_start
from phohang.payments.services import refunds as refunds_module

pytestmark = pytest.mark.django_db


def _escalated_complaint(*, paid: bool = True):
    buyer = UserFactory()
    variant = VariantFactory(price_vnd=100_000, stock_on_hand=5)
    checkout = place(buyer, [(variant, 1)], method="vnpay")
    payment = payment_start(checkout=checkout, method="vnpay")
    if paid:
        payment_capture(payment_id=payment.pk, provider_transaction="T1")
    order = checkout.orders.get()
    complaint = services.complaint_file(
        complainant=buyer,
        target=Complaint.Target.ORDER,
        reference=str(order.public_id),
        body="Hàng giao bị vỡ, người bán không trả lời",
        evidence=None,
        context=AuditContext(actor=buyer),
    )
    Complaint.objects.filter(pk=complaint.pk).update(status=Complaint.Status.ESCALATED)
    complaint.refresh_from_db()
    return buyer, order, complaint


def _resolve(complaint, staff, **kwargs):
    return services.complaint_resolve(
        complaint=complaint,
        outcome=Complaint.Outcome.REFUND,
        note="Hàng vỡ khi giao, hoàn tiền cho người mua",
        actor_kind=services.PLATFORM,
        context=AuditContext(actor=staff),
        **kwargs,
    )


def test_a_refund_outcome_refunds_the_order_through_payments_once():
    _buyer, order, complaint = _escalated_complaint()
    staff = AdminFactory()

    complaint = _resolve(complaint, staff, refund_vnd=40_000)
    again = services.complaint_refund_send(complaint=complaint, context=AuditContext(actor=staff))

    refund = Refund.objects.get(order=order)
    assert (refund.amount_vnd, refund.status, again.pk) == (40_000, "succeeded", refund.pk)
    assert refund.idempotency_key == services.complaint_refund_key(complaint)
    assert LedgerEntry.objects.filter(order=order, kind="refund").count() == 1
    assert ledger_totals(order.pk).refunded_vnd == 40_000
    assert (complaint.status, complaint.refund_vnd) == (Complaint.Status.RESOLVED, 40_000)


def test_a_refund_outcome_without_an_amount_refunds_all_that_was_paid():
    _buyer, order, complaint = _escalated_complaint()

    _resolve(complaint, AdminFactory())

    assert ledger_totals(order.pk).paid_vnd == 0
    assert Refund.objects.get(order=order).amount_vnd == order.total_vnd


def test_a_refund_on_an_unpaid_order_or_above_what_was_paid_is_refused_and_changes_nothing():
    _buyer, unpaid_order, unpaid = _escalated_complaint(paid=False)
    _buyer, order, complaint = _escalated_complaint()

    with pytest.raises(DomainError) as nothing:
        _resolve(unpaid, AdminFactory())
    with pytest.raises(DomainError) as too_much:
        _resolve(complaint, AdminFactory(), refund_vnd=order.total_vnd + 1)

    assert (nothing.value.code, too_much.value.code) == ("nothing_paid", "refund_amount")
    assert not Refund.objects.exists()
    assert set(Complaint.objects.values_list("status", flat=True)) == {"escalated"}


def test_a_gateway_timeout_leaves_the_refund_pending_and_the_retry_refunds_once(monkeypatch):
    _buyer, order, complaint = _escalated_complaint()
    staff = AdminFactory()
    calls = []

    def flaky(refund):
        calls.append(refund.pk)
        if len(calls) < 3:
            raise refunds_module.GatewayTimeout
        return "RF-OK"

    monkeypatch.setattr(refunds_module, "provider_refund_send", flaky)
    complaint = _resolve(complaint, staff)
    assert Refund.objects.get(order=order).status == "pending"
    assert services.complaint_refund_send(complaint=complaint, context=AuditContext()) is None
    refund = services.complaint_refund_send(complaint=complaint, context=AuditContext())

    assert refund.status == "succeeded"
    assert len(set(calls)) == 1 and Refund.objects.filter(order=order).count() == 1
    assert ledger_totals(order.pk).refunded_vnd == order.total_vnd


def test_the_order_page_shows_the_refund_and_links_the_rules_in_force_when_ordered():
    RulesVersion.objects.create(
        version="2026.1",
        title="Quy chế hoạt động",
        body="…",
        effective_from=timezone.now() - datetime.timedelta(days=30),
    )
    buyer, order, complaint = _escalated_complaint()
    RulesVersion.objects.create(
        version="2027.1",
        title="Quy chế mới",
        body="…",
        effective_from=timezone.now() + datetime.timedelta(days=1),
    )
    _resolve(complaint, AdminFactory(), refund_vnd=25_000)
    client = Client()
    client.force_login(buyer)

    page = client.get(reverse("orders:detail", args=[order.public_id])).content.decode()
    rules = client.get(reverse("compliance:rules_for_order", args=[order.public_id]))

    assert reverse("compliance:rules_for_order", args=[order.public_id]) in page
    assert "2026.1" in page and "2027.1" not in page
    assert "order-complaint-refund" in page and "25.000" in page
    assert "2026.1" in rules.content.decode()


def test_staff_resolve_a_complaint_with_a_refund_from_its_page():
    _buyer, order, complaint = _escalated_complaint()
    staff = AdminFactory()
    client = Client()
    login_verified(client, staff)
    url = reverse("compliance:complaint_staff_detail", args=[complaint.public_id])

    bad = client.post(
        url, {"action": "resolve", "outcome": "refund", "note": "Hoàn một phần", "refund_vnd": "-5"}
    )
    good = client.post(
        url,
        {"action": "resolve", "outcome": "refund", "note": "Hoàn một phần", "refund_vnd": "30000"},
    )
    page = client.get(url).content.decode()

    assert bad.status_code == 400 and good.status_code == 302
    assert Refund.objects.get(order=order).amount_vnd == 30_000
    assert 'id="complaint-refund"' in page
