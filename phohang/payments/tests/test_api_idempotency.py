"""PAY-07 for paying and refunding over the API: one Idempotency-Key, one payment or refund.

Replays are byte-identical and carry `Idempotent-Replayed: true`; another body with the key
answers 422, a key still in flight 409; another user's identical key is their own.
"""

import json
import time

import pytest
from django.test import Client

from phohang.accounts.services import api_token_create
from phohang.accounts.tests.factories import AdminFactory
from phohang.core.models import IdempotencyKey
from phohang.orders.models import Checkout, Order
from phohang.orders.tests.factories import UserFactory, VariantFactory, place, seller_with_owner
from phohang.orders.tests.test_reliability import parallel
from phohang.payments import services
from phohang.payments.models import LedgerEntry, Payment, Refund
from phohang.payments.services import GatewayTimeout, ledger_totals
from phohang.payments.services import refunds as refunds_module
from phohang.payments.services.gateway_refunds import GatewayRefundUnverified
from phohang.payments.tests.test_reliability import api_client, captured_vietqr_order
from phohang.sellers.tests.factories import SellerMemberFactory


def pay(client: Client, checkout: Checkout, key: str | None, method: str = "vnpay"):
    headers = {} if key is None else {"HTTP_IDEMPOTENCY_KEY": key}
    return client.post(
        f"/api/v1/payments/checkouts/{checkout.public_id}/pay",
        json.dumps({"method": method}),
        content_type="application/json",
        **headers,
    )


def refund(client: Client, order: Order, key: str | None, amount: int = 30_000, reason=""):
    headers = {} if key is None else {"HTTP_IDEMPOTENCY_KEY": key}
    return client.post(
        f"/api/v1/payments/orders/{order.public_id}/refunds",
        json.dumps({"amount_vnd": amount, "reason": reason}),
        content_type="application/json",
        **headers,
    )


def vnpay_checkout(buyer=None) -> Checkout:
    variant = VariantFactory(price_vnd=100_000, stock_on_hand=5)
    return place(buyer or UserFactory(), [(variant, 1)], method="vnpay")


def paid_order_and_staff() -> tuple[Order, object]:
    """A captured VietQR order and an owner of its shop."""
    order = captured_vietqr_order()
    return order, SellerMemberFactory(seller=order.seller).user


def error_code(response) -> str:
    return response.json()["error"]["code"]


def outcome(response) -> tuple:
    return response.status_code, response.content, response.get("Idempotent-Replayed")


def split(replies: list[tuple]) -> tuple[list, list, list]:
    """Fresh answers, replays and in-flight refusals of many POSTs with one key."""
    fresh = [r for r in replies if r[0] == 200 and r[2] is None]
    replayed = [r for r in replies if r[0] == 200 and r[2] == "true"]
    in_flight = [r for r in replies if r[0] == 409]
    assert all(
        json.loads(c)["error"]["code"] == "idempotency_key_in_flight" for _s, c, _r in in_flight
    )
    return fresh, replayed, in_flight


@pytest.fixture
def slow_provider(monkeypatch):
    """The provider refunds after a pause (widening races); `asked` lists the refunds sent."""
    asked = []

    def provider(refund_row):
        asked.append(refund_row.pk)
        time.sleep(0.05)
        return f"RF{refund_row.pk}"

    monkeypatch.setattr(refunds_module, "provider_refund_send", provider)
    return asked


# --- pay ------------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_pay_same_key_fifty_times_at_once_starts_one_payment():
    """PAY-07 (PG): 50 concurrent pays with one key: 1 payment; replays byte-identical and
    marked, or 409 while the first is in flight; other body 422; other user's key independent."""
    buyer, other = UserFactory(), UserFactory()
    checkout, others_checkout = vnpay_checkout(buyer), vnpay_checkout(other)
    token = api_token_create(user=buyer, name="t")[1]

    def post(worker):
        return outcome(pay(Client(HTTP_AUTHORIZATION=f"Bearer {token}"), checkout, "pay-0001"))

    replies, errors = parallel([post] * 50, threads=10)
    late = post(0)
    different = pay(api_client(buyer), checkout, "pay-0001", method="vietqr")
    independent = pay(api_client(other), others_checkout, "pay-0001")

    assert errors == []
    fresh, replayed, in_flight = split(replies)
    assert len(fresh) == 1
    assert len(fresh) + len(replayed) + len(in_flight) == 50
    assert {content for _s, content, _r in replayed + [late]} == {fresh[0][1]}
    assert (late[0], late[2]) == (200, "true")
    assert (different.status_code, error_code(different)) == (422, "idempotency_key_reused")
    assert independent.status_code == 200 and "Idempotent-Replayed" not in independent
    assert Payment.objects.filter(checkout=checkout).count() == 1
    assert Payment.objects.filter(checkout=others_checkout).count() == 1
    assert json.loads(fresh[0][1])["reference"] == Payment.objects.get(checkout=checkout).reference


