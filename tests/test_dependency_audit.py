"""SEC-13: the dependency audit fails on known vulnerabilities and never mistakes "not looked up" for clean."""

import json
import runpy
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "dependency_audit.py"


@pytest.fixture
def audit_script(monkeypatch, tmp_path):
    monkeypatch.setenv("PHOHANG_RESULTS_DIR", str(tmp_path))
    return runpy.run_path(str(SCRIPT), run_name="dependency_audit")


def fake_pip_audit(monkeypatch, reports: dict):
    def run(command, **kwargs):
        source = command[command.index("--service") + 1]
        return subprocess.CompletedProcess(command, 1, stdout=reports.get(source, ""), stderr="")

    monkeypatch.setattr(subprocess, "run", run)


def test_audit_counts_known_vulnerabilities(audit_script):
    report = {
        "dependencies": [
            {"name": "django", "version": "6.1.3", "vulns": []},
            {"name": "pillow", "version": "13.0.0", "vulns": [{"id": "PYSEC-1"}, {"id": "GHSA-2"}]},
            {"name": "phohang", "skip_reason": "editable"},
        ]
    }

    result = audit_script["figures"]("osv", report)

    assert result == {
        "source": "osv",
        "dependencies_audited": 2,
        "dependencies_unaudited": ["phohang"],
        "known_vulnerabilities": 2,
        "vulnerable_packages": {"pillow==13.0.0": ["PYSEC-1", "GHSA-2"]},
    }


def test_source_that_found_no_package_counts_as_unreachable(audit_script, monkeypatch):
    not_found = {"dependencies": [{"name": "django", "skip_reason": "not found on PyPI"}]}
    fake_pip_audit(monkeypatch, {"osv": "network error", "pypi": json.dumps(not_found)})

    assert audit_script["audit"]("osv") is None
    assert audit_script["audit"]("pypi") is None


def test_unreachable_source_fails_only_when_required(audit_script, monkeypatch):
    fake_pip_audit(monkeypatch, {})
    main = audit_script["main"]

    monkeypatch.setattr("sys.argv", ["dependency_audit.py"])
    assert main() == 0
    monkeypatch.setattr("sys.argv", ["dependency_audit.py", "--require-source"])
    assert main() == 1
