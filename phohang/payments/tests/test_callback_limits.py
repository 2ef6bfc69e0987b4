"""Payment callbacks: only signed ones are stored; unsigned ones are counted and limited per
source address (the client address behind the trusted proxies)."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from phohang.payments.models import GatewayCallback, Payment
from phohang.payments.tests.test_vnpay import ipn_params, resign

pytestmark = pytest.mark.django_db
IPN = reverse("payments:vnpay_ipn")


def test_unsigned_callbacks_are_not_stored_but_counted_in_the_log(client, vnpay_checkout, caplog):
    _checkout, payment, _variant = vnpay_checkout
    forged = {**ipn_params(payment), "vnp_Amount": "100"}

    with caplog.at_level(logging.WARNING, logger="phohang.payments"):
        replies = [client.get(IPN, forged).json()["RspCode"] for _ in range(3)]
        garbage = client.get(IPN, {"x": "y" * 500}).json()["RspCode"]

    assert replies == ["97", "97", "97"]
    assert garbage == "97"
    assert GatewayCallback.objects.count() == 0
    assert [r.getMessage().split("(")[0] for r in caplog.records].count(
        "vnpay ipn refused: unsigned, not stored "
    ) == 4
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PENDING


def test_a_signed_callback_is_stored_with_our_reply(client, vnpay_checkout):
    _checkout, payment, _variant = vnpay_checkout

    reply = client.get(IPN, ipn_params(payment)).json()

    assert reply["RspCode"] == "00"
    stored = GatewayCallback.objects.get()
    assert (stored.txn_ref, stored.rsp_code) == (payment.reference, "00")
    assert "vnp_SecureHash" not in stored.params


def test_a_source_sending_unsigned_callbacks_is_answered_429_unread(vnpay_checkout, settings):
    settings.PAYMENT_CALLBACK_UNSIGNED_LIMIT = 5
    _checkout, payment, _variant = vnpay_checkout
    forged = resign(ipn_params(payment), "not-our-secret")
    attacker, gateway = Client(REMOTE_ADDR="203.0.113.66"), Client(REMOTE_ADDR="198.51.100.10")

    statuses = [attacker.get(IPN, forged).status_code for _ in range(7)]
    genuine_from_attacker = attacker.get(IPN, ipn_params(payment))
    genuine = gateway.get(IPN, ipn_params(payment))

    assert statuses == [200] * 5 + [429] * 2
    assert genuine_from_attacker.status_code == 429
    assert genuine_from_attacker.json()["RspCode"] == "99"
    assert (genuine.status_code, genuine.json()["RspCode"]) == (200, "00")
    assert GatewayCallback.objects.count() == 1


def test_callback_sources_behind_the_proxy_are_told_apart(vnpay_checkout, settings):
    settings.PAYMENT_CALLBACK_UNSIGNED_LIMIT = 2
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    _checkout, payment, _variant = vnpay_checkout
    proxy = Client(REMOTE_ADDR="10.0.0.5")
    forged = {**ipn_params(payment), "vnp_Amount": "100"}

    attacker = [
        proxy.get(IPN, forged, HTTP_X_FORWARDED_FOR="203.0.113.66").status_code for _ in range(3)
    ]
    genuine = proxy.get(IPN, ipn_params(payment), HTTP_X_FORWARDED_FOR="198.51.100.10")

    assert attacker == [200, 200, 429]
    assert (genuine.status_code, genuine.json()["RspCode"]) == (200, "00")


def test_an_oversized_callback_is_refused_unread(client, vnpay_checkout):
    _checkout, payment, _variant = vnpay_checkout
    params = {**ipn_params(payment), "vnp_OrderInfo": "x" * 5000}

    response = client.get(IPN, params)

    assert response.status_code == 400
    assert response.json()["RspCode"] == "97"
    assert GatewayCallback.objects.count() == 0
