"""Checkout benchmark (STK-01 and throughput) against a real gunicorn server on PostgreSQL.

    .venv/bin/python bench/checkout.py --clients 20 --attempts 2000 --stock 50

Creates a throwaway database next to the one in DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/test), migrates it, seeds sellers, buyers and variants,
starts gunicorn and runs two phases from separate client processes over HTTP:

1. race: `--attempts` single-unit checkouts (half buy-now, half cart) for one variant holding
   `--stock` units; every winner pays through a signed VNPay IPN;
2. throughput: `--throughput` checkouts of varied carts (1–4 lines from 3 sellers, COD).

Each client process keeps one HTTP/1.1 keep-alive connection (http.client), so the load generator
stays light. gunicorn runs with the deployment's settings (`gunicorn.conf.py`: gthread workers,
persistent database connections); `--workers` and `--threads` override them. Besides latency
and throughput, phase 2 reports the CPU the web workers and PostgreSQL spent per checkout, which
stays meaningful when other work shares the machine.

The last line printed is one JSON object with the figures.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import random
import runpy
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_urls(base_url: str) -> tuple[str, str, str]:
    parts = urlsplit(base_url)
    name = f"phohang_bench_{os.getpid()}"
    admin = parts._replace(path="/postgres").geturl()
    return admin, parts._replace(path=f"/{name}").geturl(), name


def _admin_sql(admin_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(sql)


_connections: dict[str, http.client.HTTPConnection] = {}


def _request(base: str, method: str, path: str, token: str, body=None, headers=None):
    """One request over this process's keep-alive connection (reconnects once if it dropped)."""
    data = json.dumps(body).encode() if body is not None else None
    all_headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    all_headers.update(headers or {})
    for attempt in range(2):
        connection = _connections.get(base)
        if connection is None:
            parts = urlsplit(base)
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
            _connections[base] = connection
        try:
            connection.request(method, path, body=data, headers=all_headers)
            response = connection.getresponse()
            return response.status, response.read()
        except (http.client.HTTPException, OSError):
            connection.close()
            _connections.pop(base, None)
            if attempt:
                raise
    raise AssertionError("unreachable")


CHECKOUT_BODY = {
    "recipient_name": "Khách Thử",
    "recipient_phone": "0912345678",
    "street": "1 phố Hàng Bạc",
}


def _pay_by_ipn(base: str, token: str, checkout_id: str, secret: str) -> str:
    status, body = _request(
        base,
        "POST",
        f"/api/v1/payments/checkouts/{checkout_id}/pay",
        token,
        {"method": "vnpay"},
        {"Idempotency-Key": uuid.uuid4().hex},
    )
    if status != 200:
        return f"pay-{status}"
    sys.path.insert(0, str(ROOT))
    from phohang.payments import vnpay

    request_params = dict(parse_qsl(urlsplit(json.loads(body)["redirect_url"]).query))
    creds = vnpay.Credentials(request_params["vnp_TmnCode"], secret, "")
    callback = vnpay.callback_params(
        creds=creds,
        request_params=request_params,
        approved=True,
        transaction_no=uuid.uuid4().hex[:8],
        now=__import__("datetime").datetime.now(__import__("datetime").UTC),
    )
    status, body = _request(base, "GET", f"/payments/vnpay/ipn/?{urlencode(callback)}", token)
    return json.loads(body)["RspCode"] if status == 200 else f"ipn-{status}"


