"""Buyer–seller messages: one thread per buyer and shop, unread counts, reports, moderation, purge."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from phohang.accounts.models import Notification
from phohang.accounts.tests.factories import UserFactory, login_verified
from phohang.core.audit import AuditContext
from phohang.core.errors import DomainError
from phohang.core.models import AuditRecord
from phohang.geo.models import Province
from phohang.messaging import selectors, services
from phohang.messaging.models import Conversation, Message, MessageReport
from phohang.orders.tests.factories import VariantFactory, place, seller_with_owner

pytestmark = pytest.mark.django_db


def _thread(body="Chè Tân Cương còn hàng không ạ?"):
    seller, owner = seller_with_owner()
    buyer = UserFactory(full_name="Nguyễn Thị Lan")
    conversation = services.conversation_open(buyer=buyer, seller=seller, body=body)
    return conversation, buyer, owner


def test_one_conversation_per_buyer_and_shop_and_the_shop_is_told():
    conversation, buyer, owner = _thread()

    again = services.conversation_open(
        buyer=buyer, seller=conversation.seller, body="Cho mình hỏi thêm giá sỉ."
    )

    assert again.pk == conversation.pk and Conversation.objects.count() == 1
    assert list(conversation.messages.values_list("side", flat=True)) == ["buyer", "buyer"]
    notices = Notification.objects.filter(user=owner)
    assert notices.count() == 2 and {notice.kind for notice in notices} == {"messages"}
    assert notices.first().link == conversation.get_absolute_url()


def test_unread_counts_follow_each_sides_reading():
    conversation, buyer, owner = _thread()

    owner_before = selectors.unread_message_count(owner)
    services.conversation_mark_read(conversation=conversation, side="seller")
    services.message_send(
        conversation=conversation, sender=owner, side="seller", body="Dạ còn ạ, 120.000 ₫/gói."
    )

    assert owner_before == 1
    assert selectors.unread_message_count(owner) == 0
    assert selectors.unread_message_count(buyer) == 1
    services.conversation_mark_read(conversation=conversation, side="buyer")
    assert selectors.unread_message_count(buyer) == 0


def test_empty_or_too_long_messages_are_refused_and_nothing_is_stored():
    conversation, buyer, _owner = _thread()

    for body in ("   ", "x" * 2001):
        with pytest.raises(DomainError):
            services.message_send(conversation=conversation, sender=buyer, side="buyer", body=body)

    assert conversation.messages.count() == 1


def test_a_shop_member_cannot_message_their_own_shop():
    seller, owner = seller_with_owner()

    with pytest.raises(DomainError):
        services.conversation_open(buyer=owner, seller=seller, body="Xin chào")

    assert Conversation.objects.count() == 0


def test_start_page_shows_the_product_and_sends_the_first_message(client):
    variant = VariantFactory()
    product = variant.product
    buyer = UserFactory()
    client.force_login(buyer)
    url = reverse("messaging:start")
    query = {"seller": product.seller.public_id, "product": product.public_id}

    page = client.get(url, query)
    sent = client.post(url, {**query, "body": "Sản phẩm này giao Hà Nội mấy ngày ạ?"})

    assert page.status_code == 200 and product.title in page.content.decode()
    message = Message.objects.get()
    assert sent.status_code == 302 and sent["Location"] == message.conversation.get_absolute_url()
    assert (message.product_id, message.side) == (product.pk, "buyer")


def test_start_with_an_unknown_shop_says_so(client):
    client.force_login(UserFactory())

    response = client.get(reverse("messaging:start"), {"seller": "not-a-uuid"}, follow=True)

    assert "Không tìm thấy cửa hàng này." in response.content.decode()
    assert Conversation.objects.count() == 0


def test_messages_can_be_about_the_buyers_own_order_only():
    seller, _owner = seller_with_owner()
    buyer, other = UserFactory(), UserFactory()
    variant = VariantFactory(product__seller=seller)
    order = place(buyer, [(variant, 1)]).orders.get()
    others_order = place(other, [(variant, 1)]).orders.get()
    conversation = services.conversation_open(buyer=buyer, seller=seller, body="Đơn của mình")

    services.message_send(
        conversation=conversation, sender=buyer, side="buyer", body="Về đơn này", order=order
    )
    with pytest.raises(DomainError):
        services.message_send(
            conversation=conversation,
            sender=buyer,
            side="buyer",
            body="Đơn người khác",
            order=others_order,
        )

    assert list(conversation.messages.values_list("order_id", flat=True)) == [None, order.pk]


def test_conversation_pages_are_for_the_two_parties_and_moderators_only(client):
    conversation, buyer, owner = _thread()
    url = conversation.get_absolute_url()
    stranger = UserFactory()
    officer_here = UserFactory(
        is_authority=True, authority_province=Province.objects.get(code="01")
    )
    officer_elsewhere = UserFactory(
        is_authority=True, authority_province=Province.objects.get(code="79")
    )

    answers = {}
    for name, user in (
        ("buyer", buyer),
        ("owner", owner),
        ("stranger", stranger),
        ("officer_here", officer_here),
        ("officer_elsewhere", officer_elsewhere),
    ):
        login_verified(client, user)
        answers[name] = client.get(url).status_code
    client.force_login(stranger)
    posted = client.post(url, {"body": "Chen ngang"})

    assert answers == {
        "buyer": 200,
        "owner": 200,
        "stranger": 404,
        "officer_here": 200,
        "officer_elsewhere": 404,
    }
    assert posted.status_code == 404 and conversation.messages.count() == 1
    assert AuditRecord.objects.filter(action="messaging.conversation.viewed").count() == 1


def test_reply_over_htmx_returns_the_thread(client):
    conversation, _buyer, owner = _thread()
    client.force_login(owner)

    response = client.post(
        conversation.get_absolute_url(), {"body": "Dạ còn ạ."}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert 'id="thread"' in response.content.decode() and "Dạ còn ạ." in response.content.decode()
    assert conversation.messages.last().side == "seller"


def test_report_then_moderator_hides_the_message_with_an_audit_record(client):
    conversation, buyer, owner = _thread(body="Chuyển khoản trước vào tài khoản riêng nhé")
    message = conversation.messages.get()
    moderator = UserFactory(is_authority=True, is_city_authority=True)
    client.force_login(owner)

    client.post(reverse("messaging:report", args=[message.public_id]), {"reason": "Lừa đảo"})
    login_verified(client, moderator)
    queue = client.get(reverse("messaging:moderation"))
    client.post(reverse("messaging:hide", args=[message.public_id]), {"reason": "Lừa đảo"})
    client.force_login(buyer)
    page = client.get(conversation.get_absolute_url())

    assert "Chuyển khoản trước" in queue.content.decode()
    message.refresh_from_db()
    assert message.is_hidden and message.hidden_reason == "Lừa đảo"
    assert MessageReport.objects.get().resolved_at is not None
    record = AuditRecord.objects.get(action="messaging.message.hidden")
    assert record.actor_id == moderator.pk and record.object_id == str(message.public_id)
    assert "Chuyển khoản trước" not in page.content.decode()
    assert "Tin nhắn này đã bị ẩn" in page.content.decode()


def test_a_party_cannot_report_their_own_message_nor_a_buyer_hide_one(client):
    conversation, buyer, _owner = _thread()
    message = conversation.messages.get()
    client.force_login(buyer)

    client.post(reverse("messaging:report", args=[message.public_id]), {"reason": "Thử"})
    hide = client.post(reverse("messaging:hide", args=[message.public_id]), {"reason": "Thử"})

    assert MessageReport.objects.count() == 0
    assert hide.status_code == 403
    message.refresh_from_db()
    assert not message.is_hidden


def test_hiding_needs_a_reason_and_changes_nothing_without_one():
    conversation, _buyer, _owner = _thread()
    message = conversation.messages.get()

    with pytest.raises(DomainError):
        services.message_hide(message=message, reason=" ", context=AuditContext())

    message.refresh_from_db()
    assert not message.is_hidden and AuditRecord.objects.count() == 0


def test_purge_deletes_messages_past_the_retention_period(settings):
    settings.MESSAGE_RETENTION_DAYS = 30
    old_thread, _buyer, _owner = _thread(body="Tin cũ")
    Message.objects.filter(conversation=old_thread).update(
        created_at=timezone.now() - timedelta(days=31)
    )
    Conversation.objects.filter(pk=old_thread.pk).update(
        last_message_at=timezone.now() - timedelta(days=31)
    )
    recent, _buyer, _owner = _thread(body="Tin mới")

    call_command("messages_purge", stdout=__import__("io").StringIO())

    assert list(Message.objects.values_list("body", flat=True)) == ["Tin mới"]
    assert list(Conversation.objects.values_list("pk", flat=True)) == [recent.pk]


def test_header_shows_the_unread_count(client):
    _conversation, _buyer, owner = _thread()
    client.force_login(owner)

    page = client.get(reverse("messaging:inbox"))

    assert page.context["unread_messages"] == 1
    assert "Nguyễn Thị Lan" in page.content.decode()
