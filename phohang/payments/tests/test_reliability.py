"""Payment reliability (RELIABILITY.md B2): PAY-01 … PAY-11 at CI size.

PHOHANG_RELIABILITY_FULL=1 runs the full sizes (PAY-05 200 trials with 0–500 ms offsets, PAY-09
1,000 memos, PAY-11 5,000 sequences of up to 50 steps). FUZ-08 lives in test_money.py.
"""

import contextlib
import hashlib
import hmac
import json
import os
import random
import time
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from phohang.accounts.models import Notification, TokenScope
from phohang.accounts.services import api_token_create
from phohang.accounts.tests.factories import fresh_code
from phohang.catalog.models import ProductVariant, StockMovement
from phohang.core.models import AuditRecord
from phohang.orders import services as order_services
from phohang.orders.models import Checkout, Order, OrderLine
from phohang.orders.services.state import TERMINAL, Actor
from phohang.orders.tests.factories import UserFactory, seller_with_owner, ward
from phohang.orders.tests.test_reliability import (
    full_stock_violations,
    parallel,
    received_variant,
    size,
)
from phohang.payments import vnpay
from phohang.payments.models import BankTransaction, GatewayCallback, LedgerEntry, Payment, Refund
from phohang.payments.services import (
    GatewayTimeout,
    PaymentError,
    RefundError,
    cod_collect,
    ledger_totals,
    ledger_totals_by_order,
    order_cancel_with_refund,
    payment_capture,
    payment_start,
    refund_issue,
    statement_import,
    vnpay_ipn_handle,
)
from phohang.payments.services import refunds as refunds_module
from phohang.payments.services.ledger import LedgerTotals

FULL = os.environ.get("PHOHANG_RELIABILITY_FULL") == "1"


def place(buyer, items, *, method="vnpay", **kwargs) -> Checkout:
    destination = ward("01")
    return order_services.checkout_place(
        buyer=buyer,
        items=[(variant.pk, quantity) for variant, quantity in items],
        street="12 phố Hàng Bạc",
        ward=destination,
        province=destination.province,
        recipient_name="Lê Thị Hoa",
        recipient_phone="0912345678",
        payment_method=method,
        **kwargs,
    )


def vnpay_checkout(price=100_000, units=5) -> tuple[Checkout, Payment]:
    variant = received_variant(units, price_vnd=price)
    checkout = place(UserFactory(), [(variant, 1)])
    return checkout, payment_start(checkout=checkout, method="vnpay")


def ipn(payment: Payment, *, approved=True, transaction_no="14000001", **overrides) -> dict:
    creds = vnpay.credentials()
    request = {
        "vnp_TmnCode": creds.tmn_code,
        "vnp_Amount": vnpay.amount_field(payment.amount_vnd),
        "vnp_TxnRef": payment.reference,
        "vnp_OrderInfo": f"Thanh toan don hang {payment.reference}",
    }
    params = vnpay.callback_params(
        creds=creds,
        request_params=request,
        approved=approved,
        transaction_no=transaction_no,
        now=timezone.now(),
    )
    params.update(overrides)
    return params


def resign(params: dict, secret: str | None = None) -> dict:
    params = {k: v for k, v in params.items() if k != "vnp_SecureHash"}
    params["vnp_SecureHash"] = vnpay.sign(params, secret or vnpay.credentials().hash_secret)
    return params


def ipn_code(params: dict) -> str:
    return vnpay_ipn_handle(params)["RspCode"]


def money_state(checkout: Checkout) -> tuple:
    """Everything an IPN may change for a checkout."""
    return (
        sorted(Payment.objects.filter(checkout=checkout).values_list("reference", "status")),
        LedgerEntry.objects.filter(payment__checkout=checkout).count(),
        sorted(Order.objects.filter(checkout=checkout).values_list("status", flat=True)),
    )


def csv_upload(rows, name="statement.csv"):
    text = "Mã giao dịch,Ngày,Số tiền,Nội dung\n" + "\n".join(",".join(map(str, r)) for r in rows)
    return SimpleUploadedFile(name, text.encode("utf-8"))


# --- PAY-01 ---------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pay01_ipn_replayed_100_times_concurrently_and_sequentially_captures_once():
    """PAY-01: one valid IPN 50× concurrently (20 connections) then 50× in sequence, over HTTP."""
    checkout, payment = vnpay_checkout()
    params = ipn(payment)
    url = reverse("payments:vnpay_ipn")

    def send(worker):
        response = Client().get(url, params)
        return response.status_code, response.json()["RspCode"]

    concurrent, errors = parallel([send] * 50, threads=20)
    sequential = [send(0) for _ in range(50)]

    replies = concurrent + sequential
    assert errors == []
    assert {status for status, _code in replies} == {200}
    assert sorted(code for _status, code in concurrent) == ["00"] + ["02"] * 49
    assert {code for _status, code in sequential} == {"02"}
    assert money_state(checkout) == ([(payment.reference, "captured")], 1, ["paid"])
    assert GatewayCallback.objects.filter(txn_ref=payment.reference).count() == 100


