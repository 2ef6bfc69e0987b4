"""Price files: a CSV or XLSX of the day's wholesale prices, read row by row; every good row is
stored through `prices_apply`, every bad one reported with its line and reason."""

from collections.abc import Mapping
from datetime import date, datetime
from decimal import InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError
from phohang.core.jobs import file_job_context, file_job_create
from phohang.core.models import FileJob
from phohang.core.spreadsheets import SheetLimits, read_table
from phohang.core.text import search_fold

from ..models import Market, PriceProduct, PriceReport, PriceUpload
from .prices import (
    PriceRow,
    Progress,
    markets_reported_by,
    other_market,
    price_figures_check,
    prices_apply,
)

ERRORS_KEPT = 200


HEADERS = {
    "day": {"ngay", "date", "day"},
    "market": {"cho", "market", "ma cho", "market code"},
    "product": {"mat hang", "san pham", "product", "hang hoa"},
    "min_vnd": {"thap nhat", "gia thap nhat", "min", "lowest"},
    "typical_vnd": {"pho bien", "gia pho bien", "typical", "common", "most common"},
    "max_vnd": {"cao nhat", "gia cao nhat", "max", "highest"},
}
REQUIRED_COLUMNS = ("product", "min_vnd", "typical_vnd", "max_vnd")


def _header_map(header: list[str]) -> dict[str, int]:
    positions = {}
    for index, title in enumerate(header):
        folded = search_fold(str(title))
        for field, names in HEADERS.items():
            if folded in names and field not in positions:
                positions[field] = index
    missing = [field for field in REQUIRED_COLUMNS if field not in positions]
    if missing:
        raise DomainError(
            "columns",
            _(
                "The file needs the columns: mặt hàng, thấp nhất, phổ biến, cao nhất "
                "(and ngày, chợ when they differ from the form); nothing was imported."
            ),
            "file",
        )
    return positions


