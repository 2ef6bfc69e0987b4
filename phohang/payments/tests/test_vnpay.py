from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from phohang.orders.models import Order
from phohang.orders.services import order_cancel
from phohang.orders.services.state import Actor
from phohang.payments import vnpay
from phohang.payments.models import GatewayCallback, LedgerEntry, Payment

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)


def ipn_params(payment, **overrides):
    creds = vnpay.credentials()
    request = {
        "vnp_TmnCode": creds.tmn_code,
        "vnp_Amount": str(payment.amount_vnd * 100),
        "vnp_TxnRef": payment.reference,
        "vnp_OrderInfo": "Thanh toan",
    }
    params = vnpay.callback_params(
        creds=creds, request_params=request, approved=True, transaction_no="14000001", now=NOW
    )
    params.update(overrides)
    return params


def resign(params, secret=None):
    params = {k: v for k, v in params.items() if k != "vnp_SecureHash"}
    params["vnp_SecureHash"] = vnpay.sign(params, secret or vnpay.credentials().hash_secret)
    return params


def state(payment):
    payment.refresh_from_db()
    return (
        payment.status,
        LedgerEntry.objects.count(),
        list(Order.objects.filter(checkout=payment.checkout).values_list("status", flat=True)),
    )


def test_payment_url_is_signed_and_amount_times_100():
    url = vnpay.payment_url(
        creds=vnpay.Credentials(
            "TMN1", "secret", "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
        ),
        txn_ref="PHABC",
        amount_vnd=1_250_000,
        order_info="Thanh toan don hang PHABC",
        return_url="https://phohang.vn/payments/vnpay/return/",
        ip_address="1.2.3.4",
        now=NOW,
    )

    params = dict(parse_qsl(urlsplit(url).query))
    assert params["vnp_Amount"] == "125000000"
    assert params["vnp_CreateDate"] == "20260301100000"
    assert params["vnp_Version"] == "2.1.0"
    assert vnpay.signature_is_valid(params, "secret")
    assert not vnpay.signature_is_valid(params, "other")


def test_amount_beyond_12_digit_field_is_refused():
    with pytest.raises(ValueError):
        vnpay.amount_field(10_000_000_000)
    assert vnpay.amount_field(9_999_999_999) == "999999999900"


def test_valid_ipn_replayed_100_times_captures_once(vnpay_checkout):
    checkout, payment, _variant = vnpay_checkout
    params = ipn_params(payment)

    codes = [vnpay_ipn_code(params) for _ in range(100)]

    assert codes[0] == "00" and set(codes[1:]) == {"02"}
    assert state(payment) == ("captured", 1, ["paid"])


def vnpay_ipn_code(params):
    from phohang.payments.services import vnpay_ipn_handle

    return vnpay_ipn_handle(params)["RspCode"]


def tamper_variants(payment):
    good = ipn_params(payment)
    secret = vnpay.credentials().hash_secret
    amount = int(good["vnp_Amount"])
    import hashlib
    import hmac

    sha256 = dict(good)
    sha256["vnp_SecureHash"] = hmac.new(
        secret.encode(), vnpay.hash_data(good).encode(), hashlib.sha256
    ).hexdigest()
    return [
        ("amount+1 unsigned", {**good, "vnp_Amount": str(amount + 100)}, "97"),
        ("amount-1 signed", resign({**good, "vnp_Amount": str(amount - 100)}), "04"),
        ("amount not ×100", resign({**good, "vnp_Amount": str(amount + 1)}), "04"),
        ("other txnref signed", resign({**good, "vnp_TxnRef": "PHZZZZZZZZV01"}), "01"),
        ("response flipped unsigned", {**good, "vnp_ResponseCode": "24"}, "97"),
        ("hash removed", {k: v for k, v in good.items() if k != "vnp_SecureHash"}, "97"),
        ("hash truncated", {**good, "vnp_SecureHash": good["vnp_SecureHash"][:-2]}, "97"),
        ("wrong secret", resign(good, "not-the-secret"), "97"),
        ("sha256", sha256, "97"),
        ("extra vnp param unsigned", {**good, "vnp_Extra": "1"}, "97"),
        ("unicode order info unsigned", {**good, "vnp_OrderInfo": "Thanh toán"}, "97"),
        ("foreign tmncode signed", resign({**good, "vnp_TmnCode": "OTHER001"}), "97"),
        ("empty", {}, "97"),
    ]


