"""The authority's price monitoring: alerts, the essential goods basket, throughput against the
city's daily need, the settings and the weekly report."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from phohang.accounts.models import Role
from phohang.core.access import roles_required
from phohang.core.audit import audit_context_from_request, audit_record

from .. import selectors, services
from ..drawing import legend_colours, line_chart, need_bars
from ..forms import DayForm, NeedForm, ThresholdForm
from ..models import DailyNeed
from ..report import weekly_pdf, weekly_xlsx
from .common import act

STAFF = [Role.AUTHORITY, Role.CITY_AUTHORITY, Role.ADMIN]
CITY_STAFF = [Role.CITY_AUTHORITY, Role.ADMIN]
BASKET_DAYS = (30, 90, 365)


def _is_city_staff(user) -> bool:
    return any(user.has_role(role) for role in CITY_STAFF)


@roles_required(STAFF)
@require_GET
def monitoring(request):
    end = selectors.board_latest_day()
    days = request.GET.get("ngay", "")
    days = int(days) if days.isdigit() and int(days) in BASKET_DAYS else 90
    charts = []
    for history in selectors.basket(end=end, days=days):
        lines = [(_("Hanoi (median)"), history.city)] + [
            (market.name, values) for market, values in history.markets
        ]
        latest = next((value for value in reversed(history.city) if value is not None), None)
        charts.append(
            {
                "product": history.product,
                "latest": latest,
                "svg": line_chart(history.days, lines, label=history.product.name),
                "legend": list(
                    zip([n for n, _v in lines], legend_colours(len(lines)), strict=True)
                ),
            }
        )
    flow = selectors.throughput(end=timezone.localdate(), days=7)
    setting = selectors.monitoring_setting()
    context = {
        "alerts": selectors.alerts_recent(days=14)[:100],
        "charts": charts,
        "days": days,
        "choices": BASKET_DAYS,
        "end": end,
        "throughput": flow,
        "need_chart": need_bars(flow, label=_("Share of the city's daily need")),
        "setting": setting,
        "threshold_form": ThresholdForm(
            initial={"alert_threshold_percent": setting.alert_threshold_percent}
        ),
        "need_form": NeedForm(),
        "needs": DailyNeed.objects.order_by("goods_group"),
        "is_city_staff": _is_city_staff(request.user),
        "is_subscribed": selectors.is_subscribed(request.user),
        "report_end": timezone.localdate(),
    }
    return render(request, "markets/monitoring.html", context)


@roles_required(CITY_STAFF)
@require_POST
def threshold_save(request):
    form = ThresholdForm(request.POST)
    if form.is_valid():
        act(
            request,
            lambda: services.threshold_save(
                percent=form.cleaned_data["alert_threshold_percent"],
                user=request.user,
                context=audit_context_from_request(request),
            ),
            done=_("Alert threshold saved."),
        )
    else:
        messages.error(request, _("The threshold is a share between 1 and 90 %."))
    return redirect("markets:monitoring")


@roles_required(CITY_STAFF)
@require_POST
def need_save(request):
    form = NeedForm(request.POST)
    if form.is_valid():
        act(
            request,
            lambda: services.need_save(
                goods_group=form.cleaned_data["goods_group"],
                tonnes_per_day=form.cleaned_data["tonnes_per_day"],
                source=form.cleaned_data["source"],
                user=request.user,
                context=audit_context_from_request(request),
            ),
            done=_("Daily need saved."),
        )
    else:
        messages.error(request, _("The daily need must be more than zero tonnes."))
    return redirect("markets:monitoring")


@roles_required(STAFF)
@require_POST
def subscription(request):
    is_subscribed = request.POST.get("subscribe") == "1"
    services.alert_subscription_set(user=request.user, is_subscribed=is_subscribed)
    if is_subscribed:
        messages.success(request, _("You will be notified of price alerts."))
    else:
        messages.success(request, _("You will no longer be notified of price alerts."))
    return redirect("markets:monitoring")


def _report_end(request):
    form = DayForm(request.GET or None)
    if form.is_bound and form.is_valid() and form.cleaned_data["date"]:
        return min(form.cleaned_data["date"], timezone.localdate())
    return timezone.localdate() - timedelta(days=1)


@roles_required(STAFF)
@require_GET
def weekly_report(request, file_format):
    if file_format not in ("xlsx", "pdf"):
        raise Http404
    end = _report_end(request)
    data = selectors.weekly_report(end=end)
    if file_format == "xlsx":
        body = weekly_xlsx(data)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = weekly_pdf(data)
        content_type = "application/pdf"
    audit_record(
        context=audit_context_from_request(request, purpose="weekly price report"),
        action="markets.report.exported",
        object_type="markets.weekly_report",
        object_id=end.isoformat(),
        after={"format": file_format, "lines": len(data["lines"])},
    )
    response = HttpResponse(body, content_type=content_type)
    filename = f"phohang-gia-ban-buon-{data['start']:%Y%m%d}-{end:%Y%m%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
