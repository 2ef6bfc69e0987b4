"""Validating import rows: every row is checked before anything is written."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from phohang.core.money import parse_vnd
from phohang.core.text import clean_free_text, clean_identifier, clean_line, fold, nfc, slugify_vi
from phohang.geo.models import Province
from phohang.sellers.models import Seller

from ...models import Category, OcopLevel, Unit
from ..products import MAX_PRICE_VND, gtin_validate
from .columns import CERTIFICATION_WORDS, COLUMNS, FORMULA_PREFIXES, HEADER_BY_KEY, UNIT_WORDS
from .read import map_header, read_rows

# A row as the validator hands it on: the model's field values by name, plus "row" (its number).
Row = dict[str, Any]


@dataclass
class ParsedRow:
    row: int
    values: dict[str, object] = field(default_factory=dict)


@dataclass
class RowProblem:
    row: int
    column: str
    problem: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "problem": self.problem}


class RowValidator:
    """Checks one row at a time against lookups loaded once per file."""

    def __init__(self, seller: Seller) -> None:
        self.seller = seller
        self.categories: dict[str, int] = {}
        for category in Category.objects.filter(is_active=True):
            self.categories[category.slug] = category.pk
            self.categories[fold(category.name_vi)] = category.pk
            self.categories[fold(category.name_en)] = category.pk
        self.provinces: dict[str, str] = {}
        for province in Province.objects.all():
            for key in (province.code, province.name, province.short_name, province.slug):
                self.provinces[fold(key)] = province.pk
        self.seen_skus: dict[str, int] = {}

    def _text(self, value: object, *, multiline: bool = False) -> str:
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
    def _whole(value: object, *, label: str) -> int:
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

    def validate(self, row: ParsedRow) -> tuple[Row | None, list[RowProblem]]:
        problems: list[RowProblem] = []
        cleaned: Row = {"row": row.row}

        def problem(key: str, message: str) -> None:
            problems.append(RowProblem(row.row, HEADER_BY_KEY.get(key, key), str(message)))

        def text(key: str, *, multiline: bool = False, limit: int = 200) -> str:
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


def _nfc_text(cell: object) -> object:
    return nfc(cell) if isinstance(cell, str) else cell


def parse_and_validate(
    data: bytes, name: str, seller: Seller
) -> tuple[list[Row], list[RowProblem], int, str]:
    """All rows checked: (valid rows, problems, data-row count, encoding); SpreadsheetRefused
    when the file as a whole cannot be read."""
    header, numbered, encoding = read_rows(data, name)
    mapping = map_header(header)
    width = len(header)
    validator = RowValidator(seller)
    valid: list[Row] = []
    problems: list[RowProblem] = []
    total = 0
    for number, cells in numbered:
        if not any(str(cell).strip() for cell in cells):
            continue  # blank lines are not rows (the reader still counts them against its cap)
        total += 1
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
            key: _nfc_text(cells[index]) for index, key in mapping.items() if index < len(cells)
        }
        cleaned, row_problems = validator.validate(ParsedRow(number, values))
        if cleaned is None:
            problems.extend(row_problems)
        else:
            valid.append(cleaned)
    # A duplicated SKU makes every occurrence after the first invalid; drop any that slipped in.
    return valid, problems, total, encoding
