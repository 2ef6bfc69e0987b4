"""DUR-04: `manage.py db_backup` copies the live SQLite database while 20 writers commit."""

import sqlite3
import time

import pytest
from django.core.management import CommandError, call_command

from phohang.core import reliability
from phohang.core.tests.durability import (
    Writers,
    backup_with_command,
    copy_figures,
    create_database,
)


@pytest.mark.sqlite
def test_backup_under_20_writers_is_one_consistent_snapshot(tmp_path):
    source, copy = tmp_path / "live.sqlite3", tmp_path / "backups" / "copy.sqlite3"
    create_database(source)

    with Writers(source, count=20) as writers:
        time.sleep(0.5)
        command = backup_with_command(source, copy)
        time.sleep(0.2)

    figures = copy_figures(source, copy)
    with sqlite3.connect(source) as live:
        written = live.execute("SELECT COUNT(*) FROM sale").fetchone()[0]
    reliability.record(
        "DUR-04",
        {
            **figures,
            "writers": 20,
            "rows_written": written,
            "backup_command_seconds": round(command["wall_seconds"], 2),
            "writer_errors": len(writers.errors),
            "writer_lock_timeouts": writers.lock_timeouts,
        },
    )
    assert command["returncode"] == 0, command["stderr"]
    assert writers.errors == []
    assert figures["integrity"] == "ok"
    assert figures["torn_transactions"] == 0 and figures["gaps"] == 0
    assert figures["checksums_equal"] is True
    assert 0 < figures["rows_in_copy"] < written


@pytest.mark.django_db
@pytest.mark.sqlite
def test_backup_command_refuses_a_database_without_a_file(tmp_path):
    with pytest.raises(CommandError, match="in-memory"):
        call_command("db_backup", str(tmp_path / "copy.sqlite3"))

    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
@pytest.mark.postgres
def test_backup_command_points_postgresql_to_its_own_tools(tmp_path):
    with pytest.raises(CommandError, match="pg_basebackup"):
        call_command("db_backup", str(tmp_path / "copy.sqlite3"))

    assert not (tmp_path / "copy.sqlite3").exists()
