"""Bulk import and export of a seller's catalogue (CSV or XLSX with Vietnamese headers).

Every row is validated before anything is written; the import then writes the valid rows in
chunks (one transaction and a few bulk statements per chunk), matching existing variants by SKU
so a re-import updates instead of duplicating. A row is imported whole or not at all: if the
database refuses anything in a chunk, the chunk is rolled back and written again row by row,
each row in its own savepoint, so only the refused rows fail.
"""

from .columns import COLUMNS, IMPORT_CHUNK_ROWS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS
from .export import escape_cell, export_rows, headers, template_rows, write_csv, write_xlsx
from .jobs import import_job_create, import_job_run, import_job_start, import_job_validate
from .validate import RowProblem, RowValidator, parse_and_validate
from .write import RowWriter

__all__ = [
    "COLUMNS",
    "IMPORT_CHUNK_ROWS",
    "MAX_IMPORT_BYTES",
    "MAX_IMPORT_ROWS",
    "RowProblem",
    "RowValidator",
    "RowWriter",
    "escape_cell",
    "export_rows",
    "headers",
    "import_job_create",
    "import_job_run",
    "import_job_start",
    "import_job_validate",
    "parse_and_validate",
    "template_rows",
    "write_csv",
    "write_xlsx",
]
