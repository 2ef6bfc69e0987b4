"""The deployment's gunicorn settings load, honour the environment and serve the site."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from gunicorn.config import Config

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "gunicorn.conf.py"


def _loaded(monkeypatch, **env) -> Config:
    for name in ("WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_KEEPALIVE", "BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = Config()
    namespace: dict = {"__file__": str(CONF)}
    exec(compile(CONF.read_text(), str(CONF), "exec"), namespace)  # noqa: S102 - our own file
    for name, value in namespace.items():
        if name in config.settings:
            config.set(name, value)
    return config


def test_defaults_are_threaded_workers_one_per_core(monkeypatch):
    config = _loaded(monkeypatch)
    assert config.worker_class_str == "gthread"
    assert config.threads == 4
    assert config.workers == (os.cpu_count() or 2)
    assert config.address == [("127.0.0.1", 8000)]


def test_environment_overrides_workers_threads_and_bind(monkeypatch):
    config = _loaded(monkeypatch, WEB_CONCURRENCY="3", GUNICORN_THREADS="6", BIND="0.0.0.0:9000")
    assert (config.workers, config.threads) == (3, 6)
    assert config.address == [("0.0.0.0", 9000)]


def test_gunicorn_serves_the_site_with_these_settings(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PHOHANG_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as log_file:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "-c", str(CONF)],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as reply:
                    body = reply.read()
                break
            except urllib.error.HTTPError as error:
                raise AssertionError(f"{error.code} {error.read()!r}\n{log.read_text()}") from None
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(log.read_text()) from None
                time.sleep(0.2)
        assert json.loads(body) == {"status": "ok", "database": "sqlite"}
    finally:
        server.terminate()
        server.wait(timeout=30)
