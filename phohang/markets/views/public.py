"""Public pages: markets and their trader directories, the price boards, a product's history and
the traceability page of a consignment with its QR code."""

import html
import io
from datetime import timedelta

import segno
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from phohang.core.access import public
from phohang.core.money import format_vnd

from .. import selectors
from ..drawing import legend_colours, line_chart, sparkline
from ..forms import DayForm, DirectorySearchForm
from ..models import Consignment, GoodsGroup, PriceProduct, Unit
from ..trace import producer_label, trace_steps
from .common import found

HISTORY_DAYS = (30, 90, 365)
# Long Biên has about 120 stalls: a page of them stays readable on a phone.
TRADERS_PER_PAGE = 30


def _board_day(request, market=None):
    form = DayForm(request.GET or None)
    if form.is_bound and form.is_valid() and form.cleaned_data["date"]:
        return min(form.cleaned_data["date"], timezone.localdate())
    return selectors.board_latest_day(market)


def _group(request) -> str:
    group = request.GET.get("nhom", "")
    return group if group in GoodsGroup.values else ""


@public
@require_GET
def market_index(request):
    user = request.user
    context = {
        "markets": selectors.market_list(),
        "is_market_staff": selectors.is_market_staff(user),
        "is_authority": user.is_authenticated and (user.is_authority or user.is_superuser),
    }
    return render(request, "markets/index.html", context)


@public
@require_GET
def market_detail(request, slug):
    market = found(selectors.market_get, slug)
    form = DirectorySearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(selectors.trader_directory(market, query), TRADERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"market": market, "form": form, "query": query, "page": page}
    if request.htmx:
        return render(request, "markets/partials/_directory.html", context)
    return render(request, "markets/market_detail.html", context)


def _change_html(change, separator: str) -> str:
    if change is None:
        return '<span class="muted">—</span>'
    text = f"{abs(change):.1f}".replace(".", separator)
    if change > 0:
        return f'<span class="rise">▲ {text} %</span>'
    if change < 0:
        return f'<span class="fall">▼ {text} %</span>'
    return "<span>0 %</span>"


def board_rows_html(rows: list) -> SafeString:
    """The board's rows as HTML in one pass: 300 rows through template includes took most of
    the page's time (bench/markets.py). The standard library's `html.escape` (what Django's
    `escape` calls, without its lazy-text wrapper) and the decimal separator looked up once."""
    link = reverse("markets:product_history", kwargs={"slug": "slug-placeholder"})
    label = _("Last 30 days")
    separator = escape(get_format("DECIMAL_SEPARATOR"))
    units = {value: escape(str(name)) for value, name in Unit.choices}
    escape_text = html.escape
    parts = []
    for row in rows:
        product = row.product
        parts.append(
            '<tr><td><a href="{url}">{name}</a> <span class="muted">/ {unit}</span></td>'
            '<td class="number wide-only">{low} – {high}</td>'
            '<td class="number"><strong>{typical}</strong></td>'
            '<td class="number">{day}</td><td class="number wide-only">{week}</td>'
            "<td>{spark}</td></tr>".format(
                url=escape_text(link.replace("slug-placeholder", product.slug)),
                name=escape_text(product.name),
                unit=units.get(product.unit, ""),
                low=escape_text(format_vnd(row.min_vnd)),
                high=escape_text(format_vnd(row.max_vnd)),
                typical=escape_text(format_vnd(row.typical_vnd)),
                day=_change_html(row.change_day, separator),
                week=_change_html(row.change_week, separator),
                spark=sparkline(row.series, label=label),
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped or numeric SVG)


def _board_page(request, market=None):
    day = _board_day(request, market)
    group = _group(request)
    rows = selectors.board(day=day, market=market, group=group)
    context = {
        "rows_html": board_rows_html(rows),
        "market": market,
        "day": day,
        "previous_day": day - timedelta(days=1),
        "next_day": day + timedelta(days=1) if day < timezone.localdate() else None,
        "rows": rows,
        "group": group,
        "groups": GoodsGroup.choices,
        "markets": selectors.market_list(),
    }
    return render(request, "markets/board.html", context)


@public
@require_GET
def city_board(request):
    """The city's wholesale prices of a day: the median of the markets' common prices."""
    return _board_page(request)


@public
@require_GET
def market_board(request, slug):
    return _board_page(request, found(selectors.market_get, slug))


@public
@require_GET
def product_history(request, slug):
    product = PriceProduct.objects.filter(slug=slug, is_active=True).first()
    if product is None:
        raise Http404
    days = int(request.GET.get("ngay", "90")) if request.GET.get("ngay", "").isdigit() else 90
    days = days if days in HISTORY_DAYS else 90
    end = selectors.board_latest_day()
    history = selectors.product_history(product, end=end, days=days)
    lines = [(_("Hanoi (median)"), history.city)] + [
        (market.name, values) for market, values in history.markets
    ]
    chart = line_chart(history.days, lines, label=product.name)
    legend = list(zip([name for name, _values in lines], legend_colours(len(lines)), strict=True))
    recent = [
        (day, city, [values[index] for _market, values in history.markets])
        for index, (day, city) in enumerate(zip(history.days, history.city, strict=True))
    ][-14:]
    context = {
        "product": product,
        "days": days,
        "choices": HISTORY_DAYS,
        "chart": chart,
        "legend": legend,
        "markets": [market for market, _values in history.markets],
        "recent": list(reversed(recent)),
        "end": end,
    }
    return render(request, "markets/product_history.html", context)


@public
@require_GET
def trace(request, code):
    """What a buyer who scans the label sees: origin, dates, checks and path; no personal data."""
    consignment = found(selectors.consignment_trace, code)
    context = {
        "consignment": consignment,
        "producer": producer_label(consignment),
        "steps": trace_steps(consignment),
        "is_rejected": consignment.status == Consignment.Status.REJECTED,
        "has_check": bool(consignment.check_document)
        and consignment.status != Consignment.Status.ARRIVED,
    }
    return render(request, "markets/trace.html", context)


def trace_qr_svg(request, consignment: Consignment) -> bytes:
    url = request.build_absolute_uri(reverse("markets:trace", kwargs={"code": consignment.code}))
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=6, border=2, xmldecl=False)
    return buffer.getvalue()


@public
@require_GET
def trace_qr(request, code):
    consignment = found(selectors.consignment_trace, code)
    response = HttpResponse(trace_qr_svg(request, consignment), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response
