"""Messages over /api/v1/messages/."""

import json

import pytest

from phohang.accounts.models import TokenScope
from phohang.accounts.services import api_token_create
from phohang.accounts.tests.factories import UserFactory
from phohang.messaging.models import Conversation, Message
from phohang.orders.tests.factories import VariantFactory, seller_with_owner

pytestmark = pytest.mark.django_db


def bearer(user, scopes=(TokenScope.READ, TokenScope.SHOP)):
    token = api_token_create(user=user, name="t", scopes=list(scopes))[1]
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post(client, user, path, body, **headers):
    return client.post(
        path, data=json.dumps(body), content_type="application/json", **(headers or bearer(user))
    )


def test_api_start_reply_and_unread(client):
    variant = VariantFactory()
    seller = variant.product.seller
    buyer = UserFactory()
    _seller, owner = seller_with_owner()
    from phohang.sellers.models import SellerMember

    SellerMember.objects.create(seller=seller, user=owner, role=SellerMember.Role.STAFF)

    started = post(
        client,
        buyer,
        "/api/v1/messages/conversations",
        {
            "seller": str(seller.public_id),
            "product": str(variant.product.public_id),
            "body": "Còn hàng?",
        },
    )
    conversation_id = started.json()["id"]
    unread = client.get("/api/v1/messages/unread", **bearer(owner)).json()
    reply = post(
        client,
        owner,
        f"/api/v1/messages/conversations/{conversation_id}/messages",
        {"body": "Còn ạ"},
    )
    thread = client.get(f"/api/v1/messages/conversations/{conversation_id}", **bearer(buyer))

    assert started.status_code == 201
    assert started.json()["messages"][0]["product"] == str(variant.product.public_id)
    assert unread == {"unread": 1}
    assert reply.status_code == 201 and reply.json()["side"] == "seller"
    assert [m["body"] for m in thread.json()["messages"]] == ["Còn hàng?", "Còn ạ"]


def test_api_write_needs_the_shop_scope_and_stores_nothing(client):
    variant = VariantFactory()
    buyer = UserFactory()

    response = post(
        client,
        buyer,
        "/api/v1/messages/conversations",
        {"seller": str(variant.product.seller.public_id), "body": "Còn hàng?"},
        **bearer(buyer, scopes=(TokenScope.READ,)),
    )

    assert response.status_code == 403
    assert Conversation.objects.count() == 0 and Message.objects.count() == 0


def test_api_refuses_an_empty_message_with_422(client):
    variant = VariantFactory()
    buyer = UserFactory()

    response = post(
        client,
        buyer,
        "/api/v1/messages/conversations",
        {"seller": str(variant.product.seller.public_id), "body": "   "},
    )

    assert response.status_code == 422
    assert Conversation.objects.count() == 0
