"""Writes of insights' own records: targets and official statistics imports."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phohang.core.audit import AuditContext, audit_record, snapshot
from phohang.core.text import clean_line, fold

from .models import Indicator, OfficialStatistic, StatisticsImport, Target
from .periods import period_parse

MAX_IMPORT_ROWS = 10_000
MAX_IMPORT_BYTES = 5 * 1024 * 1024
HEADER_ALIASES = {
    "indicator": {"indicator", "chi tieu", "ma chi tieu"},
    "period": {"period", "ky", "thoi ky", "ky bao cao"},
    "value": {"value", "gia tri"},
    "unit": {"unit", "don vi", "don vi tinh", "dvt"},
    "source": {"source", "nguon"},
}
REQUIRED = ("indicator", "period", "value", "unit", "source")
# The city's targets from the 2020 Hanoi Party Committee–MOIT programme (retail, industry).
CITY_TARGETS = [
    (Indicator.RETAIL_SALES, Decimal("10.54"), "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ"),
    (Indicator.INDUSTRIAL_VALUE_ADDED, Decimal("8.3"), "Giá trị tăng thêm ngành công nghiệp"),
]


class ImportRefused(Exception):
    """The whole file is unreadable (type, size, header); nothing was imported."""


def target_save(
    *, context: AuditContext, indicator: str, period: str, value: Decimal, unit: str, note: str = ""
) -> Target:
    """Create or update the target for (indicator, period)."""
    canonical, kind, start = period_parse(period)
    with transaction.atomic():
        target = Target.objects.filter(indicator=indicator, period=canonical).first()
        before = snapshot(target, ["value", "unit", "note"]) if target else None
        if target is None:
            target = Target(indicator=indicator, period=canonical)
        target.period_kind, target.period_start = kind, start
        target.value, target.unit, target.note = value, unit, note
        target.updated_at = timezone.now()
        target.save()
        audit_record(
            context=context,
            action="insights.target_save",
            obj=target,
            before=before,
            after=snapshot(target, ["value", "unit", "note"]),
        )
    return target


def target_delete(*, context: AuditContext, target: Target) -> None:
    with transaction.atomic():
        audit_record(
            context=context,
            action="insights.target_delete",
            obj=target,
            before=snapshot(target, ["indicator", "period", "value"]),
        )
        target.delete()


def targets_seed_city(*, first_year: int, last_year: int) -> int:
    """The city's yearly growth targets for each year in range; existing records are kept."""
    created = 0
    for year in range(first_year, last_year + 1):
        for indicator, value, note in CITY_TARGETS:
            _, was_created = Target.objects.get_or_create(
                indicator=indicator,
                period=str(year),
                defaults={
                    "period_kind": "year",
                    "period_start": f"{year}-01-01",
                    "value": value,
                    "unit": "%/năm",
                    "note": note,
                },
            )
            created += int(was_created)
    return created


def _indicator_keys() -> dict[str, str]:
    keys = {}
    for value, label in Indicator.choices:
        keys[fold(value)] = value
        for language in ("vi", "en"):
            with translation.override(language):
                keys[fold(str(label))] = value
    return keys


def parse_decimal(text) -> Decimal:
    """10.54, "10,54", "1.234.567,8", "1,234,567.8" → Decimal; ValueError otherwise."""
    if isinstance(text, (int, float, Decimal)) and not isinstance(text, bool):
        return Decimal(str(text))
    value = str(text).strip().replace(" ", "").replace("\u00a0", "")
    if not value:
        raise ValueError("empty")
    if "," in value and "." in value:
        decimal_mark = "," if value.rfind(",") > value.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        value = value.replace(group_mark, "").replace(decimal_mark, ".")
    elif "," in value:
        value = value.replace(",", ".") if value.count(",") == 1 else value.replace(",", "")
    elif value.count(".") > 1:
        value = value.replace(".", "")
    try:
        number = Decimal(value)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not number.is_finite():
        raise ValueError(text)
    return number


