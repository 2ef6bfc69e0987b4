"""DATABASE_URL picks the database; each engine gets its own connection options."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRINT_DATABASE = (
    "import json, config.settings.base as s; d = s.DATABASES['default'];"
    "print(json.dumps({'ENGINE': d['ENGINE'], 'NAME': str(d['NAME']),"
    " 'OPTIONS': d.get('OPTIONS', {}), 'CONN_MAX_AGE': d.get('CONN_MAX_AGE')}))"
)
SETTINGS_ENV = (
    "DATABASE_URL",
    "DATABASE_SERVER_SIDE_BINDING",
    "DATABASE_PREPARE_THRESHOLD",
    "SQLITE_CONN_MAX_AGE",
)


def _database(tmp_path, **env) -> dict:
    clean = {name: value for name, value in os.environ.items() if name not in SETTINGS_ENV}
    completed = subprocess.run(
        [sys.executable, "-c", PRINT_DATABASE],
        cwd=ROOT,
        env={**clean, "PHOHANG_VAR_DIR": str(tmp_path), "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.splitlines()[-1])


@pytest.mark.parametrize("url", ["", "sqlite:///{tmp}/other.sqlite3"])
def test_sqlite_gets_wal_immediate_transactions_and_kept_connections(tmp_path, url):
    database = _database(tmp_path, DATABASE_URL=url.format(tmp=tmp_path))
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(tmp_path / ("other.sqlite3" if url else "phohang.sqlite3"))
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "PRAGMA journal_mode=WAL;" in database["OPTIONS"]["init_command"]
    assert "PRAGMA foreign_keys=ON;" in database["OPTIONS"]["init_command"]
    # PostgreSQL's options would make sqlite3.connect() refuse to open the file.
    assert "server_side_binding" not in database["OPTIONS"]
    assert database["CONN_MAX_AGE"] == 60


def test_postgresql_binds_on_the_server_and_prepares_repeated_statements(tmp_path):
    database = _database(tmp_path, DATABASE_URL="postgres://u@127.0.0.1:5432/phohang")
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["OPTIONS"] == {"server_side_binding": True, "prepare_threshold": 5}
    assert database["CONN_MAX_AGE"] == 60


def test_postgresql_preparation_and_server_binding_can_be_turned_off(tmp_path):
    url = "postgres://u@127.0.0.1:5432/phohang"
    unprepared = _database(tmp_path, DATABASE_URL=url, DATABASE_PREPARE_THRESHOLD="0")
    assert unprepared["OPTIONS"] == {"server_side_binding": True, "prepare_threshold": None}
    client_side = _database(tmp_path, DATABASE_URL=url, DATABASE_SERVER_SIDE_BINDING="0")
    assert client_side["OPTIONS"] == {}
