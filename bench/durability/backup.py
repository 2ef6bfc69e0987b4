"""DUR-04 at full size: `manage.py db_backup` taken repeatedly while 20 writers commit.

    .venv/bin/python bench/durability/backup.py [--writers 20] [--backups 5] [--seconds 5]

Each round lets the writers run `--seconds`, then takes a backup as a separate process and checks
the copy: PRAGMA integrity_check, no torn transaction, no gap in any writer's sequence, and a
checksum equal to the source's rows at the snapshot. Runs on its own temporary SQLite file.
The last line printed is one JSON object with the figures.
"""

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from phohang.core import reliability
from phohang.core.tests.durability import (
    Writers,
    backup_with_command,
    copy_figures,
    create_database,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--backups", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()

    rounds = []
    with tempfile.TemporaryDirectory(prefix="phohang-backup-") as folder:
        source = Path(folder) / "live.sqlite3"
        create_database(source)
        with Writers(source, count=args.writers) as writers:
            for number in range(args.backups):
                time.sleep(args.seconds)
                copy = Path(folder) / f"copy-{number}.sqlite3"
                command = backup_with_command(source, copy)
                if command["returncode"] != 0:
                    raise SystemExit(command["stderr"])
                rounds.append({**copy_figures(source, copy), "seconds": command["wall_seconds"]})
        with sqlite3.connect(source) as live:
            written = live.execute("SELECT COUNT(*) FROM sale").fetchone()[0]
    figures = {
        "writers": args.writers,
        "backups": len(rounds),
        "rows_written": written,
        "largest_copy_rows": max(r["rows_in_copy"] for r in rounds),
        "integrity_ok": sum(r["integrity"] == "ok" for r in rounds),
        "torn_transactions": sum(r["torn_transactions"] for r in rounds),
        "gaps": sum(r["gaps"] for r in rounds),
        "checksums_equal": sum(r["checksums_equal"] for r in rounds),
        "backup_seconds_median": round(statistics.median(r["seconds"] for r in rounds), 2),
        "backup_seconds_max": round(max(r["seconds"] for r in rounds), 2),
        "writer_errors": len(writers.errors),
        "writer_error_kinds": sorted(set(writers.errors)),
        "writer_lock_timeouts": writers.lock_timeouts,
    }
    reliability.record("DUR-04", figures)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
