"""The spreadsheet reader: types kept, rows numbered, every limit enforced while reading."""

import io
from unittest import mock

import pytest
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from phohang.core.spreadsheets import SheetLimits, SpreadsheetRefused, read_table
from phohang.core.tests import hostile_spreadsheets as hostile

LIMITS = SheetLimits(max_bytes=20 << 20, max_rows=100, max_columns=8)
HEADERS = ["Mã", "Tên", "Giá"]


def _xlsx(*rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _read(data: bytes, name: str = "bang.xlsx", **options) -> tuple[list, list, str]:
    table = read_table(data, name=name, limits=LIMITS, **options)
    return table.header, list(table.rows), table.encoding


def _refusal(data: bytes, name: str = "bang.xlsx") -> SpreadsheetRefused:
    with pytest.raises(SpreadsheetRefused) as error:
        _read(data, name)
    return error.value


def test_xlsx_keeps_types_and_numbers_rows_as_the_sheet_does():
    data = _xlsx([None], HEADERS, ["A-1", "Chè", 180000], [None, None, None], ["A-2", "=1+1", 5])

    header, rows, encoding = _read(data)

    assert (header, encoding) == (HEADERS, "XLSX")
    assert rows == [(3, ["A-1", "Chè", 180000]), (4, ["", "", ""]), (5, ["A-2", "", 5])]


def test_xlsx_formulas_can_be_kept_as_text():
    data = _xlsx(HEADERS, ["A-2", "=1+1", 5])

    _header, rows, _encoding = _read(data, formulas=True)

    assert rows == [(2, ["A-2", "=1+1", 5])]


def test_csv_in_windows_1258_with_semicolons_is_read():
    data = "Ma;Ten;Gia\nA-1;Chè Thái\n".encode("cp1258")

    header, rows, encoding = _read(data, "bang.csv")

    assert (header, encoding) == (["Ma", "Ten", "Gia"], "Windows-1258")
    assert rows == [(2, ["A-1", "Chè Thái", ""])]


def test_rows_past_the_cap_are_refused_blank_rows_included():
    data = ("Mã,Tên\n" + "\n" * 100 + "A-1,Chè\n").encode()

    refusal = _refusal(data, "bang.csv")

    assert refusal.code == "too_many_rows"
    assert str(refusal) == (
        "Tệp có hơn 100 dòng (tính cả dòng trống). Hãy chia thành các tệp tối đa 100 dòng; "
        "chưa có gì được nhập."
    )


def test_refusal_renders_in_vietnamese_and_english():
    from django.utils import translation

    refusal = _refusal(hostile.many_columns_csv(HEADERS, columns=9), "bang.csv")

    with translation.override("vi"):
        vietnamese = str(refusal)
    with translation.override("en"):
        english = str(refusal)
    assert (vietnamese, english) == (
        "Có dòng dài hơn 8 cột; chưa có gì được nhập.",
        "A row has more than 8 columns; nothing was imported.",
    )


def test_empty_cells_past_the_header_are_dropped():
    data = ("Mã,Tên" + "," * 20 + "\nA-1,Chè" + "," * 20 + "\nA-2\n").encode()

    header, rows, _encoding = _read(data, "bang.csv")

    assert (header, rows) == (["Mã", "Tên"], [(2, ["A-1", "Chè"]), (3, ["A-2", ""])])


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (hostile.padded_dimension_xlsx, "too_many_rows"),
        (hostile.huge_column_xlsx, "too_many_columns"),
        (hostile.wide_empty_rows_xlsx, "too_many_columns"),
        (hostile.zip_bomb_xlsx, "too_large_unpacked"),
    ],
)
def test_hostile_workbook_is_refused(make, code):
    assert _refusal(make(HEADERS)).code == code


@pytest.mark.parametrize(
    "make", [hostile.huge_column_xlsx, hostile.wide_empty_rows_xlsx, hostile.zip_bomb_xlsx]
)
def test_hostile_archive_is_refused_before_openpyxl_opens_it(make):
    data = make(HEADERS)

    with mock.patch("openpyxl.load_workbook", side_effect=AssertionError("opened")):
        refusal = _refusal(data)

    assert refusal.code in {"too_many_columns", "too_large_unpacked"}


@pytest.mark.parametrize("make", [hostile.huge_column_csv, hostile.many_columns_csv])
def test_hostile_csv_is_refused(make):
    assert _refusal(make(HEADERS), "bang.csv").code == "too_many_columns"


def test_too_many_cells_in_a_sheet_is_refused():
    limits = SheetLimits(max_bytes=20 << 20, max_rows=100, max_columns=30)
    rows = [hostile.header_row(HEADERS)]
    columns = [get_column_letter(number) for number in range(1, 31)]
    cells = "".join(f'<c r="{column}{{n}}" t="n"><v>1</v></c>' for column in columns)
    rows += [f'<row r="{n}">{cells.replace("{n}", str(n))}</row>'.encode() for n in range(2, 101)]
    data = hostile.xlsx(rows)

    with pytest.raises(SpreadsheetRefused) as error:
        list(read_table(data, name="x.xlsx", limits=limits).rows)

    assert (limits.max_cells, error.value.code) == (2424, "too_many_cells")


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "x.csv", "empty"),
        (b"\n\n", "x.csv", "empty"),
        (b",,\n,\n", "x.csv", "no_header"),
        (b"PK\x03\x04 not really", "x.xlsx", "damaged"),
        (b"\xd0\xcf\x11\xe0 old excel", "x.xls", "format"),
        (b"a" * (21 << 20), "x.csv", "too_large"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(data, name, code):
    assert _refusal(data, name).code == code
