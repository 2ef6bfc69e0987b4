"""Uploaded spreadsheets (CSV or XLSX) read within limits, so a crafted file cannot tie up a worker.

Rows (blank ones included) and columns are capped while reading; an XLSX archive is checked
before openpyxl opens it: its directory (declared sizes, member count), then a streaming count
of rows, cells per row and shared strings. Every refusal is a `SpreadsheetRefused` with a
bilingual message, raised before the caller stores anything.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from .errors import DomainError, message_format

XLSX_MAGIC = b"PK\x03\x04"
MAX_ARCHIVE_MEMBERS = 1_000
SCAN_CHUNK_BYTES = 1 << 20
TAG_PREFIX_BYTES = 64
# Tags of the SpreadsheetML parts, with or without a namespace prefix (`<x:row`).
_ROW_TAG = re.compile(rb"<(?:[\w.-]+:)?row[\s>/]")
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c[\s>/]")
_SHARED_STRING_TAG = re.compile(rb"<(?:[\w.-]+:)?si[\s>/]")


def _letter_after(letter: str) -> str:
    return chr(ord(letter) + 1)


@lru_cache(maxsize=8)
def _cell_beyond(max_columns: int) -> re.Pattern[bytes]:
    """A cell reference (`r="XFD2"`) whose column is past `max_columns` (26 to 702)."""
    last = get_column_letter(max_columns)
    if len(last) == 1:
        beyond = ["[A-Z]{2,3}"] + ([f"[{_letter_after(last)}-Z]"] if last != "Z" else [])
    else:
        first, second = last
        beyond = ["[A-Z]{3}"]
        if first != "Z":
            beyond.append(f"[{_letter_after(first)}-Z][A-Z]")
        if second != "Z":
            beyond.append(f"{first}[{_letter_after(second)}-Z]")
    return re.compile(rb'\sr="(?:' + "|".join(beyond).encode() + rb")[0-9]")


class SpreadsheetRefused(DomainError):
    """The file as a whole cannot be read within the limits; nothing was imported."""

    def __init__(self, message: Any, code: str = "spreadsheet_refused") -> None:
        super().__init__(code, message, "file")


@dataclass(frozen=True)
class SheetLimits:
    """What one import accepts; `max_rows` counts every row after the header, blank ones too."""

    max_bytes: int
    max_rows: int
    max_columns: int = 64
    max_uncompressed_bytes: int = 64 * 1024 * 1024
    # One CSV record (a line, or several inside quotes), in characters.
    max_row_characters: int = 256 * 1024

    def __post_init__(self) -> None:
        if not 1 <= self.max_columns <= 702:  # column letters A to ZZ
            raise ValueError(self.max_columns)

    @property
    def max_cells(self) -> int:
        """XLSX cells (and shared strings) in the whole file: a full sheet of 24 columns."""
        return (self.max_rows + 1) * min(self.max_columns, 24)


@dataclass
class Table:
    """The header row and the rows after it, numbered as the spreadsheet numbers them."""

    header: list[str]
    rows: Iterator[tuple[int, list[Any]]]
    encoding: str


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def too_many_rows(limits: SheetLimits) -> SpreadsheetRefused:
    return SpreadsheetRefused(
        message_format(
            _(
                "The file has more than %(rows)s rows (blank rows count too). Split it into "
                "files of at most %(rows)s rows; nothing was imported."
            ),
            rows=_number(limits.max_rows),
        ),
        "too_many_rows",
    )


def _too_many_columns(limits: SheetLimits) -> SpreadsheetRefused:
    return SpreadsheetRefused(
        message_format(
            _("A row has more than %(columns)s columns; nothing was imported."),
            columns=limits.max_columns,
        ),
        "too_many_columns",
    )


def _too_many_cells(limits: SheetLimits) -> SpreadsheetRefused:
    return SpreadsheetRefused(
        message_format(
            _(
                "The file has more than %(cells)s cells or texts. Split it into smaller files; "
                "nothing was imported."
            ),
            cells=_number(limits.max_cells),
        ),
        "too_many_cells",
    )


def _damaged() -> SpreadsheetRefused:
    return SpreadsheetRefused(_("The XLSX file is damaged or not a spreadsheet."), "damaged")


def decode_text(data: bytes) -> tuple[str, str]:
    """Text and encoding name: BOMs first, then UTF-8, UTF-16 without BOM, Windows-1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    sample = data[:4000]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        little = sample[1::2].count(b"\x00") > sample[0::2].count(b"\x00")
        return data.decode("utf-16-le" if little else "utf-16-be"), "UTF-16"
    # Windows-1258 writes Vietnamese with combining tone marks; NFC composes them later.
    return data.decode("cp1258", errors="replace"), "Windows-1258"


def _csv_records(text: str, limits: SheetLimits) -> Iterator[list[str]]:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first_line.count)
    used = 0

    def lines() -> Iterator[str]:
        # csv.reader pulls lines only while it builds one record: `used` is that record's size.
        nonlocal used
        for line in io.StringIO(text, newline=""):
            used += len(line)
            if used > limits.max_row_characters:
                raise _too_many_columns(limits)
            yield line

    reader = csv.reader(lines(), delimiter=delimiter)
    while True:
        used = 0
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise SpreadsheetRefused(
                message_format(_("The CSV file is malformed: %(error)s"), error=str(error)),
                "malformed",
            ) from error
        yield record


