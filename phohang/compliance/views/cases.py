"""Complaints and personal-data requests for staff; reports and notices for the authority."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import Role
from phohang.core.access import roles_required
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError

from .. import exports, selectors, services
from ..forms import (
    FeeNoticeForm,
    NoteForm,
    PeriodForm,
    ResolveForm,
    RulesForm,
)
from ..models import Complaint, DataRequest
from .common import (
    AUTHORITY,
    PLATFORM_WIDE,
    evidence_response,
    found,
    labelled_events,
    scope_of,
    show_error,
)

# Complaints (platform staff) -------------------------------------------------------------


@roles_required(AUTHORITY)
@require_GET
def complaints_staff(request):
    status = request.GET.get("status", "")
    if status not in Complaint.Status.values:
        status = ""
    rows = selectors.complaint_list_for_staff(scope=scope_of(request), status=status)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "compliance/complaints_staff.html",
        {"page": page, "status": status, "statuses": Complaint.Status.choices},
    )


@roles_required(AUTHORITY)
@require_http_methods(["GET", "POST"])
def complaint_staff_detail(request, public_id):
    complaint = found(
        selectors.complaint_get_for_staff, scope=scope_of(request), public_id=public_id
    )
    resolve_form = ResolveForm(request.POST if request.POST.get("action") == "resolve" else None)
    note_form = NoteForm(request.POST if request.POST.get("action") == "refer" else None)
    context = audit_context_from_request(request)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "refer" and note_form.is_valid():
                services.complaint_refer(
                    complaint=complaint, note=note_form.cleaned_data["note"], context=context
                )
                messages.success(request, _("Referred to the authority."))
                return redirect("compliance:complaint_staff_detail", public_id=public_id)
            if request.POST.get("action") == "resolve" and resolve_form.is_valid():
                actor_kind = (
                    services.AUTHORITY
                    if complaint.status == Complaint.Status.REFERRED
                    and not request.user.is_superuser
                    else services.PLATFORM
                )
                services.complaint_resolve(
                    complaint=complaint,
                    outcome=resolve_form.cleaned_data["outcome"],
                    note=resolve_form.cleaned_data["note"],
                    actor_kind=actor_kind,
                    context=context,
                    refund_vnd=resolve_form.cleaned_data["refund_vnd"],
                )
                messages.success(request, _("The complaint is resolved; the buyer was told."))
                return redirect("compliance:complaint_staff_detail", public_id=public_id)
            if request.POST.get("action") == "refund":
                refund = services.complaint_refund_send(complaint=complaint, context=context)
                if refund is None or refund.status != refund.Status.SUCCEEDED:
                    messages.error(request, _("The payment gateway did not confirm; try again."))
                else:
                    messages.success(request, _("Refunded."))
                return redirect("compliance:complaint_staff_detail", public_id=public_id)
        except DomainError as error:
            show_error(request, error)
    return render(
        request,
        "compliance/complaint_staff_detail.html",
        {
            "complaint": complaint,
            "events": labelled_events(complaint.events.select_related("actor"), Complaint.Status),
            "resolve_form": resolve_form,
            "note_form": note_form,
            "refund": selectors.complaint_refund(complaint),
        },
        status=400 if request.method == "POST" else 200,
    )


@roles_required(AUTHORITY)
@require_GET
def complaint_evidence(request, public_id):
    complaint = found(
        selectors.complaint_get_for_staff, scope=scope_of(request), public_id=public_id
    )
    return evidence_response(request, complaint)


# Personal-data requests (platform staff) -------------------------------------------------


@roles_required([Role.ADMIN])
@require_GET
def data_requests(request):
    status = request.GET.get("status", "open")
    rows = selectors.data_request_queue(status=status)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "compliance/data_requests.html",
        {"page": page, "status": status, "statuses": DataRequest.Status.choices},
    )


@roles_required([Role.ADMIN])
@require_POST
def data_request_action(request, public_id, action: str):
    data_request = found(selectors.data_request_get, public_id=public_id)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    context = audit_context_from_request(request)
    try:
        if action == "acknowledge":
            services.data_request_acknowledge(
                request=data_request,
                needs_processor=request.POST.get("needs_processor") == "1",
                context=context,
            )
        elif action == "extend":
            services.data_request_extend(request=data_request, note=note, context=context)
        elif action in ("done", "refuse"):
            services.data_request_close(
                request=data_request, refuse=action == "refuse", response=note, context=context
            )
        else:
            raise Http404
        messages.success(request, _("Saved; the person was told."))
    except DomainError as error:
        show_error(request, error)
    return redirect("compliance:data_requests")


# Reports to the authority ----------------------------------------------------------------


@roles_required(AUTHORITY)
@require_GET
def reports(request):
    start, end = PeriodForm.last_month()
    form = PeriodForm(request.GET or None, initial={"start": start, "end": end})
    rows = []
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    if not form.is_bound or form.is_valid():
        rows = exports.labelled(
            selectors.report_rows(start=start, end=end, scope=scope_of(request))
        )
    return render(
        request,
        "compliance/reports.html",
        {"form": form, "rows": rows, "start": start, "end": end},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@roles_required(AUTHORITY)
@require_GET
def report_download(request, extension: str):
    form = PeriodForm(request.GET)
    if extension not in ("csv", "xlsx") or not form.is_valid():
        messages.error(request, _("Choose a valid period (at most one year)."))
        return redirect("compliance:reports")
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    rows = selectors.report_rows(start=start, end=end, scope=scope_of(request))
    from phohang.core.audit import audit_record

    audit_record(
        context=audit_context_from_request(request),
        action="compliance.report.download",
        obj=request.user,
        after={"start": str(start), "end": str(end), "format": extension},
    )
    name = f"bao-cao-tuan-thu-{start:%Y%m%d}-{end:%Y%m%d}.{extension}"
    if extension == "csv":
        response = HttpResponse(
            exports.report_csv(rows, start=start, end=end), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            exports.report_xlsx(rows, start=start, end=end),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@roles_required(PLATFORM_WIDE)
@require_http_methods(["GET", "POST"])
def publish_notices(request):
    """Publish operating-rules versions and seller fee changes."""
    action = request.POST.get("action")
    rules_form = RulesForm(request.POST if action == "rules" else None)
    fee_form = FeeNoticeForm(request.POST if action == "fee" else None)
    context = audit_context_from_request(request)
    if request.method == "POST":
        try:
            if action == "rules" and rules_form.is_valid():
                services.rules_publish(context=context, **rules_form.cleaned_data)
                messages.success(request, _("The new rules are published."))
                return redirect("compliance:publish_notices")
            if action == "fee" and fee_form.is_valid():
                services.fee_notice_publish(context=context, **fee_form.cleaned_data)
                messages.success(request, _("The fee change is published."))
                return redirect("compliance:publish_notices")
        except DomainError as error:
            form = rules_form if action == "rules" else fee_form
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
    return render(
        request,
        "compliance/publish_notices.html",
        {"rules_form": rules_form, "fee_form": fee_form},
        status=400 if request.method == "POST" else 200,
    )
