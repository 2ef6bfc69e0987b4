"""Bulk import and export of a seller's catalogue (CSV or XLSX with Vietnamese headers).

Every row is validated before anything is written; the import then writes the valid rows in
chunks (one transaction and a few bulk statements per chunk), matching existing variants by SKU
so a re-import updates instead of duplicating. A row is imported whole or not at all: if the
database refuses anything in a chunk, the chunk is rolled back and written again row by row,
each row in its own savepoint, so only the refused rows fail.
"""

import copy
import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from phohang.core.audit import AuditContext, audit_record
from phohang.core.money import parse_vnd
from phohang.core.text import clean_free_text, clean_identifier, clean_line, fold, nfc, slugify_vi
from phohang.geo.models import Province

from ..events import products_changed_send
from ..models import (
    Category,
    Certification,
    ImportJob,
    OcopLevel,
    Product,
    ProductVariant,
    StockMovement,
    Unit,
)
from .products import MAX_PRICE_VND, description_render, gtin_validate

MAX_IMPORT_ROWS = 20_000
IMPORT_CHUNK_ROWS = 200
MAX_IMPORT_BYTES = 20 * 1024 * 1024
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    example: str
    help: object = ""


COLUMNS = [
    Column("sku", "Mã SKU", True, "CHE-TC-500"),
    Column("title", "Tên sản phẩm", True, "Chè Tân Cương Thái Nguyên"),
    Column("variant", "Phân loại", True, "Gói 500 g"),
    Column("category", "Danh mục", True, "che-tra"),
    Column("province", "Tỉnh/thành xuất xứ", True, "Thái Nguyên"),
    Column("unit", "Đơn vị", True, "gói"),
    Column("price", "Giá (đồng)", True, "180.000"),
    Column("stock", "Tồn kho", False, "120"),
    Column("gtin", "Mã vạch GTIN", False, ""),
    Column("weight", "Khối lượng (g)", False, "500"),
    Column("description", "Mô tả", False, "Chè búp xanh sao tay, vùng chè Tân Cương."),
    Column("ocop_stars", "Số sao OCOP", False, "4"),
    Column("ocop_certificate", "Số chứng nhận OCOP", False, "OCOP-TN-2024-0123"),
    Column("ocop_level", "Cấp OCOP", False, "tỉnh"),
    Column("ocop_year", "Năm OCOP", False, "2024"),
    Column("ocop_expires", "Hết hạn OCOP", False, "31/12/2027"),
    Column("certifications", "Chứng nhận khác", False, "VietGAP"),
]
HEADER_BY_KEY = {column.key: column.header for column in COLUMNS}
# Accept the Vietnamese header with or without diacritics, or the English key.
HEADER_LOOKUP = {fold(column.header): column.key for column in COLUMNS} | {
    column.key: column.key for column in COLUMNS
}

UNIT_WORDS = {
    "kg": Unit.KILOGRAM, "ki-lo-gam": Unit.KILOGRAM, "g": Unit.GRAM, "gam": Unit.GRAM,
    "lit": Unit.LITRE, "l": Unit.LITRE, "hop": Unit.BOX, "box": Unit.BOX, "chai": Unit.BOTTLE,
    "bottle": Unit.BOTTLE, "tui": Unit.BAG, "bag": Unit.BAG, "goi": Unit.PACK, "pack": Unit.PACK,
    "lo": Unit.JAR, "hu": Unit.JAR, "jar": Unit.JAR, "cai": Unit.PIECE, "chiec": Unit.PIECE,
    "piece": Unit.PIECE, "bo": Unit.SET, "set": Unit.SET, "thung": Unit.CARTON,
    "carton": Unit.CARTON, "met": Unit.METRE, "m": Unit.METRE, "doi": Unit.PAIR, "pair": Unit.PAIR,
    "bo hoa": Unit.BUNCH, "bunch": Unit.BUNCH, "nai": Unit.BUNCH, "tour": Unit.TOUR,
    "ve": Unit.TOUR, "suat": Unit.TOUR,
}  # fmt: skip
UNIT_EXPORT = {
    Unit.KILOGRAM: "kg", Unit.GRAM: "g", Unit.LITRE: "lít", Unit.BOX: "hộp", Unit.BOTTLE: "chai",
    Unit.BAG: "túi", Unit.PACK: "gói", Unit.JAR: "hũ", Unit.PIECE: "cái", Unit.SET: "bộ",
    Unit.CARTON: "thùng", Unit.METRE: "mét", Unit.PAIR: "đôi", Unit.BUNCH: "nải",
    Unit.TOUR: "suất",
}  # fmt: skip
CERTIFICATION_WORDS = {
    "vietgap": Certification.VIETGAP, "huu co": Certification.ORGANIC,
    "organic": Certification.ORGANIC, "haccp": Certification.HACCP,
    "iso 22000": Certification.ISO_22000, "iso22000": Certification.ISO_22000,
}  # fmt: skip
CERTIFICATION_EXPORT = {
    Certification.VIETGAP: "VietGAP", Certification.ORGANIC: "Hữu cơ",
    Certification.HACCP: "HACCP", Certification.ISO_22000: "ISO 22000",
}  # fmt: skip


