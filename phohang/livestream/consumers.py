"""The viewer's live connection: receives comments, pins and status; sends the viewer's comments."""

import asyncio
import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.utils.translation import gettext

from phohang.core.errors import DomainError

from . import selectors, services
from .hub import HUB

# A viewer this many frames behind is too slow to follow; closing lets it reconnect afresh.
OUTBOX_LIMIT = 200
CLOSE_OVER = 4000
CLOSE_TOO_SLOW = 4008


class LiveConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        self.session_id = str(self.scope["url_route"]["kwargs"]["public_id"])
        self.outbox: asyncio.Queue[tuple[str, bool]] = asyncio.Queue(OUTBOX_LIMIT)
        self.writer: asyncio.Task | None = None
        self.joined = False
        status = await database_sync_to_async(selectors.session_status)(self.session_id)
        if status is None:
            await self.close()
            return
        await self.accept()
        if status not in {"scheduled", "live"}:
            await self.send(text_data=json.dumps({"type": "status", "status": status}))
            await self.close(CLOSE_OVER)
            return
        self.writer = asyncio.create_task(self._write())
        await HUB.join(self.session_id, self)
        self.joined = True
        # A stop committed between the read above and the join would otherwise be missed.
        status = await database_sync_to_async(selectors.session_status)(self.session_id)
        if status not in {"scheduled", "live"}:
            self.deliver(json.dumps({"type": "status", "status": status}), close=True)

    def deliver(self, frame: str, *, close: bool = False) -> None:
        try:
            self.outbox.put_nowait((frame, close))
        except asyncio.QueueFull:
            self.outbox = asyncio.Queue(1)
            self.outbox.put_nowait(("", True))

    async def _write(self) -> None:
        while True:
            frame, close = await self.outbox.get()
            if frame:
                await self.send(text_data=frame)
            if close:
                await self.close(CLOSE_OVER if frame else CLOSE_TOO_SLOW)
                return

    async def disconnect(self, code) -> None:
        if self.joined:
            await HUB.leave(self.session_id, self)
        if self.writer is not None and self.writer is not asyncio.current_task():
            self.writer.cancel()

    async def receive(self, text_data=None, bytes_data=None) -> None:
        user = self.scope.get("user")
        try:
            message = json.loads(text_data or "{}")
        except ValueError:
            return
        if not isinstance(message, dict) or message.get("type") != "comment":
            return
        if user is None or not user.is_authenticated:
            await self._refuse(gettext("Sign in to comment."))
            return
        try:
            await database_sync_to_async(services.comment_post_to)(
                session_public_id=self.session_id,
                author=user,
                body=str(message.get("body", ""))[:2000],
            )
        except DomainError as error:
            await self._refuse(str(error.message))

    async def _refuse(self, text: str) -> None:
        self.deliver(json.dumps({"type": "error", "message": text}, ensure_ascii=False))
