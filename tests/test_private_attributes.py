"""No code of ours touches a private part of Django, django-tasks, psycopg or any other library.

Every Python file under phohang/, config/ and bench/ is parsed; what is flagged:
- an attribute `x._name` (or `getattr(x, "_name")`) whose name no code of ours defines:
  a single leading underscore marks a library's internals;
- names known to be library internals whatever their spelling (connection state, signal
  receivers, compiler converters, model state);
- an import from a private module (`django.utils._os`) or of a private name (`from psycopg
  import _queries`).
`PUBLIC_UNDERSCORE_NAMES` lists the documented public API that starts with an underscore.
"""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("phohang", "config", "bench")
OUR_PACKAGES = frozenset({"phohang", "config", "bench", "tests"})

# Documented public API whose name starts with an underscore: `Model._meta` (the Options API),
# `Model._default_manager` and `_base_manager` (Django's "Managers" page) and the named-tuple
# methods (`urlsplit(...)._replace`).
PUBLIC_UNDERSCORE_NAMES = frozenset(
    {"_meta", "_default_manager", "_base_manager", "_replace", "_asdict", "_fields", "_make"}
)

# Library internals flagged even where code of ours defines the same name.
LIBRARY_INTERNALS = frozenset(
    {
        # Django: model and queryset internals, connection state, compiler, signals.
        "_state",
        "_prepare_related_fields_for_save",
        "_result_cache",
        "_prefetched_objects_cache",
        "_known_related_objects",
        "_do_insert",
        "_do_update",
        "_save_table",
        "_wrapped",
        "ModelState",
        "savepoint_ids",
        "savepoint_state",
        "needs_rollback",
        "in_atomic_block",
        "get_db_converters",
        "get_compiler",
        "receivers",
        "sender_receivers_cache",
        "_live_receivers",
        # django-tasks / django_tasks_db.
        "_get_id",
        "_task_to_db_task",
        # psycopg.
        "_queries",
        "_query2pg",
    }
)
# Names that must never be called through a model: objects are built by the ORM.
FORBIDDEN_CALLS = frozenset({"__new__"})


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _python_files() -> list[Path]:
    return sorted(path for root in SCANNED for path in (ROOT / root).rglob("*.py"))


def _our_definitions(trees: dict[Path, ast.AST]) -> frozenset[str]:
    """Names code of ours defines: its modules (every one: bench scripts import each other
    by name), and its private functions, classes, names and `self._x` attributes."""
    modules = {path.stem for path in trees} - set(sys.stdlib_module_names)
    names: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id in {"self", "cls"}
            ):
                names.add(node.attr)
            elif isinstance(node, ast.alias):
                names.add(node.asname or node.name.split(".")[-1])
    return frozenset(modules | {name for name in names if _is_private(name)})


def _import_problems(node: ast.AST, ours: frozenset[str]) -> list[str]:
    if isinstance(node, ast.Import):
        modules = [alias.name for alias in node.names]
        names: list[str] = []
    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        modules = [node.module]
        names = [alias.name for alias in node.names]
    else:
        return []
    problems = []
    for module in modules:
        parts = module.split(".")
        if parts[0] in OUR_PACKAGES or parts[0] in ours:
            continue
        if any(_is_private(part) for part in parts):
            problems.append(f"import from the private module {module}")
        problems += [
            f"import of the private name {module}.{name}" for name in names if _is_private(name)
        ]
    return problems


def find_private_uses(source: str, ours: frozenset[str]) -> list[str]:
    """What `source` does with library internals, one description per use ([] when clean)."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        problems += [f"line {node.lineno}: {problem}" for problem in _import_problems(node, ours)]
        name = None
        if isinstance(node, ast.Attribute):
            name = node.attr
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "setattr", "hasattr", "delattr"}
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            name = node.args[1].value
        elif isinstance(node, ast.Name):
            # A bare name reaches a library only through an import (checked above): one that
            # code of ours defines, such as a helper called `_wrapped`, is ours.
            if (
                node.id in LIBRARY_INTERNALS
                and node.id not in ours
                and (_is_private(node.id) or node.id[0].isupper())
            ):
                problems.append(f"line {node.lineno}: {node.id}")
            continue
        elif isinstance(node, ast.alias) and node.name.split(".")[-1] in LIBRARY_INTERNALS:
            problems.append(f"line {getattr(node, 'lineno', 0)}: import of {node.name}")
            continue
        if name is None:
            continue
        if name in LIBRARY_INTERNALS or name in FORBIDDEN_CALLS:
            problems.append(f"line {node.lineno}: .{name}")
        elif _is_private(name) and name not in PUBLIC_UNDERSCORE_NAMES and name not in ours:
            problems.append(f"line {node.lineno}: .{name} (defined by no code of ours)")
    return problems


@pytest.fixture(scope="module")
def code_base() -> tuple[dict[Path, ast.AST], dict[Path, str], frozenset[str]]:
    sources = {path: path.read_text(encoding="utf-8") for path in _python_files()}
    trees = {path: ast.parse(source) for path, source in sources.items()}
    return trees, sources, _our_definitions(trees)


def test_no_code_of_ours_touches_a_private_part_of_a_library(code_base):
    _trees, sources, ours = code_base

    found = {
        str(path.relative_to(ROOT)): problems
        for path, source in sources.items()
        if (problems := find_private_uses(source, ours))
    }

    assert found == {}


@pytest.mark.parametrize(
    "snippet",
    [
        "obj._prepare_related_fields_for_save(operation_name='x')",
        "instance._state.adding = False",
        "from django.db.models.base import ModelState",
        "state = ModelState()",
        "depth = len(connection.savepoint_ids)",
        "if connection.needs_rollback: pass",
        "funcs = connection.ops.get_db_converters(column)",
        "result_id = backend._get_id()",
        "sync, asynchronous = task_enqueued._live_receivers(sender)",
        "from psycopg import _queries",
        "import psycopg._queries",
        "from django.utils._os import safe_join",
        "queryset._result_cache = None",
        "value = getattr(queryset, '_hints')",
        "instance = Product.__new__(Product)",
        "signal.receivers = []",
        "connection._some_library_internal()",
    ],
)
def test_the_check_flags_each_kind_of_private_use(snippet):
    assert find_private_uses(snippet, frozenset({"_ours"})) != []


@pytest.mark.parametrize(
    "snippet",
    [
        "fields = Product._meta.concrete_fields",
        "url = parts._replace(path='/x').geturl()",
        "value = helpers._ours(1)",
        "from phohang.catalog.services import _private_helper",
        "y = _wrapped(draw, text)",
        "from .stock import _reserve",
        "self._cache = {}",
        "transaction.get_autocommit()",
    ],
)
def test_the_check_lets_public_api_and_our_own_names_pass(snippet):
    assert find_private_uses(snippet, frozenset({"_ours", "_cache", "_wrapped"})) == []
