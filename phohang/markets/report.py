"""The authority's weekly price report: the essential goods basket this week against the week
before, city-wide and per market, the week's alerts and throughput; as XLSX and as PDF (drawn
with Pillow and the DejaVu fonts logistics ships, as its shipping labels are)."""

import io
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from PIL import Image, ImageDraw, ImageFont

from phohang.core.money import format_vnd
from phohang.logistics.label import FONTS

# A4 at 150 dpi.
PAGE_W, PAGE_H, MARGIN, LINE = 1240, 1754, 80, 34
FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (FUZ-07)."""
    if isinstance(value, str) and value.startswith(FORMULA_LEAD):
        return "'" + value
    return value


def _percent(value) -> str:
    return "" if value is None else f"{value:+}".replace(".", ",") + " %"


def _price(value: int | None) -> str:
    return "" if value is None else format_vnd(value)


def _rows(data: dict[str, Any]) -> list[list[str]]:
    return [
        [
            line.product.name,
            line.market.name if line.market else _("Hanoi (all markets)"),
            line.product.get_unit_display(),
            _price(line.average_vnd),
            _price(line.previous_vnd),
            _percent(line.change),
            _price(line.low_vnd),
            _price(line.high_vnd),
        ]
        for line in data["lines"]
    ]


def _headers() -> list[str]:
    return [
        pgettext("price board", "Product"),
        _("Market"),
        _("Unit"),
        _("Average this week"),
        _("Average last week"),
        pgettext("price board", "Change"),
        _("Lowest"),
        _("Highest"),
    ]


def _title(data: dict[str, Any]) -> str:
    return _("Wholesale prices of essential goods, %(start)s – %(end)s") % {
        "start": f"{data['start']:%d/%m/%Y}",
        "end": f"{data['end']:%d/%m/%Y}",
    }


def weekly_xlsx(data: dict[str, Any]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Prices")[:31]
    sheet.append([_title(data)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(_headers())
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for line in data["lines"]:
        sheet.append(
            [
                _cell(line.product.name),
                _cell(line.market.name if line.market else _("Hanoi (all markets)")),
                line.product.get_unit_display(),
                line.average_vnd,
                line.previous_vnd,
                float(line.change) if line.change is not None else None,
                line.low_vnd,
                line.high_vnd,
            ]
        )
    for column, width in zip("ABCDEFGH", (28, 30, 10, 16, 16, 10, 14, 14), strict=True):
        sheet.column_dimensions[column].width = width
    alerts = workbook.create_sheet(_("Alerts")[:31])
    alerts.append(
        [
            _("Day"),
            pgettext("price board", "Product"),
            _("Market"),
            _("Common price"),
            _("7-day median"),
            _("Change (%)"),
        ]
    )
    for alert in data["alerts"]:
        alerts.append(
            [
                alert.day,
                _cell(alert.product.name),
                _cell(alert.market.name),
                alert.typical_vnd,
                alert.median_vnd,
                float(alert.change_percent),
            ]
        )
    flow = workbook.create_sheet(_("Throughput")[:31])
    flow.append([_("Goods group"), _("Tonnes a day"), _("Daily need (tonnes)"), _("Share (%)")])
    for row in data["throughput"]:
        flow.append(
            [
                row.label,
                float(row.tonnes_per_day),
                float(row.need_tonnes) if row.need_tonnes else None,
                float(row.share_percent) if row.share_percent is not None else None,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class _Pages:
    """A4 pages written top to bottom; a new page starts when one is full."""

    def __init__(self) -> None:
        self.regular = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 20)
        self.bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 20)
        self.heading = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 30)
        self.pages: list[Image.Image] = []
        self._new()

    def _new(self) -> None:
        page = Image.new("RGB", (PAGE_W, PAGE_H), "white")
        self.pages.append(page)
        self.draw = ImageDraw.Draw(page)
        self.y = MARGIN

    def _room(self, height: int) -> None:
        if self.y + height > PAGE_H - MARGIN:
            self._new()

    def text(self, text: str, *, font=None, height: int = LINE) -> None:
        self._room(height)
        self.draw.text((MARGIN, self.y), text, fill="black", font=font or self.regular)
        self.y += height

    def row(self, cells: list[str], widths: list[int], *, bold: bool = False) -> None:
        self._room(LINE)
        x = MARGIN
        font = self.bold if bold else self.regular
        for cell, width in zip(cells, widths, strict=True):
            text = cell
            while text and self.draw.textlength(text, font=font) > width - 10:
                text = text[:-2] + "…" if len(text) > 2 else ""
            self.draw.text((x, self.y), text, fill="black", font=font)
            x += width
        self.y += LINE

    def pdf(self) -> bytes:
        buffer = io.BytesIO()
        first, *rest = self.pages
        first.save(buffer, format="PDF", resolution=150, save_all=True, append_images=rest)
        return buffer.getvalue()


def weekly_pdf(data: dict[str, Any]) -> bytes:
    pages = _Pages()
    pages.text("Phố Hàng — " + _("Price monitoring"), font=pages.bold)
    pages.text(_title(data), font=pages.heading, height=56)
    widths = [250, 250, 90, 150, 150, 100, 0]
    widths[-1] = PAGE_W - 2 * MARGIN - sum(widths[:-1])
    headers = _headers()
    pages.row(headers[:6] + [headers[7]], widths, bold=True)
    for cells in _rows(data):
        pages.row(cells[:6] + [cells[7]], widths)
    pages.text("", height=LINE)
    pages.text(_("Alerts of the week"), font=pages.bold)
    if not data["alerts"]:
        pages.text(_("No price left its band this week."))
    for alert in data["alerts"]:
        pages.text(
            f"{alert.day:%d/%m} · {alert.product.name} · {alert.market.name} · "
            f"{format_vnd(alert.typical_vnd)} ({_percent(alert.change_percent)})"
        )
    pages.text("", height=LINE)
    pages.text(_("Tonnes a day through organised markets against the city's need"), font=pages.bold)
    for row in data["throughput"]:
        need = f"{row.need_tonnes} t" if row.need_tonnes else "—"
        share = _percent(row.share_percent).lstrip("+") if row.share_percent is not None else ""
        pages.text(f"{row.label}: {row.tonnes_per_day} t / {need} {share}".replace(".", ","))
    return pages.pdf()
