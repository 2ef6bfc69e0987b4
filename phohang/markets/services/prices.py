"""The daily wholesale price board: reports by form, upload and API, corrections with history, the
city's roll-up and alerts against the 7-day median."""

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import NotificationKind
from phohang.accounts.services import notification_send
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError, Forbidden, message_format

from ..models import (
    AlertSubscription,
    CityPrice,
    Market,
    MonitoringSetting,
    PriceAlert,
    PriceCorrection,
    PriceProduct,
    PriceReport,
)

Progress = Callable[[int, int], None]
MEDIAN_DAYS = 7
# A median of fewer reports says little: no alert before a product has this many days.
MEDIAN_MIN_REPORTS = 3
# Late reports and corrections are taken for the past year; older boards are history.
OLDEST_DAYS = 366
MAX_PRICE_VND = 100_000_000
PROGRESS_EVERY_ROWS = 500


@dataclass(frozen=True)
class PriceRow:
    market: Market
    product: PriceProduct
    day: date
    min_vnd: int
    typical_vnd: int
    max_vnd: int


def price_figures_check(*, day: date, min_vnd: Any, typical_vnd: Any, max_vnd: Any) -> None:
    """Refuse a negative or zero price, a price above the ceiling, min > common > max, a future
    day or one older than a year."""
    figures = {"min_vnd": min_vnd, "typical_vnd": typical_vnd, "max_vnd": max_vnd}
    for field, value in figures.items():
        if not isinstance(value, int) or value <= 0:
            raise DomainError("price_not_positive", _("Prices are whole đồng above zero."), field)
        if value > MAX_PRICE_VND:
            raise DomainError(
                "price_too_high",
                _("A wholesale price above 100.000.000 ₫ per unit is surely a typing error."),
                field,
            )
    if min_vnd > max_vnd:
        raise DomainError(
            "min_above_max", _("The lowest price is above the highest price."), "min_vnd"
        )
    if not min_vnd <= typical_vnd <= max_vnd:
        raise DomainError(
            "typical_outside",
            _("The most common price must lie between the lowest and the highest."),
            "typical_vnd",
        )
    today = timezone.localdate()
    if day > today:
        raise DomainError(
            "future_day", _("Prices can be reported for today or earlier, not a future day."), "day"
        )
    if day < today - timedelta(days=OLDEST_DAYS):
        raise DomainError("day_too_old", _("Prices older than a year cannot be changed."), "day")


def markets_reported_by(user: Any) -> list[Market]:
    """The markets `user` reports prices for: as its managing board or as one of its traders."""
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return list(Market.objects.filter(status=Market.Status.OPERATING))
    managed = Market.objects.filter(managers=user)
    trading = Market.objects.filter(traders__users=user, traders__is_active=True)
    return list((managed | trading).filter(status=Market.Status.OPERATING).distinct())


def other_market(allowed: Iterable[Market]) -> Forbidden:
    names = ", ".join(market.name for market in allowed) or "—"
    return Forbidden(
        "other_market",
        message_format(_("You report prices only for: %(markets)s."), markets=names),
    )


def _medians(keys: set[tuple[int, int, date]]) -> dict[tuple[int, int, date], int]:
    """The median common price of the 7 days before each (market, product, day)."""
    if not keys:
        return {}
    markets = {market for market, _product, _day in keys}
    products = {product for _market, product, _day in keys}
    days = {day for _market, _product, day in keys}
    history = PriceReport.objects.filter(
        market_id__in=markets,
        day__gte=min(days) - timedelta(days=MEDIAN_DAYS),
        day__lt=max(days),
    )
    if len(products) < 50:
        history = history.filter(product_id__in=products)
    series: dict[tuple[int, int], dict[date, int]] = defaultdict(dict)
    for market, product, day, typical in history.values_list(
        "market_id", "product_id", "day", "typical_vnd"
    ):
        series[(market, product)][day] = typical
    medians = {}
    for market, product, day in keys:
        by_day = series.get((market, product), {})
        window = [
            by_day[day - timedelta(days=back)]
            for back in range(1, MEDIAN_DAYS + 1)
            if day - timedelta(days=back) in by_day
        ]
        if len(window) >= MEDIAN_MIN_REPORTS:
            medians[(market, product, day)] = round(statistics.median(window))
    return medians


def alert_threshold() -> Decimal:
    setting = MonitoringSetting.objects.first()
    return setting.alert_threshold_percent if setting else Decimal(15)


