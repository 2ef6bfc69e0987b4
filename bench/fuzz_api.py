"""FUZ-01 at full size: Schemathesis sends 20,000 requests to a running server, as every role.

    .venv/bin/python bench/fuzz_api.py [--requests 20000] [--port 8121]

Copies the migrated database (var/phohang.sqlite3, made by `make migrate`) to a temporary file,
creates one user per role with an API token (phohang/api/tests/fuzzing.py), starts gunicorn on
it and runs the same checks as the test suite over HTTP. The last line printed is one JSON object.
"""

import argparse
import json
import math
import os
import signal
import sys
import tempfile
from pathlib import Path

import django
import schemathesis

sys.path.insert(0, str(Path(__file__).resolve().parent / "durability"))

from crash import prepared_database, start_server  # noqa: E402

# The harness module imports the models of the roles it creates (in the server's database).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
os.environ.setdefault("DEBUG", "1")
django.setup()

from phohang.api.tests.fuzzing import ROLES, fuzz  # noqa: E402
from phohang.core import reliability  # noqa: E402

SEED = """
import json
from phohang.api.tests.fuzzing import actors
print(json.dumps({role: actor.headers for role, actor in actors().items()}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--port", type=int, default=8121)
    args = parser.parse_args()
    figures = {}
    with tempfile.TemporaryDirectory(prefix="phohang-fuzz-") as folder:
        _database, env, seeded = prepared_database(folder, args.port, SEED)
        headers = json.loads(seeded.strip().splitlines()[-1])
        server = start_server(env, args.port)
        try:
            base_url = f"http://127.0.0.1:{args.port}"
            schema = schemathesis.openapi.from_url(f"{base_url}/api/v1/openapi.json")
            for role in ROLES:
                figures[role] = fuzz(
                    schema,
                    headers=headers[role],
                    requests=math.ceil(args.requests / len(ROLES)),
                    base_url=base_url,
                )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()

    summary = {
        "requests": sum(f["requests"] for f in figures.values()),
        "operations": max(f["operations"] for f in figures.values()),
        "operations_covered_min": min(f["operations_covered"] for f in figures.values()),
        "failures": {role: f["failures"] for role, f in figures.items()},
        "failing_examples": {
            role: f["failing_examples"] for role, f in figures.items() if f["failing_examples"]
        },
    }
    reliability.record("FUZ-01-full", summary)
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