@pytest.mark.django_db
def test_pay_replays_byte_identical_and_refuses_another_body():
    buyer = UserFactory()
    checkout, second_checkout = vnpay_checkout(buyer), vnpay_checkout(buyer)
    client = api_client(buyer)

    first = pay(client, checkout, "pay-0002")
    replay = pay(client, checkout, "pay-0002")
    other_method = pay(client, checkout, "pay-0002", method="vietqr")
    other_checkout = pay(client, second_checkout, "pay-0002")

    assert first.status_code == 200 and "Idempotent-Replayed" not in first
    assert "vnp_TxnRef=" in first.json()["redirect_url"]
    assert (replay.status_code, replay.content) == (200, first.content)
    assert replay["Idempotent-Replayed"] == "true"
    assert [other_method.status_code, other_checkout.status_code] == [422, 422]
    assert error_code(other_method) == error_code(other_checkout) == "idempotency_key_reused"
    assert other_method.json()["error"]["message"]["vi"].startswith("Khóa Idempotency-Key")
    assert Payment.objects.filter(checkout=checkout).count() == 1
    assert not Payment.objects.filter(checkout=second_checkout).exists()
    # A new key is a new attempt: VNPay gets a fresh reference for it.
    retry = pay(client, checkout, "pay-0003")
    assert retry.json()["reference"] != first.json()["reference"]
    assert Payment.objects.filter(checkout=checkout).count() == 2


@pytest.mark.django_db
def test_pay_same_key_from_another_user_is_independent():
    buyer, other = UserFactory(), UserFactory()

    mine = pay(api_client(buyer), vnpay_checkout(buyer), "shared-pay-key")
    theirs = pay(api_client(other), vnpay_checkout(other), "shared-pay-key")

    assert (mine.status_code, theirs.status_code) == (200, 200)
    assert "Idempotent-Replayed" not in theirs and theirs.content != mine.content
    assert Payment.objects.count() == 2


@pytest.mark.django_db
def test_pay_key_in_flight_answers_409_and_a_failed_first_call_frees_the_key(monkeypatch):
    buyer = UserFactory()
    checkout = vnpay_checkout(buyer)
    client = api_client(buyer)
    nested = {}

    def start_and_retry_inside(**kwargs):
        nested["reply"] = pay(client, checkout, "pay-0004")
        raise RuntimeError("worker died")

    monkeypatch.setattr(services, "payment_start", start_and_retry_inside)
    with pytest.raises(RuntimeError):
        pay(client, checkout, "pay-0004")
    monkeypatch.undo()
    retry = pay(client, checkout, "pay-0004")

    assert (nested["reply"].status_code, error_code(nested["reply"])) == (
        409,
        "idempotency_key_in_flight",
    )
    assert retry.status_code == 200 and "Idempotent-Replayed" not in retry
    assert Payment.objects.filter(checkout=checkout).count() == 1


@pytest.mark.django_db
def test_pay_refusal_is_bilingual_and_replayed():
    buyer = UserFactory()
    cod = place(buyer, [(VariantFactory(), 1)], method="cod")  # not waiting for online payment
    client = api_client(buyer)

    first = pay(client, cod, "pay-0005")
    replay = pay(client, cod, "pay-0005")

    assert (first.status_code, error_code(first)) == (409, "payment_refused")
    assert first.json()["error"]["message"] == {
        "vi": "Đơn này không chờ thanh toán.",
        "en": "This checkout is not waiting for payment.",
    }
    assert replay.content == first.content and replay["Idempotent-Replayed"] == "true"
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_pay_for_another_users_checkout_is_404_and_stores_nothing():
    buyer, stranger = UserFactory(), UserFactory()
    checkout = vnpay_checkout(buyer)

    response = pay(api_client(stranger), checkout, "pay-0006")

    assert (response.status_code, error_code(response)) == (404, "not_found")
    assert set(response.json()["error"]["message"]) == {"vi", "en"}
    assert not Payment.objects.exists()
    assert not IdempotencyKey.objects.exists()
    assert pay(api_client(buyer), checkout, "pay-0006").status_code == 200


