"""Messaging's entries in the personal-data inventory (see `phohang.core.privacy`)."""

from phohang.core.privacy import Erasure, holding_register

RETENTION = "deleted after MESSAGE_RETENTION_DAYS (730 by default) by `manage.py messages_purge`"


def register() -> None:
    from .models import Conversation, Message, MessageReport

    holding_register(
        Conversation,
        path="buyer",
        fields=("seller", "created_at", "last_message_at"),
        erasure=Erasure.DELETE,
        reason="the person's conversations with shops",
        retention=RETENTION,
    )
    holding_register(
        Conversation,
        subject="seller",
        path="seller",
        fields=("created_at", "last_message_at"),
        erasure=Erasure.RETAIN,
        reason="the buyers' side of a conversation is theirs, not the shop owner's to take",
        retention=RETENTION,
    )
    holding_register(
        Message,
        path="sender",
        fields=("conversation", "side", "body", "created_at"),
        erasure=Erasure.DELETE,
        reason="the person's own writing",
        retention=RETENTION,
    )
    holding_register(
        MessageReport,
        path="reporter",
        fields=("message", "reason", "created_at", "resolved_at"),
        erasure=Erasure.DELETE,
        reason="reports the person made to the moderators",
        retention="deleted with the message",
    )
