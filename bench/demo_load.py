"""How long `make run`'s first start spends loading the demo data.

    .venv/bin/python bench/demo_load.py

Builds a throwaway SQLite database and media folder in a temp directory, migrates it, then runs
`manage.py load_demo` twice in a child process with the settings `make run` uses (DEBUG=1,
VNPay sandbox): the first run loads everything, the second must do nothing. Prints each step's
progress line, and last one JSON object: first_run_seconds, second_run_seconds, the rows loaded
(sellers, products, pictures, orders, reviews) and the machine's load average.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _manage(env: dict, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, done.stdout


def main() -> dict:
    tmp = tempfile.mkdtemp(prefix="phohang-bench-demo-")
    env = {
        **os.environ,
        "DEBUG": "1",
        "VNPAY_SANDBOX": "1",
        "DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3",
        "MEDIA_ROOT": f"{tmp}/media",
        "PHOHANG_VAR_DIR": tmp,
    }
    _manage(env, "migrate", "--noinput", "-v", "0")
    first, output = _manage(env, "load_demo")
    print(output.strip())
    second, again = _manage(env, "load_demo")
    count = (
        "from phohang.catalog.models import Product, ProductImage; "
        "from phohang.orders.models import Order, Review; "
        "from phohang.sellers.models import Seller; import json; "
        "print(json.dumps([Seller.objects.count(), Product.objects.count(), "
        "len(set(ProductImage.objects.values_list('image', flat=True))), "
        "Order.objects.count(), Review.objects.count()]))"
    )
    _seconds, counted = _manage(env, "shell", "-c", count)
    sellers, products, pictures, orders, reviews = json.loads(counted.strip().splitlines()[-1])
    return {
        "first_run_seconds": round(first, 1),
        "second_run_seconds": round(second, 1),
        "second_run_loaded_nothing": "already loaded" in again,
        "sellers": sellers,
        "products": products,
        "pictures": pictures,
        "orders": orders,
        "reviews": reviews,
        "load_average_1min": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
    }


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False))
