import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_MESSAGE_LENGTH = 2000


class Conversation(models.Model):
    """One thread between a buyer and a shop; messages may be about a product or an order."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations"
    )
    seller = models.ForeignKey(
        "sellers.Seller", on_delete=models.CASCADE, related_name="conversations"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Each side's reading position: messages after it from the other side are unread.
    buyer_read_at = models.DateTimeField(null=True, blank=True)
    seller_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        constraints = [
            models.UniqueConstraint(fields=["buyer", "seller"], name="conversation_one_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.buyer_id} ↔ {self.seller_id}"

    def get_absolute_url(self) -> str:
        return reverse("messaging:conversation", kwargs={"public_id": self.public_id})


class Message(models.Model):
    class Side(models.TextChoices):
        BUYER = "buyer", _("Buyer")
        SELLER = "seller", _("Seller")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    side = models.CharField(max_length=6, choices=Side.choices)
    body = models.TextField(_("message"), max_length=MAX_MESSAGE_LENGTH)
    product = models.ForeignKey(
        "catalog.Product", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.ForeignKey(
        "orders.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Moderation: a hidden message stays for the record but neither party sees its text.
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["conversation", "created_at"])]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="message_body_not_empty")]

    def __str__(self) -> str:
        return f"{self.conversation_id}: {self.body[:40]}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class MessageReport(models.Model):
    """A party's report of a message to the moderators; one per reporter and message."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "reporter"], name="message_report_once_per_reporter"
            )
        ]

    def __str__(self) -> str:
        return f"report {self.message_id}"
