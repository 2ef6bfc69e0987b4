"""Notifications by kind, with per-user settings for the site and email."""

import pytest
from django.core import mail
from django.urls import reverse

from phohang.accounts.models import Notification, NotificationKind, NotificationSetting
from phohang.accounts.services import notification_send

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_kind_switched_off_on_the_site_and_by_email_sends_nothing(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email="lan@example.vn")
    NotificationSetting.objects.create(
        user=user, kind=NotificationKind.B2B, in_app=False, email=False
    )

    with django_capture_on_commit_callbacks(execute=True):
        sent = notification_send(user=user, title="Gợi ý", kind=NotificationKind.B2B)
        notification_send(user=user, title="Đơn PH1", kind=NotificationKind.ORDERS)

    assert sent is None
    assert list(Notification.objects.values_list("kind", "title")) == [("orders", "Đơn PH1")]
    assert [message.subject for message in mail.outbox] == ["Đơn PH1"]


def test_email_only_off_keeps_the_notice_on_the_site(django_capture_on_commit_callbacks):
    user = UserFactory(email="lan@example.vn")
    NotificationSetting.objects.create(
        user=user, kind=NotificationKind.MESSAGES, in_app=True, email=False
    )

    with django_capture_on_commit_callbacks(execute=True):
        notification_send(user=user, title="Tin nhắn mới", kind=NotificationKind.MESSAGES)

    assert Notification.objects.get(user=user).kind == "messages"
    assert mail.outbox == []


def test_settings_page_saves_each_kind(client):
    user = UserFactory()
    client.force_login(user)

    page = client.get(reverse("accounts:notification_settings"))
    response = client.post(
        reverse("accounts:notification_settings"),
        {"orders-in_app": "on", "orders-email": "on", "messages-in_app": "on"},
    )

    assert page.status_code == 200 and "Giao thương" in page.content.decode()
    assert response.status_code == 302
    stored = {
        setting.kind: (setting.in_app, setting.email)
        for setting in NotificationSetting.objects.filter(user=user)
    }
    assert stored == {
        "orders": (True, True),
        "messages": (True, False),
        "b2b": (False, False),
        "account": (False, False),
        "markets": (False, False),
    }


def test_notifications_page_filters_by_kind(client):
    user = UserFactory()
    notification_send(user=user, title="Đơn PH1 đã giao", kind=NotificationKind.ORDERS)
    notification_send(user=user, title="Tin nhắn từ HTX", kind=NotificationKind.MESSAGES)
    client.force_login(user)

    page = client.get(reverse("accounts:notifications"), {"kind": "messages"})
    unknown = client.get(reverse("accounts:notifications"), {"kind": "<script>"})

    assert [item.title for item in page.context["notifications"]] == ["Tin nhắn từ HTX"]
    assert len(unknown.context["notifications"]) == 2
