"""Bad input through the pages: each gets a clear message (or a 4xx) and changes nothing."""

from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from phohang.accounts.tests.factories import AdminFactory, login_verified
from phohang.catalog.models import ProductVariant
from phohang.orders.models import CartLine, Order, OrderEvent, ReturnRequest
from phohang.orders.services import order_mark_delivered, order_pack, order_ship
from phohang.orders.services.state import Actor
from phohang.payments import vnpay
from phohang.payments.models import GatewayCallback, LedgerEntry, Payment, Refund
from phohang.payments.services import payment_capture, payment_start

from .factories import UserFactory, VariantFactory, place, seller_with_owner

pytestmark = pytest.mark.django_db


def flash(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def stock(variant) -> tuple[int, int]:
    variant = ProductVariant.objects.get(pk=variant.pk)
    return variant.stock_on_hand, variant.stock_reserved


def timeline(order) -> list[str]:
    return list(OrderEvent.objects.filter(order=order).values_list("to_status", flat=True))


@pytest.fixture
def shipped_vnpay_order():
    """A VNPay order of 2 × 100.000 ₫, paid through the gateway and delivered to the buyer."""
    seller, owner = seller_with_owner()
    buyer = UserFactory()
    variant = VariantFactory(product__seller=seller, price_vnd=100_000, stock_on_hand=5)
    checkout = place(buyer, [(variant, 2)], method="vnpay")
    payment = payment_start(checkout=checkout, method="vnpay")
    payment_capture(payment_id=payment.pk, provider_transaction="14000001")
    order = checkout.orders.get()
    order_pack(order=order, actor=owner)
    order_ship(order=order, actor=owner, carrier="GHN", tracking_number="GHN1")
    order_mark_delivered(order=order, actor=buyer, actor_kind=Actor.BUYER)
    return Order.objects.get(pk=order.pk), buyer, owner, variant


# Negative and nonsensical quantities.


@pytest.mark.parametrize("quantity", ["-1", "-999", "abc", "1.5", "", "1000", "1e3"])
def test_cart_refuses_bad_quantities_with_a_message(client, quantity):
    tea = VariantFactory(stock_on_hand=5)

    response = client.post(
        reverse("orders:cart_update"),
        {"variant_id": tea.pk, "quantity": quantity, "mode": "add"},
        follow=True,
    )

    assert response.status_code == 200
    assert flash(response) == ["Số lượng phải là số nguyên, ít nhất là 1."]
    assert CartLine.objects.count() == 0


def test_adding_zero_units_is_not_reported_as_added(client):
    tea = VariantFactory(stock_on_hand=5)
    client.post(
        reverse("orders:cart_update"),
        {"variant_id": tea.pk, "quantity": 2, "mode": "add"},
        follow=True,
    )

    response = client.post(
        reverse("orders:cart_update"),
        {"variant_id": tea.pk, "quantity": 0, "mode": "add"},
        follow=True,
    )

    assert flash(response) == ["Số lượng phải là số nguyên, ít nhất là 1."]
    assert list(CartLine.objects.values_list("quantity", flat=True)) == [2]


def test_cart_refuses_more_than_in_stock_and_unknown_products(client):
    tea = VariantFactory(stock_on_hand=3)

    too_many = client.post(
        reverse("orders:cart_update"),
        {"variant_id": tea.pk, "quantity": 4, "mode": "add"},
        follow=True,
    )
    unknown = client.post(
        reverse("orders:cart_update"),
        {"variant_id": 987654, "quantity": 1, "mode": "add"},
        follow=True,
    )

    assert flash(too_many) == [f"Chỉ còn 3 trong kho cho {tea}."]
    assert flash(unknown) == ["Sản phẩm này không còn được bán."]
    assert CartLine.objects.count() == 0


def test_return_request_refuses_negative_and_excess_quantities(client, shipped_vnpay_order):
    order, buyer, _owner, _variant = shipped_vnpay_order
    line = order.lines.get()
    client.force_login(buyer)
    url = reverse("orders:return_request", args=[order.public_id])

    answers = [
        client.post(url, {"reason": "Hộp bị móp", f"line_{line.pk}": quantity})
        for quantity in ("-1", "3", "0", "hai")
    ]

    assert [answer.status_code for answer in answers] == [400, 400, 400, 400]
    assert answers[0].context["form"].errors[f"line_{line.pk}"]
    assert "Chọn sản phẩm và số lượng muốn trả." in answers[2].content.decode()
    assert ReturnRequest.objects.count() == 0
    assert Order.objects.get(pk=order.pk).status == "delivered"


def test_checkout_with_tampered_total_is_refused_and_places_nothing(client):
    buyer = UserFactory()
    tea = VariantFactory(price_vnd=50_000)
    client.force_login(buyer)
    client.post(reverse("orders:cart_update"), {"variant_id": tea.pk, "quantity": 1, "mode": "add"})
    from .factories import ward

    destination = ward("01")

    response = client.post(
        reverse("orders:checkout"),
        {
            "recipient_name": "Lê Hoa",
            "recipient_phone": "0912345678",
            "street": "5 Hàng Gai",
            "province": destination.province_id,
            "ward": destination.code,
            "payment_method": "cod",
            "expected_total_vnd": "-5",
            "confirm": "1",
        },
    )

    assert response.status_code == 400
    assert Order.objects.count() == 0 and CartLine.objects.count() == 1


# Other people's orders and checkouts.


def test_other_peoples_ids_are_not_found_anywhere(client, shipped_vnpay_order):
    order, _buyer, _owner, variant = shipped_vnpay_order
    checkout = order.checkout
    stranger = UserFactory()
    _other_seller, other_owner = seller_with_owner()
    before = (order.status, stock(variant), timeline(order))

    client.force_login(stranger)
    as_buyer = [
        client.get(reverse("payments:pay", args=[checkout.public_id])),
        client.post(reverse("payments:pay", args=[checkout.public_id]), {"method": "vnpay"}),
        client.get(reverse("payments:status", args=[checkout.public_id])),
        client.get(reverse("orders:checkout_done", args=[checkout.public_id])),
        client.post(reverse("orders:return_request", args=[order.public_id]), {"reason": "x"}),
        client.post(reverse("orders:review", args=[order.public_id]), {"rating": 1}),
        client.post(reverse("orders:complete", args=[order.public_id])),
        client.post(reverse("payments:mark_delivered", args=[order.public_id])),
    ]
    client.force_login(other_owner)
    as_seller = [
        client.post(reverse("orders:seller_action", args=[order.public_id, "pack"])),
        client.post(
            reverse("orders:seller_action", args=[order.public_id, "return"]), {"accept": "1"}
        ),
        client.get(reverse("payments:refund", args=[order.public_id])),
        client.post(
            reverse("payments:refund", args=[order.public_id]),
            {"amount_vnd": 1000, "idempotency_key": "x" * 10},
        ),
    ]

    assert [r.status_code for r in as_buyer + as_seller] == [404] * 12
    assert (Order.objects.get(pk=order.pk).status, stock(variant), timeline(order)) == before
    assert Refund.objects.count() == 0 and Payment.objects.count() == 1


def test_made_up_ids_are_404_not_500(client):
    client.force_login(UserFactory())

    answers = [
        client.get("/orders/not-a-uuid/"),
        client.get("/orders/00000000-0000-0000-0000-000000000000/"),
        client.get("/payments/checkout/00000000-0000-0000-0000-000000000000/"),
    ]

    assert [answer.status_code for answer in answers] == [404, 404, 404]


# Forged gateway callbacks.


def _vnpay_checkout():
    buyer = UserFactory()
    variant = VariantFactory(price_vnd=100_000, stock_on_hand=5)
    checkout = place(buyer, [(variant, 1)], method="vnpay")
    return checkout, payment_start(checkout=checkout, method="vnpay"), variant


def _callback(payment, secret=None, **overrides):
    creds = vnpay.credentials()
    params = vnpay.callback_params(
        creds=creds,
        request_params={
            "vnp_TmnCode": creds.tmn_code,
            "vnp_Amount": str(payment.amount_vnd * 100),
            "vnp_TxnRef": payment.reference,
        },
        approved=True,
        transaction_no="14000009",
        now=timezone.now(),
    )
    params.update(overrides)
    params.pop("vnp_SecureHash")
    params["vnp_SecureHash"] = vnpay.sign(params, secret or creds.hash_secret)
    return params


def test_forged_ipn_over_http_is_refused_logged_and_changes_nothing(client):
    checkout, payment, variant = _vnpay_checkout()

    codes = [
        client.get(reverse("payments:vnpay_ipn"), params).json()["RspCode"]
        for params in (
            _callback(payment, secret="not-our-secret"),
            _callback(payment, vnp_Amount="100"),
            _callback(payment, vnp_TxnRef="PHNOTREAL9V01"),
            {**_callback(payment), "vnp_ResponseCode": "00", "vnp_Amount": "1"},
        )
    ]

    assert codes == ["97", "04", "01", "97"]
    assert sorted(GatewayCallback.objects.values_list("rsp_code", flat=True)) == ["01", "04"]
    payment.refresh_from_db()
    assert (payment.status, LedgerEntry.objects.count()) == ("pending", 0)
    assert checkout.orders.get().status == "awaiting_payment"
    assert stock(variant) == (5, 1)


def test_forged_return_url_says_unverified_and_changes_nothing(client):
    checkout, payment, _variant = _vnpay_checkout()
    client.force_login(checkout.buyer)

    response = client.get(
        reverse("payments:vnpay_return"), _callback(payment, secret="not-our-secret")
    )

    assert response.status_code == 200
    assert "Không xác minh được kết quả thanh toán này." in response.content.decode()
    payment.refresh_from_db()
    assert payment.status == "pending"


def test_forged_sandbox_approval_is_refused(client):
    checkout, payment, _variant = _vnpay_checkout()
    client.force_login(checkout.buyer)
    redirect = client.post(reverse("payments:pay", args=[checkout.public_id]), {"method": "vnpay"})
    params = dict(parse_qsl(urlsplit(redirect["Location"]).query))

    forged = client.post(
        reverse("payments:vnpay_sandbox"),
        {**params, "vnp_Amount": "100", "decision": "approve"},
    )

    assert forged.status_code == 400
    assert Payment.objects.filter(status="captured").count() == 0
    assert checkout.orders.get().status == "awaiting_payment"


# Expired reservations.


def test_expired_reservation_cannot_be_paid(client):
    buyer = UserFactory()
    variant = VariantFactory(stock_on_hand=5)
    checkout = place(
        buyer, [(variant, 1)], method="vnpay", now=timezone.now() - timedelta(minutes=30)
    )
    client.force_login(buyer)

    page = client.get(reverse("payments:pay", args=[checkout.public_id]))
    post = client.post(
        reverse("payments:pay", args=[checkout.public_id]), {"method": "vnpay"}, follow=True
    )
    qr = client.get(reverse("payments:pay", args=[checkout.public_id]) + "?method=vietqr")

    expired = "Thời gian giữ hàng đã hết. Vui lòng đặt hàng lại."
    assert page.status_code == 200 and expired in page.content.decode()
    assert "Tiếp tục" not in page.content.decode()  # no payment form to submit
    assert expired in flash(post)
    assert qr.status_code == 200 and qr.context["qr"] is None
    assert Payment.objects.count() == 0


# Double-submitted forms.


def test_double_pack_and_ship_explain_the_current_status(client):
    seller, owner = seller_with_owner()
    variant = VariantFactory(product__seller=seller, stock_on_hand=5)
    order = place(UserFactory(), [(variant, 1)]).orders.get()
    client.force_login(owner)
    pack = reverse("orders:seller_action", args=[order.public_id, "pack"])
    ship = reverse("orders:seller_action", args=[order.public_id, "ship"])
    shipping = {"carrier": "GHN", "tracking_number": "GHN123"}

    first_pack, second_pack = (client.post(pack, follow=True) for _ in range(2))
    first_ship, second_ship = (client.post(ship, shipping, follow=True) for _ in range(2))

    assert flash(first_pack) == ["Đã cập nhật đơn hàng."]
    assert flash(second_pack) == [
        "Hiện không thể thực hiện bước này: đơn hàng đang ở trạng thái Đã đóng gói."
    ]
    assert flash(first_ship) == ["Đã cập nhật đơn hàng."]
    assert flash(second_ship) == [
        "Hiện không thể thực hiện bước này: đơn hàng đang ở trạng thái Đang giao."
    ]
    assert timeline(order) == ["confirmed", "packed", "shipped"]
    assert stock(variant) == (4, 0)


def test_ship_without_tracking_number_asks_for_it(client):
    seller, owner = seller_with_owner()
    order = place(UserFactory(), [(VariantFactory(product__seller=seller), 1)]).orders.get()
    order_pack(order=order, actor=owner)
    client.force_login(owner)

    response = client.post(
        reverse("orders:seller_action", args=[order.public_id, "ship"]),
        {"carrier": "GHN", "tracking_number": "  "},
        follow=True,
    )

    assert flash(response) == ["Nhập đơn vị vận chuyển và mã vận đơn."]
    assert Order.objects.get(pk=order.pk).status == "packed"


def test_double_return_request_creates_one(client, shipped_vnpay_order):
    order, buyer, _owner, _variant = shipped_vnpay_order
    line = order.lines.get()
    client.force_login(buyer)
    url = reverse("orders:return_request", args=[order.public_id])
    data = {"reason": "Hộp bị móp", f"line_{line.pk}": "1"}

    first = client.post(url, data, follow=True)
    second = client.post(url, data, follow=True)

    assert flash(first) == ["Yêu cầu trả hàng đã được gửi tới người bán."]
    assert second.status_code == 200
    assert flash(second) == [
        "Chỉ có thể yêu cầu trả hàng khi đơn đã được giao; đơn này đang ở trạng thái "
        "Yêu cầu trả hàng."
    ]
    assert ReturnRequest.objects.count() == 1
    assert ReturnRequest.objects.get().requested_vnd == 100_000


def test_double_cancel_releases_stock_once_and_says_why(client):
    buyer = UserFactory()
    variant = VariantFactory(stock_on_hand=5)
    order = place(buyer, [(variant, 2)]).orders.get()
    client.force_login(buyer)
    url = reverse("payments:order_cancel", args=[order.public_id])

    first = client.post(url, {"reason": ""}, follow=True)
    second = client.post(url, {"reason": ""}, follow=True)

    assert flash(first) == ["Đơn hàng đã được hủy."]
    assert flash(second) == ["Đơn hàng này không thể hủy nữa: đơn đang ở trạng thái Đã hủy."]
    assert timeline(order) == ["confirmed", "cancelled"]
    assert stock(variant) == (5, 0)


def test_double_submitted_refund_form_refunds_once(client, shipped_vnpay_order):
    order, _buyer, owner, _variant = shipped_vnpay_order
    client.force_login(owner)
    url = reverse("payments:refund", args=[order.public_id])
    form = {"amount_vnd": 50_000, "reason": "", "idempotency_key": "refund-form-1"}

    first = client.post(url, form)
    second = client.post(url, form)

    assert (first.status_code, second.status_code) == (302, 302)
    assert Refund.objects.count() == 1
    assert list(
        LedgerEntry.objects.filter(order=order, kind="refund").values_list("amount_vnd", flat=True)
    ) == [50_000]


def test_refund_page_refuses_bad_amounts(client, shipped_vnpay_order):
    order, _buyer, owner, _variant = shipped_vnpay_order
    client.force_login(owner)
    url = reverse("payments:refund", args=[order.public_id])

    answers = [
        client.post(url, {"amount_vnd": amount, "idempotency_key": f"key-{index}"})
        for index, amount in enumerate(["-1", "0", "abc", str(order.total_vnd + 1)])
    ]

    assert [answer.status_code for answer in answers] == [400, 400, 400, 400]
    assert all(answer.context["form"].errors["amount_vnd"] for answer in answers)
    assert Refund.objects.count() == 0 and LedgerEntry.objects.filter(kind="refund").count() == 0


def test_double_approved_sandbox_payment_captures_once(client):
    checkout, _payment, _variant = _vnpay_checkout()
    client.force_login(checkout.buyer)
    redirect = client.post(reverse("payments:pay", args=[checkout.public_id]), {"method": "vnpay"})
    params = dict(parse_qsl(urlsplit(redirect["Location"]).query))

    for _click in range(2):
        client.post(reverse("payments:vnpay_sandbox"), {**params, "decision": "approve"})

    assert Payment.objects.filter(status="captured").count() == 1
    assert LedgerEntry.objects.filter(kind="capture").count() == 1
    assert checkout.orders.get().status == "paid"


def test_double_imported_statement_credits_once(client, django_capture_on_commit_callbacks):
    buyer = UserFactory()
    checkout = place(buyer, [(VariantFactory(price_vnd=100_000), 1)], method="vietqr")
    payment = payment_start(checkout=checkout, method="vietqr")
    login_verified(client, AdminFactory())
    csv = f"Mã giao dịch,Số tiền,Nội dung\nFT1,{payment.amount_vnd},CK {payment.reference}\n"

    def upload():
        from django.core.files.uploadedfile import SimpleUploadedFile

        # The import runs as a file job once the upload commits; its page tells the outcome.
        with django_capture_on_commit_callbacks(execute=True):
            started = client.post(
                reverse("payments:review"),
                {"file": SimpleUploadedFile("sao-ke.csv", csv.encode(), "text/csv")},
            )
        return client.get(started["Location"]).context["job"].message["vi"]

    first, second = upload(), upload()

    assert first == "Đã nhập: 1 khớp, 0 cần xem xét, 0 đã có."
    assert second == "Đã nhập: 0 khớp, 0 cần xem xét, 1 đã có."
    assert LedgerEntry.objects.filter(kind="capture").count() == 1
    assert checkout.orders.get().status == "paid"


def test_statement_that_is_not_a_statement_gets_a_message(
    client, django_capture_on_commit_callbacks
):
    login_verified(client, AdminFactory())
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            reverse("payments:review"),
            {"file": SimpleUploadedFile("anh.csv", b"hello,world\n1,2\n", "text/csv")},
        )
    response = client.get(started["Location"])

    assert response.status_code == 200
    assert response.context["job"].status == "failed"
    assert response.context["job"].message == {
        "vi": "Sao kê cần có cột mã giao dịch, số tiền và nội dung.",
        "en": "The statement needs columns for the transaction id, amount and description.",
    }
    assert LedgerEntry.objects.count() == 0