def test_tampered_ipns_are_refused_logged_and_change_nothing(vnpay_checkout):
    _checkout, payment, _variant = vnpay_checkout
    before = state(payment)

    results = {name: vnpay_ipn_code(params) for name, params, _expected in tamper_variants(payment)}

    assert results == {name: expected for name, _params, expected in tamper_variants(payment)}
    assert state(payment) == before
    # Only genuine (signed) callbacks are stored; the unsigned ones are counted in the log.
    assert GatewayCallback.objects.count() == sum(code != "97" for code in results.values())


def test_uppercase_hash_is_accepted_as_the_same_signature(vnpay_checkout):
    _checkout, payment, _variant = vnpay_checkout
    params = ipn_params(payment)
    params["vnp_SecureHash"] = params["vnp_SecureHash"].upper()

    assert vnpay_ipn_code(params) == "00"


@pytest.mark.parametrize("response_code,transaction_status", [("00", "02"), ("24", "00")])
def test_both_codes_must_say_success(vnpay_checkout, response_code, transaction_status):
    _checkout, payment, _variant = vnpay_checkout
    params = resign(
        ipn_params(
            payment, vnp_ResponseCode=response_code, vnp_TransactionStatus=transaction_status
        )
    )

    assert vnpay_ipn_code(params) == "00"
    assert state(payment) == ("failed", 0, ["awaiting_payment"])


def test_duplicated_parameter_in_query_is_refused(client, vnpay_checkout):
    _checkout, payment, _variant = vnpay_checkout
    params = ipn_params(payment)
    query = "&".join(f"{k}={v}" for k, v in params.items()) + "&vnp_Amount=1"

    response = client.get(reverse("payments:vnpay_ipn") + "?" + query)

    assert response.json()["RspCode"] == "97"
    assert state(payment) == ("pending", 0, ["awaiting_payment"])


def test_return_url_never_changes_state(client, vnpay_checkout):
    _checkout, payment, _variant = vnpay_checkout

    response = client.get(reverse("payments:vnpay_return"), ipn_params(payment))

    assert response.status_code == 200
    assert state(payment) == ("pending", 0, ["awaiting_payment"])


def test_late_ipn_after_cancel_does_not_reopen_order(vnpay_checkout):
    checkout, payment, variant = vnpay_checkout
    order = checkout.orders.get()
    order_cancel(order=order, actor=checkout.buyer, actor_kind=Actor.BUYER)

    assert vnpay_ipn_code(ipn_params(payment)) == "00"

    assert state(payment) == ("needs_review", 1, ["cancelled"])
    variant.refresh_from_db()
    assert variant.stock_reserved == 0


def test_sandbox_round_trip_pays_through_ipn(client, vnpay_checkout):
    checkout, _payment, _variant = vnpay_checkout
    client.force_login(checkout.buyer)

    redirect = client.post(reverse("payments:pay", args=[checkout.public_id]), {"method": "vnpay"})
    bank_page = client.get(redirect["Location"])
    params = dict(parse_qsl(urlsplit(redirect["Location"]).query))
    back = client.post(reverse("payments:vnpay_sandbox"), {**params, "decision": "approve"})
    result = client.get(back["Location"])

    assert bank_page.status_code == 200
    assert result.status_code == 200
    paid = Payment.objects.filter(checkout=checkout, status="captured")
    assert paid.count() == 1
    assert checkout.orders.get().status == "paid"
