"""The viewer's live connection: receives comments, pins and status; sends the viewer's comments."""

import asyncio
import json
import re
import uuid

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.utils import timezone
from django.utils.translation import gettext

from phohang.core.errors import DomainError

from . import comments, selectors
from .hub import HUB, Room

# A viewer this many frames behind is too slow to follow; closing lets it reconnect afresh.
OUTBOX_LIMIT = 200
CLOSE_OVER = 4000
CLOSE_TOO_SLOW = 4008
# The page's own key for a comment (sent again with it after a reconnect).
KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")


class LiveConsumer(AsyncWebsocketConsumer):
    async def connect(self) -> None:
        self.session_id = str(self.scope["url_route"]["kwargs"]["public_id"])
        self.outbox: asyncio.Queue[tuple[str, bool]] = asyncio.Queue(OUTBOX_LIMIT)
        self.writer: asyncio.Task[None] | None = None
        self.room: Room | None = None
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
        self.room = await HUB.join(self.session_id, self)
        # A stop committed between the read above and the join would otherwise be missed.
        status = await database_sync_to_async(selectors.session_status)(self.session_id)
        if status not in {"scheduled", "live"}:
            self.deliver(json.dumps({"type": "status", "status": status}), close=True)

    def deliver(self, frame: str, *, close: bool = False) -> None:
        if close:
            # The session is over: frames still queued for this viewer (comments) are dropped so
            # the end reaches them at once rather than after a backlog.
            while not self.outbox.empty():
                self.outbox.get_nowait()
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

    async def disconnect(self, code: int) -> None:
        if self.room is not None:
            await HUB.leave(self.session_id, self)
        if self.writer is not None and self.writer is not asyncio.current_task():
            self.writer.cancel()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        user = self.scope.get("user")
        try:
            message = json.loads(text_data or "{}")
        except ValueError:
            return
        if not isinstance(message, dict) or message.get("type") != "comment":
            return
        key = message.get("key")
        key = key if isinstance(key, str) and KEY.fullmatch(key) else uuid.uuid4().hex
        if user is None or not user.is_authenticated:
            self._refuse(gettext("Sign in to comment."), key)
            return
        if self.room is None:
            self._refuse(gettext("Comments are open only while the session is live."), key)
            return
        try:
            body = comments.comment_clean(str(message.get("body", ""))[:2000])
        except DomainError as error:
            self._refuse(str(error.message), key)
            return
        # Stored by the room's writer with the others of its batch; acknowledged after commit.
        self.room.submit(
            comments.CommentIn(
                key=key,
                author_id=user.pk,
                author_name=comments.comment_author_name(user),
                body=body,
                at=timezone.now(),
            ),
            self,
        )

    def _refuse(self, text: str, key: str) -> None:
        self.deliver(json.dumps({"type": "error", "key": key, "message": text}, ensure_ascii=False))