def race_client(args) -> dict:
    base, token, ward_code, variant_id, attempts, secret, seed = args
    rng = random.Random(seed)
    result = {"won": 0, "lost": 0, "errors_5xx": 0, "other": 0, "latencies": [], "ipn": {}}
    for _ in range(attempts):
        body = {**CHECKOUT_BODY, "ward_code": ward_code, "payment_method": "vnpay"}
        if rng.random() < 0.5:
            body["items"] = [{"variant_id": variant_id, "quantity": 1}]
        else:
            _request(
                base,
                "POST",
                "/api/v1/orders/cart/lines",
                token,
                {"variant_id": variant_id, "quantity": 1},
            )
        started = time.perf_counter()
        status, response = _request(
            base,
            "POST",
            "/api/v1/orders/checkout",
            token,
            body,
            {"Idempotency-Key": uuid.uuid4().hex},
        )
        result["latencies"].append((time.perf_counter() - started) * 1000)
        if status == 201:
            result["won"] += 1
            code = _pay_by_ipn(base, token, json.loads(response)["id"], secret)
            result["ipn"][code] = result["ipn"].get(code, 0) + 1
        elif status in (409, 422):
            result["lost"] += 1
        elif status >= 500:
            result["errors_5xx"] += 1
        else:
            result["other"] += 1
    return result


def throughput_client(args) -> dict:
    base, token, ward_code, variant_ids, count, seed = args
    rng = random.Random(seed)
    result = {"orders": 0, "checkouts": 0, "errors_5xx": 0, "failed": 0, "latencies": []}
    cpu_started = time.process_time()
    for _ in range(count):
        lines = rng.sample(variant_ids, rng.randint(1, 4))
        body = {
            **CHECKOUT_BODY,
            "ward_code": ward_code,
            "payment_method": "cod",
            "items": [{"variant_id": v, "quantity": rng.randint(1, 3)} for v in lines],
        }
        started = time.perf_counter()
        status, response = _request(
            base,
            "POST",
            "/api/v1/orders/checkout",
            token,
            body,
            {"Idempotency-Key": uuid.uuid4().hex},
        )
        result["latencies"].append((time.perf_counter() - started) * 1000)
        if status == 201:
            result["checkouts"] += 1
            result["orders"] += len(json.loads(response)["orders"])
        elif status >= 500:
            result["errors_5xx"] += 1
        else:
            result["failed"] += 1
    result["cpu_seconds"] = time.process_time() - cpu_started
    return result


def _cpu_seconds(pids) -> dict[int, float]:
    """User + system CPU seconds of each live process (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return seconds


def _server_pids(server_pid: int, admin_url: str, database: str) -> tuple[list[int], list[int]]:
    """gunicorn's workers and the PostgreSQL backends serving the bench database."""
    import psycopg

    children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        backends = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", (database,)
        ).fetchall()
    return [int(pid) for pid in children], [pid for (pid,) in backends]


def _cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def _seed(clients: int, stock: int, catalogue: int) -> dict:
    import django

    django.setup()
    from phohang.accounts.models import User
    from phohang.accounts.services import api_token_create
    from phohang.catalog.models import Category, Product, ProductVariant
    from phohang.core.text import comparison_key
    from phohang.geo.models import Address, Ward
    from phohang.sellers.models import Seller

    category = Category.objects.create(name_vi="Chè", name_en="Tea", slug="bench-che")
    sellers = []
    for index, code in enumerate(["01", "79", "48"]):
        ward = Ward.objects.filter(province_id=code).order_by("code").first()
        address = Address.objects.create(street=f"{index} Bench", ward=ward, province=ward.province)
        name = f"Bench Seller {index}"
        sellers.append(
            Seller.objects.create(
                slug=f"bench-{index}",
                name=name,
                name_key=comparison_key(name),
                seller_type="cooperative",
                address=address,
                province=ward.province,
            )
        )

    def variant(seller, sku, on_hand, price):
        product = Product.objects.create(
            seller=seller,
            title=f"Sản phẩm {sku}",
            slug=sku.lower(),
            category=category,
            origin_province=seller.province,
            status=Product.Status.PUBLISHED,
        )
        return ProductVariant.objects.create(
            product=product,
            seller=seller,
            name="1 kg",
            sku=sku,
            price_vnd=price,
            weight_grams=1000,
            stock_on_hand=on_hand,
        )

    race = variant(sellers[0], "RACE-1", stock, 150_000)
    many = [
        variant(sellers[i % 3], f"BULK-{i}", 1_000_000, 20_000 + 1_000 * i).pk
        for i in range(catalogue)
    ]
    tokens = []
    for index in range(clients):
        user = User.objects.create_user(
            f"bench{index}@example.vn", None, full_name=f"Bench {index}"
        )
        tokens.append(api_token_create(user=user, name="bench")[1])
    ward = Ward.objects.filter(province_id="01").order_by("code").last()
    return {"race": race.pk, "bulk": many, "tokens": tokens, "ward": ward.code}


