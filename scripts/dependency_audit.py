"""SEC-13: audit the installed dependencies for known vulnerabilities with pip-audit.

    .venv/bin/python scripts/dependency_audit.py [--require-source]

Asks OSV first, then PyPI's vulnerability data. A dependency the source could not look up counts
as unaudited, never as clean. Exits 1 when any known vulnerability is found; when no source can be
reached it says so loudly, records `"source": null`, and exits 0 unless `--require-source` (or
`DEPENDENCY_AUDIT_REQUIRED=1`) is given. Figures go into the run's reliability result file.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from phohang.core import reliability  # noqa: E402

SOURCES = ("osv", "pypi")


def audit(source: str) -> dict | None:
    """pip-audit's JSON report from `source`, or None when the source cannot be reached."""
    completed = subprocess.run(  # noqa: S603 - fixed argument list, no user input
        [
            str(Path(sys.executable).with_name("pip-audit")),
            "--service",
            source,
            "--format",
            "json",
            "--skip-editable",
            "--progress-spinner",
            "off",
            "--timeout",
            "20",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError:
        return None
    dependencies = report.get("dependencies", [])
    # A registry mirror without PyPI's JSON API answers "not found" for every package.
    if dependencies and all("skip_reason" in item for item in dependencies):
        return None
    return report


def figures(source: str | None, report: dict | None) -> dict:
    dependencies = (report or {}).get("dependencies", [])
    vulnerable = {
        f"{item['name']}=={item['version']}": [vuln["id"] for vuln in item["vulns"]]
        for item in dependencies
        if item.get("vulns")
    }
    return {
        "source": source,
        "dependencies_audited": sum(1 for item in dependencies if "skip_reason" not in item),
        "dependencies_unaudited": sorted(
            item["name"] for item in dependencies if "skip_reason" in item
        ),
        "known_vulnerabilities": sum(len(ids) for ids in vulnerable.values()),
        "vulnerable_packages": vulnerable,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--require-source", action="store_true")
    args = parser.parse_args()
    required = args.require_source or os.environ.get("DEPENDENCY_AUDIT_REQUIRED") == "1"

    source, report = None, None
    for candidate in SOURCES:
        report = audit(candidate)
        if report is not None:
            source = candidate
            break
    result = figures(source, report)
    path = reliability.record("SEC-13", result)
    print(json.dumps(result, ensure_ascii=False))
    print(f"figures written to {path}")
    if source is None:
        print(
            "SEC-13: NO VULNERABILITY SOURCE REACHABLE (OSV and PyPI's JSON API); "
            "dependencies were NOT audited.",
            file=sys.stderr,
        )
        return 1 if required else 0
    return 1 if result["known_vulnerabilities"] else 0


if __name__ == "__main__":
    sys.exit(main())