def test_first_place_order_works_without_calculating_shipping_first(client):
    from .factories import ward

    buyer = UserFactory()
    tea = VariantFactory(price_vnd=50_000)
    client.force_login(buyer)
    client.post(reverse("orders:cart_update"), {"variant_id": tea.pk, "quantity": 1, "mode": "add"})
    page = client.get(reverse("orders:checkout"))
    destination = ward("01")
    data = {
        "recipient_name": "Lê Hoa",
        "recipient_phone": "0912345678",
        "street": "5 Hàng Gai",
        "province": destination.province_id,
        "ward": destination.code,
        "payment_method": "cod",
        # What the page showed before an address was chosen: no total with shipping yet.
        "expected_total_vnd": page.context["form"]["expected_total_vnd"].value() or "",
        "confirm": "1",
    }

    placed = client.post(reverse("orders:checkout"), data)

    assert data["expected_total_vnd"] == ""
    assert placed.status_code == 302
    order = Order.objects.get(buyer=buyer)
    # Shipping was priced on the server at submit: 50.000 ₫ of tea + the 30.000 ₫ default fee.
    assert (order.subtotal_vnd, order.shipping_vnd, order.total_vnd) == (50_000, 30_000, 80_000)
    assert CartLine.objects.count() == 0


def test_a_total_shown_with_shipping_that_moved_asks_to_confirm_again(client):
    from .factories import ward

    buyer = UserFactory()
    tea = VariantFactory(price_vnd=50_000)
    client.force_login(buyer)
    client.post(reverse("orders:cart_update"), {"variant_id": tea.pk, "quantity": 1, "mode": "add"})
    client.get(reverse("orders:cart"))
    destination = ward("01")
    data = {
        "recipient_name": "Lê Hoa",
        "recipient_phone": "0912345678",
        "street": "5 Hàng Gai",
        "province": destination.province_id,
        "ward": destination.code,
        "payment_method": "cod",
        # The page showed 70.000 ₫ with shipping; the fee is now 30.000 ₫.
        "expected_total_vnd": 70_000,
        "confirm": "1",
    }

    first = client.post(reverse("orders:checkout"), data)
    shown_total = first.context["preview"].total_vnd
    second = client.post(reverse("orders:checkout"), {**data, "expected_total_vnd": shown_total})

    assert first.status_code == 400 and flash(first) == [
        "Tổng tiền đã thay đổi kể từ khi trang hiển thị. Hãy kiểm tra rồi đặt hàng lại."
    ]
    assert shown_total == 80_000
    assert second.status_code == 302
    assert Order.objects.get(buyer=buyer).total_vnd == 80_000
