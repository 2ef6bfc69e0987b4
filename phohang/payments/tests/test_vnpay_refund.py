"""VNPay refunds through the merchant API: only a verified "00" answer reaches the ledger."""

import hashlib
import hmac
import io
import json
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from phohang.accounts.tests.factories import AdminFactory, login_verified
from phohang.core.models import AuditRecord
from phohang.payments import services, vnpay, vnpay_refund
from phohang.payments.models import LedgerEntry, Refund
from phohang.payments.services import ledger_totals, payment_capture, refund_issue
from phohang.payments.services.gateway_refunds import (
    GatewayRefundRefused,
    GatewayRefundUnverified,
    sandbox_transaction_lookup,
)

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)
DOCUMENTED_REQUEST_ORDER = (
    "vnp_RequestId|vnp_Version|vnp_Command|vnp_TmnCode|vnp_TransactionType|vnp_TxnRef|"
    "vnp_Amount|vnp_TransactionNo|vnp_TransactionDate|vnp_CreateBy|vnp_CreateDate|vnp_IpAddr|"
    "vnp_OrderInfo"
)
DOCUMENTED_RESPONSE_ORDER = (
    "vnp_ResponseId|vnp_Command|vnp_ResponseCode|vnp_Message|vnp_TmnCode|vnp_TxnRef|vnp_Amount|"
    "vnp_BankCode|vnp_PayDate|vnp_TransactionNo|vnp_TransactionType|vnp_TransactionStatus|"
    "vnp_OrderInfo"
)


def hmac_sha512(secret: str, data: str) -> str:
    return hmac.new(secret.encode(), data.encode(), hashlib.sha512).hexdigest()


@pytest.fixture
def paid_order(vnpay_checkout):
    checkout, payment, _variant = vnpay_checkout
    payment_capture(payment_id=payment.pk, provider_transaction="14226112")
    return checkout.orders.get()


@pytest.fixture
def sent(monkeypatch):
    """Every request the client sends, answered by the local sandbox unless `answer` is set."""
    requests = []
    real_send = vnpay_refund.send

    def spy(body, **kwargs):
        requests.append(dict(body))
        if spy.answer is not None:
            return spy.answer(body)
        return real_send(body, **kwargs)

    spy.answer = None
    monkeypatch.setattr(vnpay_refund, "send", spy)
    spy.requests = requests
    return spy


def ledger_state(order):
    totals = ledger_totals(order.pk)
    return (
        totals.captured_vnd,
        totals.refunded_vnd,
        LedgerEntry.objects.filter(kind="refund").count(),
    )


def signed_answer(body, **overrides):
    creds = vnpay.credentials()
    answer = vnpay_refund.sandbox_answer(
        body, creds=creds, lookup=sandbox_transaction_lookup, now=NOW
    )
    answer.update(overrides)
    answer["vnp_SecureHash"] = vnpay_refund.checksum(
        answer, vnpay_refund.RESPONSE_FIELDS, creds.hash_secret
    )
    return answer


def test_request_is_signed_over_the_documented_field_order():
    creds = vnpay.Credentials("TMN12345", "s3cret", "https://sandbox.vnpayment.vn/x")

    body = vnpay_refund.refund_request(
        creds=creds,
        request_id="a" * 40,
        txn_ref="PHABCDEFGHV01",
        amount_vnd=30_000,
        is_full=False,
        transaction_no="14226112",
        transaction_date=datetime(2026, 2, 28, 17, 5, 9, tzinfo=UTC),
        create_by="staff@phohang.vn",
        ip_address="10.0.0.5",
        order_info="Hoan tien don hang PH-1",
        now=NOW,
    )

    assert body["vnp_RequestId"] == "a" * 32
    assert (body["vnp_Version"], body["vnp_Command"], body["vnp_TransactionType"]) == (
        "2.1.0",
        "refund",
        "03",
    )
    assert body["vnp_Amount"] == "3000000"
    assert (body["vnp_TransactionDate"], body["vnp_CreateDate"]) == (
        "20260301000509",
        "20260301100000",
    )
    data = "|".join(body[name] for name in DOCUMENTED_REQUEST_ORDER.split("|"))
    assert body["vnp_SecureHash"] == hmac_sha512("s3cret", data)
    assert vnpay_refund.request_signature_is_valid(body, "s3cret")


def test_answer_checksum_follows_the_documented_order_with_missing_fields_empty():
    answer = {
        "vnp_ResponseId": "r1",
        "vnp_Command": "refund",
        "vnp_ResponseCode": "00",
        "vnp_Message": "ok",
        "vnp_TmnCode": "TMN12345",
        "vnp_TxnRef": "PH1",
        "vnp_Amount": "3000000",
        "vnp_PayDate": "20260301100000",
        "vnp_TransactionNo": "9",
        "vnp_TransactionType": "03",
        "vnp_TransactionStatus": "05",
        "vnp_OrderInfo": "x",
    }
    data = "|".join(answer.get(name, "") for name in DOCUMENTED_RESPONSE_ORDER.split("|"))
    answer["vnp_SecureHash"] = hmac_sha512("s3cret", data).upper()

    assert vnpay_refund.response_signature_is_valid(answer, "s3cret")
    assert not vnpay_refund.response_signature_is_valid({**answer, "vnp_Amount": "1"}, "s3cret")


