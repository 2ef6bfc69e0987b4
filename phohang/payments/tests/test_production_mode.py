"""With the sandbox off (production), its pages are gone and no refund 'succeeds' against it."""

import pytest
from django.urls import reverse

from phohang.orders.tests.factories import UserFactory, VariantFactory, place
from phohang.payments import services
from phohang.payments.models import LedgerEntry, Payment, Refund
from phohang.payments.services import payment_capture, payment_start, refund_issue
from phohang.payments.tests.test_vnpay import ipn_params

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_payments(settings):
    settings.VNPAY_SANDBOX = False
    settings.VNPAY_URL = "https://pay.vnpay.vn/vpcpay.html"
    settings.VNPAY_API_URL = "https://merchant.vnpay.vn/merchant_webapi/api/transaction"


def test_sandbox_pages_answer_404_in_production(client, vnpay_checkout, production_payments):
    _checkout, payment, _variant = vnpay_checkout
    signed = ipn_params(payment)

    bank_page = client.get(reverse("payments:vnpay_sandbox"), signed)
    approve = client.post(reverse("payments:vnpay_sandbox"), {**signed, "decision": "approve"})
    refund_api = client.post(
        reverse("payments:vnpay_sandbox_transaction"), "{}", content_type="application/json"
    )

    assert (bank_page.status_code, approve.status_code, refund_api.status_code) == (404, 404, 404)
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING


def test_sandbox_approval_cannot_be_used_as_an_open_redirect_in_production(
    client, vnpay_checkout, production_payments
):
    _checkout, payment, _variant = vnpay_checkout
    params = {**ipn_params(payment), "vnp_ReturnUrl": "https://evil.example/"}

    response = client.post(reverse("payments:vnpay_sandbox"), {**params, "decision": "approve"})

    assert response.status_code == 404


def test_refund_never_succeeds_against_the_sandbox_path_in_production(
    vnpay_checkout, production_payments, settings
):
    checkout, payment, _variant = vnpay_checkout
    payment_capture(payment_id=payment.pk, provider_transaction="14226112")
    order = checkout.orders.get()
    settings.VNPAY_API_URL = "/payments/vnpay-sandbox/merchant_webapi/api/transaction"

    with pytest.raises(services.GatewayTimeout):
        refund_issue(order=order, amount_vnd=10_000, idempotency_key="k1", actor=None, reason="")

    assert list(Refund.objects.values_list("status", flat=True)) == [Refund.Status.PENDING]
    assert LedgerEntry.objects.filter(kind="refund").count() == 0


def test_vnpay_switched_off_is_refused_with_a_clear_message(settings):
    # Placed while the method was on; switched off before the buyer pays.
    checkout = place(UserFactory(), [(VariantFactory(price_vnd=50_000), 1)], method="vnpay")
    settings.VNPAY_ENABLED = False

    with pytest.raises(services.PaymentError, match="hiện không dùng được"):
        payment_start(checkout=checkout, method="vnpay")

    assert Payment.objects.count() == 0


def test_vietqr_switched_off_is_refused_with_a_clear_message(settings):
    # Placed while the method was on; switched off before the buyer pays.
    checkout = place(UserFactory(), [(VariantFactory(price_vnd=50_000), 1)], method="vietqr")
    settings.VIETQR_ENABLED = False

    with pytest.raises(services.PaymentError, match="hiện không dùng được"):
        payment_start(checkout=checkout, method="vietqr")

    assert Payment.objects.count() == 0