def _measure(race_variant_id: int) -> dict:
    from django.db.models import F, Sum

    from phohang.catalog.models import ProductVariant, StockMovement
    from phohang.orders.models import Order, OrderLine

    variant = ProductVariant.objects.get(pk=race_variant_id)
    paid_lines = OrderLine.objects.filter(
        variant_id=race_variant_id, order__status=Order.Status.PAID
    )
    paid_orders = Order.objects.filter(status=Order.Status.PAID)
    without_units = sum(
        1
        for number in paid_orders.values_list("number", flat=True)
        if not StockMovement.objects.filter(reference=number, reason="reserved").exists()
    )
    return {
        "units_sold": paid_lines.aggregate(total=Sum("quantity"))["total"] or 0,
        "race_orders_paid": paid_orders.filter(lines__variant_id=race_variant_id).count(),
        "stock_left": variant.stock_on_hand - variant.stock_reserved,
        "negative_stock": ProductVariant.objects.filter(
            stock_reserved__gt=F("stock_on_hand")
        ).count(),
        "paid_orders_without_units": without_units,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--attempts", type=int, default=2000)
    parser.add_argument("--stock", type=int, default=50)
    parser.add_argument(
        "--catalogue",
        type=int,
        default=12,
        help="variants the throughput carts draw from (fewer = hotter rows)",
    )
    parser.add_argument("--throughput", type=int, default=600, help="checkouts in phase 2")
    parser.add_argument(
        "--workers", type=int, help="gunicorn worker processes (default: gunicorn.conf.py's)"
    )
    parser.add_argument(
        "--threads", type=int, help="threads per gunicorn worker (default: gunicorn.conf.py's)"
    )
    parser.add_argument(
        "--task-worker",
        action="store_true",
        help="run `manage.py db_worker` beside gunicorn, as production does, so the projections"
        " (insights rollups, notifications) compete for the same cores during the load",
    )
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database")
    options = parser.parse_args()
    # The deployment's own gunicorn settings, unless overridden here.
    deployed = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    options.workers = options.workers or deployed["workers"]
    options.threads = options.threads or deployed["threads"]

    admin_url, bench_url, name = _database_urls(os.environ.get("DATABASE_URL") or DEFAULT_URL)
    _admin_sql(admin_url, f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": bench_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "FIELD_ENCRYPTION_KEY": "bench-" + uuid.uuid4().hex,
        # Production mode has no sandbox: a merchant account of its own, whose IPNs the
        # clients sign with this secret (the redirect to VNPay itself is never followed).
        "VNPAY_TMN_CODE": "BENCH001",
        "VNPAY_HASH_SECRET": "bench-" + uuid.uuid4().hex,
        "VNPAY_URL": "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html",
        "VNPAY_API_URL": "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction",
        "ALLOWED_HOSTS": "127.0.0.1",
        "MFA_REQUIRED_FOR_STAFF": "0",
        "HTTPS": "0",
        # Projections (insights) run in the task worker, as in production, not in the request.
        "TASKS_BACKEND": os.environ.get("TASKS_BACKEND", "database"),
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    server = worker = None
    try:
        print("migrating…", flush=True)
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
        )
        seed = _seed(options.clients, options.stock, options.catalogue)
        from django.conf import settings
        from django.db import connections

        secret = settings.VNPAY_HASH_SECRET
        connections.close_all()
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "config.wsgi",
                "-c",
                str(ROOT / "gunicorn.conf.py"),
                "-w",
                str(options.workers),
                "--threads",
                str(options.threads),
                "--keep-alive",
                "30",
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        if options.task_worker:
            worker = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/api/v1/health", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        print("phase 1: oversell race…", flush=True)
        per_client = [options.attempts // options.clients] * options.clients
        for index in range(options.attempts % options.clients):
            per_client[index] += 1
        jobs = [
            (base, seed["tokens"][i], seed["ward"], seed["race"], per_client[i], secret, i)
            for i in range(options.clients)
        ]
        with multiprocessing.get_context("spawn").Pool(options.clients) as pool:
            race = pool.map(race_client, jobs)
        print("phase 2: throughput…", flush=True)
        per_client = max(1, options.throughput // options.clients)
        jobs = [
            (base, seed["tokens"][i], seed["ward"], seed["bulk"], per_client, 1000 + i)
            for i in range(options.clients)
        ]
        context = multiprocessing.get_context("spawn")
        with context.Pool(options.clients) as pool:
            pool.map(time.sleep, [0.2] * options.clients)  # start the clients before the clock
            web_pids, db_pids = _server_pids(server.pid, admin_url, name)
            web_before, db_before = _cpu_seconds(web_pids), _cpu_seconds(db_pids)
            started = time.perf_counter()
            bulk = pool.map(throughput_client, jobs)
            elapsed = time.perf_counter() - started
            web_pids, db_pids = _server_pids(server.pid, admin_url, name)
            web_cpu = _cpu_used(web_before, _cpu_seconds(web_pids))
            db_cpu = _cpu_used(db_before, _cpu_seconds(db_pids))

        connections.close_all()
        figures = _measure(seed["race"])
        from django_tasks_db.models import DBTaskResult

        tasks_waiting = DBTaskResult.objects.filter(status="READY").count()
        race_latencies = [v for r in race for v in r["latencies"]]
        bulk_latencies = [v for r in bulk for v in r["latencies"]]
        ipn: dict[str, int] = {}
        for r in race:
            for code, count in r["ipn"].items():
                ipn[code] = ipn.get(code, 0) + count
        result = {
            **figures,
            "race_attempts": options.attempts,
            "race_won": sum(r["won"] for r in race),
            "race_lost_409": sum(r["lost"] for r in race),
            "race_5xx": sum(r["errors_5xx"] for r in race),
            "race_ipn_codes": ipn,
            "race_p95_ms": round(_percentile(race_latencies, 0.95), 1),
            "checkouts": sum(r["checkouts"] for r in bulk),
            "orders_created": sum(r["orders"] for r in bulk),
            "throughput_5xx": sum(r["errors_5xx"] for r in bulk),
            "orders_per_s": round(sum(r["orders"] for r in bulk) / elapsed, 1),
            "checkouts_per_s": round(sum(r["checkouts"] for r in bulk) / elapsed, 1),
            "p50_ms": round(statistics.median(bulk_latencies), 1) if bulk_latencies else 0,
            "p95_ms": round(_percentile(bulk_latencies, 0.95), 1),
            # CPU spent per checkout in phase 2 by the web workers and by PostgreSQL.
            "web_cpu_ms_per_checkout": round(1000 * web_cpu / max(1, len(bulk_latencies)), 1),
            "db_cpu_ms_per_checkout": round(1000 * db_cpu / max(1, len(bulk_latencies)), 1),
            # The load generator's own share of the same two cores.
            "client_cpu_ms_per_checkout": round(
                1000 * sum(r["cpu_seconds"] for r in bulk) / max(1, len(bulk_latencies)), 1
            ),
            "load_average_1m": round(os.getloadavg()[0], 2),
            "clients": options.clients,
            "gunicorn_workers": options.workers,
            "gunicorn_threads": options.threads,
            "task_worker": options.task_worker,
            # Projections queued by the load and not yet run when the load ended.
            "tasks_waiting": tasks_waiting,
        }
    finally:
        for process in (server, worker):
            if process is not None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    # A loaded machine can keep gunicorn draining past the wait: the figures are
                    # taken, so stop it for good rather than lose them and the throwaway database.
                    process.kill()
                    process.wait()
        if not options.keep:
            from django.db import connections

            connections.close_all()
            _admin_sql(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(json.dumps(result))


if __name__ == "__main__":
    main()
