"""Monthly payout statement per seller: delivered orders, commission, refunds, net; formula-safe."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db.models import Sum

from phohang.orders.models import Order

from .models import LedgerEntry

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
HEADER = [
    "order",
    "delivered_at",
    "buyer",
    "total_vnd",
    "commission_vnd",
    "refunded_vnd",
    "net_vnd",
]


def safe_cell(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def payout_rows(*, seller_id: int, year: int, month: int) -> list[list]:
    start = datetime(year, month, 1, tzinfo=VIETNAM)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=VIETNAM)
    orders = (
        Order.objects.filter(seller_id=seller_id, delivered_at__gte=start, delivered_at__lt=end)
        .select_related("buyer")
        .order_by("delivered_at", "pk")
    )
    refunds = dict(
        LedgerEntry.objects.filter(order__in=orders, kind=LedgerEntry.Kind.REFUND)
        .values("order_id")
        .annotate(total=Sum("amount_vnd"))
        .values_list("order_id", "total")
    )
    rows = []
    for order in orders:
        refunded = refunds.get(order.pk, 0)
        net = order.total_vnd - order.commission_vnd - refunded
        rows.append(
            [
                order.number,
                order.delivered_at.astimezone(VIETNAM).strftime("%Y-%m-%d %H:%M"),
                order.buyer.full_name,
                order.total_vnd,
                order.commission_vnd,
                refunded,
                net,
            ]
        )
    totals = [sum(row[i] for row in rows) for i in range(3, 7)]
    rows.append(["TOTAL", "", "", *totals])
    return rows


def payout_csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def payout_xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "payout"
    sheet.append(HEADER)
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = ["payout_csv", "payout_rows", "payout_xlsx", "safe_cell"]
