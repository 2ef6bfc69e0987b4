"""gunicorn settings for deployment; `gunicorn config.wsgi` reads this file from the project root.

Threaded workers (gthread): a checkout spends about a third of its time waiting on PostgreSQL,
and four threads per worker overlap those waits without the GIL contention more threads bring.
Measured with `bench/checkout.py` (20 clients, PostgreSQL, 2 cores), p95 of a checkout in
back-to-back runs: 2 workers × 4 threads 108–120 ms; × 2 threads 131–192 ms; × 8 threads
147–173 ms; 3 × 3 154–172 ms; 4 × 2 133–158 ms; 4 × 1 194 ms; 1 × 8 182–205 ms.
Each thread keeps its own database connection (CONN_MAX_AGE), so workers × threads must stay
under the database's connection limit.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 2)
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
# An idle keep-alive connection waits in the worker's poller, not in a thread.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE") or 5)
# A request stuck longer than this is a bug; the worker is replaced rather than left hanging.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 60)