# --- refund ---------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_refund_same_key_fifty_times_at_once_refunds_once(slow_provider):
    """PAY-07 (PG): 50 concurrent refunds with one key: the provider is asked once, 1 refund,
    1 ledger row; replays byte-identical and marked, or 409 in flight; other amount or reason
    422; another staff member's identical key is their own refund."""
    order, staff = paid_order_and_staff()
    colleague = SellerMemberFactory(seller=order.seller).user
    token = api_token_create(user=staff, name="t", scopes=["refunds"])[1]

    def post(worker):
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        return outcome(refund(client, order, "refund-0001"))

    replies, errors = parallel([post] * 50, threads=10)
    late = post(0)
    other_amount = refund(api_client(staff), order, "refund-0001", amount=31_000)
    other_reason = refund(api_client(staff), order, "refund-0001", reason="hàng lỗi")
    independent = refund(api_client(colleague), order, "refund-0001")

    assert errors == []
    fresh, replayed, in_flight = split(replies)
    assert len(fresh) == 1
    assert len(fresh) + len(replayed) + len(in_flight) == 50
    assert {content for _s, content, _r in replayed + [late]} == {fresh[0][1]}
    assert (late[0], late[2]) == (200, "true")
    assert json.loads(fresh[0][1])["status"] == "succeeded"
    assert [other_amount.status_code, other_reason.status_code] == [422, 422]
    assert error_code(other_amount) == error_code(other_reason) == "idempotency_key_reused"
    assert (
        independent.status_code == 200 and independent.json()["id"] != json.loads(fresh[0][1])["id"]
    )
    assert Refund.objects.filter(order=order, created_by=staff).count() == 1
    assert Refund.objects.filter(order=order).count() == 2
    assert len(slow_provider) == 2  # once for the key, once for the colleague's
    assert LedgerEntry.objects.filter(order=order, kind="refund").count() == 2
    assert ledger_totals(order.pk).refunded_vnd == 60_000


@pytest.mark.django_db
def test_refund_replays_byte_identical_and_refuses_another_body(slow_provider):
    order, staff = paid_order_and_staff()
    client = api_client(staff)

    first = refund(client, order, "refund-0002", reason="hàng lỗi")
    replay = refund(client, order, "refund-0002", reason="hàng lỗi")
    other_amount = refund(client, order, "refund-0002", amount=20_000, reason="hàng lỗi")
    other_reason = refund(client, order, "refund-0002", reason="khách đổi ý")

    assert first.status_code == 200 and "Idempotent-Replayed" not in first
    assert first.json()["status"] == "succeeded" and first.json()["amount_vnd"] == 30_000
    assert (replay.status_code, replay.content) == (200, first.content)
    assert replay["Idempotent-Replayed"] == "true"
    assert [other_amount.status_code, other_reason.status_code] == [422, 422]
    assert error_code(other_amount) == error_code(other_reason) == "idempotency_key_reused"
    assert Refund.objects.filter(order=order).count() == 1
    assert len(slow_provider) == 1
    assert ledger_totals(order.pk).refunded_vnd == 30_000


@pytest.mark.django_db
def test_refund_same_key_from_another_user_is_independent(slow_provider):
    order, staff = paid_order_and_staff()

    mine = refund(api_client(staff), order, "shared-refund-key")
    theirs = refund(api_client(AdminFactory()), order, "shared-refund-key")

    assert (mine.status_code, theirs.status_code) == (200, 200)
    assert "Idempotent-Replayed" not in theirs and theirs.json()["id"] != mine.json()["id"]
    assert Refund.objects.filter(order=order).count() == 2
    assert ledger_totals(order.pk).refunded_vnd == 60_000


