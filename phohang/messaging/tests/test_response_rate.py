"""The seller card's response rate: buyer conversations the shop answered within 24 hours."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from phohang.accounts.tests.factories import UserFactory
from phohang.messaging import selectors
from phohang.messaging.models import Conversation, Message
from phohang.orders.tests.factories import seller_with_owner

pytestmark = pytest.mark.django_db


def _message(conversation, side, at, sender):
    return Message.objects.create(
        conversation=conversation, sender=sender, side=side, body="Dạ", created_at=at
    )


def _conversation(seller, owner, *, asked_hours_ago, answered_after_hours=None):
    buyer = UserFactory()
    now = timezone.now()
    conversation = Conversation.objects.create(buyer=buyer, seller=seller)
    asked = now - timedelta(hours=asked_hours_ago)
    _message(conversation, Message.Side.BUYER, asked, buyer)
    if answered_after_hours is not None:
        _message(
            conversation, Message.Side.SELLER, asked + timedelta(hours=answered_after_hours), owner
        )
    return conversation


def test_answers_within_a_day_count_and_late_or_missing_ones_do_not():
    seller, owner = seller_with_owner()
    _conversation(seller, owner, asked_hours_ago=72, answered_after_hours=2)
    _conversation(seller, owner, asked_hours_ago=72, answered_after_hours=23.5)
    _conversation(seller, owner, asked_hours_ago=72, answered_after_hours=30)
    _conversation(seller, owner, asked_hours_ago=48)

    rate = selectors.seller_response_rate(seller.pk, now=timezone.now())

    assert (rate.asked, rate.answered, rate.percent) == (4, 2, 50)


def test_a_fresh_unanswered_question_is_not_judged_yet():
    seller, owner = seller_with_owner()
    _conversation(seller, owner, asked_hours_ago=30, answered_after_hours=1)
    _conversation(seller, owner, asked_hours_ago=3)

    rate = selectors.seller_response_rate(seller.pk, now=timezone.now())

    assert (rate.asked, rate.answered, rate.percent) == (1, 1, 100)


def test_a_shop_writing_first_and_old_conversations_are_left_out():
    seller, owner = seller_with_owner()
    buyer = UserFactory()
    conversation = Conversation.objects.create(buyer=buyer, seller=seller)
    now = timezone.now()
    _message(conversation, Message.Side.SELLER, now - timedelta(days=5), owner)
    _conversation(seller, owner, asked_hours_ago=24 * 100, answered_after_hours=1)

    rate = selectors.seller_response_rate(seller.pk, now=now)

    assert (rate.asked, rate.answered, rate.percent) == (0, 0, None)


def test_the_rate_is_kept_in_the_shared_cache_and_shown_on_the_storefront(client):
    cache.clear()
    seller, owner = seller_with_owner()
    _conversation(seller, owner, asked_hours_ago=72, answered_after_hours=1)
    _conversation(seller, owner, asked_hours_ago=72)

    first = client.get(reverse("sellers:storefront", args=[seller.slug]))
    _conversation(seller, owner, asked_hours_ago=72, answered_after_hours=1)
    second = client.get(reverse("sellers:storefront", args=[seller.slug]))

    assert first.status_code == 200
    assert "Tỉ lệ phản hồi" in first.text and "50%" in first.text
    # The second page is served from the cached figure, not recounted.
    assert "50%" in second.text
    assert selectors.seller_response_rate(seller.pk, now=timezone.now()).percent == 67