def _read_rows(upload) -> list[list]:
    data = upload.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRefused(_("The file is larger than 5 MB."))
    if not data:
        raise ImportRefused(_("The file is empty."))
    if data.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # noqa: BLE001 - any damaged workbook is refused the same way
            raise ImportRefused(_("This XLSX file cannot be read.")) from error
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_IMPORT_ROWS + 2)]
        workbook.close()
        return rows
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(_("Save the file as CSV (UTF-8) or XLSX.")) from error
    dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=dialect)]


def _header_map(header: list) -> dict[str, int]:
    positions = {}
    for index, name in enumerate(header):
        key = fold(clean_line(str(name or "")))
        for field, aliases in HEADER_ALIASES.items():
            if key in aliases and field not in positions:
                positions[field] = index
    missing = [field for field in REQUIRED if field not in positions]
    if missing:
        raise ImportRefused(
            _("The first row must name the columns: %(columns)s (missing: %(missing)s).")
            % {"columns": ", ".join(REQUIRED), "missing": ", ".join(missing)}
        )
    return positions


@dataclass
class _Row:
    indicator: str
    period: str
    kind: str
    start: object
    value: Decimal
    unit: str
    source: str


def _parse_row(
    cells: list, positions: dict[str, int], indicators: dict
) -> tuple[_Row | None, list]:
    def cell(field):
        index = positions[field]
        return cells[index] if index < len(cells) else None

    errors = []
    raw_indicator = clean_line(str(cell("indicator") or ""))
    indicator = indicators.get(fold(raw_indicator))
    if not indicator:
        errors.append(_("Unknown indicator “%(value)s”.") % {"value": raw_indicator[:80]})
    raw_period = cell("period")
    if hasattr(raw_period, "year") and hasattr(raw_period, "month"):
        raw_period = f"{raw_period.year}-{raw_period.month:02d}"
    try:
        period, kind, start = period_parse(str(raw_period or ""))
    except ValueError:
        errors.append(
            _("Period “%(value)s” is not a year (2025), quarter (2025-Q1) or month (2025-03).")
            % {"value": str(raw_period or "")[:20]}
        )
        period = kind = start = None
    try:
        value = parse_decimal(cell("value"))
        if abs(value) >= Decimal(10) ** 15:
            raise ValueError(value)
    except (ValueError, TypeError):
        errors.append(
            _("Value “%(value)s” is not a number.") % {"value": str(cell("value") or "")[:30]}
        )
        value = None
    unit = clean_line(str(cell("unit") or ""))[:40]
    source = clean_line(str(cell("source") or ""))[:200]
    if not unit:
        errors.append(_("The unit is missing."))
    if not source:
        errors.append(_("The source is missing."))
    if errors:
        return None, errors
    return _Row(indicator, period, kind, start, value, unit, source), []


def statistics_import(*, context: AuditContext, upload, original_name: str) -> StatisticsImport:
    """Import every good row of an official statistics file; bad rows are reported, not stored."""
    rows = _read_rows(upload)
    rows = [row for row in rows if any(str(c).strip() for c in row if c is not None)]
    if not rows:
        raise ImportRefused(_("The file is empty."))
    positions = _header_map(rows[0])
    body = rows[1:]
    if len(body) > MAX_IMPORT_ROWS:
        raise ImportRefused(_("At most %(n)s rows per file.") % {"n": MAX_IMPORT_ROWS})
    indicators = _indicator_keys()
    errors, good = [], []
    for number, cells in enumerate(body, start=2):
        parsed, problems = _parse_row(cells, positions, indicators)
        if problems:
            errors.append({"row": number, "errors": problems})
        else:
            good.append(parsed)
    with transaction.atomic():
        batch = StatisticsImport.objects.create(
            original_name=original_name[:200],
            imported_by=context.actor,
            rows_total=len(body),
            rows_imported=len(good),
            errors=errors,
        )
        for row in good:
            OfficialStatistic.objects.update_or_create(
                indicator=row.indicator,
                period=row.period,
                defaults={
                    "period_kind": row.kind,
                    "period_start": row.start,
                    "value": row.value,
                    "unit": row.unit,
                    "source": row.source,
                    "batch": batch,
                    "updated_at": timezone.now(),
                },
            )
        audit_record(
            context=context,
            action="insights.statistics_import",
            obj=batch,
            after={
                "rows_total": len(body),
                "rows_imported": len(good),
                "rows_rejected": len(errors),
            },
        )
    return batch
