"""This process's live connections: one channel-layer subscription per session it has viewers for.

A group send reaches each process once; the process gathers comments into one frame per batch
interval and hands every frame, encoded once, to each of its viewers' outboxes. The only state
held is the open connections and the comments accepted but not yet stored (ARCHITECTURE.md: web
processes keep no state but connections); everything a viewer needs after a reconnect is read
from the database.

Comments sent over the live connection are stored by the room's writer: while one batch is being
written the next one gathers, so 50 comments a second cost a few transactions a second instead
of 50, and the database thread stays free for the stop button. A comment is acknowledged to its
author only once its transaction has committed; a batch that fails is written again (never
dropped), and a comment sent again after a reconnect is found by its key and stored once.
"""

import asyncio
import json
import logging
from dataclasses import dataclass
from typing import Any, Protocol

from channels.db import database_sync_to_async
from channels.layers import BaseChannelLayer, get_channel_layer
from django.conf import settings

from . import comments
from .broadcast import group_name

log = logging.getLogger(__name__)

WRITE_BATCH = 500
RETRY_SECONDS = (0.05, 0.2, 0.5, 1.0, 2.0)


class Viewer(Protocol):
    def deliver(self, frame: str, *, close: bool = False) -> None: ...


@dataclass(frozen=True)
class Submitted:
    comment: comments.CommentIn
    viewer: Viewer


def _frame(event: dict[str, Any]) -> str:
    return json.dumps(event, ensure_ascii=False)


class CommentWriter:
    """Stores the comments a room's viewers send, batch after batch, and announces them."""

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        self.queue: list[Submitted] = []
        self.wake = asyncio.Event()
        self.idle = asyncio.Event()
        self.idle.set()
        self.task = asyncio.create_task(self._run())

    def submit(self, comment: comments.CommentIn, viewer: Viewer) -> None:
        self.queue.append(Submitted(comment, viewer))
        self.idle.clear()
        self.wake.set()

    async def drain(self) -> None:
        """Wait until every comment submitted so far is stored (or refused) and announced."""
        await self.idle.wait()

    async def _run(self) -> None:
        failures = 0
        while True:
            await self.wake.wait()
            self.wake.clear()
            while self.queue:
                batch = self.queue[:WRITE_BATCH]
                try:
                    await self._write(batch)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    # Kept in the queue and written again: an accepted comment is never dropped.
                    log.exception("livestream: storing %d comments failed; retrying", len(batch))
                    await asyncio.sleep(RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)])
                    failures += 1
                    continue
                failures = 0
                del self.queue[: len(batch)]
            self.idle.set()

    async def _write(self, batch: list[Submitted]) -> None:
        outcome = await database_sync_to_async(comments.comments_store)(
            session_public_id=self.session_id, items=[entry.comment for entry in batch]
        )
        if outcome.stored:
            layer = get_channel_layer()
            assert layer is not None
            await layer.group_send(
                group_name(self.session_id),
                {
                    "type": "live.event",
                    "event": {
                        "type": "comments",
                        "items": [comments.comment_event(row) for row in outcome.stored],
                    },
                },
            )
        for entry in batch:
            key = entry.comment.key
            refused = outcome.refused.get(key)
            if refused is None:
                entry.viewer.deliver(_frame({"type": "ack", "key": key}))
            else:
                entry.viewer.deliver(_frame({"type": "error", "key": key, "message": refused}))


class Room:
    """The viewers of one session in this process."""

    def __init__(self, hub: "Hub", session_id: str) -> None:
        self.hub = hub
        self.session_id = session_id
        self.viewers: set[Viewer] = set()
        self.pending: list[dict[str, Any]] = []
        self.channel = ""
        self.reader: asyncio.Task[None] | None = None
        self.flusher: asyncio.Task[None] | None = None
        self.writer: CommentWriter | None = None

    async def open(self) -> None:
        layer = get_channel_layer()
        assert layer is not None
        self.channel = await layer.new_channel("live-room.")
        await layer.group_add(group_name(self.session_id), self.channel)
        self.reader = asyncio.create_task(self._read(layer))

    def submit(self, comment: comments.CommentIn, viewer: Viewer) -> None:
        if self.writer is None:
            self.writer = CommentWriter(self.session_id)
        self.writer.submit(comment, viewer)

    async def close(self) -> None:
        layer = get_channel_layer()
        assert layer is not None
        if self.writer is not None:
            # The last viewer left: what was accepted from them is still stored and announced.
            await self.writer.drain()
            self.writer.task.cancel()
        for task in (self.reader, self.flusher):
            if task is not None:
                task.cancel()
        await layer.group_discard(group_name(self.session_id), self.channel)

    async def _read(self, layer: BaseChannelLayer) -> None:
        while True:
            message = await layer.receive(self.channel)
            event = message.get("event") or {}
            kind = event.get("type")
            if kind in {"comment", "comments"}:
                self.pending.extend(event["items"] if kind == "comments" else [event])
                if self.flusher is None or self.flusher.done():
                    self.flusher = asyncio.create_task(self._flush_later())
            else:
                self._flush()
                ends = kind == "status" and event.get("status") in {"ended", "stopped", "cancelled"}
                self.send_all(_frame(event), close=ends)

    async def _flush_later(self) -> None:
        await asyncio.sleep(settings.LIVESTREAM_COMMENT_BATCH_MS / 1000)
        self._flush()

    def _flush(self) -> None:
        if self.pending:
            items, self.pending = self.pending, []
            self.send_all(_frame({"type": "comments", "items": items}))

    def send_all(self, frame: str, *, close: bool = False) -> None:
        for viewer in list(self.viewers):
            viewer.deliver(frame, close=close)


class Hub:
    """Rooms by session id; a room opens with its first viewer and closes with its last."""

    def __init__(self) -> None:
        self.rooms: dict[str, Room] = {}
        self.lock = asyncio.Lock()

    async def join(self, session_id: str, viewer: Viewer) -> Room:
        async with self.lock:
            room = self.rooms.get(session_id)
            if room is None:
                room = self.rooms[session_id] = Room(self, session_id)
                await room.open()
            room.viewers.add(viewer)
            return room

    async def leave(self, session_id: str, viewer: Viewer) -> None:
        async with self.lock:
            room = self.rooms.get(session_id)
            if room is None:
                return
            room.viewers.discard(viewer)
            if room.viewers:
                return
            del self.rooms[session_id]
        # Outside the lock: storing the last comments must not hold up viewers of other sessions.
        await room.close()


HUB = Hub()
