from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from phohang.compliance import selectors as compliance_selectors
from phohang.core.access import public, roles_required
from phohang.core.audit import audit_context_from_request, audit_record
from phohang.core.jobs import file_job_create

from . import opendata, selectors, services
from .charts import cell_text, chart_svg
from .exports import dataset_csv, dataset_xlsx
from .forms import StatisticsImportForm, TargetForm, filters_from_request
from .models import OfficialStatistic, StatisticsImport, Target

STAFF = ["authority", "admin"]
# Official statistics and the city's targets are platform-wide: city-level staff and admins.
CITY_STAFF = ["city_authority", "admin"]
PAGE_TITLES = {
    "overview": gettext_lazy("Market overview"),
    "sales": gettext_lazy("Sales by category and province"),
    "flows": gettext_lazy("Flows between provinces"),
    "ocop": gettext_lazy("OCOP products"),
    "sellers": gettext_lazy("Sellers"),
    "trade": gettext_lazy("Trade connection"),
}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _table_body(dataset: selectors.Dataset) -> str:
    """The table rows as HTML, built here: a template loop over thousands of cells is slow."""
    if not dataset.rows:
        return format_html(
            '<tr><td colspan="{}">{}</td></tr>',
            len(dataset.columns),
            _("No data for this selection."),
        )
    rows = []
    for row in dataset.rows:
        cells = []
        for index, column in enumerate(dataset.columns):
            text = escape(cell_text(row.get(column.key), column.kind))
            if index == 0:
                cells.append(f'<th scope="row">{text}</th>')
            elif column.kind == "text":
                cells.append(f"<td>{text}</td>")
            else:
                cells.append(f'<td class="num">{text}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return mark_safe("".join(rows))  # noqa: S308 - every cell above is escaped


def _dashboard(request, page: str):
    form, filters = filters_from_request(request)
    charts = []
    with selectors.shared_reads():
        for key in selectors.PAGES[page]:
            dataset = selectors.DATASETS[key](filters)
            charts.append(
                {"dataset": dataset, "svg": chart_svg(dataset), "table": _table_body(dataset)}
            )
        headline = selectors.headline(filters) if page == "overview" else None
    compliance = (
        compliance_selectors.counters(scope=request.user.province_scope)
        if page == "overview"
        else None
    )
    context = {
        "page": page,
        "page_title": PAGE_TITLES[page],
        "form": form,
        "filters": filters,
        "query": filters.query_string(),
        "charts": charts,
        "headline": headline,
        "compliance": compliance,
        "pages": PAGE_TITLES,
    }
    # Bad filters show their errors above the default view, with a 400 status.
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "insights/dashboard.html", context, status=status)


@roles_required(STAFF)
def overview(request):
    return _dashboard(request, "overview")


@roles_required(STAFF)
def sales(request):
    return _dashboard(request, "sales")


@roles_required(STAFF)
def flows(request):
    return _dashboard(request, "flows")


@roles_required(STAFF)
def ocop(request):
    return _dashboard(request, "ocop")


@roles_required(STAFF)
def sellers(request):
    return _dashboard(request, "sellers")


@roles_required(STAFF)
def trade(request):
    return _dashboard(request, "trade")