def _alerts_refresh(rows: list[PriceRow]) -> list[PriceAlert]:
    """Alerts for the rows whose common price left the band around its 7-day median."""
    keys = {(row.market.pk, row.product.pk, row.day) for row in rows}
    medians = _medians(keys)
    threshold = alert_threshold()
    alerts = []
    for row in rows:
        median = medians.get((row.market.pk, row.product.pk, row.day))
        if not median:
            continue
        change = (Decimal(row.typical_vnd - median) * 100 / median).quantize(Decimal("0.1"))
        if abs(change) >= threshold:
            alerts.append(
                PriceAlert(
                    market=row.market,
                    product=row.product,
                    day=row.day,
                    typical_vnd=row.typical_vnd,
                    median_vnd=median,
                    change_percent=change,
                )
            )
    # A corrected price replaces its day's alert, or clears it.
    for market_id, day in {(row.market.pk, row.day) for row in rows}:
        PriceAlert.objects.filter(
            market_id=market_id,
            day=day,
            product_id__in=[
                r.product.pk for r in rows if r.market.pk == market_id and r.day == day
            ],
        ).delete()
    return PriceAlert.objects.bulk_create(alerts)


def _city_refresh(pairs: set[tuple[int, date]]) -> None:
    """Roll the markets' reports of each (product, day) up into the city's price."""
    if not pairs:
        return
    products = {product for product, _day in pairs}
    days = {day for _product, day in pairs}
    reports = PriceReport.objects.filter(day__in=days)
    if len(products) < 50:
        reports = reports.filter(product_id__in=products)
    grouped: dict[tuple[int, date], list[tuple[int, int, int]]] = defaultdict(list)
    for product, day, low, typical, high in reports.values_list(
        "product_id", "day", "min_vnd", "typical_vnd", "max_vnd"
    ):
        if (product, day) in pairs:
            grouped[(product, day)].append((low, typical, high))
    CityPrice.objects.bulk_create(
        [
            CityPrice(
                product_id=product,
                day=day,
                min_vnd=min(low for low, _t, _h in figures),
                typical_vnd=round(statistics.median(t for _l, t, _h in figures)),
                max_vnd=max(high for _l, _t, high in figures),
                markets=len(figures),
            )
            for (product, day), figures in grouped.items()
        ],
        update_conflicts=True,
        unique_fields=["product", "day"],
        update_fields=["min_vnd", "typical_vnd", "max_vnd", "markets"],
        batch_size=500,
    )


def price_rollups_rebuild(*, start: date, end: date, alert_days: int = 14) -> int:
    """Recompute the city's prices of every day from `start` to `end` (a month at a time) and
    the alerts of the last `alert_days`; for data loaded in bulk. Returns the alerts raised."""
    day = start
    while day <= end:
        last = min(end, day + timedelta(days=30))
        pairs = set(
            PriceReport.objects.filter(day__range=(day, last))
            .values_list("product_id", "day")
            .distinct()
        )
        _city_refresh(pairs)
        day = last + timedelta(days=1)
    recent = PriceReport.objects.filter(
        day__range=(max(start, end - timedelta(days=alert_days - 1)), end)
    ).select_related("market", "product")
    rows = [
        PriceRow(r.market, r.product, r.day, r.min_vnd, r.typical_vnd, r.max_vnd) for r in recent
    ]
    return len(_alerts_refresh(rows))


def _notify(alerts: list[PriceAlert]) -> None:
    """One notification per subscribed officer for a batch of alerts, after commit by mail."""
    if not alerts:
        return
    link = reverse("markets:monitoring")
    worst = max(alerts, key=lambda alert: abs(alert.change_percent))
    for subscription in AlertSubscription.objects.select_related("user").filter(
        user__is_active=True, user__is_authority=True
    ):
        with translation.override("vi"):
            title = gettext("Price alert: %(product)s at %(market)s %(change)s %%") % {
                "product": worst.product.name,
                "market": worst.market.name,
                "change": f"{worst.change_percent:+}".replace(".", ","),
            }
            body = gettext(
                "%(count)s prices moved more than the threshold from their 7-day median."
            ) % {"count": len(alerts)}
        notification_send(
            user=subscription.user,
            title=title,
            body=body,
            link=link,
            kind=NotificationKind.MARKETS,
        )