def test_partial_refund_is_recorded_after_a_verified_success(paid_order, sent):
    refund = refund_issue(order=paid_order, amount_vnd=30_000, idempotency_key="k1")

    assert refund.status == "succeeded"
    (request,) = sent.requests
    assert (request["vnp_TransactionType"], request["vnp_Amount"], request["vnp_TxnRef"]) == (
        "03",
        "3000000",
        refund.payment.reference,
    )
    assert request["vnp_TransactionNo"] == "14226112"
    assert request["vnp_RequestId"] == refund.public_id.hex
    assert refund.provider_reference and refund.provider_reference != f"RF{refund.pk:08d}"
    assert ledger_state(paid_order) == (paid_order.total_vnd, 30_000, 1)


def test_whole_payment_refund_is_sent_as_full(paid_order, sent):
    refund_issue(order=paid_order, amount_vnd=paid_order.total_vnd, idempotency_key="all")

    assert sent.requests[0]["vnp_TransactionType"] == "02"
    assert ledger_state(paid_order) == (paid_order.total_vnd, paid_order.total_vnd, 1)


def test_wrong_checksum_in_the_answer_records_nothing(paid_order, sent):
    sent.answer = lambda body: {**signed_answer(body), "vnp_SecureHash": "0" * 128}

    with pytest.raises(GatewayRefundUnverified) as refused:
        refund_issue(order=paid_order, amount_vnd=30_000, idempotency_key="k1")

    assert "Không xác minh được phản hồi của VNPay" in str(refused.value)
    assert ledger_state(paid_order) == (paid_order.total_vnd, 0, 0)
    assert Refund.objects.get().status == "pending"
    assert not AuditRecord.objects.filter(action="payments.refund.succeeded").exists()


def test_success_answer_for_another_transaction_is_not_trusted(paid_order, sent):
    sent.answer = lambda body: signed_answer(body, vnp_TxnRef="PHOTHER00V01")

    with pytest.raises(GatewayRefundUnverified):
        refund_issue(order=paid_order, amount_vnd=30_000, idempotency_key="k1")

    assert ledger_state(paid_order) == (paid_order.total_vnd, 0, 0)


@pytest.mark.parametrize("code", ["02", "03", "91", "95", "97", "99"])
def test_error_code_marks_refund_failed_and_leaves_ledger(paid_order, sent, code):
    sent.answer = lambda body: signed_answer(body, vnp_ResponseCode=code)

    with pytest.raises(GatewayRefundRefused) as refused:
        refund_issue(order=paid_order, amount_vnd=30_000, idempotency_key="k1")

    assert f"VNPay từ chối hoàn tiền (mã {code}:" in str(refused.value)
    assert ledger_state(paid_order) == (paid_order.total_vnd, 0, 0)
    assert Refund.objects.get().status == "failed"
    assert AuditRecord.objects.filter(action="payments.refund.failed").count() == 1
    paid_order.refresh_from_db()
    assert paid_order.status == "paid"


def test_failed_refund_does_not_block_a_new_attempt(paid_order, sent):
    sent.answer = lambda body: signed_answer(body, vnp_ResponseCode="99")
    with pytest.raises(GatewayRefundRefused):
        refund_issue(order=paid_order, amount_vnd=paid_order.total_vnd, idempotency_key="k1")
    sent.answer = None

    refund = refund_issue(order=paid_order, amount_vnd=paid_order.total_vnd, idempotency_key="k2")

    assert refund.status == "succeeded"
    assert ledger_state(paid_order) == (paid_order.total_vnd, paid_order.total_vnd, 1)


def test_still_processing_answer_keeps_refund_pending_then_retry_records_once(paid_order, sent):
    sent.answer = lambda body: signed_answer(body, vnp_ResponseCode="94")
    with pytest.raises(GatewayRefundUnverified):
        refund_issue(order=paid_order, amount_vnd=30_000, idempotency_key="k1")
    sent.answer = None

    first = refund_issue(order=paid_order, amount_vnd=30_000, idempotency_key="k1")
    again = refund_issue(order=paid_order, amount_vnd=30_000, idempotency_key="k1")

    assert first.pk == again.pk and first.status == "succeeded"
    assert len({request["vnp_RequestId"] for request in sent.requests}) == 1
    assert ledger_state(paid_order) == (paid_order.total_vnd, 30_000, 1)


