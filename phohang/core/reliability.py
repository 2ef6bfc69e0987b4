"""Reliability figures: every test and bench run adds its figures to one JSON file per run.

RELIABILITY.md asks each run to leave a result file CI can trend. One run (a pytest session,
including all its xdist workers, or one bench script) writes `test-results/reliability-<run>.json`
(`PHOHANG_RESULTS_DIR` moves it) as `{"run": ..., "results": {"<ID>": {figures}}}`.
"""

import fcntl
import json
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RUN_VARIABLE = "PHOHANG_RESULTS_RUN"


def run_id() -> str:
    """The id shared by every process of this run (xdist workers, servers and clients started)."""
    run = os.environ.get(RUN_VARIABLE) or os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if not run:
        run = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]
    # Child processes started from here write into the same file.
    os.environ[RUN_VARIABLE] = run
    return run


def results_path() -> Path:
    directory = Path(os.environ.get("PHOHANG_RESULTS_DIR") or ROOT / "test-results")
    return directory / f"reliability-{run_id()}.json"


def record(test_id: str, figures: dict[str, Any]) -> Path:
    """Merge `figures` into those of `test_id` in this run's result file; returns its path."""
    path = results_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        # Workers of one run write concurrently: read-modify-write under an exclusive lock.
        fcntl.flock(lock, fcntl.LOCK_EX)
        data: dict[str, Any] = (
            json.loads(path.read_text()) if path.exists() else {"run": run_id(), "results": {}}
        )
        entry = data["results"].setdefault(test_id, {})
        entry.update(figures, recorded_at=datetime.now(UTC).isoformat(timespec="seconds"))
        partial = path.with_suffix(".tmp")
        partial.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))
        os.replace(partial, path)
    return path