class ImportFileError(Exception):
    """The file as a whole cannot be read; `message` says why in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class ParsedRow:
    row: int
    values: dict = field(default_factory=dict)


@dataclass
class RowProblem:
    row: int
    column: str
    problem: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "problem": self.problem}


# ---- reading -------------------------------------------------------------------------------


def decode_csv(data: bytes) -> tuple[str, str]:
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


def _csv_rows(data: bytes) -> tuple[Iterator[list[str]], str]:
    try:
        text, encoding = decode_csv(data)
    except UnicodeDecodeError as error:
        raise ImportFileError(_("The file's text encoding could not be read.")) from error
    text = text.replace("\x00", "")
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), encoding


def _xlsx_rows(data: bytes) -> Iterator[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many types for broken files
        raise ImportFileError(_("The XLSX file is damaged or not a spreadsheet.")) from error
    sheet = workbook.worksheets[0]
    for values in sheet.iter_rows(values_only=True):
        yield ["" if value is None else value for value in values]


def read_rows(data: bytes, name: str) -> tuple[list[str], Iterator[tuple[int, list]], str]:
    """Header and numbered data rows (spreadsheet numbering: the header is row 1)."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(
            _("The file is larger than 20 MB. Split it into files of at most %(rows)s rows.")
            % {"rows": f"{MAX_IMPORT_ROWS:,}".replace(",", ".")}
        )
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    is_xlsx = data[:4] == b"PK\x03\x04"
    if is_xlsx:
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise ImportFileError(_("The XLSX file is damaged or not a spreadsheet."))
        rows, encoding = _xlsx_rows(data), "XLSX"
    elif name.lower().endswith((".xls", ".xlsx", ".ods")):
        raise ImportFileError(_("Save the spreadsheet as XLSX or CSV and upload it again."))
    else:
        rows, encoding = _csv_rows(data)
    numbered = enumerate(rows, start=1)
    try:
        for _number, header in numbered:
            if any(str(cell).strip() for cell in header):
                break
        else:
            raise ImportFileError(_("The file has no header row."))
    except csv.Error as error:
        raise ImportFileError(_("The CSV file is malformed: %s") % error) from error
    return [str(cell) for cell in header], numbered, encoding


def map_header(header: list[str]) -> dict[int, str]:
    """Column index → key; raises ImportFileError listing the missing required columns."""
    mapping: dict[int, str] = {}
    for index, title in enumerate(header):
        key = HEADER_LOOKUP.get(fold(clean_line(title.lstrip("\ufeff"))))
        if key and key not in mapping.values():
            mapping[index] = key
    missing = [c.header for c in COLUMNS if c.required and c.key not in mapping.values()]
    if missing:
        raise ImportFileError(
            _("Missing columns: %(columns)s. Download the template to see the expected headers.")
            % {"columns": ", ".join(missing)}
        )
    return mapping


# ---- validating ----------------------------------------------------------------------------


