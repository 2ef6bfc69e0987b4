import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from phohang.accounts.services import api_token_create
from phohang.core.models import IdempotencyKey
from phohang.orders.models import CartLine, Order

from .factories import UserFactory, VariantFactory, place, seller_with_owner, ward

pytestmark = pytest.mark.django_db


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


def checkout_body(variant, quantity=1, method="cod"):
    return {
        "recipient_name": "Lê Hoa",
        "recipient_phone": "0912345678",
        "street": "5 Hàng Gai",
        "ward_code": ward("01").code,
        "payment_method": method,
        "items": [{"variant_id": variant.pk, "quantity": quantity}],
    }


def post_checkout(client, user, body, key):
    return client.post(
        "/api/v1/orders/checkout",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=key,
        **bearer(user),
    )


def test_api_checkout_replays_same_key_and_refuses_other_body(client):
    buyer = UserFactory()
    tea = VariantFactory()

    first = post_checkout(client, buyer, checkout_body(tea), "key-00000001")
    replay = post_checkout(client, buyer, checkout_body(tea), "key-00000001")
    other = post_checkout(client, buyer, checkout_body(tea, 2), "key-00000001")

    assert (first.status_code, replay.status_code, other.status_code) == (201, 201, 422)
    assert replay.content == first.content and replay["Idempotent-Replayed"] == "true"
    assert Order.objects.count() == 1


def test_same_key_from_another_user_is_independent(client):
    tea = VariantFactory()

    a = post_checkout(client, UserFactory(), checkout_body(tea), "shared-key-1")
    b = post_checkout(client, UserFactory(), checkout_body(tea), "shared-key-1")

    assert (a.status_code, b.status_code, Order.objects.count()) == (201, 201, 2)


def test_api_sold_out_answers_409_and_changes_nothing(client):
    tea = VariantFactory(stock_on_hand=1)

    response = post_checkout(client, UserFactory(), checkout_body(tea, 2), "key-sold-out")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "out_of_stock"
    assert Order.objects.count() == 0


def test_a_refusal_is_the_keys_answer_even_after_the_stock_comes_back(client):
    """The refused checkout's claim was rolled back with it; its answer is stored on its own."""
    tea = VariantFactory(stock_on_hand=1)
    buyer = UserFactory()

    refused = post_checkout(client, buyer, checkout_body(tea, 2), "key-refused-1")
    tea.stock_on_hand = 10
    tea.save(update_fields=["stock_on_hand"])
    retried = post_checkout(client, buyer, checkout_body(tea, 2), "key-refused-1")
    fresh_key = post_checkout(client, buyer, checkout_body(tea, 2), "key-refused-2")

    assert refused.status_code == 409 and refused.get("Idempotent-Replayed") is None
    assert (retried.status_code, retried["Idempotent-Replayed"]) == (409, "true")
    assert retried.content == refused.content
    assert fresh_key.status_code == 201
    assert Order.objects.count() == 1
    stored = IdempotencyKey.objects.get(user=buyer, key="key-refused-1")
    assert (stored.state, stored.response_status) == (IdempotencyKey.State.DONE, 409)