def _scan_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: SheetLimits) -> None:
    """Count rows, cells per row and shared strings of one part without parsing its XML."""
    rows = cells = shared_strings = row_cells = 0
    tail = b""
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(SCAN_CHUNK_BYTES)
            buffer = tail + chunk
            # A tag may straddle two chunks: hold back from the last "<" if it is near the end.
            cut = buffer.rfind(b"<") if chunk else len(buffer)
            if cut < len(buffer) - TAG_PREFIX_BYTES:
                cut = len(buffer)
            work, tail = buffer[:cut], buffer[cut:]
            if _cell_beyond(limits.max_columns).search(work):
                raise _too_many_columns(limits)
            shared_strings += len(_SHARED_STRING_TAG.findall(work))
            pieces = _ROW_TAG.split(work)
            for index, piece in enumerate(pieces):
                if index:  # each piece after the first opens a new row
                    rows, row_cells = rows + 1, 0
                in_piece = len(_CELL_TAG.findall(piece))
                row_cells += in_piece
                cells += in_piece
                if row_cells > limits.max_columns:
                    raise _too_many_columns(limits)
            if rows > limits.max_rows + 1:
                raise too_many_rows(limits)
            if cells > limits.max_cells or shared_strings > limits.max_cells:
                raise _too_many_cells(limits)
            if not chunk:
                return


def check_archive(data: bytes, limits: SheetLimits) -> None:
    """Refuse an XLSX whose unpacked size, members, rows or cells are over the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise _damaged() from error
    with archive:
        members = archive.infolist()
        unpacked = sum(info.file_size for info in members)
        if len(members) > MAX_ARCHIVE_MEMBERS or unpacked > limits.max_uncompressed_bytes:
            raise SpreadsheetRefused(
                message_format(
                    _("The XLSX file unpacks to more than %(size)s MB; nothing was imported."),
                    size=limits.max_uncompressed_bytes // (1024 * 1024),
                ),
                "too_large_unpacked",
            )
        try:
            for info in members:
                _scan_member(archive, info, limits)
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as error:
            raise _damaged() from error


def _xlsx_records(data: bytes, limits: SheetLimits, *, formulas: bool) -> Iterator[list[Any]]:
    from openpyxl import load_workbook

    check_archive(data, limits)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=not formulas)
        sheet = workbook.worksheets[0]
    except Exception as error:  # noqa: BLE001 - openpyxl raises many types for broken files
        raise _damaged() from error
    try:
        # Reading one row and one column past the caps tells a file that is over them.
        rows = sheet.iter_rows(
            max_row=limits.max_rows + 2, max_col=limits.max_columns + 1, values_only=True
        )
        for values in rows:
            yield ["" if value is None else value for value in values]
    except SpreadsheetRefused:
        raise
    except Exception as error:  # noqa: BLE001 - a part that fails to parse half-way through
        raise _damaged() from error
    finally:
        workbook.close()


def _is_blank(cells: list[Any]) -> bool:
    return not any(str(cell).strip() for cell in cells)


def _capped(records: Iterator[list[Any]], limits: SheetLimits) -> Iterator[tuple[int, list[Any]]]:
    for number, cells in enumerate(records, start=1):
        if number > limits.max_rows + 1:
            raise too_many_rows(limits)
        if len(cells) > limits.max_columns:
            if not _is_blank(cells[limits.max_columns :]):
                raise _too_many_columns(limits)
            cells = cells[: limits.max_columns]
        yield number, cells


def read_table(data: bytes, *, name: str, limits: SheetLimits, formulas: bool = False) -> Table:
    """The first non-blank row as header and a lazy iterator of the rows after it.

    XLSX cells keep their types (numbers, dates); with `formulas` a formula is its text
    (`=SUM(...)`), otherwise its cached value. Raises SpreadsheetRefused, also while iterating.
    """
    if len(data) > limits.max_bytes:
        raise SpreadsheetRefused(
            message_format(
                _("The file is larger than %(size)s MB."), size=limits.max_bytes // (1024 * 1024)
            ),
            "too_large",
        )
    if not data.strip():
        raise SpreadsheetRefused(_("The file is empty."), "empty")
    if data[:4] == XLSX_MAGIC:
        records, encoding = _xlsx_records(data, limits, formulas=formulas), "XLSX"
    elif name.lower().endswith((".xls", ".xlsx", ".ods")):
        raise SpreadsheetRefused(
            _("Save the spreadsheet as XLSX or CSV and upload it again."), "format"
        )
    else:
        try:
            text, encoding = decode_text(data)
        except UnicodeDecodeError as error:
            raise SpreadsheetRefused(
                _("The file's text encoding could not be read."), "encoding"
            ) from error
        records = _csv_records(text.replace("\x00", ""), limits)
    numbered = _capped(records, limits)
    for _row, header in numbered:
        if not _is_blank(header):
            header = _trimmed(header)
            return Table([str(cell) for cell in header], _fitted(numbered, len(header)), encoding)
    raise SpreadsheetRefused(_("The file has no header row."), "no_header")


def _trimmed(cells: list[Any]) -> list[Any]:
    end = len(cells)
    while end and not str(cells[end - 1]).strip():
        end -= 1
    return cells[:end]


def _fitted(
    numbered: Iterator[tuple[int, list[Any]]], width: int
) -> Iterator[tuple[int, list[Any]]]:
    """Rows as wide as the header: padded with "", and longer only where a cell is filled."""
    for number, cells in numbered:
        cells = _trimmed(cells)
        yield number, cells + [""] * (width - len(cells))
