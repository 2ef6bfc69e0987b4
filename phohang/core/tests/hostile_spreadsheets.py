"""Generated hostile spreadsheets for the import tests (FUZ: resource exhaustion).

Each is small on disk and would cost minutes of CPU or gigabytes of memory if read naively.
"""

import io
import zipfile

from openpyxl.utils import get_column_letter

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def _cell(reference: str, text: str = "") -> str:
    if not text:
        return f'<c r="{reference}"/>'
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def _row(number: int, cells: list[str]) -> bytes:
    return f'<row r="{number}">{"".join(cells)}</row>'.encode()


def xlsx(rows, *, dimension: str = "A1:A1") -> bytes:
    """A minimal workbook whose first sheet's XML is `rows` (bytes chunks, written streaming)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main"><dimension ref="'
                + dimension.encode()
                + b'"/><sheetData>'
            )
            for chunk in rows:
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def header_row(headers: list[str]) -> bytes:
    return _row(1, [_cell(f"{get_column_letter(i)}1", h) for i, h in enumerate(headers, 1)])


def padded_dimension_xlsx(headers: list[str]) -> bytes:
    """The header, one cell in the sheet's last row and a dimension of the whole grid:
    read-only openpyxl pads every missing row in between to 16,384 cells (4.8 KB, hours)."""
    last = _row(1_048_576, [_cell("A1048576", "x")])
    return xlsx([header_row(headers), last], dimension="A1:XFD1048576")


def wide_empty_rows_xlsx(headers: list[str], rows: int = 200) -> bytes:
    """Rows of 16,384 empty cells each: blank to a reader, but every cell costs a parse."""

    def wide(number: int) -> bytes:
        return _row(number, [_cell(f"{get_column_letter(i)}{number}") for i in range(1, 16_385)])

    return xlsx(
        [header_row(headers), *(wide(n) for n in range(2, rows + 2))], dimension="A1:XFD201"
    )


def huge_column_xlsx(headers: list[str]) -> bytes:
    """A data row with a value in the last column (XFD): 16,384 cells wide when padded."""
    return xlsx([header_row(headers), _row(2, [_cell("A2", "x"), _cell("XFD2", "y")])])


def zip_bomb_xlsx(headers: list[str], unpacked_mb: int = 200) -> bytes:
    """A sheet of `unpacked_mb` MB of whitespace that compresses to a few hundred KB."""
    spaces = b" " * (1024 * 1024)
    return xlsx([header_row(headers), *(spaces for _ in range(unpacked_mb))])


def huge_column_csv(headers: list[str], columns: int = 2_000_000) -> bytes:
    """A header and one data line of millions of empty cells."""
    return (",".join(headers) + "\n" + "," * columns + "x\n").encode()


def many_columns_csv(headers: list[str], columns: int = 500) -> bytes:
    """A data line of a few hundred filled cells (not long, just wide)."""
    return (",".join(headers) + "\n" + ",".join(["1"] * columns) + "\n").encode()
