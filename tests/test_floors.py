"""No app imports an app on a higher floor (docs/architecture.md); tests may cross floors."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOORS = {
    "core": 0,
    "geo": 0,
    "accounts": 0,
    "sellers": 1,
    "catalog": 2,
    "search": 3,
    "orders": 4,
    "trade": 5,
    "payments": 5,
    "messaging": 5,
    "expo": 6,
    "logistics": 6,
    "livestream": 6,
    "markets": 6,
    "directory": 6,
    "compliance": 7,
    "insights": 8,
    "site": 9,
    "api": 9,
}


def _imported_modules(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name


def _upward_imports() -> list[str]:
    found = []
    for path in sorted((ROOT / "phohang").rglob("*.py")):
        relative = path.relative_to(ROOT)
        app = relative.parts[1]
        if "tests" in relative.parts or app not in FLOORS:
            continue
        for line, module in _imported_modules(path):
            parts = module.split(".")
            target = parts[1] if parts[0] == "phohang" and len(parts) > 1 else None
            if target in FLOORS and FLOORS[target] > FLOORS[app]:
                found.append(f"{relative}:{line} imports {module}")
    return found


def test_every_app_has_a_floor():
    apps = {path.parent.name for path in (ROOT / "phohang").glob("*/apps.py")}

    assert apps - set(FLOORS) == set()


def test_no_app_imports_a_higher_floor():
    assert _upward_imports() == []


def _documented_floors() -> dict[str, int]:
    """The floor of each app named in docs/architecture.md's table (`| 5 | `trade`, ... |`)."""
    floors = {}
    for line in (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.split("|")[1:-1]]
        if len(cells) == 3 and cells[0].isdigit():
            for app in re.findall(r"`(\w+)`", cells[1]):
                floors[app] = int(cells[0])
    return floors


def test_the_architecture_document_puts_every_app_on_its_floor():
    assert _documented_floors() == FLOORS
