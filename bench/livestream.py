"""Livestream benchmark: many viewers on one session, comments at a steady rate, then the stop.

    .venv/bin/python bench/livestream.py --viewers 2000

Works on a fresh clone after `manage.py migrate`: the migrated SQLite database in var/ is copied
into a temporary folder (or a new one is migrated there), seeded with a verified shop, a live
session, commenters and an authority officer, and served by uvicorn on 127.0.0.1 (one process,
the in-memory channel layer, as on a laptop). Viewer WebSockets are spread over `--clients`
client processes. Commenters (signed-in WebSockets) send `--rate` comments a second for
`--seconds`; each comment carries its send time, so every viewer measures its delay. Then the
officer presses stop over HTTP and every viewer's stop frame is timed.

Targets (issue 22): the stop reaches every viewer with p95 under 2 s; comments p95 under 1 s.
The last line printed is one JSON object: viewers, comments_delivered_ratio, comment_p95_ms,
stop_delivered_ratio, stop_p95_ms (and the run's details).
"""

import argparse
import asyncio
import http.client
import json
import multiprocessing
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HISTOGRAM_MS = 60_000  # delays are counted in 1 ms buckets up to a minute


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {message}", file=sys.stderr, flush=True)


def _environment(var_dir: str) -> dict:
    env = dict(os.environ)
    env.update(
        DEBUG="1",
        PHOHANG_VAR_DIR=var_dir,
        DJANGO_SETTINGS_MODULE="config.settings.base",
        LOG_LEVEL="WARNING",
    )
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    return env


def _prepare_database(var_dir: str, env: dict) -> None:
    """Copy the migrated laptop database (or migrate a new one), then bring it up to date."""
    source = ROOT / "var" / "phohang.sqlite3"
    target = Path(var_dir) / "phohang.sqlite3"
    if source.exists():
        with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
            origin.backup(copy)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def _seed(commenters: int) -> dict:
    """A verified shop live now, commenters and an officer with signed-in session cookies."""
    import datetime

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from phohang.accounts.models import User
    from phohang.core.text import comparison_key
    from phohang.geo.models import Address, Province, Ward
    from phohang.livestream.models import LiveSession
    from phohang.sellers.models import Seller, SellerMember, SellerType

    tag = secrets.token_hex(4)
    province = Province.objects.get(code="01")
    ward = Ward.objects.filter(province=province).order_by("code").first()
    address = Address.objects.create(street="1 Hàng Bạc", ward=ward, province=province)
    seller = Seller.objects.create(
        name=f"Hợp tác xã Chè Bench {tag}",
        name_key=comparison_key(f"Hợp tác xã Chè Bench {tag}"),
        slug=f"htx-che-bench-{tag}",
        seller_type=SellerType.COOPERATIVE,
        address=address,
        province=province,
        is_verified=True,
    )
    owner = User.objects.create_user(email=f"owner-{tag}@bench.vn", full_name="Chủ shop bench")
    SellerMember.objects.create(seller=seller, user=owner, role=SellerMember.Role.OWNER)
    now = timezone.now()
    session = LiveSession.objects.create(
        seller=seller,
        host=owner,
        title="Phiên bán chè đo tải",
        scheduled_start=now,
        scheduled_end=now + datetime.timedelta(hours=3),
        player_url="https://www.youtube.com/embed/live_stream?channel=bench",
        status=LiveSession.Status.LIVE,
        started_at=now,
        business_conditions_confirmed=True,
        product_quality_confirmed=True,
        advertising=LiveSession.Advertising.NOT_REQUIRED,
        documents_confirmed_at=now,
    )

    def cookie(user, extra=None) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "phohang.accounts.backends.EmailOrPhoneBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.update(extra or {})
        store.create()
        return store.session_key

    viewers = [
        User.objects.create_user(email=f"viewer-{tag}-{n}@bench.vn", full_name=f"Người xem {n}")
        for n in range(commenters)
    ]
    officer = User.objects.create_user(
        email=f"officer-{tag}@bench.vn",
        full_name="Cán bộ bench",
        is_authority=True,
        is_city_authority=True,
    )
    device = TOTPDevice.objects.create(user=officer, name="bench", confirmed=True)
    return {
        "session": str(session.public_id),
        "commenter_cookies": [cookie(user) for user in viewers],
        "officer_cookie": cookie(
            officer, {DEVICE_ID_SESSION_KEY: device.persistent_id, "last_seen": int(time.time())}
        ),
    }


def _percentile_from_histogram(histogram, fraction: float) -> float | None:
    total = sum(histogram)
    if not total:
        return None
    wanted = fraction * total
    running = 0
    for millisecond, count in enumerate(histogram):
        running += count
        if running >= wanted:
            return float(millisecond)
    return float(len(histogram))