class RowValidator:
    """Checks one row at a time against lookups loaded once per file."""

    def __init__(self, seller):
        self.seller = seller
        self.categories = {}
        for category in Category.objects.filter(is_active=True):
            self.categories[category.slug] = category.pk
            self.categories[fold(category.name_vi)] = category.pk
            self.categories[fold(category.name_en)] = category.pk
        self.provinces = {}
        for province in Province.objects.all():
            for key in (province.code, province.name, province.short_name, province.slug):
                self.provinces[fold(key)] = province.pk
        self.seen_skus: dict[str, int] = {}

    def _text(self, value, *, multiline: bool = False) -> str:
        text = value if isinstance(value, str) else str(value)
        text = clean_free_text(text) if multiline else clean_line(text)
        if text.startswith("'") and text[1:2] in FORMULA_PREFIXES:
            return text[1:]  # our own export escapes such cells with a leading quote
        if text.startswith(FORMULA_PREFIXES):
            raise ValueError(
                _("looks like a spreadsheet formula; remove the leading “%s”") % text[0]
            )
        return text

    @staticmethod
    def _whole(value, *, label: str) -> int:
        if isinstance(value, bool):
            raise ValueError(_("not a number"))
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError(_("%s must be a whole number") % label)
            return int(value)
        text = clean_line(str(value)).replace(" ", "")
        if text.startswith("'"):
            text = text[1:]
        try:
            return parse_vnd(text)
        except ValueError as error:
            raise ValueError(_("%s must be a whole number") % label) from error

    def validate(self, row: ParsedRow) -> tuple[dict | None, list[RowProblem]]:
        problems: list[RowProblem] = []
        cleaned: dict = {"row": row.row}

        def problem(key: str, message: str) -> None:
            problems.append(RowProblem(row.row, HEADER_BY_KEY.get(key, key), str(message)))

        def text(key: str, *, multiline=False, limit=200) -> str:
            try:
                value = self._text(row.values.get(key, ""), multiline=multiline)
            except ValueError as error:
                problem(key, str(error))
                return ""
            if len(value) > limit:
                problem(key, _("too long (at most %s characters)") % limit)
            return value[:limit]

        for column in COLUMNS:
            if column.required and not str(row.values.get(column.key, "")).strip():
                problem(column.key, _("required"))
        if problems:
            return None, problems

        sku = clean_identifier(text("sku", limit=64))
        if sku:
            if sku in self.seen_skus:
                problem("sku", _("duplicate SKU, already on row %s") % self.seen_skus[sku])
            else:
                self.seen_skus[sku] = row.row
        cleaned["sku"] = sku
        cleaned["title"] = text("title")
        if cleaned["title"] and len(cleaned["title"]) < 3:
            problem("title", _("at least 3 characters"))
        cleaned["variant"] = text("variant", limit=80)
        cleaned["description"] = text("description", multiline=True, limit=20_000)

        category = fold(text("category", limit=120))
        cleaned["category_id"] = self.categories.get(category) or self.categories.get(
            slugify_vi(category)
        )
        if category and cleaned["category_id"] is None:
            problem("category", _("unknown category"))
        province = fold(text("province", limit=80))
        for prefix in ("tinh ", "thanh pho ", "tp. ", "tp "):
            if province.startswith(prefix):
                province = province[len(prefix) :]
        cleaned["province_id"] = self.provinces.get(province) or self.provinces.get(
            slugify_vi(province)
        )
        if province and cleaned["province_id"] is None:
            problem("province", _("unknown province (use one of the 34 current provinces)"))
        unit = fold(text("unit", limit=20))
        cleaned["unit"] = UNIT_WORDS.get(unit) or (unit if unit in Unit.values else None)
        if unit and cleaned["unit"] is None:
            problem("unit", _("unknown unit"))

        try:
            price = self._whole(row.values.get("price"), label=_("the price"))
            if price <= 0:
                problem("price", _("the price must be greater than 0"))
            elif price > MAX_PRICE_VND:
                problem("price", _("the price is too large"))
            cleaned["price_vnd"] = price
        except ValueError as error:
            problem("price", str(error))
        for key, label, target in (
            ("stock", _("stock"), "stock"),
            ("weight", _("weight"), "weight_grams"),
            ("ocop_stars", _("OCOP stars"), "ocop_stars"),
            ("ocop_year", _("the year"), "ocop_year"),
        ):
            raw = row.values.get(key, "")
            if str(raw).strip() == "":
                cleaned[target] = None
                continue
            try:
                number = self._whole(raw, label=label)
            except ValueError as error:
                problem(key, str(error))
                continue
            if number < 0:
                problem(key, _("cannot be negative"))
            cleaned[target] = number
        if cleaned.get("stock") is not None and cleaned["stock"] > 10_000_000:
            problem("stock", _("too large"))
        if cleaned.get("ocop_stars") not in (None, 3, 4, 5):
            problem("ocop_stars", _("OCOP products have 3, 4 or 5 stars"))
        try:
            cleaned["gtin"] = gtin_validate(text("gtin", limit=20))
        except ValidationError as error:
            problem("gtin", error.messages[0])
        cleaned["ocop_certificate_number"] = clean_identifier(text("ocop_certificate", limit=60))
        level = fold(text("ocop_level", limit=20))
        level_map = {"tinh": OcopLevel.PROVINCE, "province": OcopLevel.PROVINCE,
                     "quoc gia": OcopLevel.NATIONAL, "trung uong": OcopLevel.NATIONAL,
                     "national": OcopLevel.NATIONAL}  # fmt: skip
        cleaned["ocop_level"] = level_map.get(level, "")
        if level and not cleaned["ocop_level"]:
            problem("ocop_level", _("use “tỉnh” or “quốc gia”"))
        cleaned["ocop_expires_on"] = None
        expires = row.values.get("ocop_expires", "")
        if isinstance(expires, datetime.datetime):
            cleaned["ocop_expires_on"] = expires.date()
        elif isinstance(expires, datetime.date):
            cleaned["ocop_expires_on"] = expires
        elif str(expires).strip():
            cleaned["ocop_expires_on"] = _parse_date(str(expires).strip())
            if cleaned["ocop_expires_on"] is None:
                problem("ocop_expires", _("use a date like 31/12/2027"))
        if cleaned.get("ocop_stars"):
            if not cleaned["ocop_certificate_number"]:
                problem("ocop_certificate", _("required when OCOP stars are given"))
            if not cleaned["ocop_expires_on"]:
                problem("ocop_expires", _("required when OCOP stars are given"))
        certifications = []
        for word in text("certifications", limit=200).replace(";", ",").split(","):
            word = fold(word).strip()
            if not word:
                continue
            if word not in CERTIFICATION_WORDS:
                problem("certifications", _("unknown certification “%s”") % word)
            else:
                certifications.append(CERTIFICATION_WORDS[word])
        cleaned["certifications"] = list(dict.fromkeys(certifications))
        return (None, problems) if problems else (cleaned, [])


