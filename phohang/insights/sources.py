"""Every read insights makes of other apps' data, in one place (orders, trade, catalog, sellers).

The owning apps send events; this module turns an id from an event into plain dicts.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta

from django.db.models import Count, Min, Q
from django.utils import timezone

from phohang.orders.models import Order, OrderLine, ReturnLine, ReturnRequest
from phohang.trade import selectors as trade_selectors
from phohang.trade.models import Delivery, Demand, Match, Quote, SupplyContract

CANCELLED = "cancelled"
REFUNDED = "refunded"


def _local_day(moment: datetime) -> str:
    return timezone.localdate(moment).isoformat()


def _order_dims(row: tuple, lines: list[tuple]) -> dict:
    order_id, created_at, seller_id, seller_province, seller_type, buyer_province, _ = row
    return {
        "day": _local_day(created_at),
        "s": seller_id,
        "sp": seller_province,
        "st": seller_type,
        "bp": buyer_province,
        # line id → [category id, OCOP flag, quantity, unit price]
        "lines": {
            str(line_id): [cat, ocop, qty, price] for line_id, cat, ocop, qty, price in lines
        },
    }


def _order_state(status: str, dims: dict, returned: dict[int, int]) -> dict:
    if status == Order.Status.CANCELLED:
        return {"status": CANCELLED}
    if status == Order.Status.REFUNDED:
        # A refund without itemised return lines gives back the whole order.
        refunded = {str(k): v for k, v in returned.items()} or {
            line_id: line[2] for line_id, line in dims["lines"].items()
        }
        return {"status": REFUNDED, "lines": refunded}
    return {"status": "active"}


_ORDER_FIELDS = (
    "pk",
    "created_at",
    "seller_id",
    "seller__province_id",
    "seller__seller_type",
    "address__province_id",
    "status",
)
_LINE_FIELDS = (
    "order_id",
    "pk",
    "category_id",
    "product__ocop_stars",
    "quantity",
    "unit_price_vnd",
)


def _lines_by_order(order_filter: Q) -> dict[int, list[tuple]]:
    lines: dict[int, list[tuple]] = defaultdict(list)
    for order_id, line_id, cat, stars, qty, price in (
        OrderLine.objects.filter(order_filter).values_list(*_LINE_FIELDS).order_by("pk")
    ):
        lines[order_id].append((line_id, cat, stars is not None, qty, price))
    return lines


def _returned_by_order(order_ids: Iterable[int]) -> dict[int, dict[int, int]]:
    returned: dict[int, dict[int, int]] = defaultdict(dict)
    rows = ReturnLine.objects.filter(
        return_request__order_id__in=list(order_ids),
        return_request__status=ReturnRequest.Status.ACCEPTED,
    ).values_list("return_request__order_id", "order_line_id", "quantity")
    for order_id, line_id, qty in rows:
        returned[order_id][line_id] = returned[order_id].get(line_id, 0) + qty
    return returned


def order_snapshots(order_ids: Iterable[int]) -> dict[int, tuple[dict, dict]]:
    """order id → (frozen attributes, present state) for each order that exists."""
    ids = list(order_ids)
    orders = list(Order.objects.filter(pk__in=ids).values_list(*_ORDER_FIELDS))
    lines = _lines_by_order(Q(order_id__in=ids))
    refunded_ids = [row[0] for row in orders if row[6] == Order.Status.REFUNDED]
    returned = _returned_by_order(refunded_ids)
    snapshots = {}
    for row in orders:
        dims = _order_dims(row, lines.get(row[0], []))
        snapshots[row[0]] = (dims, _order_state(row[6], dims, returned.get(row[0], {})))
    return snapshots


def order_snapshots_all(chunk: int = 20_000) -> Iterator[tuple[int, dict, dict]]:
    """Every order, oldest id first, in chunks so a million lines never sit in memory."""
    last = 0
    while True:
        orders = list(
            Order.objects.filter(pk__gt=last).order_by("pk").values_list(*_ORDER_FIELDS)[:chunk]
        )
        if not orders:
            return
        low, high = orders[0][0], orders[-1][0]
        lines = _lines_by_order(Q(order_id__gte=low, order_id__lte=high))
        returned = _returned_by_order(r[0] for r in orders if r[6] == Order.Status.REFUNDED)
        for row in orders:
            dims = _order_dims(row, lines.get(row[0], []))
            yield row[0], dims, _order_state(row[6], dims, returned.get(row[0], {}))
        last = high


def order_count() -> int:
    return Order.objects.count()


def _contract_dims(row: dict) -> dict:
    return {
        "day": _local_day(row["signed_at"]),
        "op": row["origin_province_id"],
        "dp": row["destination_province_id"],
        "value": row["total_vnd"],
    }


def contract_snapshots(contract_ids: Iterable[int] | None = None) -> dict[int, tuple[dict, dict]]:
    """contract id → (frozen attributes, state); cancelled contracts count nothing."""
    contracts = SupplyContract.objects.all()
    if contract_ids is not None:
        contracts = contracts.filter(pk__in=list(contract_ids))
    received: dict[int, int] = defaultdict(int)
    deliveries = Delivery.objects.filter(
        contract__in=contracts, status=Delivery.Status.RECEIVED
    ).values_list("contract_id", "quantity", "contract__price_per_unit_vnd")
    for contract_id, quantity, price in deliveries:
        received[contract_id] += quantity * price
    snapshots = {}
    for row in contracts.values(
        "pk", "origin_province_id", "destination_province_id", "total_vnd", "signed_at", "status"
    ):
        active = row["status"] != SupplyContract.Status.CANCELLED
        state = {"active": active, "received": received[row["pk"]] if active else 0}
        snapshots[row["pk"]] = (_contract_dims(row), state)
    return snapshots


def contract_flow_rows(since: date | None = None):
    """Contracts in force, through trade's own selector."""
    return trade_selectors.contract_flows(since=since)