@pytest.mark.django_db
def test_refund_key_in_flight_answers_409(monkeypatch):
    order, staff = paid_order_and_staff()
    client = api_client(staff)
    nested = {}

    def provider_asked_twice(refund_row):
        nested["reply"] = refund(client, order, "refund-0003")
        return "RF-OK"

    monkeypatch.setattr(refunds_module, "provider_refund_send", provider_asked_twice)
    first = refund(client, order, "refund-0003")

    assert (nested["reply"].status_code, error_code(nested["reply"])) == (
        409,
        "idempotency_key_in_flight",
    )
    assert first.status_code == 200 and first.json()["status"] == "succeeded"
    assert Refund.objects.filter(order=order).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("failure", "status", "code"),
    [(GatewayTimeout, 503, "gateway_timeout"), (GatewayRefundUnverified, 502, "refund_unverified")],
)
@pytest.mark.parametrize("key", ["refund-0004", "k" * 100], ids=["key", "100-char-key"])
def test_refund_without_a_provider_answer_frees_the_key_and_the_retry_refunds_once(
    monkeypatch, failure, status, code, key
):
    """PAY-07 with PAY-10: the refund (and its key) survives a failed provider call; the same
    Idempotency-Key then resumes that refund instead of replaying the failure or adding one."""
    order, staff = paid_order_and_staff()
    client = api_client(staff)
    asked = []

    def provider(refund_row):
        asked.append(refund_row.pk)
        if len(asked) <= 2:
            raise failure("no usable answer")
        return "RF-OK"

    monkeypatch.setattr(refunds_module, "provider_refund_send", provider)
    failed = [refund(client, order, key) for _attempt in range(2)]
    pending = Refund.objects.get(order=order)
    done = refund(client, order, key)

    assert [(r.status_code, error_code(r)) for r in failed] == [(status, code)] * 2
    assert pending.status == Refund.Status.PENDING  # persisted before the first provider call
    assert done.status_code == 200 and "Idempotent-Replayed" not in done
    assert done.json() == {
        "id": str(pending.public_id),
        "amount_vnd": 30_000,
        "status": "succeeded",
    }
    assert asked == [pending.pk] * 3  # the same refund each time, never a second one
    assert LedgerEntry.objects.filter(order=order, kind="refund").count() == 1


@pytest.mark.django_db
def test_refund_refusal_is_bilingual_and_replayed(slow_provider):
    order, staff = paid_order_and_staff()
    client = api_client(staff)

    first = refund(client, order, "refund-0005", amount=order.total_vnd + 1)
    replay = refund(client, order, "refund-0005", amount=order.total_vnd + 1)

    assert (first.status_code, error_code(first)) == (422, "refund_refused")
    assert first.json()["error"]["message"] == {
        "vi": "Chỉ được hoàn tối đa số đã thanh toán và chưa hoàn.",
        "en": "You can refund at most what was paid and not yet refunded.",
    }
    assert replay.content == first.content and replay["Idempotent-Replayed"] == "true"
    assert not Refund.objects.exists() and slow_provider == []


@pytest.mark.django_db
def test_refund_for_another_shops_order_is_404_and_stores_nothing(slow_provider):
    order, _staff = paid_order_and_staff()
    _other_shop, stranger = seller_with_owner()

    response = refund(api_client(stranger), order, "refund-0006")

    assert (response.status_code, error_code(response)) == (404, "not_found")
    assert not Refund.objects.exists() and slow_provider == []
    assert not IdempotencyKey.objects.exists()


# --- both -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ["pay", "refund"])
@pytest.mark.parametrize(
    ("key", "problem"),
    [
        (None, "Field required"),
        ("short", "at least 8 characters"),
        ("k" * 101, "at most 100 characters"),
    ],
)
def test_missing_or_malformed_key_is_422_naming_the_header(slow_provider, endpoint, key, problem):
    if endpoint == "pay":
        buyer = UserFactory()
        response = pay(api_client(buyer), vnpay_checkout(buyer), key)
    else:
        order, staff = paid_order_and_staff()
        response = refund(api_client(staff), order, key)

    assert (response.status_code, error_code(response)) == (422, "invalid")
    fields = response.json()["error"]["fields"]
    assert [f["loc"] for f in fields] == [["header", "Idempotency-Key"]]
    assert problem in fields[0]["msg"]
    assert not Payment.objects.filter(method="vnpay").exists() and not Refund.objects.exists()
    assert not IdempotencyKey.objects.exists()
