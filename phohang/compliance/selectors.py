"""Compliance reads: the review queue, takedowns, complaints, counters and period reports."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, Model, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from phohang.accounts.models import ProvinceScope, Role, User
from phohang.catalog.models import Product
from phohang.core.errors import NotFound
from phohang.livestream.models import LiveComment, LiveOrder, LiveSession
from phohang.orders.models import Order
from phohang.payments.models import Refund
from phohang.sellers.models import Seller, SellerMember

from .models import (
    Complaint,
    DataRequest,
    FeeNotice,
    RetentionRun,
    ReviewItem,
    RulesVersion,
    ScreeningRule,
    Takedown,
)

NEW_LISTING_DAYS = 14


def _in_scope[M: Model](queryset: QuerySet[M], scope: ProvinceScope, field: str) -> QuerySet[M]:
    """Officers of one province see that province's sellers; city-level officers see all."""
    return scope.filter(queryset, field)


def review_queue(*, scope: ProvinceScope, source: str) -> QuerySet[Any]:
    """Open items of one source, oldest first, with the listing and its seller for the row."""
    if source == ReviewItem.Source.NEW:
        seen = ReviewItem.objects.filter(product=OuterRef("pk")).exclude(
            status=ReviewItem.Status.OPEN
        )
        since = timezone.now() - datetime.timedelta(days=NEW_LISTING_DAYS)
        products = (
            Product.objects.filter(status=Product.Status.PUBLISHED, published_at__gte=since)
            .exclude(Exists(seen))
            .select_related("seller", "category")
            .order_by("published_at", "pk")
        )
        return _in_scope(products, scope, "seller__province_id")
    items = (
        ReviewItem.objects.filter(status=ReviewItem.Status.OPEN, source=source)
        .select_related("product", "product__seller", "product__category")
        .order_by("created_at", "pk")
    )
    return _in_scope(items, scope, "product__seller__province_id")