def _whole_dong(value: Any) -> int:
    """`25000`, `25.000`, `25,000`, `25 000 ₫` or a spreadsheet number → 25000."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != int(value):
            raise ValueError(value)
        return int(value)
    text = str(value).strip().replace("₫", "").replace("đ", "").replace(" ", "")
    negative = text.startswith("-")
    digits = text.lstrip("-").replace(".", "").replace(",", "")
    if not digits.isdigit():
        raise ValueError(value)
    return -int(digits) if negative else int(digits)


def _day_of(value: Any, default: date) -> date:
    if value in ("", None):
        return default
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def _lookup_tables(allowed: list[Market]) -> tuple[dict[str, PriceProduct], dict[str, Market]]:
    products = {}
    for product in PriceProduct.objects.filter(is_active=True):
        for key in (product.name_key, search_fold(product.slug)):
            products[key] = product
    markets = {}
    for market in Market.objects.all():
        for key in (search_fold(market.slug), search_fold(market.code), search_fold(market.name)):
            markets[key] = market
    return products, markets


def _parse_row(
    cells: list[Any],
    positions: Mapping[str, int],
    *,
    default_market: Market | None,
    default_day: date,
    allowed: list[Market],
    products: Mapping[str, PriceProduct],
    markets: Mapping[str, Market],
) -> tuple[PriceRow | None, str]:
    def cell(field: str) -> Any:
        index = positions.get(field)
        return cells[index] if index is not None and index < len(cells) else ""

    product = products.get(search_fold(str(cell("product"))))
    if product is None:
        return None, gettext("Unknown product “%(value)s”.") % {"value": str(cell("product"))[:60]}
    market = default_market
    if str(cell("market")).strip():
        market = markets.get(search_fold(str(cell("market"))))
        if market is None:
            return None, gettext("Unknown market “%(value)s”.") % {
                "value": str(cell("market"))[:60]
            }
    if market is None:
        return None, gettext("The market is missing.")
    if market not in allowed:
        return None, str(other_market(allowed).message)
    try:
        day = _day_of(cell("day"), default_day)
    except ValueError:
        return None, gettext("The date “%(value)s” is not a day (dd/mm/yyyy).") % {
            "value": str(cell("day"))[:20]
        }
    figures = {}
    for field in ("min_vnd", "typical_vnd", "max_vnd"):
        try:
            figures[field] = _whole_dong(cell(field))
        except (ValueError, InvalidOperation):
            return None, gettext("“%(value)s” is not a price in whole đồng.") % {
                "value": str(cell(field))[:20]
            }
    try:
        price_figures_check(day=day, **figures)
    except DomainError as error:
        return None, str(error.message)
    return PriceRow(market, product, day, **figures), ""


def price_import_file(
    *,
    data: bytes,
    name: str,
    user: Any,
    market: Market | None,
    day: date,
    context: AuditContext,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Store every good row of an uploaded price file; each bad row is reported with its line
    number and reason and changes nothing."""
    allowed = markets_reported_by(user)
    if market is not None and market not in allowed:
        raise other_market(allowed)
    limits = SheetLimits(
        max_bytes=settings.MARKETS_PRICE_UPLOAD_MAX_BYTES,
        max_rows=settings.MARKETS_PRICE_UPLOAD_MAX_ROWS,
        max_columns=20,
    )
    table = read_table(data, name=name, limits=limits)
    positions = _header_map(table.header)
    products, markets = _lookup_tables(allowed)
    good: list[PriceRow] = []
    errors: list[tuple[int, list[Any]]] = []
    total = 0
    for number, cells in table.rows:
        if not any(str(cell).strip() for cell in cells if cell is not None):
            continue
        total += 1
        row, problem = _parse_row(
            cells,
            positions,
            default_market=market,
            default_day=day,
            allowed=allowed,
            products=products,
            markets=markets,
        )
        if row is None:
            errors.append((number, cells))
        else:
            good.append(row)
    reported: list[dict[str, Any]] = []
    for number, cells in errors[:ERRORS_KEPT]:
        reasons: dict[str, str] = {}
        for language in ("vi", "en"):
            with translation.override(language):
                reasons[language] = _parse_row(
                    cells,
                    positions,
                    default_market=market,
                    default_day=day,
                    allowed=allowed,
                    products=products,
                    markets=markets,
                )[1]
        reported.append({"row": number, **reasons})
    with transaction.atomic():
        outcome = prices_apply(
            rows=good, user=user, source=PriceReport.Source.UPLOAD, progress=progress
        )
        audit_record(
            context=context,
            action="markets.price.imported",
            object_type="markets.pricereport",
            object_id=name[:100],
            after=outcome | {"rows": total, "rejected": len(errors)},
        )
    return outcome | {"total": total, "stored": len(good), "errors": reported}


def price_upload_start(
    *, upload: Any, market: Market | None, day: date, user: Any, context: AuditContext
) -> FileJob:
    """Store an uploaded price file and queue its import (the job page shows progress)."""
    allowed = markets_reported_by(user)
    if market is not None and market not in allowed:
        raise other_market(allowed)
    with transaction.atomic():
        job = file_job_create(
            kind="markets.prices",
            owner=user,
            upload=upload,
            max_bytes=settings.MARKETS_PRICE_UPLOAD_MAX_BYTES,
            context=context,
        )
        PriceUpload.objects.create(job=job, market=market, day=day)
    return job


def price_import_job(job: FileJob, data: bytes, progress: Progress) -> dict[str, Any]:
    """The file job of the upload page (`core.jobs`), with the form's market and day."""
    upload = PriceUpload.objects.select_related("market").get(job=job)
    return price_import_file(
        data=data,
        name=job.original_name,
        user=job.owner,
        market=upload.market,
        day=upload.day,
        context=file_job_context(job),
        progress=progress,
    )


def price_import_summary(result: Mapping[str, Any]) -> str:
    return str(
        _("%(stored)s of %(total)s rows stored, %(rejected)s refused.")
        % {
            "stored": result["stored"],
            "total": result["total"],
            "rejected": result["total"] - result["stored"],
        }
    )