def _parse_date(text: str) -> datetime.date | None:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def parse_and_validate(
    data: bytes, name: str, seller
) -> tuple[list[dict], list[RowProblem], int, str]:
    """All rows checked: (valid rows, problems, data-row count, encoding)."""
    header, numbered, encoding = read_rows(data, name)
    mapping = map_header(header)
    width = len(header)
    validator = RowValidator(seller)
    valid: list[dict] = []
    problems: list[RowProblem] = []
    total = 0
    try:
        for number, cells in numbered:
            if not any(str(cell).strip() for cell in cells):
                continue  # blank lines are not rows
            total += 1
            if total > MAX_IMPORT_ROWS:
                raise ImportFileError(
                    _(
                        "The file has more than %(rows)s rows. Split it into several files "
                        "of at most %(rows)s rows each; nothing was imported."
                    )
                    % {"rows": f"{MAX_IMPORT_ROWS:,}".replace(",", ".")}
                )
            if len(cells) > width and any(str(c).strip() for c in cells[width:]):
                problems.append(
                    RowProblem(
                        number,
                        "",
                        _("the row has %(cells)s cells but the header has %(header)s")
                        % {"cells": len(cells), "header": width},
                    )
                )
                continue
            values = {
                key: (nfc(cells[index]) if isinstance(cells[index], str) else cells[index])
                for index, key in mapping.items()
                if index < len(cells)
            }
            cleaned, row_problems = validator.validate(ParsedRow(number, values))
            if cleaned is None:
                problems.extend(row_problems)
            else:
                valid.append(cleaned)
    except csv.Error as error:
        raise ImportFileError(_("The CSV file is malformed: %s") % error) from error
    # A duplicated SKU makes every occurrence after the first invalid; drop any that slipped in.
    return valid, problems, total, encoding