def trade_funnel(start: date, end: date, province: str = "") -> dict:
    """Demands, matches, quotes and contracts created in [start, end] and hours to first quote."""
    start_dt = timezone.make_aware(datetime.combine(start, datetime.min.time()))
    end_dt = timezone.make_aware(datetime.combine(end + timedelta(days=1), datetime.min.time()))
    window = Q(created_at__gte=start_dt, created_at__lt=end_dt)
    demands = Demand.objects.filter(window)
    matches = Match.objects.filter(window)
    quotes = Quote.objects.filter(window)
    contracts = SupplyContract.objects.filter(signed_at__gte=start_dt, signed_at__lt=end_dt)
    if province:
        demands = demands.filter(delivery_province_id=province)
        matches = matches.filter(demand__delivery_province_id=province)
        quotes = quotes.filter(demand__delivery_province_id=province)
        contracts = contracts.filter(destination_province_id=province)
    first_quotes = list(
        demands.annotate(first_quote=Min("quotes__created_at"))
        .filter(first_quote__isnull=False)
        .values_list("created_at", "first_quote")
    )
    hours = sorted((quoted - created).total_seconds() / 3600 for created, quoted in first_quotes)
    median = hours[len(hours) // 2] if hours else None
    by_status = dict(
        demands.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return {
        "demands": demands.count(),
        "demands_by_status": by_status,
        "matches": matches.count(),
        "quotes": quotes.count(),
        "contracts": contracts.exclude(status=SupplyContract.Status.CANCELLED).count(),
        "demands_quoted": len(hours),
        "median_hours_to_first_quote": median,
    }


def category_tops() -> dict[int, tuple[int, str, str]]:
    """category id → (top-level id, Vietnamese name, English name) of its top-level category."""
    from phohang.catalog.models import Category

    rows = {c[0]: c for c in Category.objects.values_list("pk", "parent_id", "name_vi", "name_en")}
    tops = {}
    for pk, parent, name_vi, name_en in rows.values():
        top = rows.get(parent) if parent else None
        tops[pk] = (top[0], top[2], top[3]) if top else (pk, name_vi, name_en)
    return tops


def ocop_products_by_province_and_stars(province: str = "") -> list[tuple[str, int, int]]:
    """(province code, stars, products) for published products with a valid OCOP rating."""
    from phohang.catalog.selectors import product_list_published

    products = product_list_published().ocop_valid()
    if province:
        products = products.filter(origin_province_id=province)
    return list(
        products.values_list("origin_province_id", "ocop_stars")
        .annotate(n=Count("pk"))
        .order_by("origin_province_id", "ocop_stars")
    )


def ocop_certificates_expiring(*, today: date, days: int, province: str = "") -> list[dict]:
    """Published OCOP products whose certificate ends within `days` (public business data)."""
    from phohang.catalog.selectors import product_list_published

    products = product_list_published().filter(
        ocop_stars__isnull=False,
        ocop_revoked_at__isnull=True,
        ocop_expires_on__gte=today,
        ocop_expires_on__lte=today + timedelta(days=days),
    )
    if province:
        products = products.filter(origin_province_id=province)
    return list(
        products.order_by("ocop_expires_on", "pk").values(
            "title",
            "seller__name",
            "origin_province__short_name",
            "ocop_stars",
            "ocop_certificate_number",
            "ocop_expires_on",
        )[:200]
    )


def seller_counts(province: str = "") -> list[tuple[str, str, int]]:
    """(province code, seller type, active sellers)."""
    from phohang.sellers.models import Seller

    sellers = Seller.objects.filter(is_active=True)
    if province:
        sellers = sellers.filter(province_id=province)
    return list(
        sellers.values_list("province_id", "seller_type")
        .annotate(n=Count("pk"))
        .order_by("province_id", "seller_type")
    )


def seller_created_days(start: date, end: date, province: str = "") -> list[tuple[date, str]]:
    """(local day joined, seller type) of sellers created in [start, end]."""
    from phohang.sellers.models import Seller

    start_dt = timezone.make_aware(datetime.combine(start, datetime.min.time()))
    end_dt = timezone.make_aware(datetime.combine(end + timedelta(days=1), datetime.min.time()))
    sellers = Seller.objects.filter(created_at__gte=start_dt, created_at__lt=end_dt)
    if province:
        sellers = sellers.filter(province_id=province)
    return [
        (timezone.localdate(created), seller_type)
        for created, seller_type in sellers.values_list("created_at", "seller_type")
    ]


def application_stats(start: date, end: date, province: str = "") -> dict:
    """Pending applications now, and decisions in [start, end] with review times in days."""
    from phohang.sellers.models import SellerApplication

    start_dt = timezone.make_aware(datetime.combine(start, datetime.min.time()))
    end_dt = timezone.make_aware(datetime.combine(end + timedelta(days=1), datetime.min.time()))
    applications = SellerApplication.objects.all()
    if province:
        applications = applications.filter(address__province_id=province)
    open_statuses = [SellerApplication.Status.SUBMITTED, SellerApplication.Status.NEEDS_INFO]
    pending = list(
        applications.filter(status__in=open_statuses)
        .values_list("seller_type")
        .annotate(n=Count("pk"))
        .values_list("seller_type", "n")
    )
    decided = list(
        applications.filter(decided_at__gte=start_dt, decided_at__lt=end_dt).values_list(
            "status", "seller_type", "submitted_at", "decided_at"
        )
    )
    return {
        "pending": dict(pending),
        "decided": [
            (status, seller_type, (decided_at - submitted).total_seconds() / 86400)
            for status, seller_type, submitted, decided_at in decided
        ],
    }
