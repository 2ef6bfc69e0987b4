"""The live connection end to end through the ASGI application and the in-memory channel layer."""

import asyncio
import json

import pytest
from asgiref.testing import ApplicationCommunicator
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError

from phohang.accounts.tests.factories import AuthorityFactory, UserFactory
from phohang.core.audit import AuditContext
from phohang.livestream import comments, services
from phohang.livestream.consumers import OUTBOX_LIMIT, LiveConsumer
from phohang.livestream.routing import websocket_urlpatterns

from .factories import LiveSessionFactory, live_session

pytestmark = pytest.mark.django_db(transaction=True)
APP = URLRouter(websocket_urlpatterns)


class WebsocketCommunicator(ApplicationCommunicator):
    """A WebSocket client speaking ASGI to the application (channels' own needs daphne)."""

    def __init__(self, path: str, user) -> None:
        scope = {"type": "websocket", "path": path, "headers": [], "subprotocols": [], "user": user}
        super().__init__(APP, scope)

    async def connect(self):
        await self.send_input({"type": "websocket.connect"})
        response = await self.receive_output(5)
        return response["type"] == "websocket.accept", response

    async def send_to(self, text_data: str) -> None:
        await self.send_input({"type": "websocket.receive", "text": text_data})

    async def receive_from(self, timeout: float = 5) -> str:
        response = await self.receive_output(timeout)
        assert response["type"] == "websocket.send", response
        return response["text"]

    async def disconnect(self) -> None:
        await self.send_input({"type": "websocket.disconnect", "code": 1000})
        await self.wait(1)


def viewer(session, user=None) -> WebsocketCommunicator:
    return WebsocketCommunicator(f"/ws/live/{session.public_id}/", user or AnonymousUser())


async def frames_until(communicator, kind: str) -> list[dict]:
    seen = []
    while True:
        frame = json.loads(await communicator.receive_from(timeout=5))
        seen.append(frame)
        if frame["type"] == kind:
            return seen


def test_a_comment_reaches_every_viewer_and_a_stop_ends_the_session_for_all(settings):
    settings.LIVESTREAM_COMMENT_BATCH_MS = 50
    session = live_session()
    commenter, officer = UserFactory(full_name="Lê Thị Xem"), AuthorityFactory()

    async def scenario():
        first, second = viewer(session, commenter), viewer(session)
        assert (await first.connect())[0] and (await second.connect())[0]
        await first.send_to(text_data=json.dumps({"type": "comment", "body": "Còn size M không?"}))
        got = [await frames_until(v, "comments") for v in (first, second)]
        await database_sync_to_async(services.session_stop)(
            session=session, user=officer, reason="Vi phạm", context=AuditContext(officer)
        )
        stops = [await frames_until(v, "status") for v in (first, second)]
        closed = [await v.receive_output(timeout=5) for v in (first, second)]
        return got, stops, closed

    got, stops, closed = asyncio.run(scenario())

    for frames in got:
        assert [(item["author"], item["body"]) for item in frames[-1]["items"]] == [
            ("Lê Thị Xem", "Còn size M không?")
        ]
    assert [frames[-1]["status"] for frames in stops] == ["stopped", "stopped"]
    assert [message["type"] for message in closed] == ["websocket.close", "websocket.close"]


def test_an_anonymous_viewer_cannot_comment():
    session = live_session()

    async def scenario():
        communicator = viewer(session)
        await communicator.connect()
        await communicator.send_to(text_data=json.dumps({"type": "comment", "body": "Alo"}))
        frame = json.loads(await communicator.receive_from(timeout=5))
        await communicator.disconnect()
        return frame

    frame = asyncio.run(scenario())

    assert frame["type"] == "error"
    assert session.comments.count() == 0


def test_a_viewer_joining_an_ended_session_is_told_at_once():
    session = LiveSessionFactory(status="ended")

    async def scenario():
        communicator = viewer(session)
        await communicator.connect()
        frame = json.loads(await communicator.receive_from(timeout=5))
        closed = await communicator.receive_output(timeout=5)
        return frame, closed

    frame, closed = asyncio.run(scenario())

    assert frame == {"type": "status", "status": "ended"}
    assert closed["type"] == "websocket.close"


def comment(body: str, key: str) -> str:
    return json.dumps({"type": "comment", "key": key, "body": body})


