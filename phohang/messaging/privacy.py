"""Messaging's entries in the personal-data inventory (see `phohang.core.privacy`)."""

from phohang.core.privacy import deleted, inventory_register, shop_record

RETENTION = "deleted after MESSAGE_RETENTION_DAYS (730 by default) by `manage.py messages_purge`"


def register() -> None:
    inventory_register(
        "messaging",
        deleted(
            "Conversation", "buyer", "seller created_at last_message_at",
            "the person's conversations with shops", retention=RETENTION,
        ),
        shop_record(
            "Conversation", "created_at last_message_at",
            "the buyers' side of a conversation is theirs, not the shop owner's to take",
            retention=RETENTION,
        ),
        deleted(
            "Message", "sender", "conversation side body created_at", "the person's own writing",
            retention=RETENTION,
        ),
        deleted(
            "MessageReport", "reporter", "message reason created_at resolved_at",
            "reports the person made to the moderators", retention="deleted with the message",
        ),
    )  # fmt: skip