# ---- jobs ----------------------------------------------------------------------------------


def import_job_create(*, seller, user, upload) -> ImportJob:
    """Store the upload privately and queue its validation."""
    from django.core.files.base import ContentFile

    from ..tasks import import_validate_task

    if upload.size > MAX_IMPORT_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."), code="too_large")
    name = clean_line(getattr(upload, "name", "") or "import.csv")[-120:]
    extension = "xlsx" if name.lower().endswith(".xlsx") else "csv"
    job = ImportJob(seller=seller, created_by=user, original_name=name)
    job.file.save(f"{job.public_id.hex}.{extension}", ContentFile(upload.read()), save=False)
    job.save()
    transaction.on_commit(lambda: import_validate_task.enqueue(job_id=job.pk))
    return job


def import_job_validate(*, job_id: int) -> ImportJob:
    job = ImportJob.objects.select_related("seller").get(pk=job_id)
    with job.file.open("rb") as handle:
        data = handle.read()
    try:
        valid, problems, total, encoding = parse_and_validate(data, job.original_name, job.seller)
    except ImportFileError as error:
        job.status = ImportJob.Status.FAILED
        job.message = error.message
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "message", "finished_at"])
        return job
    job.status = ImportJob.Status.VALIDATED
    job.total_rows = total
    job.valid_rows = len(valid)
    job.problems = [p.as_dict() for p in problems[:5000]]
    job.message = _("Read as %(encoding)s.") % {"encoding": encoding}
    job.save(update_fields=["status", "total_rows", "valid_rows", "problems", "message"])
    return job


def import_job_start(*, job: ImportJob, publish: bool, context: AuditContext | None) -> ImportJob:
    """Queue the import of the valid rows (once)."""
    from ..tasks import import_run_task

    updated = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.VALIDATED).update(
        status=ImportJob.Status.IMPORTING
    )
    if not updated:
        raise ValidationError(_("This import has already started."), code="started")
    audit_record(
        context=context,
        action="catalog.import.start",
        obj=job,
        after={"valid_rows": job.valid_rows, "publish": publish},
    )
    actor_id = context.actor.pk if context and context.actor else None
    transaction.on_commit(
        lambda: import_run_task.enqueue(job_id=job.pk, publish=publish, actor_id=actor_id)
    )
    job.status = ImportJob.Status.IMPORTING
    return job


def import_job_run(*, job_id: int, publish: bool, actor_id: int | None) -> ImportJob:
    """Re-read the stored file and write each valid row in its own transaction."""
    job = ImportJob.objects.select_related("seller").get(pk=job_id)
    with job.file.open("rb") as handle:
        data = handle.read()
    try:
        valid, _problems, _total, _encoding = parse_and_validate(
            data, job.original_name, job.seller
        )
    except ImportFileError as error:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, message=error.message, finished_at=timezone.now()
        )
        job.refresh_from_db()
        return job
    writer = RowWriter(job.seller, publish=publish and job.seller.can_publish, actor_id=actor_id)
    failures = list(job.problems)
    created = updated = failed = 0
    for start in range(0, len(valid), IMPORT_CHUNK_ROWS):
        for row, outcome in writer.write_chunk(valid[start : start + IMPORT_CHUNK_ROWS]):
            if isinstance(outcome, Exception):
                failed += 1
                message = "; ".join(getattr(outcome, "messages", None) or [str(outcome)])
                failures.append({"row": row["row"], "column": "", "problem": message})
            else:
                created += outcome == "created"
                updated += outcome == "updated"
        ImportJob.objects.filter(pk=job.pk).update(
            processed_rows=min(start + IMPORT_CHUNK_ROWS, len(valid))
        )
    for action in ("published", "updated"):
        products_changed_send(
            product_ids=[pk for pk, done in writer.changed.items() if done == action],
            action=action,
        )
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.DONE,
        processed_rows=len(valid),
        created_count=created,
        updated_count=updated,
        failed_count=failed,
        problems=sorted(failures, key=lambda p: p["row"])[:5000],
        finished_at=timezone.now(),
    )
    audit_record(
        context=None,
        action="catalog.import.finish",
        obj=job,
        after={"created": created, "updated": updated, "failed": failed},
    )
    job.refresh_from_db()
    return job


