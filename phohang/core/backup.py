"""Online backup of the SQLite database while the site keeps writing (DUR-04)."""

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connections


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class BackupResult:
    destination: Path
    seconds: float
    size_bytes: int
    integrity: str


def _source_path(alias: str) -> str:
    database = connections[alias]
    if database.vendor != "sqlite":
        raise BackupError(
            f"{database.vendor} databases are backed up with their own tools "
            "(PostgreSQL: pg_basebackup with WAL archiving, or pg_dump)."
        )
    if database.is_in_memory_db():  # type: ignore[attr-defined]  # SQLite's wrapper has it
        raise BackupError("An in-memory database has no file to back up.")
    return str(database.settings_dict["NAME"])


def sqlite_backup(*, destination: Path, alias: str = "default") -> BackupResult:
    """Copy the live database to `destination` as one consistent snapshot; writers go on.

    The copy runs in a single step: in WAL mode that is one read transaction, so writers are
    never blocked and the copy is the database as of that transaction's start (a step-wise copy
    would restart each time another connection writes, and might never finish under load).
    """
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    source = sqlite3.connect(_source_path(alias), timeout=30)
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target, pages=-1)
            integrity = target.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            target.close()
    finally:
        source.close()
    if integrity != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"the copy failed its integrity check: {integrity}")
    os.replace(partial, destination)
    return BackupResult(
        destination=destination,
        seconds=time.perf_counter() - started,
        size_bytes=destination.stat().st_size,
        integrity=integrity,
    )
