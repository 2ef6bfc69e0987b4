"""The periodic report to the authority as labelled rows, CSV and XLSX."""

import csv
import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook


def _labels() -> dict[tuple[str, str], tuple[str, str]]:
    return {
        ("sellers", "new"): (_("Sellers"), _("New sellers in the period")),
        ("sellers", "active_identified"): (_("Sellers"), _("Active and identified sellers")),
        ("sellers", "suspended"): (_("Sellers"), _("Suspended sellers")),
        ("listings", "new"): (_("Listings"), _("New listings in the period")),
        ("listings", "published"): (_("Listings"), _("Listings on sale")),
        ("listings", "suspended"): (_("Listings"), _("Listings taken down")),
        ("listings", "held_by_screening"): (_("Listings"), _("Listings held by screening")),
        ("orders", "count"): (_("Orders"), _("Orders placed")),
        ("orders", "value_vnd"): (_("Orders"), _("Value of orders (đồng)")),
        ("complaints", "filed"): (_("Complaints"), _("Complaints filed")),
        ("complaints", "escalated"): (_("Complaints"), _("Complaints escalated")),
        ("complaints", "resolved"): (_("Complaints"), _("Complaints resolved")),
        ("takedowns", "ordered"): (_("Takedowns"), _("Takedowns ordered")),
        ("takedowns", "done"): (_("Takedowns"), _("Takedowns carried out")),
        ("takedowns", "late"): (_("Takedowns"), _("Takedowns past the deadline")),
        ("livestreams", "held"): (_("Live selling"), _("Live sessions held")),
        ("livestreams", "stopped"): (
            _("Live selling"),
            _("Live sessions stopped by the authority"),
        ),
        ("livestreams", "comments"): (_("Live selling"), _("Comments during live sessions")),
        ("livestreams", "orders"): (_("Live selling"), _("Orders placed during live sessions")),
        ("livestreams", "complaints"): (_("Live selling"), _("Complaints about live sessions")),
    }


def labelled(rows: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """(section, figure, value) with the section and figure in the reader's language."""
    labels = _labels()
    return [
        (*labels.get((section, figure), (section, figure)), value)
        for section, figure, value in rows
    ]


def _header(start: datetime.date, end: datetime.date) -> list[list[str]]:
    return [
        [_("Compliance report of the Phố Hàng platform"), f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"],
        [_("Section"), _("Figure"), _("Code"), _("Value")],
    ]


def report_csv(rows: list[tuple[str, str, int]], *, start, end) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV with Vietnamese letters only with a BOM
    writer = csv.writer(out)
    writer.writerows(_header(start, end))
    labels = _labels()
    for section, figure, value in rows:
        label_section, label_figure = labels.get((section, figure), (section, figure))
        writer.writerow([label_section, label_figure, f"{section}.{figure}", value])
    return out.getvalue()


def report_xlsx(rows: list[tuple[str, str, int]], *, start, end) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Report")
    for line in _header(start, end):
        sheet.append(line)
    labels = _labels()
    for section, figure, value in rows:
        label_section, label_figure = labels.get((section, figure), (section, figure))
        sheet.append([label_section, label_figure, f"{section}.{figure}", value])
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 28
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