def review_counts(*, scope: ProvinceScope) -> dict[str, int]:
    counts = dict(
        _in_scope(
            ReviewItem.objects.filter(status=ReviewItem.Status.OPEN),
            scope,
            "product__seller__province_id",
        )
        .values_list("source")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts[ReviewItem.Source.NEW] = review_queue(scope=scope, source=ReviewItem.Source.NEW).count()
    return counts


def review_item_get(*, scope: ProvinceScope, public_id: str) -> ReviewItem:
    item = (
        _in_scope(ReviewItem.objects.all(), scope, "product__seller__province_id")
        .select_related("product", "product__seller")
        .filter(public_id=public_id)
        .first()
    )
    if item is None:
        raise NotFound()
    return item


def product_get_in_scope(*, scope: ProvinceScope, public_id: str) -> Product:
    product: Product | None = (
        _in_scope(Product.objects.all(), scope, "seller__province_id")
        .select_related("seller")
        .filter(public_id=public_id)
        .first()
    )
    if product is None:
        raise NotFound()
    return product


def screening_rules() -> QuerySet[ScreeningRule]:
    return ScreeningRule.objects.filter(is_active=True).select_related("category")


def takedown_list(*, scope: ProvinceScope, status: str = "") -> QuerySet[Takedown]:
    takedowns = Takedown.objects.select_related("product", "seller", "ordered_by")
    if status == "overdue":
        takedowns = takedowns.filter(status=Takedown.Status.ORDERED, due_at__lt=timezone.now())
    elif status:
        takedowns = takedowns.filter(status=status)
    return _in_scope(takedowns, scope, "seller__province_id")


def takedown_get(*, scope: ProvinceScope, public_id: str) -> Takedown:
    takedown = takedown_list(scope=scope).filter(public_id=public_id).first()
    if takedown is None:
        raise NotFound()
    return takedown


def seller_of(user: User) -> Seller | None:
    membership = (
        SellerMember.objects.filter(user=user, is_active=True)
        .select_related("seller")
        .order_by("pk")
        .first()
    )
    return membership.seller if membership else None


def takedowns_for_seller(seller: Seller) -> QuerySet[Takedown]:
    return Takedown.objects.filter(seller=seller).select_related("product")


def takedown_for_seller(*, seller: Seller, public_id: str) -> Takedown:
    takedown = takedowns_for_seller(seller).filter(public_id=public_id).first()
    if takedown is None:
        raise NotFound()
    return takedown


def complaints_for_seller(seller: Seller) -> QuerySet[Complaint]:
    return Complaint.objects.filter(seller=seller).select_related("order", "product", "seller")


def complaint_for_seller(*, seller: Seller, public_id: str) -> Complaint:
    complaint = complaints_for_seller(seller).filter(public_id=public_id).first()
    if complaint is None:
        raise NotFound()
    return complaint


def complaints_for_buyer(user: User) -> QuerySet[Complaint]:
    return Complaint.objects.filter(complainant=user).select_related("seller", "order", "product")


def complaint_for_buyer(*, user: User, public_id: str) -> Complaint:
    complaint = complaints_for_buyer(user).filter(public_id=public_id).first()
    if complaint is None:
        raise NotFound()
    return complaint


def complaint_list_for_staff(*, scope: ProvinceScope, status: str = "") -> QuerySet[Complaint]:
    complaints = Complaint.objects.select_related("seller", "complainant", "order", "product")
    if status:
        complaints = complaints.filter(status=status)
    return _in_scope(complaints, scope, "seller__province_id")


def complaint_get_for_staff(*, scope: ProvinceScope, public_id: str) -> Complaint:
    complaint = complaint_list_for_staff(scope=scope).filter(public_id=public_id).first()
    if complaint is None:
        raise NotFound()
    return complaint


def buyer_orders(user: User) -> QuerySet[Order]:
    return Order.objects.filter(buyer=user).select_related("seller").order_by("-pk")[:50]


def rules_versions() -> QuerySet[RulesVersion]:
    return RulesVersion.objects.all()


def rules_in_force(at: datetime.datetime | None = None) -> RulesVersion | None:
    """The rules that applied at `at` (now by default): the latest in force by then."""
    at = at or timezone.now()
    return RulesVersion.objects.filter(effective_from__lte=at).order_by("-effective_from").first()


def rules_for_order(*, user: User, public_id: str) -> tuple[Order, RulesVersion | None]:
    order = Order.objects.filter(buyer=user, public_id=public_id).first()
    if order is None:
        raise NotFound()
    return order, rules_in_force(order.created_at)


def fee_notices() -> QuerySet[FeeNotice]:
    return FeeNotice.objects.all()


def data_requests_for(user: User) -> QuerySet[DataRequest]:
    return DataRequest.objects.filter(requester=user).order_by("-received_at")


def data_request_queue(*, status: str = "open") -> QuerySet[DataRequest]:
    requests = DataRequest.objects.select_related("requester")
    if status == "open":
        requests = requests.filter(
            status__in=[DataRequest.Status.RECEIVED, DataRequest.Status.ACKNOWLEDGED]
        )
    elif status:
        requests = requests.filter(status=status)
    return requests.order_by("due_at", "pk")


def data_request_get(public_id: str) -> DataRequest:
    request = DataRequest.objects.select_related("requester").filter(public_id=public_id).first()
    if request is None:
        raise NotFound()
    return request


@dataclass(frozen=True)
class Counters:
    takedowns_open: int
    takedowns_overdue: int
    appeals_open: int
    complaints_open: int
    complaints_escalated: int
    complaints_by_outcome: dict[str, int]
    review_open: int
    data_requests_open: int
    data_requests_overdue: int
    complaints_answered: int = 0
    complaints_answered_in_time: int = 0
    data_requests_closed: int = 0
    data_requests_closed_in_time: int = 0

    @property
    def outcome_rows(self) -> list[tuple[str, int]]:
        """(outcome in the reader's language, complaints resolved with it), every outcome."""
        return [
            (str(label), self.complaints_by_outcome.get(value, 0))
            for value, label in Complaint.Outcome.choices
            if value
        ]

    @property
    def complaints_in_time_percent(self) -> int | None:
        """Share of answered complaints the seller answered before the deadline."""
        if not self.complaints_answered:
            return None
        return round(100 * self.complaints_answered_in_time / self.complaints_answered)


def counters(*, scope: ProvinceScope) -> Counters:
    """The figures on the authority's compliance dashboard."""
    now = timezone.now()
    takedowns = _in_scope(Takedown.objects.all(), scope, "seller__province_id").aggregate(
        open=Count("id", filter=Q(status=Takedown.Status.ORDERED)),
        overdue=Count("id", filter=Q(status=Takedown.Status.ORDERED, due_at__lt=now)),
        appeals=Count("id", filter=Q(status=Takedown.Status.APPEALED)),
    )
    complaints = _in_scope(Complaint.objects.all(), scope, "seller__province_id")
    complaint_counts = complaints.aggregate(
        open=Count("id", filter=Q(status__in=[Complaint.Status.OPEN, Complaint.Status.ANSWERED])),
        escalated=Count(
            "id", filter=Q(status__in=[Complaint.Status.ESCALATED, Complaint.Status.REFERRED])
        ),
        answered=Count("id", filter=Q(answered_at__isnull=False)),
        in_time=Count("id", filter=Q(answered_at__lte=F("seller_due_at"))),
    )
    by_outcome = dict(
        complaints.filter(status=Complaint.Status.RESOLVED)
        .values_list("outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    open_requests = DataRequest.objects.filter(
        status__in=[DataRequest.Status.RECEIVED, DataRequest.Status.ACKNOWLEDGED]
    )
    closed = DataRequest.objects.filter(closed_at__isnull=False).aggregate(
        n=Count("id"), in_time=Count("id", filter=Q(closed_at__lte=F("due_at")))
    )
    return Counters(
        complaints_answered=complaint_counts["answered"],
        complaints_answered_in_time=complaint_counts["in_time"],
        data_requests_closed=closed["n"],
        data_requests_closed_in_time=closed["in_time"],
        takedowns_open=takedowns["open"],
        takedowns_overdue=takedowns["overdue"],
        appeals_open=takedowns["appeals"],
        complaints_open=complaint_counts["open"],
        complaints_escalated=complaint_counts["escalated"],
        complaints_by_outcome=by_outcome,
        review_open=sum(review_counts(scope=scope).values()),
        data_requests_open=open_requests.count(),
        data_requests_overdue=open_requests.filter(
            Q(due_at__lt=now) | Q(status=DataRequest.Status.RECEIVED, acknowledge_by__lt=now)
        ).count(),
    )


def removals(*, scope: ProvinceScope, since: datetime.datetime | None = None) -> QuerySet[Takedown]:
    """The feed of removals: takedowns carried out (listings and sellers), newest first."""
    rows = _in_scope(
        Takedown.objects.exclude(status=Takedown.Status.ORDERED), scope, "seller__province_id"
    ).select_related("product", "seller")
    if since:
        rows = rows.filter(done_at__gte=since)
    return rows.order_by("-done_at", "-pk")


def report_rows(
    *, start: datetime.date, end: datetime.date, scope: ProvinceScope
) -> list[tuple[str, str, int]]:
    """The periodic report: (section, figure, value) rows for [start, end] (local dates)."""
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    until = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    in_period = {"created_at__gte": since, "created_at__lt": until}
    sellers = _in_scope(Seller.objects.all(), scope, "province_id")
    products = _in_scope(Product.objects.all(), scope, "seller__province_id")
    orders = _in_scope(Order.objects.all(), scope, "seller__province_id")
    complaints = _in_scope(Complaint.objects.all(), scope, "seller__province_id")
    takedowns = _in_scope(Takedown.objects.all(), scope, "seller__province_id")
    order_figures = orders.filter(**in_period).aggregate(n=Count("id"), total=Sum("total_vnd"))
    rows = [
        ("sellers", "new", sellers.filter(**in_period).count()),
        (
            "sellers",
            "active_identified",
            _in_scope(Seller.objects.identified(), scope, "province_id").count(),
        ),
        ("sellers", "suspended", sellers.filter(is_active=False).count()),
        ("listings", "new", products.filter(**in_period).count()),
        ("listings", "published", products.filter(status=Product.Status.PUBLISHED).count()),
        ("listings", "suspended", products.filter(status=Product.Status.SUSPENDED).count()),
        (
            "listings",
            "held_by_screening",
            ReviewItem.objects.filter(
                source=ReviewItem.Source.SCREENING,
                created_at__gte=since,
                created_at__lt=until,
                product__in=products,
            ).count(),
        ),
        ("orders", "count", order_figures["n"] or 0),
        ("orders", "value_vnd", order_figures["total"] or 0),
        ("complaints", "filed", complaints.filter(**in_period).count()),
        (
            "complaints",
            "escalated",
            complaints.filter(escalated_at__gte=since, escalated_at__lt=until).count(),
        ),
        (
            "complaints",
            "resolved",
            complaints.filter(resolved_at__gte=since, resolved_at__lt=until).count(),
        ),
        (
            "takedowns",
            "ordered",
            takedowns.filter(ordered_at__gte=since, ordered_at__lt=until).count(),
        ),
        ("takedowns", "done", takedowns.filter(done_at__gte=since, done_at__lt=until).count()),
        *_livestream_rows(since=since, until=until, scope=scope),
        (
            "takedowns",
            "late",
            takedowns.filter(ordered_at__gte=since, ordered_at__lt=until)
            .filter(Q(done_at__gt=F("due_at")) | Q(done_at__isnull=True, due_at__lt=timezone.now()))
            .count(),
        ),
    ]
    return rows


def _livestream_rows(
    *, since: datetime.datetime, until: datetime.datetime, scope: ProvinceScope
) -> list[tuple[str, str, int]]:
    """Live selling in the period: sessions held and stopped, comments, orders placed live."""
    sessions = _in_scope(LiveSession.objects.all(), scope, "seller__province_id")
    held = sessions.filter(started_at__gte=since, started_at__lt=until)
    live_orders = LiveOrder.objects.filter(session__in=sessions).filter(
        order__created_at__gte=since, order__created_at__lt=until
    )
    return [
        ("livestreams", "held", held.count()),
        (
            "livestreams",
            "stopped",
            sessions.filter(
                status=LiveSession.Status.STOPPED, ended_at__gte=since, ended_at__lt=until
            ).count(),
        ),
        (
            "livestreams",
            "comments",
            LiveComment.objects.filter(
                session__in=sessions, created_at__gte=since, created_at__lt=until
            ).count(),
        ),
        ("livestreams", "orders", live_orders.count()),
        (
            "livestreams",
            "complaints",
            _in_scope(Complaint.objects.all(), scope, "seller__province_id")
            .filter(target=Complaint.Target.STREAM, created_at__gte=since, created_at__lt=until)
            .count(),
        ),
    ]


def complaint_for_party(*, user: User, public_id: str) -> Complaint | None:
    """The complaint if `user` filed it, works for its seller, or is staff in scope."""
    complaints = Complaint.objects.filter(public_id=public_id)
    if user.has_role(Role.ADMIN) or user.has_role(Role.AUTHORITY):
        staff = _in_scope(complaints, user.province_scope, "seller__province_id").first()
        if staff is not None:
            return staff
    return complaints.filter(
        Q(complainant=user) | Q(seller__members__user=user, seller__members__is_active=True)
    ).first()


def retention_last_run() -> tuple[RetentionRun | None, list[dict[str, Any]]]:
    """The last retention run and its steps, each with the model's name in the reader's language."""
    from django.apps import apps

    run = RetentionRun.objects.order_by("-started_at").first()
    if run is None:
        return None, []
    steps = []
    for step in run.report:
        if step.get("action") == "inventory":
            continue
        model = apps.get_model(step["holding"])
        steps.append({**step, "name": str(model._meta.verbose_name_plural)})
    return run, steps


def complaint_refund(complaint: Complaint) -> Refund | None:
    """The refund a complaint's outcome sent through payments, if any."""
    if complaint.outcome != Complaint.Outcome.REFUND or complaint.order_id is None:
        return None
    return Refund.objects.filter(
        order_id=complaint.order_id, idempotency_key=f"complaint-{complaint.public_id}"
    ).first()


@dataclass(frozen=True)
class OrderCompliance:
    """What the buyer's order page shows from compliance: the rules and complaint outcomes."""

    rules: RulesVersion | None
    complaints: list[tuple[Complaint, Refund | None]]


def order_compliance(order: Order) -> OrderCompliance:
    complaints = list(
        Complaint.objects.filter(order=order).order_by("created_at", "pk").select_related("seller")
    )
    return OrderCompliance(
        rules=rules_in_force(order.created_at),
        complaints=[(complaint, complaint_refund(complaint)) for complaint in complaints],
    )