def test_the_key_commits_with_the_checkout_in_the_same_statements(client):
    """Speed guard: claiming the key costs one statement in the checkout's transaction and no
    commit of its own; the count does not depend on the database or the number of sellers
    (auth, claim, 3 reads, 8 writes, the stored response)."""
    sellers = [seller_with_owner()[0] for _ in range(3)]
    variants = [VariantFactory(product__seller=seller) for seller in sellers]
    buyer = UserFactory()
    headers = bearer(buyer)
    body = checkout_body(variants[0])
    body["items"] = [{"variant_id": variant.pk, "quantity": 1} for variant in variants]
    # The buyer's earlier checkout: the token's last use was just recorded, the ward is known.
    client.post(
        "/api/v1/orders/checkout",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="key-budget-0",
        **headers,
    )

    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            "/api/v1/orders/checkout",
            data=json.dumps(body),
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="key-budget-1",
            **headers,
        )

    assert response.status_code == 201 and Order.objects.count() == 6
    statements = [
        query["sql"]
        for query in queries.captured_queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert len(statements) == 14, statements
    claims = [sql for sql in statements if 'INTO "core_idempotencykey"' in sql]
    assert len(claims) == 1
    stored = IdempotencyKey.objects.get(user=buyer, key="key-budget-1")
    assert (stored.state, stored.response_status) == (IdempotencyKey.State.DONE, 201)
    assert stored.response_body.encode() == response.content


def test_api_negative_quantity_is_422(client):
    tea = VariantFactory()

    response = post_checkout(client, UserFactory(), checkout_body(tea, -1), "key-negative")

    assert response.status_code == 422 and Order.objects.count() == 0


def test_other_peoples_orders_answer_404_in_api_and_pages(client):
    seller, owner = seller_with_owner()
    buyer, stranger = UserFactory(), UserFactory()
    other_seller, other_owner = seller_with_owner()
    order = place(buyer, [(VariantFactory(product__seller=seller), 1)]).orders.get()

    api_codes = [
        client.get(f"/api/v1/orders/{order.public_id}", **bearer(user)).status_code
        for user in (buyer, owner, stranger, other_owner)
    ]
    client.force_login(stranger)
    page = client.get(reverse("orders:detail", args=[order.public_id]))
    client.force_login(other_owner)
    slip = client.get(reverse("orders:packing_slip", args=[order.public_id]))
    cancel = client.post(reverse("payments:order_cancel", args=[order.public_id]), {"reason": "x"})

    assert api_codes == [200, 200, 404, 404]
    assert (page.status_code, slip.status_code, cancel.status_code) == (404, 404, 404)
    order.refresh_from_db()
    assert order.status == Order.Status.CONFIRMED


def test_seller_pages_list_filter_and_print(client):
    seller, owner = seller_with_owner()
    order = place(UserFactory(), [(VariantFactory(product__seller=seller), 1)]).orders.get()
    client.force_login(owner)

    listing = client.get(reverse("orders:seller_list"), {"status": "confirmed"})
    slip = client.get(reverse("orders:packing_slip", args=[order.public_id]))
    packed = client.post(reverse("orders:seller_action", args=[order.public_id, "pack"]))

    assert listing.status_code == 200 and order.number in listing.content.decode()
    assert slip.status_code == 200 and "orders/packing_slip.html" in [
        t.name for t in slip.templates
    ]
    assert packed.status_code == 302
    order.refresh_from_db()
    assert order.status == Order.Status.PACKED


def test_buyer_cannot_use_seller_pages(client):
    client.force_login(UserFactory())

    assert client.get(reverse("orders:seller_list")).status_code == 403


def test_anonymous_cart_is_merged_at_login(client):
    tea = VariantFactory()
    buyer = UserFactory(password="a-long-enough-password-1")

    client.post(reverse("orders:cart_update"), {"variant_id": tea.pk, "quantity": 2, "mode": "add"})
    client.force_login(buyer)
    from django.contrib.auth.signals import user_logged_in
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.session = client.session
    user_logged_in.send(sender=type(buyer), request=request, user=buyer)

    assert list(CartLine.objects.filter(cart__user=buyer).values_list("quantity", flat=True)) == [2]


def test_cart_page_and_checkout_flow_with_cod(client):
    buyer = UserFactory()
    tea = VariantFactory(price_vnd=50_000)
    client.force_login(buyer)
    client.post(reverse("orders:cart_update"), {"variant_id": tea.pk, "quantity": 2, "mode": "add"})
    destination = ward("01")

    cart = client.get(reverse("orders:cart"))
    data = {
        "recipient_name": "Lê Hoa",
        "recipient_phone": "0912345678",
        "street": "5 Hàng Gai",
        "province": destination.province_id,
        "ward": destination.code,
        "payment_method": "cod",
        "expected_total_vnd": 0,
        "quote": "1",
    }
    quoted = client.post(reverse("orders:checkout"), data)
    total = quoted.context["preview"].total_vnd
    placed = client.post(
        reverse("orders:checkout"), {**data, "expected_total_vnd": total, "confirm": "1"}
    )
    again = client.post(
        reverse("orders:checkout"), {**data, "expected_total_vnd": total, "confirm": "1"}
    )

    assert cart.status_code == 200 and quoted.status_code == 200
    assert placed.status_code == 302
    assert again.status_code == 302 and again["Location"] == reverse(
        "orders:cart"
    )  # cart now empty
    assert Order.objects.filter(buyer=buyer).count() == 1
