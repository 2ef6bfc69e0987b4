"""CSV and XLSX downloads of a dataset; text cells that a spreadsheet would run are neutralised."""

import csv
import io
from datetime import date
from decimal import Decimal

from openpyxl import Workbook

from .selectors import Dataset

# A cell starting with one of these is a formula to Excel/LibreOffice (CSV injection, OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_text(value: str) -> str:
    """Prefix a quote to text a spreadsheet would treat as a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float, Decimal, date)):
        return value
    return safe_text(str(value))


def _rows(dataset: Dataset):
    yield [safe_text(str(column.label)) for column in dataset.columns]
    for row in dataset.rows:
        yield [_cell(row.get(column.key)) for column in dataset.columns]


def dataset_csv(dataset: Dataset) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _rows(dataset):
        writer.writerow([value.isoformat() if isinstance(value, date) else value for value in row])
    # A BOM so Excel opens the Vietnamese text as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def dataset_xlsx(dataset: Dataset) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=dataset.key[:31])
    for row in _rows(dataset):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