def test_unreachable_gateway_is_a_timeout_and_records_nothing(paid_order, sent):
    def unreachable(body):
        raise vnpay_refund.TransportError("timed out")

    sent.answer = unreachable

    with pytest.raises(services.GatewayTimeout):
        refund_issue(order=paid_order, amount_vnd=30_000, idempotency_key="k1")

    assert ledger_state(paid_order) == (paid_order.total_vnd, 0, 0)
    assert Refund.objects.get().status == "pending"


def test_real_gateway_gets_a_json_post(monkeypatch):
    posted = {}

    class Answer(io.BytesIO):
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def fake_urlopen(request, timeout):
        posted.update(
            url=request.full_url,
            method=request.get_method(),
            content_type=request.headers["Content-type"],
            body=json.loads(request.data),
            timeout=timeout,
        )
        return Answer(b'{"vnp_ResponseCode": "00"}')

    monkeypatch.setattr(vnpay_refund.urllib.request, "urlopen", fake_urlopen)
    url = "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction"

    answer = vnpay_refund.send({"vnp_Command": "refund"}, url=url, creds=vnpay.credentials())

    assert answer == {"vnp_ResponseCode": "00"}
    assert (posted["url"], posted["method"], posted["content_type"]) == (
        url,
        "POST",
        "application/json",
    )
    assert posted["body"] == {"vnp_Command": "refund"} and posted["timeout"] > 0
    with pytest.raises(vnpay_refund.TransportError):
        vnpay_refund.send({}, url="http://insecure.example/api", creds=vnpay.credentials())


def sandbox_request(payment, **overrides):
    creds = vnpay.credentials()
    body = vnpay_refund.refund_request(
        creds=creds,
        request_id="req00001",
        txn_ref=payment.reference,
        amount_vnd=30_000,
        is_full=False,
        transaction_no=payment.provider_transaction,
        transaction_date=payment.created_at,
        create_by="staff",
        ip_address="127.0.0.1",
        order_info="Hoan tien",
        now=NOW,
    )
    body.update(overrides)
    return body


def post_json(client, body):
    return client.post(
        reverse("payments:vnpay_sandbox_transaction"),
        data=body if isinstance(body, str) else json.dumps(body),
        content_type="application/json",
    )


def test_sandbox_endpoint_speaks_the_refund_protocol(client, paid_order):
    payment = LedgerEntry.objects.get(order=paid_order).payment
    secret = vnpay.credentials().hash_secret
    good = sandbox_request(payment)
    tampered = {**good, "vnp_Amount": "9900000"}
    unknown = sandbox_request(payment, vnp_TxnRef="PHNOPE000V01")
    unknown["vnp_SecureHash"] = vnpay_refund.checksum(unknown, vnpay_refund.REQUEST_FIELDS, secret)

    answers = [post_json(client, body) for body in (good, tampered, unknown, "not json")]

    assert [a.status_code for a in answers] == [200] * 4
    codes = [a.json()["vnp_ResponseCode"] for a in answers]
    assert codes == ["00", "97", "91", "03"]
    assert all(vnpay_refund.response_signature_is_valid(a.json(), secret) for a in answers)
    assert answers[0].json()["vnp_ResponseId"] == "req00001"
    assert ledger_state(paid_order) == (paid_order.total_vnd, 0, 0)


def test_sandbox_endpoint_refuses_get_and_is_gone_with_real_credentials(client, settings):
    settings.VNPAY_SANDBOX = False
    settings.VNPAY_API_URL = "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction"

    get = client.get(reverse("payments:vnpay_sandbox_transaction"))
    post = post_json(client, {})

    assert (get.status_code, post.status_code) == (405, 404)


def test_staff_refund_page_shows_the_refusal_and_changes_nothing(client, paid_order, sent):
    login_verified(client, AdminFactory())
    url = reverse("payments:refund", args=[paid_order.public_id])
    sent.answer = lambda body: signed_answer(body, vnp_ResponseCode="95")

    refused = client.post(url, {"amount_vnd": 30_000, "reason": "", "idempotency_key": "key-1"})
    sent.answer = None
    fresh_key = refused.context["form"].data["idempotency_key"]
    accepted = client.post(url, {"amount_vnd": 30_000, "reason": "", "idempotency_key": fresh_key})

    assert refused.status_code == 400
    assert "VNPay từ chối hoàn tiền (mã 95" in refused.content.decode()
    assert fresh_key != "key-1"
    assert accepted.status_code == 302
    assert ledger_state(paid_order) == (paid_order.total_vnd, 30_000, 1)


def test_resending_a_refused_form_does_not_claim_success(client, paid_order, sent):
    login_verified(client, AdminFactory())
    url = reverse("payments:refund", args=[paid_order.public_id])
    sent.answer = lambda body: signed_answer(body, vnp_ResponseCode="95")
    form = {"amount_vnd": 30_000, "reason": "", "idempotency_key": "key-1"}
    client.post(url, form)
    sent.answer = None

    again = client.post(url, form)

    assert again.status_code == 400
    assert ledger_state(paid_order) == (paid_order.total_vnd, 0, 0)