@roles_required(STAFF)
def export(request, dataset: str, file_format: str):
    """Download one chart's data; each download is written to the audit log."""
    builder = selectors.DATASETS.get(dataset)
    if builder is None or file_format not in CONTENT_TYPES:
        raise Http404
    form, filters = filters_from_request(request)
    if form.is_bound and form.errors:
        return HttpResponseBadRequest(
            " ".join(str(error) for errors in form.errors.values() for error in errors),
            content_type="text/plain; charset=utf-8",
        )
    data = builder(filters)
    body = dataset_csv(data) if file_format == "csv" else dataset_xlsx(data)
    audit_record(
        context=audit_context_from_request(request, purpose="insights export"),
        action="insights.export",
        object_type="insights.dataset",
        object_id=dataset,
        after={"format": file_format, "filters": filters.query_string(), "rows": len(data.rows)},
    )
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    filename = f"phohang-{dataset}-{filters.start:%Y%m%d}-{filters.end:%Y%m%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
@roles_required(CITY_STAFF)
def statistics(request):
    form = StatisticsImportForm()
    if request.method == "POST":
        form = StatisticsImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = file_job_create(
                    kind="insights.statistics",
                    owner=request.user,
                    upload=form.cleaned_data["file"],
                    max_bytes=services.MAX_IMPORT_BYTES,
                    context=audit_context_from_request(request),
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                return redirect("core:file_job", public_id=job.public_id)
    report_id = request.GET.get("report", "")
    report = (
        StatisticsImport.objects.filter(pk=int(report_id)).first() if report_id.isdigit() else None
    )
    context = {
        "form": form,
        "report": report,
        "statistics": OfficialStatistic.objects.order_by("-period_start", "indicator")[:200],
        "imports": StatisticsImport.objects.select_related("imported_by")[:10],
        "pages": PAGE_TITLES,
        "page": "statistics",
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "insights/statistics.html", context, status=status)


@require_http_methods(["GET", "POST"])
@roles_required(CITY_STAFF)
def targets(request):
    form = TargetForm()
    if request.method == "POST":
        form = TargetForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.target_save(
                    context=audit_context_from_request(request),
                    indicator=data["indicator"],
                    period=data["period"],
                    value=data["value"],
                    unit=data["unit"],
                    note=data["note"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Target saved."))
                return redirect("insights:targets")
    context = {
        "form": form,
        "targets": Target.objects.all(),
        "pages": PAGE_TITLES,
        "page": "targets",
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "insights/targets.html", context, status=status)


@require_POST
@roles_required(CITY_STAFF)
def target_delete(request, pk: int):
    target = get_object_or_404(Target, pk=pk)
    services.target_delete(context=audit_context_from_request(request), target=target)
    messages.success(request, _("Target deleted."))
    return redirect("insights:targets")


def _open_year(request) -> tuple[int | None, list[int]]:
    years = opendata.available_years()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = None
    if year not in years:
        year = years[1] if len(years) > 1 else (years[0] if years else None)
    return year, years


OPEN_TABLES = {
    "monthly": opendata.monthly,
    "provinces": opendata.by_province,
    "categories": opendata.by_category,
    "flows": opendata.flows,
}


# Leading text columns of each open table; the first heads its row.
OPEN_LABELS = {
    "monthly": ("period",),
    "provinces": ("province",),
    "categories": ("category",),
    "flows": ("origin", "destination"),
}


def _open_table_body(rows: list[dict], labels: tuple[str, ...]) -> str:
    """Rows of an open-data table as HTML, built here: the flows table alone has a thousand
    rows, too many for a template loop or format_html per cell."""
    label = escape(_("suppressed"))
    suppressed = f'<td colspan="2" class="suppressed">{label}</td>'
    parts = []
    for row in rows:
        cells = f'<th scope="row">{escape(row[labels[0]])}</th>'
        cells += "".join(f"<td>{escape(row[label])}</td>" for label in labels[1:])
        if row["suppressed"]:
            cells += suppressed
        else:
            sellers, gmv = escape(row["sellers"]), escape(cell_text(row["gmv_vnd"], "vnd"))
            cells += f'<td class="num">{sellers}</td><td class="num">{gmv}</td>'
        parts.append(f"<tr>{cells}</tr>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


@public
def open_data(request):
    year, years = _open_year(request)
    tables = {name: build(year) if year else [] for name, build in OPEN_TABLES.items()}
    context = {
        "year": year,
        "years": years,
        "tables": tables,
        "bodies": {
            name: _open_table_body(rows, OPEN_LABELS[name]) for name, rows in tables.items()
        },
        "min_sellers": opendata.MIN_SELLERS,
    }
    return render(request, "insights/open_data.html", context)


def _open_dataset(request, table: str) -> tuple[selectors.Dataset, int]:
    build = OPEN_TABLES.get(table)
    year, _years = _open_year(request)
    if build is None or year is None:
        raise Http404
    rows = build(year)
    columns = [key for key in (rows[0].keys() if rows else ()) if not key.endswith("_code")]
    dataset = selectors.Dataset(
        key=table,
        title=table,
        columns=[selectors.Column(key, key) for key in columns],
        rows=rows,
    )
    return dataset, year


@public
def open_data_csv(request, table: str):
    dataset, year = _open_dataset(request, table)
    response = HttpResponse(dataset_csv(dataset), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = f'attachment; filename="phohang-open-{table}-{year}.csv"'
    return response


@public
def open_data_xlsx(request, table: str):
    dataset, year = _open_dataset(request, table)
    response = HttpResponse(dataset_xlsx(dataset), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="phohang-open-{table}-{year}.xlsx"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