def prices_apply(
    *,
    rows: list[PriceRow],
    user: Any,
    source: str,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Store checked rows: new reports in bulk, changed ones as corrections with history, the city
    roll-up and the alerts of the touched days, all in the caller's transaction."""
    latest: dict[tuple[int, int, date], PriceRow] = {}
    for row in rows:  # the last row of a file for the same product, market and day wins
        latest[(row.market.pk, row.product.pk, row.day)] = row
    rows = list(latest.values())
    existing: dict[tuple[int, int, date], PriceReport] = {}
    by_market_day: dict[tuple[int, date], list[int]] = defaultdict(list)
    for market_id, product_id, day in latest:
        by_market_day[(market_id, day)].append(product_id)
    for (market_id, day), product_ids in by_market_day.items():
        found = PriceReport.objects.filter(market_id=market_id, day=day)
        if len(product_ids) < 50:
            found = found.filter(product_id__in=product_ids)
        for stored in found:
            existing[(stored.market_id, stored.product_id, stored.day)] = stored
    now = timezone.now()
    person = user if getattr(user, "pk", None) else None
    new: list[PriceReport] = []
    changed: list[PriceReport] = []
    corrections: list[PriceCorrection] = []
    for done, row in enumerate(rows, start=1):
        if progress is not None and done % PROGRESS_EVERY_ROWS == 0:
            progress(done, len(rows))
        report = existing.get((row.market.pk, row.product.pk, row.day))
        figures = (row.min_vnd, row.typical_vnd, row.max_vnd)
        if report is None:
            new.append(
                PriceReport(
                    market=row.market,
                    product=row.product,
                    day=row.day,
                    min_vnd=row.min_vnd,
                    typical_vnd=row.typical_vnd,
                    max_vnd=row.max_vnd,
                    source=source,
                    reported_by=person,
                    updated_at=now,
                )
            )
        elif (report.min_vnd, report.typical_vnd, report.max_vnd) != figures:
            corrections.append(
                PriceCorrection(
                    report=report,
                    revision=report.revision,
                    min_vnd=report.min_vnd,
                    typical_vnd=report.typical_vnd,
                    max_vnd=report.max_vnd,
                    source=report.source,
                    reported_by_id=report.reported_by_id,
                    replaced_at=now,
                )
            )
            report.min_vnd, report.typical_vnd, report.max_vnd = figures
            report.revision += 1
            report.source, report.reported_by, report.updated_at = source, person, now
            changed.append(report)
    PriceReport.objects.bulk_create(new, batch_size=500)
    PriceCorrection.objects.bulk_create(corrections, batch_size=500)
    PriceReport.objects.bulk_update(
        changed,
        ["min_vnd", "typical_vnd", "max_vnd", "revision", "source", "reported_by", "updated_at"],
        batch_size=500,
    )
    touched = [r for r in rows if (r.market.pk, r.product.pk, r.day) not in existing] + [
        latest[(r.market_id, r.product_id, r.day)] for r in changed
    ]
    _city_refresh({(row.product.pk, row.day) for row in touched})
    alerts = _alerts_refresh(touched)
    _notify(alerts)
    return {
        "created": len(new),
        "corrected": len(changed),
        "unchanged": len(rows) - len(new) - len(changed),
        "alerts": len(alerts),
    }


def price_report(
    *,
    user: Any,
    market: Market,
    product: PriceProduct,
    day: date,
    min_vnd: int,
    typical_vnd: int,
    max_vnd: int,
    source: str = PriceReport.Source.FORM,
    context: AuditContext,
) -> PriceReport:
    """One price of a product at `market` on `day`: stored, or corrected with history."""
    allowed = markets_reported_by(user)
    if market not in allowed:
        raise other_market(allowed)
    price_figures_check(day=day, min_vnd=min_vnd, typical_vnd=typical_vnd, max_vnd=max_vnd)
    row = PriceRow(market, product, day, min_vnd, typical_vnd, max_vnd)
    with transaction.atomic():
        outcome = prices_apply(rows=[row], user=user, source=source)
        report = PriceReport.objects.get(market=market, product=product, day=day)
        audit_record(
            context=context,
            action="markets.price.reported",
            obj=report,
            after={
                "market": market.slug,
                "product": product.slug,
                "day": day.isoformat(),
                "figures": [min_vnd, typical_vnd, max_vnd],
                "revision": report.revision,
                "corrected": outcome["corrected"],
            },
        )
    return report
