"""DUR-01: kill -9 the app server 20 times during a write loop of orders on SQLite.

    .venv/bin/python bench/durability/crash.py [--orders 1000] [--kills 20] [--port 8120]

Copies the migrated database (var/phohang.sqlite3, made by `make migrate`) to a temporary file,
adds a seller, a variant and a buyer with an API token, and starts gunicorn (the deployment's
gunicorn.conf.py) on it. One client checks out single-unit orders over HTTP; at random moments
the whole server process group gets SIGKILL. After each kill the database file must pass
PRAGMA integrity_check, and every order the server acknowledged (201) must be in the database.
The server is restarted and the loop goes on. The last line printed is one JSON object.
"""

import argparse
import http.client
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from phohang.core import reliability

ROOT = Path(__file__).resolve().parents[2]
SEED = """
from phohang.accounts.services import api_token_create
from phohang.orders.tests.factories import UserFactory, VariantFactory
variant = VariantFactory(stock_on_hand=1_000_000, price_vnd=50_000)
buyer = UserFactory()
print(variant.pk, api_token_create(user=buyer, name="DUR-01")[1])
"""


def environment(database: Path, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{database}",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "PHOHANG_VAR_DIR": str(database.parent),
    }


def prepared_database(folder: str, port: int, seed: str) -> tuple[Path, dict[str, str], str]:
    """A copy of the migrated var/ database in `folder`, seeded by `seed` (run by manage.py
    shell); returns its path, the server's environment and what the seed printed."""
    source = ROOT / "var" / "phohang.sqlite3"
    if not source.exists():
        raise SystemExit("run `make migrate` first (var/phohang.sqlite3)")
    database = Path(folder) / "phohang.sqlite3"
    with sqlite3.connect(source) as live, sqlite3.connect(database) as copy:
        live.backup(copy)
    env = environment(database, port)
    seeded = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", seed],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return database, env, seeded.stdout


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def checkout(port: int, token: str, variant_id: int, ward_code: str) -> tuple[int, dict]:
    body = json.dumps(
        {
            "recipient_name": "Lê Thị Hoa",
            "recipient_phone": "0912345678",
            "street": "12 phố Hàng Bạc",
            "ward_code": ward_code,
            "payment_method": "cod",
            "items": [{"variant_id": variant_id, "quantity": 1}],
        }
    )
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        "POST",
        "/api/v1/orders/checkout",
        body=body,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": uuid.uuid4().hex,
        },
    )
    response = connection.getresponse()
    payload = response.read()
    return response.status, json.loads(payload) if payload.startswith(b"{") else {}


def order_numbers(body) -> set[str]:
    if isinstance(body, dict):
        found = {body["number"]} if isinstance(body.get("number"), str) else set()
        return found.union(*(order_numbers(value) for value in body.values()))
    if isinstance(body, list):
        return set().union(*(order_numbers(value) for value in body))
    return set()


def kill(pid: int, killed: threading.Event) -> None:
    os.killpg(pid, signal.SIGKILL)
    killed.set()


def stored_numbers(database: Path) -> set[str]:
    with sqlite3.connect(database) as db:
        return {row[0] for row in db.execute("SELECT number FROM orders_order")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--port", type=int, default=8120)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="phohang-crash-") as folder:
        database, env, seeded = prepared_database(folder, args.port, SEED)
        variant_id, token = seeded.split()[-2:]
        with sqlite3.connect(database) as db:
            ward_code = db.execute("SELECT code FROM geo_ward ORDER BY code LIMIT 1").fetchone()[0]

        acknowledged, statuses, integrity = set(), {}, []
        kill_points = sorted(random.sample(range(1, args.orders), args.kills))
        server = start_server(env, args.port)
        killed = threading.Event()
        for number in range(args.orders):
            if kill_points and number >= kill_points[0]:
                kill_points.pop(0)
                # Kill mid-request: a random moment while the next checkout is in flight.
                delay = random.uniform(0.0, 0.15)
                killer = threading.Timer(delay, kill, args=(server.pid, killed))
                killer.start()
            try:
                status, body = checkout(args.port, token, int(variant_id), ward_code)
            except (OSError, http.client.HTTPException):
                status, body = "connection_lost", {}
            statuses[status] = statuses.get(status, 0) + 1
            if status == 201:
                acknowledged |= order_numbers(body)
            if killed.is_set():
                server.wait()
                with sqlite3.connect(database) as db:
                    integrity.append(db.execute("PRAGMA integrity_check").fetchone()[0])
                killed.clear()
                server = start_server(env, args.port)
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
        lost = acknowledged - stored_numbers(database)

    figures = {
        "orders_attempted": args.orders,
        "kills": len(integrity),
        "integrity_ok": sum(result == "ok" for result in integrity),
        "acknowledged_orders": len(acknowledged),
        "acknowledged_but_lost": len(lost),
        "statuses": {str(key): value for key, value in sorted(statuses.items(), key=str)},
    }
    reliability.record("DUR-01", figures)
    print(json.dumps(figures))
    if lost or figures["integrity_ok"] != figures["kills"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