async def _viewers(port: int, session: str, count: int, ready, go_home: float) -> dict:
    import websockets

    url = f"ws://127.0.0.1:{port}/ws/live/{session}/"
    origin = f"http://127.0.0.1:{port}"
    histogram = [0] * (HISTOGRAM_MS + 1)
    stats = {"received": 0, "stops": [], "connected": 0, "failed": 0}

    async def one(index: int, connected: asyncio.Event) -> None:
        try:
            socket_ = await websockets.connect(
                url,
                origin=origin,
                open_timeout=60,
                max_queue=None,
                compression=None,
                # An overloaded machine shows up as delay, not as a client dropping itself.
                ping_interval=None,
            )
        except Exception:  # noqa: BLE001 - any failure to connect is counted
            stats["failed"] += 1
            connected.set()
            return
        stats["connected"] += 1
        connected.set()
        try:
            async for raw in socket_:
                now = time.time()
                frame = json.loads(raw)
                if frame["type"] == "comments":
                    for item in frame["items"]:
                        parts = item["body"].split("|")
                        if len(parts) == 3 and parts[0] == "b":
                            delay = int((now - float(parts[2])) * 1000)
                            histogram[min(max(delay, 0), HISTOGRAM_MS)] += 1
                            stats["received"] += 1
                elif frame["type"] == "status" and frame["status"] in {"stopped", "ended"}:
                    stats["stops"].append(now)
                    break
        except Exception:  # noqa: BLE001, S110 - a dropped connection just stops counting
            pass
        finally:
            await socket_.close()

    tasks = []
    for index in range(count):
        connected = asyncio.Event()
        tasks.append(asyncio.create_task(one(index, connected)))
        await connected.wait()
    ready.put(("connected", stats["connected"], stats["failed"]))
    remaining = max(go_home - time.time(), 1)
    await asyncio.wait(tasks, timeout=remaining)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return {
        "received": stats["received"],
        "stops": stats["stops"],
        "connected": stats["connected"],
        "histogram": histogram,
    }


def viewer_process(port, session, count, ready, results, go_home) -> None:
    results.put(asyncio.run(_viewers(port, session, count, ready, go_home)))


async def _comment(port: int, session: str, cookies: list[str], rate: int, seconds: int) -> dict:
    import websockets

    url = f"ws://127.0.0.1:{port}/ws/live/{session}/"
    origin = f"http://127.0.0.1:{port}"
    sockets = [
        await websockets.connect(
            url,
            origin=origin,
            additional_headers={"Cookie": f"sessionid={cookie}"},
            max_queue=None,
            compression=None,
            ping_interval=None,
        )
        for cookie in cookies
    ]
    errors = lost = 0
    acked: set[str] = set()

    async def drain(socket_) -> None:
        nonlocal errors
        try:
            async for raw in socket_:
                kind = json.loads(raw)
                if kind["type"] == "error":
                    errors += 1
                elif kind["type"] == "ack":
                    acked.add(kind["key"])
        except Exception:  # noqa: BLE001, S110 - closed at the end of the run
            pass

    drains = [asyncio.create_task(drain(socket_)) for socket_ in sockets]
    started, sent = time.time(), 0
    while time.time() - started < seconds:
        due = int((time.time() - started) * rate)
        while sent < due:
            socket_ = sockets[sent % len(sockets)]
            try:
                await socket_.send(
                    json.dumps(
                        {
                            "type": "comment",
                            "key": f"bench-{sent}",
                            "body": f"b|{sent}|{time.time()}",
                        }
                    )
                )
            except websockets.ConnectionClosed:
                lost += 1
            sent += 1
        await asyncio.sleep(0.005)
    # Every comment is answered (acknowledged once stored, or refused); wait for the answers.
    waited = time.time()
    while len(acked) + errors < sent - lost and time.time() - waited < 30:
        await asyncio.sleep(0.1)
    for socket_ in sockets:
        await socket_.close()
    for task in drains:
        task.cancel()
    return {"sent": sent, "refused": errors, "lost": lost, "acked": len(acked)}


