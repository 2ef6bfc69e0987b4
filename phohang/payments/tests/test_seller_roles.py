"""Seller staff roles: money goes back only on the owner's or finance staff's word; a prepaid
order is not 'delivered' by the seller; return photos are private evidence."""

import io
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from phohang.accounts.tests.factories import UserFactory
from phohang.orders.models import Order
from phohang.orders.services import order_return_request
from phohang.orders.tests.test_ux_bad_input_web import shipped_vnpay_order  # noqa: F401
from phohang.payments import services
from phohang.payments.models import LedgerEntry, Refund
from phohang.payments.services.ledger import ledger_totals
from phohang.sellers.tests.factories import SellerMemberFactory

pytestmark = pytest.mark.django_db


def _member(order: Order, role: str):
    return SellerMemberFactory(seller=order.seller, role=role).user


def _money(order: Order) -> tuple:
    return (
        Order.objects.get(pk=order.pk).status,
        ledger_totals(order.pk).refunded_vnd,
        Refund.objects.count(),
    )


def test_plain_staff_cannot_refund_but_owner_and_finance_staff_can(shipped_vnpay_order):  # noqa: F811
    order, _buyer, owner, _variant = shipped_vnpay_order
    staff, finance = _member(order, "staff"), _member(order, "finance")

    with pytest.raises(services.NotAllowedToRefund):
        services.refund_issue(order=order, amount_vnd=10_000, idempotency_key="s1", actor=staff)
    assert _money(order) == ("delivered", 0, 0)

    services.refund_issue(order=order, amount_vnd=10_000, idempotency_key="f1", actor=finance)
    services.refund_issue(order=order, amount_vnd=10_000, idempotency_key="o1", actor=owner)
    assert _money(order) == ("delivered", 20_000, 2)


def test_refund_page_and_api_answer_403_to_plain_staff(shipped_vnpay_order):  # noqa: F811
    from phohang.accounts.services import api_token_create

    order, _buyer, _owner, _variant = shipped_vnpay_order
    staff = _member(order, "staff")
    browser = Client()
    browser.force_login(staff)
    token = api_token_create(user=staff, name="t", scopes=["refunds"])[1]

    page = browser.get(reverse("payments:refund", args=[order.public_id]))
    posted = browser.post(
        reverse("payments:refund", args=[order.public_id]),
        {"amount_vnd": 10_000, "reason": "", "idempotency_key": "k" * 20},
    )
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}").post(
        f"/api/v1/payments/orders/{order.public_id}/refunds",
        '{"amount_vnd": 10000, "reason": ""}',
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="refund-by-staff",
    )

    assert (page.status_code, posted.status_code, api.status_code) == (403, 403, 403)
    assert api.json()["error"]["code"] == "refund_not_allowed"
    assert _money(order) == ("delivered", 0, 0)


def test_plain_staff_cannot_cancel_a_paid_order(vnpay_checkout):
    checkout, payment, _variant = vnpay_checkout
    services.payment_capture(payment_id=payment.pk, provider_transaction="14000002")
    order = checkout.orders.get()
    staff, finance = _member(order, "staff"), _member(order, "finance")
    client = Client()
    client.force_login(staff)

    client.post(reverse("payments:order_cancel", args=[order.public_id]), {"reason": "hết hàng"})

    assert _money(order) == ("paid", 0, 0)
    services.order_cancel_with_refund(
        order=order, actor=finance, actor_kind="seller", reason="hết hàng"
    )
    assert _money(order)[0] == "cancelled" and _money(order)[1] == order.total_vnd


def test_seller_cannot_mark_a_prepaid_order_delivered(vnpay_checkout):
    from phohang.orders.services import order_pack, order_ship

    checkout, payment, _variant = vnpay_checkout
    services.payment_capture(payment_id=payment.pk, provider_transaction="14000003")
    order = checkout.orders.get()
    owner = _member(order, "owner")
    order_pack(order=order, actor=owner)
    order_ship(order=order, actor=owner, carrier="GHN", tracking_number="GHN9")
    client = Client()
    client.force_login(owner)

    client.post(reverse("payments:mark_delivered", args=[order.public_id]))

    assert Order.objects.get(pk=order.pk).status == "shipped"
    assert LedgerEntry.objects.filter(order=order).count() == 1  # the capture only


def _photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    return SimpleUploadedFile("hop-mop.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_return_photos_are_private_and_shown_only_to_the_order_parties(
    shipped_vnpay_order,  # noqa: F811
):
    from phohang.core.uploads import clean_image

    order, buyer, owner, _variant = shipped_vnpay_order
    line = order.lines.get()
    request = order_return_request(
        order=order,
        buyer=buyer,
        reason="Hộp bị móp",
        quantities={line.pk: 1},
        photos=[clean_image(_photo())],
    )
    photo = request.photos.get()
    url = reverse("orders:return_photo", args=[order.public_id, photo.pk])
    clients = {}
    for name, user in (("buyer", buyer), ("seller", owner), ("stranger", UserFactory())):
        clients[name] = Client()
        clients[name].force_login(user)

    answers = {name: client.get(url) for name, client in clients.items()}
    anonymous = Client().get(url)
    public = Client().get(f"{django_settings.MEDIA_URL}{photo.image.name}")

    private_root = Path(photo.image.storage.location)
    assert photo.image.storage.exists(photo.image.name)
    assert private_root.name == "private"
    assert Path(django_settings.MEDIA_ROOT).resolve() not in private_root.resolve().parents
    assert not storages["default"].exists(photo.image.name)
    assert answers["buyer"].status_code == answers["seller"].status_code == 200
    assert answers["buyer"]["X-Content-Type-Options"] == "nosniff"
    assert answers["stranger"].status_code == 404
    assert anonymous.status_code == 302
    assert public.status_code == 404
