"""Writes of insights' own records: targets and official statistics imports."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phohang.core.audit import AuditContext, audit_record, snapshot
from phohang.core.errors import DomainError, message_format
from phohang.core.jobs import Progress, file_job_context
from phohang.core.models import FileJob
from phohang.core.spreadsheets import SheetLimits, read_table
from phohang.core.text import clean_line, fold

from .models import Indicator, OfficialStatistic, StatisticsImport, Target
from .periods import period_parse

MAX_IMPORT_ROWS = 10_000
MAX_IMPORT_BYTES = 5 * 1024 * 1024
SHEET_LIMITS = SheetLimits(
    max_bytes=MAX_IMPORT_BYTES, max_rows=MAX_IMPORT_ROWS, max_uncompressed_bytes=20 << 20
)
PROGRESS_EVERY_ROWS = 200
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


class ImportRefused(DomainError):
    """The whole file is unreadable (type, size, header); nothing was imported."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__("import_refused", message, "file")


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
    keys: dict[str, str] = {}
    for value, label in Indicator.choices:
        keys[fold(value)] = value
        for language in ("vi", "en"):
            with translation.override(language):
                keys[fold(str(label))] = value
    return keys


def parse_decimal(text: object) -> Decimal:
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
        raise ValueError(str(text)) from error
    if not number.is_finite():
        raise ValueError(str(text))
    return number


def _header_map(header: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        key = fold(clean_line(str(name or "")))
        for field, aliases in HEADER_ALIASES.items():
            if key in aliases and field not in positions:
                positions[field] = index
    missing = [field for field in REQUIRED if field not in positions]
    if missing:
        raise ImportRefused(
            message_format(
                gettext_lazy(
                    "The first row must name the columns: %(columns)s (missing: %(missing)s)."
                ),
                columns=", ".join(REQUIRED),
                missing=", ".join(missing),
            )
        )
    return positions


@dataclass
class _Row:
    indicator: str
    period: str
    kind: str
    start: date
    value: Decimal
    unit: str
    source: str


def _parse_row(
    cells: list[Any], positions: dict[str, int], indicators: dict[str, str]
) -> _Row | list[str]:
    """The row, or what is wrong with it."""

    def cell(field: str) -> Any:
        index = positions[field]
        return cells[index] if index < len(cells) else None

    errors: list[str] = []
    raw_indicator = clean_line(str(cell("indicator") or ""))
    indicator = indicators.get(fold(raw_indicator))
    if not indicator:
        errors.append(_("Unknown indicator “%(value)s”.") % {"value": raw_indicator[:80]})
    raw_period = cell("period")
    if hasattr(raw_period, "year") and hasattr(raw_period, "month"):
        raw_period = f"{raw_period.year}-{raw_period.month:02d}"
    parsed_period: tuple[str, str, date] | None = None
    try:
        parsed_period = period_parse(str(raw_period or ""))
    except ValueError:
        errors.append(
            _("Period “%(value)s” is not a year (2025), quarter (2025-Q1) or month (2025-03).")
            % {"value": str(raw_period or "")[:20]}
        )
    value: Decimal | None = None
    try:
        value = parse_decimal(cell("value"))
        if abs(value) >= Decimal(10) ** 15:
            raise ValueError(value)
    except (ValueError, TypeError):
        errors.append(
            _("Value “%(value)s” is not a number.") % {"value": str(cell("value") or "")[:30]}
        )
    unit = clean_line(str(cell("unit") or ""))[:40]
    source = clean_line(str(cell("source") or ""))[:200]
    if not unit:
        errors.append(_("The unit is missing."))
    if not source:
        errors.append(_("The source is missing."))
    if errors or not indicator or parsed_period is None or value is None:
        return errors
    period, kind, start = parsed_period
    return _Row(indicator, period, kind, start, value, unit, source)


def statistics_import(
    *, context: AuditContext, upload: UploadedFile[bytes], original_name: str
) -> StatisticsImport:
    """Import an uploaded statistics file now (the page runs it as a file job instead)."""
    return statistics_import_file(context=context, data=upload.read(), original_name=original_name)


def statistics_import_file(
    *, context: AuditContext, data: bytes, original_name: str, progress: Progress | None = None
) -> StatisticsImport:
    """Import every good row of an official statistics file; bad rows are reported, not stored."""
    table = read_table(data, name=original_name, limits=SHEET_LIMITS)
    positions = _header_map(table.header)
    body = [(number, cells) for number, cells in table.rows if not _is_blank(cells)]
    indicators = _indicator_keys()
    errors: list[dict[str, object]] = []
    good: list[_Row] = []
    for number, cells in body:
        parsed = _parse_row(cells, positions, indicators)
        if isinstance(parsed, _Row):
            good.append(parsed)
        else:
            errors.append({"row": number, "errors": parsed})
    with transaction.atomic():
        batch = StatisticsImport.objects.create(
            original_name=original_name[:200],
            imported_by=context.actor,
            rows_total=len(body),
            rows_imported=len(good),
            errors=errors,
        )
        for done, row in enumerate(good, start=1):
            if progress is not None and done % PROGRESS_EVERY_ROWS == 0:
                progress(done, len(good))
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


def _is_blank(cells: list[Any]) -> bool:
    return not any(str(cell).strip() for cell in cells if cell is not None)


def statistics_import_job(job: FileJob, data: bytes, progress: Progress) -> dict[str, int]:
    """The file job of the statistics page (`core.jobs`)."""
    batch = statistics_import_file(
        context=file_job_context(job),
        data=data,
        original_name=job.original_name,
        progress=progress,
    )
    return {"import": batch.pk, "imported": batch.rows_imported, "total": batch.rows_total}


def statistics_import_summary(result: Mapping[str, int]) -> str:
    return _("%(imported)s of %(total)s rows imported.") % {
        "imported": result["imported"],
        "total": result["total"],
    }