class RowWriter:
    """Writes validated rows; products are grouped by title within the seller."""

    def __init__(self, seller, *, publish: bool, actor_id: int | None):
        self.seller = seller
        self.publish = publish
        self.actor_id = actor_id
        self.variants = {
            v.sku: v for v in ProductVariant.objects.filter(seller=seller).select_related("product")
        }
        self.changed: dict[int, str] = {}
        # product id → {sku: price}, kept in memory so the lowest price needs no query per row.
        self.prices: dict[int, dict[str, int]] = {}
        for variant in self.variants.values():
            self.prices.setdefault(variant.product_id, {})[variant.sku] = variant.price_vnd
        self.products_by_title = {
            p.title: p for p in Product.objects.filter(seller=seller).order_by("id")
        }
        # Catalogue files repeat a handful of descriptions; Markdown is the slowest step.
        self.rendered: dict[str, str] = {}

    def _description_html(self, text: str) -> str:
        if text not in self.rendered:
            self.rendered[text] = description_render(text)
        return self.rendered[text]

    def _product_fields(self, row: dict) -> dict:
        return {
            "title": row["title"],
            "description": row["description"],
            "description_html": self._description_html(row["description"]),
            "category_id": row["category_id"],
            "origin_province_id": row["province_id"],
            "unit": row["unit"],
            "certifications": row["certifications"],
            "ocop_stars": row["ocop_stars"],
            "ocop_certificate_number": row["ocop_certificate_number"],
            "ocop_level": row["ocop_level"],
            "ocop_year": row["ocop_year"],
            "ocop_expires_on": row["ocop_expires_on"],
        }

    def write_chunk(self, rows: list[dict]) -> list[tuple[dict, str | Exception]]:
        """Each row with "created", "updated" or the error that kept it out."""
        try:
            with transaction.atomic():
                return self._write_bulk(rows)
        except IntegrityError:
            # Something in the chunk broke a constraint (say a SKU another upload just took):
            # nothing of the chunk was kept, so write it again, each row all or nothing.
            pass
        results: list[tuple[dict, str | Exception]] = []
        with transaction.atomic():
            for row in rows:
                try:
                    with transaction.atomic():
                        results.append((row, self.write(row)))
                except (ValidationError, IntegrityError) as error:
                    results.append((row, error))
        return results

    def _write_bulk(self, rows: list[dict]) -> list[tuple[dict, str | Exception]]:
        """The rows of one chunk in a few bulk statements; the caller holds the transaction.

        Objects already known to the writer are changed as copies, and the writer's own maps
        are updated only at the end, so a rolled-back chunk leaves the writer as it was.
        """
        now = timezone.now()
        results: list[tuple[dict, str | Exception]] = []
        new_products: dict[str, Product] = {}
        changed_products: dict[int, Product] = {}
        new_variants: list[ProductVariant] = []
        changed_variants: list[ProductVariant] = []
        movements: list[tuple[ProductVariant, int]] = []
        written: list[tuple[Product, ProductVariant, str]] = []
        for row in rows:
            known = self.variants.get(row["sku"])
            stock = row["stock"]
            if known is not None and stock is not None and stock < known.stock_reserved:
                results.append((row, self._below_reserved(stock, known.stock_reserved)))
                continue
            fields = self._product_fields(row)
            if known is not None:
                product = changed_products.get(known.product_id) or copy.copy(known.product)
                self._apply_update(product, fields, row, now)
                changed_products[product.pk] = product
                variant = copy.copy(known)
                changed_variants.append(variant)
                outcome = "updated"
            else:
                product = new_products.get(row["title"]) or self.products_by_title.get(row["title"])
                if product is None:
                    product = self._new_product(fields, row, now)
                    new_products[row["title"]] = product
                variant = ProductVariant(seller=self.seller, sku=row["sku"])
                new_variants.append(variant)
                outcome = "created"
            delta = self._apply_variant(variant, row)
            if delta:
                movements.append((variant, delta))
            written.append((product, variant, outcome))
            results.append((row, outcome))

        for product, variant, _outcome in written:
            if product.pk is None:
                product.min_price_vnd = min(
                    product.min_price_vnd or variant.price_vnd, variant.price_vnd
                )
        Product.objects.bulk_create(new_products.values())
        if changed_products:
            Product.objects.bulk_update(changed_products.values(), PRODUCT_UPDATE_FIELDS)
        for product, variant, _outcome in written:
            variant.product = product
        ProductVariant.objects.bulk_create(new_variants)
        if changed_variants:
            ProductVariant.objects.bulk_update(changed_variants, VARIANT_UPDATE_FIELDS)
        StockMovement.objects.bulk_create(
            [self._movement(variant, delta) for variant, delta in movements]
        )
        # product id → {sku: price} of the products this chunk touched, merged in at the end.
        prices: dict[int, dict[str, int]] = {}
        for product, variant, _outcome in written:
            if product.pk not in prices:
                prices[product.pk] = dict(self.prices.get(product.pk, {}))
            prices[product.pk][variant.sku] = variant.price_vnd
        repriced: dict[int, Product] = {}
        for product, _variant, _outcome in written:
            lowest = min(prices[product.pk].values())
            if product.min_price_vnd != lowest:
                repriced[product.pk] = copy.copy(product)
                repriced[product.pk].min_price_vnd = lowest
        if repriced:
            Product.objects.bulk_update(repriced.values(), ["min_price_vnd"])

        # The chunk is written: only now does the writer learn about it.
        self.prices.update(prices)
        for product, _variant, _outcome in written:
            if product.pk in repriced:
                product.min_price_vnd = repriced[product.pk].min_price_vnd
        self.products_by_title.update(new_products)
        for product, variant, outcome in written:
            self.variants[variant.sku] = variant
            if product.status == Product.Status.PUBLISHED:
                self.changed.setdefault(
                    product.pk, "published" if outcome == "created" else "updated"
                )
        return results

    def _new_product(self, fields: dict, row: dict, now) -> Product:
        return Product(
            seller=self.seller,
            slug=slugify_vi(row["title"], max_length=100),
            status=Product.Status.PUBLISHED if self.publish else Product.Status.DRAFT,
            published_at=now if self.publish else None,
            created_at=now,
            updated_at=now,
            **fields,
        )

    @staticmethod
    def _apply_update(product: Product, fields: dict, row: dict, now) -> None:
        ocop_before = (product.ocop_stars, product.ocop_certificate_number, product.ocop_expires_on)
        for name, value in fields.items():
            setattr(product, name, value)
        if ocop_before != (
            row["ocop_stars"],
            row["ocop_certificate_number"],
            row["ocop_expires_on"],
        ):
            product.ocop_verified_at = None
            product.ocop_revoked_at = None
        product.slug = slugify_vi(product.title, max_length=100)
        product.updated_at = now

    @staticmethod
    def _below_reserved(stock: int, reserved: int) -> ValidationError:
        return ValidationError(
            _("stock %(stock)s is below the %(reserved)s units reserved by orders")
            % {"stock": stock, "reserved": reserved}
        )

    @staticmethod
    def _apply_variant(variant: ProductVariant, row: dict) -> int:
        """Set the row's values on `variant`; returns the change in stock on hand."""
        variant.name = row["variant"]
        variant.gtin = row["gtin"]
        variant.price_vnd = row["price_vnd"]
        variant.weight_grams = row["weight_grams"]
        if row["stock"] is None:
            return 0
        delta = row["stock"] - variant.stock_on_hand
        variant.stock_on_hand = row["stock"]
        return delta

    def _movement(self, variant: ProductVariant, delta: int) -> StockMovement:
        return StockMovement(
            variant=variant,
            delta_on_hand=delta,
            reason=StockMovement.Reason.RECEIVED if delta > 0 else StockMovement.Reason.ADJUSTMENT,
            reference="import",
            actor_id=self.actor_id,
        )

    def write(self, row: dict) -> str:
        """One row on its own (the caller holds a savepoint); the slow path of write_chunk."""
        now = timezone.now()
        variant = self.variants.get(row["sku"])
        fields = self._product_fields(row)
        if variant is not None:
            product = variant.product
            self._apply_update(product, fields, row, now)
            product.save()
            outcome = "updated"
        else:
            product = self.products_by_title.get(row["title"])
            if product is None:
                product = self._new_product(fields, row, now)
                product.save()
                self.products_by_title[product.title] = product
            variant = ProductVariant(product=product, seller=self.seller, sku=row["sku"])
            outcome = "created"
        if row["stock"] is not None and row["stock"] < variant.stock_reserved:
            raise self._below_reserved(row["stock"], variant.stock_reserved)
        delta = self._apply_variant(variant, row)
        variant.save()
        if delta:
            self._movement(variant, delta).save()
        self.variants[variant.sku] = variant
        prices = self.prices.setdefault(product.pk, {})
        prices[variant.sku] = variant.price_vnd
        lowest = min(prices.values())
        if product.min_price_vnd != lowest:
            Product.objects.filter(pk=product.pk).update(min_price_vnd=lowest)
            product.min_price_vnd = lowest
        if product.status == Product.Status.PUBLISHED:
            # Sent in bulk once the whole file is imported (see import_job_run).
            self.changed.setdefault(product.pk, "published" if outcome == "created" else "updated")
        return outcome