async def frames_until_ack(communicator, key: str) -> list[dict]:
    seen = []
    while True:
        frame = json.loads(await communicator.receive_from(timeout=5))
        seen.append(frame)
        if frame["type"] in {"ack", "error"} and frame.get("key") == key:
            return seen


def test_an_accepted_comment_is_stored_once_even_when_sent_again_after_a_reconnect(settings):
    settings.LIVESTREAM_COMMENT_BATCH_MS = 20
    session = live_session()
    commenter = UserFactory(full_name="Trần Văn Hỏi")

    async def scenario():
        first = viewer(session, commenter)
        await first.connect()
        await first.send_to(comment("Giá sỉ bao nhiêu?", "key-00000001"))
        acked = await frames_until_ack(first, "key-00000001")
        await first.disconnect()
        # The page did not see the acknowledgement and sends the comment again.
        again = viewer(session, commenter)
        await again.connect()
        await again.send_to(comment("Giá sỉ bao nhiêu?", "key-00000001"))
        acked_again = await frames_until_ack(again, "key-00000001")
        await again.disconnect()
        return acked, acked_again

    acked, acked_again = asyncio.run(scenario())

    assert acked[-1] == {"type": "ack", "key": "key-00000001"}
    assert acked_again[-1] == {"type": "ack", "key": "key-00000001"}
    assert list(session.comments.values_list("body", "client_key")) == [
        ("Giá sỉ bao nhiêu?", "key-00000001")
    ]


def test_a_failed_write_is_retried_so_an_accepted_comment_is_never_lost(settings, monkeypatch):
    settings.LIVESTREAM_COMMENT_BATCH_MS = 20
    session = live_session()
    commenter = UserFactory(full_name="Phạm Thị Mua")
    real_store, calls = comments.comments_store, []

    def flaky_store(**kwargs):
        calls.append(len(kwargs["items"]))
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return real_store(**kwargs)

    monkeypatch.setattr(comments, "comments_store", flaky_store)

    async def scenario():
        first, second = viewer(session, commenter), viewer(session)
        await first.connect()
        await second.connect()
        await first.send_to(comment("Ship Hà Giang không?", "key-00000002"))
        acked = await frames_until_ack(first, "key-00000002")
        seen = await frames_until(second, "comments")
        await first.disconnect()
        await second.disconnect()
        return acked, seen

    acked, seen = asyncio.run(scenario())

    assert calls == [1, 1]
    assert acked[-1] == {"type": "ack", "key": "key-00000002"}
    assert [item["body"] for item in seen[-1]["items"]] == ["Ship Hà Giang không?"]
    assert session.comments.count() == 1


def test_comments_sent_just_before_the_last_viewer_leaves_are_still_stored(settings):
    settings.LIVESTREAM_COMMENT_BATCH_MS = 20
    session = live_session()
    people = [UserFactory() for _ in range(3)]

    async def scenario():
        sockets = [viewer(session, person) for person in people]
        for number, socket in enumerate(sockets):
            await socket.connect()
            await socket.send_to(comment(f"Bình luận {number}", f"key-1000000{number}"))
        for socket in sockets:
            await socket.disconnect()

    asyncio.run(scenario())

    assert sorted(session.comments.values_list("body", flat=True)) == [
        "Bình luận 0",
        "Bình luận 1",
        "Bình luận 2",
    ]


def test_a_comment_too_long_is_refused_at_once_with_its_key():
    session = live_session()
    person = UserFactory()

    async def scenario():
        communicator = viewer(session, person)
        await communicator.connect()
        await communicator.send_to(comment("x" * 301, "key-00000003"))
        frame = json.loads(await communicator.receive_from(timeout=5))
        await communicator.disconnect()
        return frame

    frame = asyncio.run(scenario())

    assert frame["type"] == "error" and frame["key"] == "key-00000003"
    assert session.comments.count() == 0


def test_the_end_of_a_session_overtakes_the_frames_still_queued_for_a_viewer():
    consumer = LiveConsumer()
    consumer.outbox = asyncio.Queue(OUTBOX_LIMIT)
    for number in range(50):
        consumer.deliver(f'{{"type": "comments", "n": {number}}}')

    consumer.deliver('{"type": "status", "status": "stopped"}', close=True)

    assert consumer.outbox.qsize() == 1
    assert consumer.outbox.get_nowait() == ('{"type": "status", "status": "stopped"}', True)
