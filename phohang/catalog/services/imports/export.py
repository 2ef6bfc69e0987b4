"""Export of a seller's catalogue and the import template, in the import's own columns."""

import csv
import io
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext_lazy

from phohang.sellers.models import Seller

from ...models import ProductVariant
from .columns import CERTIFICATION_EXPORT, COLUMNS, FORMULA_PREFIXES, UNIT_EXPORT


def escape_cell(value: object) -> object:
    """FUZ-07: text that a spreadsheet would run as a formula gets a leading single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def export_rows(seller: Seller) -> Iterator[list[object]]:
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


def write_csv(rows: Iterable[list[object]]) -> bytes:
    """UTF-8 with a BOM so Excel shows Vietnamese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers())
    writer.writerows(rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def write_xlsx(rows: Iterable[list[object]]) -> bytes:
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


def template_rows() -> list[list[object]]:
    return [[column.example for column in COLUMNS]]
