"""Livestream's entries in the personal-data inventory (see `phohang.core.privacy`).

Session records (metadata, pins, comments, orders, stop events) are kept for
LIVESTREAM_RETENTION_DAYS after a session is over, as the E-commerce Law asks; within that period
a comment's author name is removed on erasure and its text kept for the record.
"""

from phohang.core.privacy import anonymised, history, inventory_register, retained, shop_record

RETENTION = (
    "kept LIVESTREAM_RETENTION_DAYS (3 years by default) after the session is over, then deleted "
    "by `manage.py livestream_purge`"
)
ERASED = "—"
RECORD = "livestream records the E-commerce Law keeps for the retention period"
SESSION = "title scheduled_start status started_at ended_at"


def register() -> None:
    inventory_register(
        "livestream",
        anonymised(
            "LiveComment", "author", "session author_name body created_at hidden_at",
            RECORD + "; the name is removed, the text kept",
            replace={"author_name": ERASED}, retention=RETENTION,
        ),
        retained(
            "Streamer", "user", "seller display_name registered_at is_active identity_verified_at",
            "who presented a shop's live sessions (" + RECORD + ")", retention=RETENTION,
        ),
        retained("LiveSession", "host", f"seller {SESSION}", RECORD, retention=RETENTION),
        shop_record("LiveSession", f"{SESSION} stop_reason", RECORD, retention=RETENTION),
        history(
            "LiveSessionEvent", "who started, ended or stopped a session (" + RECORD + ")",
            link="session", retention=RETENTION,
        ),
        retained(
            "LivePin", "pinned_by", "session product warning pinned_at unpinned_at", RECORD,
            retention=RETENTION,
        ),
        retained(
            "LiveOrder", "order__buyer", "session order created_at",
            "an order's link to the session it was bought in (orders: 3 years)",
            retention=RETENTION,
        ),
    )  # fmt: skip
