"""This process's live connections: one channel-layer subscription per session it has viewers for.

A group send reaches each process once; the process gathers comments into one frame per batch
interval and hands every frame, encoded once, to each of its viewers' outboxes. The only state
held is the open connections (ARCHITECTURE.md: web processes keep no state but connections);
everything a viewer needs after a reconnect is read from the database.
"""

import asyncio
import json
from typing import Any, Protocol

from channels.layers import get_channel_layer
from django.conf import settings

from .broadcast import group_name


class Viewer(Protocol):
    def deliver(self, frame: str, *, close: bool = False) -> None: ...


class Room:
    """The viewers of one session in this process."""

    def __init__(self, hub: "Hub", session_id: str) -> None:
        self.hub = hub
        self.session_id = session_id
        self.viewers: set[Viewer] = set()
        self.pending: list[dict[str, Any]] = []
        self.channel = ""
        self.reader: asyncio.Task | None = None
        self.flusher: asyncio.Task | None = None

    async def open(self) -> None:
        layer = get_channel_layer()
        self.channel = await layer.new_channel("live-room.")
        await layer.group_add(group_name(self.session_id), self.channel)
        self.reader = asyncio.create_task(self._read(layer))

    async def close(self) -> None:
        layer = get_channel_layer()
        for task in (self.reader, self.flusher):
            if task is not None:
                task.cancel()
        await layer.group_discard(group_name(self.session_id), self.channel)

    async def _read(self, layer) -> None:
        while True:
            message = await layer.receive(self.channel)
            event = message.get("event") or {}
            if event.get("type") == "comment":
                self.pending.append(event)
                if self.flusher is None or self.flusher.done():
                    self.flusher = asyncio.create_task(self._flush_later())
            else:
                self._flush()
                ends = event.get("type") == "status" and event.get("status") in {
                    "ended",
                    "stopped",
                    "cancelled",
                }
                self.send_all(json.dumps(event, ensure_ascii=False), close=ends)

    async def _flush_later(self) -> None:
        await asyncio.sleep(settings.LIVESTREAM_COMMENT_BATCH_MS / 1000)
        self._flush()

    def _flush(self) -> None:
        if self.pending:
            items, self.pending = self.pending, []
            self.send_all(json.dumps({"type": "comments", "items": items}, ensure_ascii=False))

    def send_all(self, frame: str, *, close: bool = False) -> None:
        for viewer in list(self.viewers):
            viewer.deliver(frame, close=close)


class Hub:
    """Rooms by session id; a room opens with its first viewer and closes with its last."""

    def __init__(self) -> None:
        self.rooms: dict[str, Room] = {}
        self.lock = asyncio.Lock()

    async def join(self, session_id: str, viewer: Viewer) -> None:
        async with self.lock:
            room = self.rooms.get(session_id)
            if room is None:
                room = self.rooms[session_id] = Room(self, session_id)
                await room.open()
            room.viewers.add(viewer)

    async def leave(self, session_id: str, viewer: Viewer) -> None:
        async with self.lock:
            room = self.rooms.get(session_id)
            if room is None:
                return
            room.viewers.discard(viewer)
            if not room.viewers:
                del self.rooms[session_id]
                await room.close()


HUB = Hub()