def _warm_up(port: int, session: str, cookie: str) -> int:
    """The officer opens the stream page first, as a person would before pressing stop."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        "GET",
        f"/truc-tuyen/{session}/",
        headers={"Cookie": f"sessionid={cookie}", "Host": f"127.0.0.1:{port}"},
    )
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def _stop(port: int, session: str, cookie: str) -> tuple[float, int, float]:
    csrf = secrets.token_hex(16)
    body = f"csrfmiddlewaretoken={csrf}&reason=Bench+stop"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    pressed = time.time()
    connection.request(
        "POST",
        f"/truc-tuyen/{session}/dung/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={cookie}; csrftoken={csrf}",
            "Host": f"127.0.0.1:{port}",
        },
    )
    status = connection.getresponse().status
    answered = time.time()
    connection.close()
    return pressed, status, answered


def _stored_comments(session: str) -> tuple[int, int]:
    """Comments of the run stored, and how many distinct ones (a difference is a duplicate)."""
    from phohang.livestream.models import LiveComment

    rows = LiveComment.objects.filter(session__public_id=session, body__startswith="b|")
    return rows.count(), rows.values("body").distinct().count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--viewers", type=int, default=2000)
    parser.add_argument("--rate", type=int, default=50, help="comments per second")
    parser.add_argument("--seconds", type=int, default=60, help="how long comments are sent")
    parser.add_argument("--clients", type=int, default=2, help="viewer client processes")
    # 50 a second from 150 people: each comments every 3 s, above the 1 s minimum interval.
    parser.add_argument("--commenters", type=int, default=150)
    parser.add_argument(
        "--database-url", default="", help="run on this (migrated here) database, e.g. PostgreSQL"
    )
    parser.add_argument("--redis-url", default="", help="use the Redis channel layer")
    parser.add_argument("--ws", default="websockets-sansio", help="uvicorn's WebSocket protocol")
    options = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="phohang-live-bench-")
    env = _environment(var_dir)
    if options.database_url:
        env["DATABASE_URL"] = options.database_url
    if options.redis_url:
        env["REDIS_URL"] = options.redis_url
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    server = None
    try:
        _log("preparing the database")
        _prepare_database(var_dir, env)
        import django

        django.setup()
        from django.db import connections

        seeded = _seed(options.commenters)
        connections.close_all()
        port = _free_port()
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "uvicorn"),
                "config.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--ws",
                options.ws,
                "--no-access-log",
                "--log-level",
                "warning",
                "--lifespan",
                "off",
            ],
            cwd=ROOT,
            env=env,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.3)
        _log(f"uvicorn on port {port}; connecting {options.viewers} viewers")

        context = multiprocessing.get_context("spawn")
        ready, results = context.Queue(), context.Queue()
        # Each client stops by itself at this time, whatever happens to the run.
        go_home = time.time() + options.seconds + 300
        shares = [
            options.viewers // options.clients + (1 if n < options.viewers % options.clients else 0)
            for n in range(options.clients)
        ]
        clients = [
            context.Process(
                target=viewer_process,
                args=(port, seeded["session"], share, ready, results, go_home),
                daemon=True,
            )
            for share in shares
        ]
        connect_started = time.time()
        for client in clients:
            client.start()
        connected = failed = 0
        for _client in clients:
            _kind, ok, bad = ready.get(timeout=600)
            connected, failed = connected + ok, failed + bad
        connect_seconds = time.time() - connect_started
        _log(f"{connected} viewers connected in {connect_seconds:.1f} s ({failed} failed)")

        page_status = _warm_up(port, seeded["session"], seeded["officer_cookie"])
        _log(f"commenting {options.rate}/s for {options.seconds} s (stream page: {page_status})")
        commented = asyncio.run(
            _comment(
                port,
                seeded["session"],
                seeded["commenter_cookies"],
                options.rate,
                options.seconds,
            )
        )
        stored, distinct = _stored_comments(seeded["session"])
        _log(f"comments sent {commented['sent']}, stored {stored}; pressing stop")
        pressed, stop_status, answered = _stop(port, seeded["session"], seeded["officer_cookie"])

        histogram = [0] * (HISTOGRAM_MS + 1)
        received, stops = 0, []
        for _client in clients:
            result = results.get(timeout=options.seconds + 400)
            received += result["received"]
            stops.extend(result["stops"])
            histogram = [a + b for a, b in zip(histogram, result["histogram"], strict=True)]
        for client in clients:
            client.join(timeout=30)
        stop_delays = sorted((moment - pressed) * 1000 for moment in stops)
        figures = {
            "viewers": connected,
            "viewers_wanted": options.viewers,
            "comments_sent": commented["sent"],
            "comments_stored": stored,
            "comments_stored_twice": stored - distinct,
            "comments_acknowledged": commented["acked"],
            "comments_refused": commented["refused"],
            "comments_lost_on_closed_connections": commented["lost"],
            "comments_delivered_ratio": round(received / (connected * stored), 4)
            if connected and stored
            else 0.0,
            "comment_p50_ms": _percentile_from_histogram(histogram, 0.50),
            "comment_p95_ms": _percentile_from_histogram(histogram, 0.95),
            "comment_p99_ms": _percentile_from_histogram(histogram, 0.99),
            "stop_http_status": stop_status,
            "stop_http_ms": round((answered - pressed) * 1000, 1),
            "stop_delivered_ratio": round(len(stops) / connected, 4) if connected else 0.0,
            "stop_p95_ms": round(stop_delays[int(0.95 * (len(stop_delays) - 1))], 1)
            if stop_delays
            else None,
            "stop_max_ms": round(stop_delays[-1], 1) if stop_delays else None,
            "connect_seconds": round(connect_seconds, 1),
            "load_average": os.getloadavg(),
            "server": f"uvicorn --ws {options.ws}, 1 process",
            "database": "postgresql" if options.database_url else "sqlite",
            "channel_layer": "redis" if options.redis_url else "in-memory",
        }
        print(json.dumps(figures))
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
