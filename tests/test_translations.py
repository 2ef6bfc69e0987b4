"""The Vietnamese catalogues are complete: nothing empty, fuzzy or missing compared with the code."""

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
VI_PO = Path("locale", "vi", "LC_MESSAGES", "django.po")
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge")
# Top-level entries the project-level `makemessages --ignore ...` run leaves out (README).
PROJECT_EXCLUDED = {"phohang", "bench", "tests", "var", "locale", "staticfiles", "media", "docs"}
EXTRACTION_TIMEOUT_SECONDS = 120
COPY_IGNORED = ("__pycache__", "*.pyc", "*.mo", "*.po", "*.pot", ".*")
PROJECT_COMMAND = (
    "manage.py makemessages -l vi --ignore 'phohang/*' --ignore '.venv/*' --ignore 'var/*' "
    "--ignore 'bench/*' --ignore 'tests/*'"
)

APP_DIRS = sorted(path.parent for path in (ROOT / "phohang").glob("*/apps.py"))
SOURCES = {f"phohang/{app.name}": app for app in APP_DIRS} | {"project": ROOT}
CATALOGUES = {name: source / VI_PO for name, source in SOURCES.items()}
COMMITTED = {name: path for name, path in CATALOGUES.items() if path.exists()}


def _read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as po_file:
        return read_po(po_file, locale="vi")


def _key(message) -> tuple:
    return (message.context, message.id)


def _is_translated(message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(strings) and all(strings)


def _entries(catalogue: Catalog) -> list:
    return [message for message in catalogue if message.id]


def _describe(message) -> str:
    where = ", ".join(f"{file}:{line}" for file, line in message.locations[:3])
    return f"{message.id!r} ({where})" if where else repr(message.id)


def test_every_foundation_catalogue_is_committed():
    expected = {"phohang/core", "phohang/geo", "phohang/accounts", "phohang/sellers"}
    expected |= {"phohang/site", "project"}

    assert expected <= set(COMMITTED), sorted(expected - set(COMMITTED))


@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_catalogue_has_no_empty_or_fuzzy_entry(name):
    catalogue = _read_catalogue(COMMITTED[name])

    empty = [_describe(m) for m in _entries(catalogue) if not _is_translated(m)]
    fuzzy = [_describe(m) for m in _entries(catalogue) if m.fuzzy]

    assert not catalogue.fuzzy, f"{COMMITTED[name]}: the header is marked fuzzy"
    assert empty == [], f"{COMMITTED[name]}: untranslated entries"
    assert fuzzy == [], f"{COMMITTED[name]}: fuzzy entries (review, then drop the flag)"


@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_catalogue_keeps_placeholders_and_nfc(name):
    catalogue = _read_catalogue(COMMITTED[name])

    # Babel's checkers compare python-format placeholders of msgid and msgstr.
    placeholder_errors = [
        f"{_describe(message)}: {'; '.join(str(error) for error in errors)}"
        for message, errors in catalogue.check()
    ]
    not_nfc = [
        _describe(message)
        for message in _entries(catalogue)
        for string in (message.string if isinstance(message.string, tuple) else [message.string])
        if string != unicodedata.normalize("NFC", string)
    ]

    assert placeholder_errors == [], COMMITTED[name]
    assert not_nfc == [], f"{COMMITTED[name]}: translations must be NFC-normalised"


def _copy_sources(name: str, destination: Path) -> Path:
    """Copy the files `makemessages` would read, without catalogues, into `destination`."""
    source = SOURCES[name]
    ignore = shutil.ignore_patterns(*COPY_IGNORED)
    if name == "project":
        destination.mkdir()
        for entry in source.iterdir():
            if entry.name in PROJECT_EXCLUDED or entry.name.startswith("."):
                continue
            if entry.is_dir():
                shutil.copytree(entry, destination / entry.name, ignore=ignore)
            elif entry.suffix in {".py", ".html", ".txt"}:
                shutil.copy2(entry, destination / entry.name)
    else:
        shutil.copytree(source, destination, ignore=shutil.ignore_patterns("locale", *COPY_IGNORED))
    # Its own locale dir makes makemessages write here and never into LOCALE_PATHS.
    (destination / "locale").mkdir(exist_ok=True)
    return destination


# One interpreter extracts every copy in turn: a Django start-up per app would cost more.
EXTRACT_SCRIPT = """
import os, sys
import django
from django.core.management import call_command
django.setup()
for workdir in sys.argv[1:]:
    os.chdir(workdir)
    call_command("makemessages", locale=["vi"], verbosity=0)
"""


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """Run makemessages on a copy of every app and of the project; name -> the fresh .po."""
    missing_tools = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing_tools:
        pytest.fail(
            f"GNU gettext is not installed ({', '.join(missing_tools)} not found), so the "
            "catalogues cannot be checked against the code. Install it, e.g. "
            "`apt-get install gettext` (Debian/Ubuntu) or `brew install gettext` (macOS).",
            pytrace=False,
        )
    base = tmp_path_factory.mktemp("makemessages")
    workdirs = {
        name: _copy_sources(name, base / f"{index:02d}")
        for index, name in enumerate(sorted(SOURCES))
    }
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(ROOT)}
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    process = subprocess.run(
        [sys.executable, "-c", EXTRACT_SCRIPT, *map(str, workdirs.values())],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=EXTRACTION_TIMEOUT_SECONDS,
    )
    assert process.returncode == 0, f"makemessages failed:\n{process.stderr}"
    return {name: workdir / VI_PO for name, workdir in workdirs.items()}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_catalogue_covers_every_string_in_the_code(name, extracted):
    fresh = extracted[name]
    in_code = _entries(_read_catalogue(fresh)) if fresh.exists() else []
    committed = COMMITTED.get(name)
    translated = (
        {_key(m) for m in _entries(_read_catalogue(committed)) if _is_translated(m) and not m.fuzzy}
        if committed
        else set()
    )

    missing = [_describe(message) for message in in_code if _key(message) not in translated]

    how = (
        f"from the project root: {PROJECT_COMMAND}"
        if name == "project"
        else f"in {name}: mkdir -p locale && ../../manage.py makemessages -l vi"
    )
    assert missing == [], (
        f"{len(missing)} string(s) of {name} are not translated in "
        f"{(committed or CATALOGUES[name]).relative_to(ROOT)}. Extract them ({how}), translate "
        "them, then run scripts/compile_messages.py"
    )