# --- PAY-02 ---------------------------------------------------------------------------------


def tamper_matrix(payment: Payment, other: Payment) -> list[tuple[str, dict, str]]:
    """About forty broken IPNs and the reply each must get; none may change anything."""
    good = ipn(payment)
    secret = vnpay.credentials().hash_secret
    amount = int(good["vnp_Amount"])
    data = vnpay.hash_data(good).encode()
    digest = good["vnp_SecureHash"]
    flipped = digest[:-1] + ("0" if digest[-1] != "0" else "1")
    variants = [
        ("amount +1 đồng, unsigned", {**good, "vnp_Amount": str(amount + 100)}, "97"),
        ("amount −1 đồng, unsigned", {**good, "vnp_Amount": str(amount - 100)}, "97"),
        ("amount +1 đồng, signed", resign({**good, "vnp_Amount": str(amount + 100)}), "04"),
        ("amount −1 đồng, signed", resign({**good, "vnp_Amount": str(amount - 100)}), "04"),
        ("amount not ×100, signed", resign({**good, "vnp_Amount": str(amount // 100)}), "04"),
        ("amount +1 cent, signed", resign({**good, "vnp_Amount": str(amount + 1)}), "04"),
        ("amount zero, signed", resign({**good, "vnp_Amount": "0"}), "04"),
        ("amount text, signed", resign({**good, "vnp_Amount": "mười"}), "04"),
        ("amount negative, signed", resign({**good, "vnp_Amount": f"-{amount}"}), "04"),
        ("other payment's ref, signed", resign({**good, "vnp_TxnRef": other.reference}), "04"),
        ("unknown ref, signed", resign({**good, "vnp_TxnRef": "PHZZZZZZZZV01"}), "01"),
        ("other ref, unsigned", {**good, "vnp_TxnRef": other.reference}, "97"),
        ("response code flipped, unsigned", {**good, "vnp_ResponseCode": "24"}, "97"),
        ("status flipped, unsigned", {**good, "vnp_TransactionStatus": "02"}, "97"),
        ("transaction no changed, unsigned", {**good, "vnp_TransactionNo": "1"}, "97"),
        ("pay date changed, unsigned", {**good, "vnp_PayDate": "20000101000000"}, "97"),
        ("bank code changed, unsigned", {**good, "vnp_BankCode": "VCB"}, "97"),
        ("hash removed", {k: v for k, v in good.items() if k != "vnp_SecureHash"}, "97"),
        ("hash empty", {**good, "vnp_SecureHash": ""}, "97"),
        ("hash truncated by 1", {**good, "vnp_SecureHash": digest[:-1]}, "97"),
        ("hash truncated by 2", {**good, "vnp_SecureHash": digest[:-2]}, "97"),
        ("hash one digit changed", {**good, "vnp_SecureHash": flipped}, "97"),
        ("hash doubled", {**good, "vnp_SecureHash": digest * 2}, "97"),
        ("hash not hex", {**good, "vnp_SecureHash": "z" * 128}, "97"),
        ("wrong secret", resign(good, "not-the-secret"), "97"),
        ("secret with a space", resign(good, secret + " "), "97"),
        (
            "HMAC-SHA256 instead of SHA512",
            {**good, "vnp_SecureHash": hmac.new(secret.encode(), data, hashlib.sha256).hexdigest()},
            "97",
        ),
        (
            "plain SHA512 without the key",
            {**good, "vnp_SecureHash": hashlib.sha512(data).hexdigest()},
            "97",
        ),
        (
            "plain SHA512 of secret + data",
            {**good, "vnp_SecureHash": hashlib.sha512(secret.encode() + data).hexdigest()},
            "97",
        ),
        ("extra vnp param, unsigned", {**good, "vnp_Extra": "1"}, "97"),
        ("second TxnRef-like param, unsigned", {**good, "vnp_TxnRef2": other.reference}, "97"),
        ("unicode order info, unsigned", {**good, "vnp_OrderInfo": "Thanh toán đơn"}, "97"),
        ("order info with newline, unsigned", {**good, "vnp_OrderInfo": "a\nb"}, "97"),
        ("foreign TmnCode, signed", resign({**good, "vnp_TmnCode": "OTHER001"}), "97"),
        ("foreign TmnCode, unsigned", {**good, "vnp_TmnCode": "OTHER001"}, "97"),
        (
            "TmnCode removed, signed",
            resign({k: v for k, v in good.items() if k != "vnp_TmnCode"}),
            "97",
        ),
        ("only the hash", {"vnp_SecureHash": digest}, "97"),
        ("empty", {}, "97"),
    ]
    return variants


@pytest.mark.django_db
def test_pay02_ipn_tamper_matrix_is_refused_and_changes_nothing():
    """PAY-02: ~40 tampered IPNs: bad signature 97, amount mismatch 04, unknown order 01."""
    checkout, payment = vnpay_checkout()
    _other_checkout, other = vnpay_checkout(price=250_000)
    matrix = tamper_matrix(payment, other)
    before = money_state(checkout), money_state(other.checkout)

    replies = {name: ipn_code(params) for name, params, _expected in matrix}

    assert len(matrix) >= 38
    assert replies == {name: expected for name, _params, expected in matrix}
    assert (money_state(checkout), money_state(other.checkout)) == before
    # Only genuine (signed) callbacks are stored; the unsigned ones are counted in the log.
    signed = [name for name, _params, expected in matrix if expected != "97"]
    assert GatewayCallback.objects.count() == len(signed)
    # The genuine IPN still works afterwards: nothing above consumed or broke it.
    assert ipn_code(ipn(payment)) == "00"


# --- PAY-03, PAY-04 -------------------------------------------------------------------------


@pytest.mark.django_db
def test_pay03_return_url_with_success_params_never_marks_anything_paid(client):
    """PAY-03: the buyer's return URL, genuine or forged, anonymous or signed in: 0 state changes."""
    checkout, payment = vnpay_checkout()
    genuine = ipn(payment)
    forged = {**genuine, "vnp_Amount": "100"}
    before = money_state(checkout)

    pages = [client.get(reverse("payments:vnpay_return"), params) for params in (genuine, forged)]
    client.force_login(checkout.buyer)
    pages += [client.get(reverse("payments:vnpay_return"), params) for params in (genuine, forged)]

    assert [page.status_code for page in pages] == [200, 200, 200, 200]
    assert money_state(checkout) == before
    assert Order.objects.filter(status=Order.Status.PAID).count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "response_code,transaction_status",
    [("00", "02"), ("00", "01"), ("00", ""), ("24", "00"), ("07", "00"), ("", "00")],
)
def test_pay04_both_codes_must_say_success(response_code, transaction_status):
    """PAY-04: ResponseCode 00 with TransactionStatus ≠ 00 (and vice versa) pays nothing."""
    checkout, payment = vnpay_checkout()
    params = resign(
        ipn(payment, vnp_ResponseCode=response_code, vnp_TransactionStatus=transaction_status)
    )

    ipn_code(params)

    assert Order.objects.filter(checkout=checkout, status=Order.Status.PAID).count() == 0
    assert LedgerEntry.objects.count() == 0
    payment.refresh_from_db()
    assert payment.status in {Payment.Status.PENDING, Payment.Status.FAILED}


# --- PAY-05 ---------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pay05_ipn_and_buyer_return_race_gives_one_order_and_one_capture():
    """PAY-05: IPN, a duplicate IPN and the buyer's return/status pages arrive with random
    offsets (CI 12 trials × 0–50 ms; full 200 × 0–500 ms): 1 capture per order, 0 × 5xx."""
    trials, spread = size(12, 200), 0.5 if FULL else 0.05
    rng = random.Random(11)
    statuses = []
    for _trial in range(trials):
        checkout, payment = vnpay_checkout()
        params = ipn(payment)
        buyer = checkout.buyer
        offsets = [rng.uniform(0, spread) for _ in range(3)]

        def gateway(offset):
            def run(worker):
                time.sleep(offset)
                return Client().get(reverse("payments:vnpay_ipn"), params).status_code

            return run

        def buyer_returns(worker):
            time.sleep(offsets[2])
            browser = Client()
            browser.force_login(buyer)
            back = browser.get(reverse("payments:vnpay_return"), params).status_code
            status = browser.get(reverse("payments:status", args=[checkout.public_id]))
            return max(back, status.status_code)

        results, errors = parallel(
            [gateway(offsets[0]), gateway(offsets[1]), buyer_returns], threads=3
        )

        assert errors == []
        statuses += results
        assert Order.objects.filter(checkout=checkout).count() == 1
        assert money_state(checkout) == ([(payment.reference, "captured")], 1, ["paid"])
    assert max(statuses) < 500


# --- PAY-06 ---------------------------------------------------------------------------------


def staff_alerted(payment: Payment) -> bool:
    return AuditRecord.objects.filter(action="payments.payment.needs_review").exists() and (
        Notification.objects.filter(title__contains=payment.reference).exists()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["buyer cancelled", "reservation expired"])
def test_pay06_late_ipn_after_cancel_or_expiry_is_held_for_review(how):
    """PAY-06: a valid success IPN after the order was cancelled does not reopen it; the money
    is recorded, the payment marked "needs review" and staff are alerted."""
    UserFactory(is_superuser=True, is_staff=True)
    checkout, payment = vnpay_checkout(units=1)
    order = checkout.orders.get()
    if how == "buyer cancelled":
        order_services.order_cancel(order=order, actor=checkout.buyer, actor_kind=Actor.BUYER)
    else:
        order_services.reservations_expire(now=timezone.now() + timedelta(minutes=16))
    rival = place(UserFactory(), [(order.lines.get().variant, 1)], method="cod")

    reply = ipn_code(ipn(payment))

    order.refresh_from_db()
    payment.refresh_from_db()
    assert reply == "00"  # VNPay must stop retrying; the refund is ours to make
    assert order.status == Order.Status.CANCELLED
    assert payment.status == Payment.Status.NEEDS_REVIEW
    assert ledger_totals(order.pk).paid_vnd == order.total_vnd  # owed back, visible to staff
    assert staff_alerted(payment)
    assert rival.orders.get().status == Order.Status.CONFIRMED
    assert full_stock_violations()["reserved_over_on_hand"] == 0


# --- PAY-07 ---------------------------------------------------------------------------------


def api_client(user) -> Client:
    # Staff and admin tokens need a fresh authenticator code.
    code = fresh_code(user) if user.is_staff_like else ""
    token = api_token_create(user=user, name="t", scopes=TokenScope.values, otp_code=code)[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def checkout_body(variant, quantity=1) -> dict:
    return {
        "recipient_name": "Lê Thị Hoa",
        "recipient_phone": "0912345678",
        "street": "12 phố Hàng Bạc",
        "ward_code": ward("01").code,
        "payment_method": "cod",
        "items": [{"variant_id": variant.pk, "quantity": quantity}],
    }


def post_checkout(client: Client, body: dict, key: str):
    return client.post(
        "/api/v1/orders/checkout",
        json.dumps(body),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pay07_same_idempotency_key_fifty_times_at_once_places_one_checkout():
    """PAY-07: 50 concurrent POSTs with one key: 1 checkout; replays byte-identical and marked,
    or 409 while the first is in flight; other body 422; another user's same key independent."""
    variant = received_variant(100)
    buyer, other = UserFactory(), UserFactory()
    token = api_token_create(user=buyer, name="t")[1]
    body = checkout_body(variant)

    def post(worker):
        response = post_checkout(Client(HTTP_AUTHORIZATION=f"Bearer {token}"), body, "key-0001")
        return response.status_code, response.content, response.get("Idempotent-Replayed")

    replies, errors = parallel([post] * 50, threads=10)
    late = post(0)
    different = post_checkout(api_client(buyer), checkout_body(variant, 2), "key-0001")
    independent = post_checkout(api_client(other), body, "key-0001")

    assert errors == []
    fresh = [r for r in replies if r[0] == 201 and r[2] is None]
    replayed = [r for r in replies if r[0] == 201 and r[2] == "true"]
    in_flight = [r for r in replies if r[0] == 409]
    assert len(fresh) == 1
    assert len(fresh) + len(replayed) + len(in_flight) == 50
    assert {content for _s, content, _r in replayed + [late]} == {fresh[0][1]}
    assert all(
        json.loads(c)["error"]["code"] == "idempotency_key_in_flight" for _s, c, _r in in_flight
    )
    assert (late[0], late[2]) == (201, "true")
    assert different.status_code == 422
    assert independent.status_code == 201 and independent.content != fresh[0][1]
    assert Checkout.objects.filter(buyer=buyer).count() == 1
    assert Checkout.objects.filter(buyer=other).count() == 1
    variant.refresh_from_db()
    assert variant.stock_reserved == 2


@pytest.mark.django_db
def test_pay07_key_in_flight_answers_409_and_a_failed_first_call_frees_the_key(monkeypatch):
    """PAY-07: while the first request runs the key answers 409; a crash frees it for a retry."""
    variant = received_variant(10)
    buyer = UserFactory()
    client = api_client(buyer)
    nested = {}

    def place_and_retry_inside(**kwargs):
        nested["reply"] = post_checkout(client, checkout_body(variant), "key-0002")
        raise RuntimeError("worker died")

    monkeypatch.setattr(order_services, "checkout_place", place_and_retry_inside)
    with pytest.raises(RuntimeError):
        post_checkout(client, checkout_body(variant), "key-0002")
    monkeypatch.undo()
    retry = post_checkout(client, checkout_body(variant), "key-0002")

    assert nested["reply"].status_code == 409
    assert retry.status_code == 201
    assert Checkout.objects.filter(buyer=buyer).count() == 1


# --- PAY-08 ---------------------------------------------------------------------------------


def vietqr_checkout(price=100_000) -> tuple[Checkout, Payment]:
    variant = received_variant(5, price_vnd=price)
    checkout = place(UserFactory(), [(variant, 1)], method="vietqr")
    return checkout, payment_start(checkout=checkout, method="vietqr")


@pytest.mark.django_db
def test_pay08_same_bank_transaction_ten_times_and_out_of_order_credits_once():
    """PAY-08: one transfer delivered 10× (also after a later transfer): one credit per id."""
    _checkout, payment = vietqr_checkout()
    _checkout2, second = vietqr_checkout(price=120_000)
    first_row = ("FT-A", "2026-03-01", payment.amount_vnd, f"IBFT {payment.reference}")
    later_row = ("FT-B", "2026-03-02", second.amount_vnd, f"{second.reference} cam on")

    statement_import(upload=csv_upload([later_row]), actor=None)
    imports = [statement_import(upload=csv_upload([first_row, later_row]), actor=None)]
    imports += [statement_import(upload=csv_upload([first_row]), actor=None) for _ in range(9)]

    assert [(i.matched_count, i.duplicate_count) for i in imports] == [(1, 1)] + [(0, 1)] * 9
    assert BankTransaction.objects.count() == 2
    assert LedgerEntry.objects.filter(payment=payment, kind="capture").count() == 1
    assert LedgerEntry.objects.filter(payment=second, kind="capture").count() == 1
    assert set(Payment.objects.values_list("status", flat=True)) == {"captured"}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pay08_concurrent_imports_of_one_statement_credit_once():
    """PAY-08 (PG): ten staff upload the same statement at once: one credit."""
    _checkout, payment = vietqr_checkout()
    row = ("FT-C", "2026-03-01", payment.amount_vnd, payment.reference)

    results, errors = parallel(
        [lambda w: statement_import(upload=csv_upload([row]), actor=None)] * 10, threads=10
    )

    assert errors == []
    assert sum(r.matched_count for r in results) == 1
    assert sum(r.duplicate_count for r in results) == 9
    assert LedgerEntry.objects.filter(payment=payment).count() == 1


# --- PAY-09 ---------------------------------------------------------------------------------


def strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def memo_variant(reference: str, rng: random.Random) -> tuple[str, bool]:
    """A memo as banks mangle it, and whether the reference is still readable in it."""
    body = rng.choice([reference, reference.lower(), reference.title()])
    if rng.random() < 0.3:
        cut = rng.randint(1, 9)
        body = body[:cut] + " " + body[cut:]
    prefix = rng.choice(["", "MBVCB.3312.", "IBFT ", "TRANSFER-", "Chuyển tiền đơn ", "CK "])
    suffix = rng.choice(["", " cảm ơn shop", " Thanh toán", " FT26"])
    memo = prefix + body + suffix
    if rng.random() < 0.3:
        memo = strip_marks(memo)
    if rng.random() < 0.15:
        memo = memo[:19]  # some banks keep only 19 characters
    readable = reference in "".join(ch for ch in memo.upper() if ch.isalnum())
    return memo, readable


@pytest.mark.django_db
def test_pay09_mangled_memos_never_match_the_wrong_payment():
    """PAY-09: generated memos (CI 300, full 1,000) with case, spaces, stripped diacritics,
    19-character truncation, bank prefixes, part- and over-payments: 0 false matches;
    exact amount + readable code → paid; anything else → review, never auto-paid."""
    count = size(300, 1000)
    rng = random.Random(9)
    payments = [vietqr_checkout(price=50_000 + 1_000 * i)[1] for i in range(25)]
    rows, expected_paid = [], set()
    for index in range(count):
        payment = rng.choice(payments)
        memo, readable = memo_variant(payment.reference, rng)
        kind = rng.random()
        amount = payment.amount_vnd
        if kind < 0.15:
            amount -= rng.randint(1, 10_000)  # partial payment
        elif kind < 0.3:
            amount += rng.randint(1, 10_000)  # over-payment
        elif kind < 0.35:
            memo = f"{memo} {rng.choice(payments).reference}"  # two references: ambiguous
        rows.append((f"T{index:05d}", "", amount, memo))
        if readable and amount == payment.amount_vnd and kind >= 0.35:
            expected_paid.add(payment.reference)

    statement_import(upload=csv_upload(rows), actor=None)

    matched = BankTransaction.objects.filter(status="matched").select_related("payment")
    for transfer in matched:
        squashed = "".join(ch for ch in transfer.memo.upper() if ch.isalnum())
        assert transfer.payment.reference in strip_marks(squashed)
        assert transfer.amount_vnd == transfer.payment.amount_vnd
    captured = set(Payment.objects.filter(status="captured").values_list("reference", flat=True))
    assert captured == expected_paid
    assert matched.count() == len(captured)  # later good transfers for a paid order: review
    assert BankTransaction.objects.count() == count


# --- PAY-10 ---------------------------------------------------------------------------------


def captured_vietqr_order() -> Order:
    checkout, payment = vietqr_checkout()
    payment_capture(payment_id=payment.pk, source="test")
    return checkout.orders.get()


@pytest.mark.django_db
def test_pay10_refund_retried_after_five_timeouts_refunds_once(monkeypatch):
    """PAY-10: the key is stored before the first provider call; 5 timeouts, then success: 1 refund."""
    order = captured_vietqr_order()
    calls = []

    def provider(refund):
        calls.append(refund.pk)
        if len(calls) <= 5:
            raise GatewayTimeout
        return "RF-OK"

    monkeypatch.setattr(refunds_module, "provider_refund_send", provider)
    for _attempt in range(5):
        with pytest.raises(GatewayTimeout):
            refund_issue(order=order, amount_vnd=40_000, idempotency_key="refund-1")
        assert Refund.objects.filter(order=order).count() == 1  # persisted before the call

    done = refund_issue(order=order, amount_vnd=40_000, idempotency_key="refund-1")
    again = refund_issue(order=order, amount_vnd=40_000, idempotency_key="refund-1")

    assert (done.status, again.pk, len(set(calls)), len(calls)) == ("succeeded", done.pk, 1, 6)
    assert ledger_totals(order.pk).refunded_vnd == 40_000
    assert LedgerEntry.objects.filter(order=order, kind="refund").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pay10_concurrent_retries_of_one_refund_issue_it_once(monkeypatch):
    """PAY-10 (PG): ten retries of one refund race each other: the provider is asked once, one
    refund, one ledger row."""
    order = captured_vietqr_order()
    asked = []

    def provider(refund):
        asked.append(refund.pk)
        time.sleep(0.05)  # a slow gateway widens the race
        return f"RF{refund.pk}"

    monkeypatch.setattr(refunds_module, "provider_refund_send", provider)

    results, errors = parallel(
        [lambda w: refund_issue(order=order, amount_vnd=30_000, idempotency_key="refund-2")] * 10,
        threads=10,
    )

    assert errors == []
    assert {refund.pk for refund in results} == {Refund.objects.get().pk}
    assert asked == [Refund.objects.get().pk]  # the provider is asked once, not once per retry
    assert Refund.objects.get().status == Refund.Status.SUCCEEDED
    assert LedgerEntry.objects.filter(order=order, kind="refund").count() == 1
    assert ledger_totals(order.pk).refunded_vnd == 30_000


# --- PAY-11 ---------------------------------------------------------------------------------


HOLDING_STOCK = frozenset(
    {Order.Status.AWAITING_PAYMENT, Order.Status.PAID, Order.Status.CONFIRMED, Order.Status.PACKED}
)


class OrderPaymentMachine(RuleBasedStateMachine):
    """PAY-11: random sequences of place, pay (valid / duplicate / late / out-of-order IPN),
    VietQR credit, cancel, expire, pack, ship, deliver, COD collect, return and refund."""

    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        UserFactory(is_superuser=True, is_staff=True)
        self.sellers = [seller_with_owner() for _ in range(2)]
        self.variants = [
            received_variant(4, product__seller=seller, price_vnd=30_000 + 10_000 * index)
            for index, (seller, _owner) in enumerate(self.sellers)
        ]
        self.owner_of = {seller.pk: owner for seller, owner in self.sellers}
        self.buyer = UserFactory()
        self.checkouts: list[Checkout] = []
        self.vnpay_payments: list[Payment] = []
        self.terminal_seen: dict[int, str] = {}
        self.clock = timezone.now()
        self.transaction_no = 0

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def orders(self) -> list[Order]:
        return list(Order.objects.filter(checkout__in=self.checkouts).order_by("pk"))

    # Rules ---------------------------------------------------------------------------------

    @rule(
        method=st.sampled_from(["cod", "vietqr", "vnpay"]),
        quantities=st.tuples(st.integers(0, 2), st.integers(0, 2)),
    )
    def place(self, method, quantities):
        items = [(v, q) for v, q in zip(self.variants, quantities, strict=True) if q]
        if not items:
            return
        with contextlib.suppress(order_services.SoldOut):
            self.checkouts.append(place(self.buyer, items, method=method, now=self.clock))

    @precondition(lambda self: self.checkouts)
    @rule(data=st.data())
    def start_vnpay(self, data):
        checkout = data.draw(st.sampled_from(self.checkouts))
        if checkout.payment_method != "vnpay":
            return
        with contextlib.suppress(PaymentError):
            self.vnpay_payments.append(payment_start(checkout=checkout, method="vnpay"))

    @precondition(lambda self: self.vnpay_payments)
    @rule(data=st.data(), approved=st.booleans())
    def vnpay_ipn(self, data, approved):
        """Valid, duplicate, late or out-of-order: any attempt, any time, any number of times."""
        payment = data.draw(st.sampled_from(self.vnpay_payments))
        self.transaction_no += 1
        code = ipn_code(ipn(payment, approved=approved, transaction_no=str(self.transaction_no)))
        assert code in {"00", "02"}

    @precondition(lambda self: self.checkouts)
    @rule(data=st.data(), exact=st.booleans())
    def vietqr_credit(self, data, exact):
        checkout = data.draw(st.sampled_from(self.checkouts))
        if checkout.payment_method != "vietqr":
            return
        try:
            payment = payment_start(checkout=checkout, method="vietqr")
        except PaymentError:
            payment = Payment.objects.filter(checkout=checkout, method="vietqr").first()
            if payment is None:
                return
        self.transaction_no += 1
        amount = payment.amount_vnd if exact else payment.amount_vnd - 1
        row = (f"FT{self.transaction_no}", "", amount, payment.reference)
        statement_import(upload=csv_upload([row]), actor=None)

    @precondition(lambda self: self.checkouts)
    @rule(data=st.data(), by=st.sampled_from([Actor.BUYER, Actor.SELLER]))
    def cancel(self, data, by):
        order = data.draw(st.sampled_from(self.orders()))
        actor = self.buyer if by == Actor.BUYER else self.owner_of[order.seller_id]
        with contextlib.suppress(order_services.IllegalTransition, RefundError):
            order_cancel_with_refund(order=order, actor=actor, actor_kind=by, reason="lý do")

    @rule(minutes=st.integers(1, 20))
    def time_passes_and_reservations_expire(self, minutes):
        self.clock += timedelta(minutes=minutes)
        order_services.reservations_expire(now=self.clock)

    @precondition(lambda self: self.checkouts)
    @rule(data=st.data())
    def seller_moves_on(self, data):
        """Pack, then ship, whatever the order's state (illegal moves must be refused)."""
        order = data.draw(st.sampled_from(self.orders()))
        owner = self.owner_of[order.seller_id]
        try:
            if order.status in {Order.Status.PAID, Order.Status.CONFIRMED}:
                order_services.order_pack(order=order, actor=owner)
            else:
                order_services.order_ship(
                    order=order, actor=owner, carrier="GHN", tracking_number="1"
                )
        except order_services.IllegalTransition:
            pass

    @precondition(lambda self: self.checkouts)
    @rule(data=st.data())
    def delivered(self, data):
        """COD is collected by the carrier; online orders are confirmed by the buyer."""
        order = data.draw(st.sampled_from(self.orders()))
        try:
            if order.payment_method == "cod":
                cod_collect(order=order, actor=None)
            else:
                order_services.order_mark_delivered(
                    order=order, actor=self.buyer, actor_kind=Actor.BUYER
                )
        except order_services.IllegalTransition:
            pass

    @precondition(lambda self: self.checkouts)
    @rule(data=st.data(), accept=st.booleans())
    def return_and_decide(self, data, accept):
        order = data.draw(st.sampled_from(self.orders()))
        line = order.lines.first()
        try:
            order_services.order_return_request(
                order=order, buyer=self.buyer, reason="hỏng", quantities={line.pk: 1}
            )
            order_services.order_return_decide(
                order=order, actor=self.owner_of[order.seller_id], accept=accept
            )
        except order_services.IllegalTransition:
            pass

    @precondition(lambda self: self.checkouts)
    @rule(data=st.data(), share=st.integers(1, 100))
    def refund(self, data, share):
        order = data.draw(st.sampled_from(self.orders()))
        amount = max(1, order.total_vnd * share // 100)
        self.transaction_no += 1
        with contextlib.suppress(RefundError):
            refund_issue(order=order, amount_vnd=amount, idempotency_key=f"r{self.transaction_no}")

    # Invariants ----------------------------------------------------------------------------
    # Checked after every step, so the state is read once, set-based, and every rule is judged
    # against that one reading.

    def snapshot(self) -> "MachineState":
        orders = self.orders()
        order_ids = [order.pk for order in orders]
        captures: dict[int, list[int]] = {pk: [] for pk in order_ids}
        for order_id, amount in LedgerEntry.objects.filter(
            order_id__in=order_ids, kind="capture"
        ).values_list("order_id", "amount_vnd"):
            captures[order_id].append(amount)
        returned = dict(
            StockMovement.objects.filter(variant__in=self.variants, reason="returned")
            .order_by()
            .values("variant_id")
            .annotate(units=Sum("delta_on_hand"))
            .values_list("variant_id", "units")
        )
        return MachineState(
            orders=orders,
            totals=ledger_totals_by_order(order_ids),
            captures=captures,
            flagged_checkouts=set(
                Payment.objects.filter(
                    checkout__in=self.checkouts, status=Payment.Status.NEEDS_REVIEW
                ).values_list("checkout_id", flat=True)
            ),
            lines=list(
                OrderLine.objects.filter(order_id__in=order_ids).values_list(
                    "order_id", "variant_id", "quantity"
                )
            ),
            variants={
                pk: (on_hand, reserved)
                for pk, on_hand, reserved in ProductVariant.objects.filter(
                    pk__in=[variant.pk for variant in self.variants]
                ).values_list("pk", "stock_on_hand", "stock_reserved")
            },
            returned={pk: returned.get(pk) or 0 for pk in (v.pk for v in self.variants)},
        )

    @invariant()
    def every_invariant_holds(self):
        state = self.snapshot()
        self.money_adds_up(state)
        self.cod_is_never_paid_before_collection(state)
        self.paid_orders_have_their_money(state)
        self.terminal_states_stay_terminal(state)
        self.stock_is_conserved(state)

    def money_adds_up(self, state):
        for order in state.orders:
            totals = state.totals[order.pk]
            flagged = order.checkout_id in state.flagged_checkouts
            assert totals.refunded_vnd <= totals.captured_vnd, order
            # More than the order's total only with a payment staff must refund (double payment).
            assert totals.captured_vnd <= order.total_vnd or flagged, order
            assert set(state.captures[order.pk]) <= {order.total_vnd}
            if order.status == Order.Status.CANCELLED and totals.paid_vnd:
                assert flagged, order  # money kept for a cancelled order is always flagged

    def cod_is_never_paid_before_collection(self, state):
        for order in state.orders:
            if order.payment_method != "cod":
                continue
            assert order.status != Order.Status.PAID
            collected = bool(state.captures[order.pk])
            assert collected == (order.delivered_at is not None), order

    def paid_orders_have_their_money(self, state):
        for order in state.orders:
            if order.payment_method != "cod" and order.paid_at is not None:
                assert state.totals[order.pk].captured_vnd >= order.total_vnd, order

    def terminal_states_stay_terminal(self, state):
        for order in state.orders:
            seen = self.terminal_seen.get(order.pk)
            assert seen is None or seen == order.status, (seen, order.status)
            if order.status in TERMINAL:
                self.terminal_seen[order.pk] = order.status

    def stock_is_conserved(self, state):
        reserved = {variant.pk: 0 for variant in self.variants}
        sold = dict(reserved)
        # Judged by the order's status, not by its own stock bookkeeping.
        orders = {order.pk: order for order in state.orders}
        for order_id, variant_id, quantity in state.lines:
            order = orders[order_id]
            if order.status in HOLDING_STOCK:
                reserved[variant_id] += quantity
            elif order.shipped_at is not None:
                sold[variant_id] += quantity
        for pk, (on_hand, stock_reserved) in state.variants.items():
            assert stock_reserved == reserved[pk]
            assert on_hand == 4 - sold[pk] + state.returned[pk]
        violations = full_stock_violations()
        assert set(violations.values()) == {0}, violations


@dataclass(frozen=True)
class MachineState:
    """One reading of everything PAY-11's invariants judge."""

    orders: list[Order]
    totals: dict[int, LedgerTotals]
    captures: dict[int, list[int]]
    flagged_checkouts: set[int]
    lines: list[tuple[int, int, int]]
    variants: dict[int, tuple[int, int]]
    returned: dict[int, int]


def pay11_settings():
    examples = int(os.environ.get("PHOHANG_PAY11_EXAMPLES", 5000 if FULL else 500))
    return settings(
        max_examples=examples,
        stateful_step_count=50,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )


@pytest.mark.django_db
def test_pay11_order_and_payment_state_machine_keeps_every_invariant():
    """PAY-11: Hypothesis stateful machine over orders, payments, stock and the ledger
    (CI 500 sequences of ≤ 50 steps; PHOHANG_PAY11_EXAMPLES or the full run: 5,000)."""
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(OrderPaymentMachine, settings=pay11_settings())
