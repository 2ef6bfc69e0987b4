"""Writers on a SQLite file and the checks of a backup taken under them (DUR-04; used by bench/)."""

import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCHEMA = """
CREATE TABLE IF NOT EXISTS sale (writer INTEGER, seq INTEGER, total INTEGER,
                                 PRIMARY KEY (writer, seq));
CREATE TABLE IF NOT EXISTS sale_line (writer INTEGER, seq INTEGER, amount INTEGER,
                                      PRIMARY KEY (writer, seq));
"""


def create_database(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(SCHEMA)


class Writers:
    """`count` threads, each committing (sale, sale_line) pairs in one transaction until stopped."""

    def __init__(self, path: Path, count: int):
        self.path, self.stop, self.errors = path, threading.Event(), []
        self.lock_timeouts = 0
        self.threads = [threading.Thread(target=self._write, args=(n,)) for n in range(count)]

    def _write(self, writer: int) -> None:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA busy_timeout=30000")
        seq = 0
        try:
            while not self.stop.is_set():
                try:
                    db.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError as error:
                    # 20 writers on an overloaded machine can outwait busy_timeout; the app
                    # answers that with 503 + Retry-After, so count it and try again.
                    if "locked" not in str(error):
                        raise
                    self.lock_timeouts += 1
                    continue
                seq += 1
                db.execute("INSERT INTO sale VALUES (?, ?, ?)", (writer, seq, seq * 1000))
                db.execute("INSERT INTO sale_line VALUES (?, ?, ?)", (writer, seq, seq * 1000))
                db.execute("COMMIT")
        except sqlite3.Error as error:
            self.errors.append(repr(error))
        finally:
            db.close()

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()


def backup_with_command(source: Path, destination: Path) -> dict:
    """Run `manage.py db_backup` against `source` as a separate process, as an operator would."""
    env = {"DEBUG": "1", **os.environ, "DATABASE_URL": f"sqlite:///{source}"}
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "db_backup", str(destination)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
        timeout=600,
    )
    return {
        "returncode": completed.returncode,
        "stderr": completed.stderr[-2000:],
        "wall_seconds": time.perf_counter() - started,
    }


def _checksum(rows) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(repr(row).encode())
    return digest.hexdigest()


def copy_figures(source: Path, copy: Path) -> dict:
    """Integrity of the copy and whether it is one consistent snapshot of the source."""
    with sqlite3.connect(copy) as backup, sqlite3.connect(source) as live:
        integrity = backup.execute("PRAGMA integrity_check").fetchone()[0]
        sales = backup.execute("SELECT writer, seq, total FROM sale ORDER BY 1, 2").fetchall()
        lines = backup.execute("SELECT writer, seq FROM sale_line ORDER BY 1, 2").fetchall()
        # Each writer commits in order, so a snapshot holds seq 1..k for every writer, no gaps.
        gaps = sum(
            1
            for writer, count, top in backup.execute(
                "SELECT writer, COUNT(*), MAX(seq) FROM sale GROUP BY writer"
            )
            if count != top
        )
        live_same_rows = []
        for writer, top in backup.execute("SELECT writer, MAX(seq) FROM sale GROUP BY writer"):
            live_same_rows += live.execute(
                "SELECT writer, seq, total FROM sale WHERE writer = ? AND seq <= ? ORDER BY 2",
                (writer, top),
            ).fetchall()
    return {
        "integrity": integrity,
        "rows_in_copy": len(sales),
        "torn_transactions": len({(w, s) for w, s, _ in sales} ^ set(lines)),
        "gaps": gaps,
        "checksums_equal": _checksum(sales) == _checksum(sorted(live_same_rows)),
    }
