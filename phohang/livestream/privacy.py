"""Livestream's entries in the personal-data inventory (see `phohang.core.privacy`).

Session records (metadata, pins, comments, orders, stop events) are kept for
LIVESTREAM_RETENTION_DAYS after a session is over, as the E-commerce Law asks; within that period
a comment's author name is removed on erasure and its text kept for the record.
"""

from phohang.core.privacy import Erasure, holding_register

RETENTION = (
    "kept LIVESTREAM_RETENTION_DAYS (3 years by default) after the session is over, then deleted "
    "by `manage.py livestream_purge`"
)
ERASED = "—"
RECORD = "livestream records the E-commerce Law keeps for the retention period"


def register() -> None:
    from .models import LiveComment, LiveOrder, LivePin, LiveSession, LiveSessionEvent, Streamer

    holding_register(
        LiveComment,
        path="author",
        fields=("session", "author_name", "body", "created_at", "hidden_at"),
        erasure=Erasure.ANONYMISE,
        replace={"author_name": ERASED},
        reason=RECORD + "; the name is removed, the text kept",
        retention=RETENTION,
    )
    holding_register(
        Streamer,
        path="user",
        fields=("seller", "display_name", "registered_at", "is_active", "identity_verified_at"),
        erasure=Erasure.RETAIN,
        reason="who presented a shop's live sessions (" + RECORD + ")",
        retention=RETENTION,
    )
    holding_register(
        LiveSession,
        path="host",
        fields=("seller", "title", "scheduled_start", "status", "started_at", "ended_at"),
        erasure=Erasure.RETAIN,
        reason=RECORD,
        retention=RETENTION,
    )
    holding_register(
        LiveSession,
        subject="seller",
        path="seller",
        fields=("title", "scheduled_start", "status", "started_at", "ended_at", "stop_reason"),
        erasure=Erasure.RETAIN,
        reason=RECORD,
        retention=RETENTION,
    )
    holding_register(
        LiveSessionEvent,
        path="actor",
        fields=("session", "from_status", "to_status", "note", "created_at"),
        erasure=Erasure.RETAIN,
        reason="who started, ended or stopped a session (" + RECORD + ")",
        retention=RETENTION,
    )
    holding_register(
        LivePin,
        path="pinned_by",
        fields=("session", "product", "warning", "pinned_at", "unpinned_at"),
        erasure=Erasure.RETAIN,
        reason=RECORD,
        retention=RETENTION,
    )
    holding_register(
        LiveOrder,
        path="order__buyer",
        fields=("session", "order", "created_at"),
        erasure=Erasure.RETAIN,
        reason="an order's link to the session it was bought in (orders: 3 years)",
        retention=RETENTION,
    )
