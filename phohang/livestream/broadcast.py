"""Publishing a session's live events to its viewers through the channel layer, after commit.

Every web process subscribes once per session it has viewers for (`hub.py`); a group send reaches
each such process, which hands the event to its own connections.
"""

from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def group_name(session_public_id: Any) -> str:
    return f"live.{session_public_id}"


def publish_now(session_public_id: Any, event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    async_to_sync(layer.group_send)(
        group_name(session_public_id), {"type": "live.event", "event": event}
    )


def publish(session_public_id: Any, event: dict[str, Any]) -> None:
    """Send `event` to every viewer of the session once the current transaction commits."""
    transaction.on_commit(lambda: publish_now(session_public_id, event), robust=True)
