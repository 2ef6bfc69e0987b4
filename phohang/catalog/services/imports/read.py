"""Reading an import file: the header mapped to column keys, then the numbered rows."""

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from phohang.core.errors import message_format
from phohang.core.spreadsheets import SpreadsheetRefused, read_table
from phohang.core.text import clean_line, fold

from .columns import COLUMNS, HEADER_LOOKUP, SHEET_LIMITS


def read_rows(data: bytes, name: str) -> tuple[list[str], Iterator[tuple[int, list[object]]], str]:
    """Header and numbered data rows (spreadsheet numbering: the header is row 1)."""
    # Formulas stay text ("=..."), so validation can refuse them instead of trusting a cache.
    table = read_table(data, name=name, limits=SHEET_LIMITS, formulas=True)
    return table.header, table.rows, table.encoding


def map_header(header: list[str]) -> dict[int, str]:
    """Column index → key; raises ImportFileError listing the missing required columns."""
    mapping: dict[int, str] = {}
    for index, title in enumerate(header):
        key = HEADER_LOOKUP.get(fold(clean_line(title.lstrip("\ufeff"))))
        if key and key not in mapping.values():
            mapping[index] = key
    missing = [c.header for c in COLUMNS if c.required and c.key not in mapping.values()]
    if missing:
        raise SpreadsheetRefused(
            message_format(
                _(
                    "Missing columns: %(columns)s. Download the template to see the expected "
                    "headers."
                ),
                columns=", ".join(missing),
            ),
            "missing_columns",
        )
    return mapping