PRODUCT_UPDATE_FIELDS = [
    "title",
    "description",
    "description_html",
    "category_id",
    "origin_province_id",
    "unit",
    "certifications",
    "ocop_stars",
    "ocop_certificate_number",
    "ocop_level",
    "ocop_year",
    "ocop_expires_on",
    "ocop_verified_at",
    "ocop_revoked_at",
    "slug",
    "updated_at",
]
VARIANT_UPDATE_FIELDS = ["name", "gtin", "price_vnd", "weight_grams", "stock_on_hand"]


# ---- export and template -------------------------------------------------------------------


def escape_cell(value) -> object:
    """FUZ-07: text that a spreadsheet would run as a formula gets a leading single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def export_rows(seller) -> Iterator[list]:
    variants = (
        ProductVariant.objects.filter(seller=seller)
        .select_related("product__category", "product__origin_province")
        .order_by("product_id", "position", "id")
    )
    for variant in variants.iterator(chunk_size=2000):
        product = variant.product
        yield [
            escape_cell(value)
            for value in (
                variant.sku,
                product.title,
                variant.name,
                product.category.slug,
                product.origin_province.short_name,
                UNIT_EXPORT.get(product.unit, product.unit),
                variant.price_vnd,
                variant.stock_on_hand,
                variant.gtin,
                variant.weight_grams or "",
                product.description,
                product.ocop_stars or "",
                product.ocop_certificate_number,
                {"province": "tỉnh", "national": "quốc gia"}.get(product.ocop_level, ""),
                product.ocop_year or "",
                product.ocop_expires_on.strftime("%d/%m/%Y") if product.ocop_expires_on else "",
                ", ".join(CERTIFICATION_EXPORT.get(c, c) for c in product.certifications),
            )
        ]


def headers() -> list[str]:
    return [column.header for column in COLUMNS]


def write_csv(rows) -> bytes:
    """UTF-8 with a BOM so Excel shows Vietnamese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers())
    writer.writerows(rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def write_xlsx(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(gettext_lazy("Products")))
    sheet.append(headers())
    for row in rows:
        # Strings stay strings: openpyxl would store "=..." as a formula otherwise.
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_rows() -> list[list]:
    return [[column.example for column in COLUMNS]]
