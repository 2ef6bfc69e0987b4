"""Buyers' pages: complaints, the privacy centre, the operating rules, seller information."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import Consent
from phohang.accounts.personal_data import (
    ErasureRefused,
    password_confirm,
    personal_data_export,
)
from phohang.accounts.services import consent_is_given
from phohang.accounts.throttling import LoginThrottled
from phohang.core.access import public, signed_in
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError
from phohang.core.uploads import clean_document
from phohang.sellers.models import Seller

from .. import selectors, services
from ..forms import (
    ComplaintForm,
    DataRequestForm,
)
from ..models import Complaint, DataRequest
from .common import (
    CONSENT_PURPOSES,
    evidence_response,
    found,
    labelled_events,
    show_error,
)

# Buyers: complaints and the privacy centre -----------------------------------------------


@signed_in
@require_http_methods(["GET", "POST"])
def complaint_new(request):
    initial = {
        "target": request.GET.get("target", ""),
        "reference": request.GET.get("ref", "")[:80],
    }
    form = ComplaintForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            evidence = form.cleaned_data.get("evidence")
            complaint = services.complaint_file(
                complainant=request.user,
                target=form.cleaned_data["target"],
                reference=form.cleaned_data["reference"].strip(),
                body=form.cleaned_data["body"],
                evidence=clean_document(evidence) if evidence else None,
                context=audit_context_from_request(request),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        except ValidationError as error:
            form.add_error("evidence", error)
        else:
            messages.success(
                request, _("Your complaint was sent; the seller must answer by the date shown.")
            )
            return redirect("compliance:complaint_detail", public_id=complaint.public_id)
    return render(
        request,
        "compliance/complaint_new.html",
        {"form": form, "orders": selectors.buyer_orders(request.user)},
        status=400 if form.errors else 200,
    )


@signed_in
@require_GET
def complaints_mine(request):
    return render(
        request,
        "compliance/complaints_mine.html",
        {"complaints": selectors.complaints_for_buyer(request.user)[:100]},
    )


@signed_in
@require_http_methods(["GET", "POST"])
def complaint_detail(request, public_id):
    complaint = found(selectors.complaint_for_buyer, user=request.user, public_id=public_id)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ("escalate", "close"):
            raise Http404
        try:
            services.complaint_buyer_move(
                complaint=complaint,
                escalate=action == "escalate",
                context=audit_context_from_request(request),
            )
            messages.success(request, _("Saved."))
        except DomainError as error:
            show_error(request, error)
        return redirect("compliance:complaint_detail", public_id=public_id)
    return render(
        request,
        "compliance/complaint_detail.html",
        {
            "complaint": complaint,
            "events": labelled_events(complaint.events.select_related("actor"), Complaint.Status),
            "refund": selectors.complaint_refund(complaint),
        },
    )


@signed_in
@require_GET
def complaint_my_evidence(request, public_id):
    complaint = found(selectors.complaint_for_buyer, user=request.user, public_id=public_id)
    return evidence_response(request, complaint)


@signed_in
@require_http_methods(["GET", "POST"])
def privacy_center(request):
    form = DataRequestForm(request.POST if request.POST.get("action") == "request" else None)
    context = audit_context_from_request(request)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "consents":
                changed = services.consents_update(
                    user=request.user,
                    shown=request.POST.get("shown", "").split(","),
                    token=request.POST.get("token", ""),
                    granted=request.POST.getlist("purpose"),
                    user_agent=request.headers.get("user-agent", ""),
                    context=context,
                )
                messages.success(
                    request, _("Your choices were saved.") if changed else _("Nothing changed.")
                )
                return redirect("compliance:privacy_center")
            if action == "request" and form.is_valid():
                filed = services.data_request_file(
                    requester=request.user,
                    kind=form.cleaned_data["kind"],
                    details=form.cleaned_data["details"],
                    context=context,
                )
                if filed.status == DataRequest.Status.DONE:
                    messages.success(request, filed.response)
                else:
                    messages.success(
                        request,
                        _(
                            "Your request was received; you will get an acknowledgement within 2 working days."
                        ),
                    )
                return redirect("compliance:privacy_center")
        except DomainError as error:
            show_error(request, error)
        status = 400
    consents = [
        (
            purpose,
            Consent.Purpose(purpose).label,
            consent_is_given(user=request.user, purpose=purpose),
        )
        for purpose in CONSENT_PURPOSES
    ]
    return render(
        request,
        "compliance/privacy_center.html",
        {
            "consents": consents,
            "shown": ",".join(CONSENT_PURPOSES),
            "token": services.consent_form_token(
                user=request.user, purposes=list(CONSENT_PURPOSES)
            ),
            "form": form,
            "requests": selectors.data_requests_for(request.user)[:20],
        },
        status=status,
    )


@signed_in
@require_POST
def data_export(request):
    """Download everything held about the person (JSON), after the password again; the request
    is logged as answered."""
    context = audit_context_from_request(request, purpose="PDP-02")
    try:
        password_confirm(
            user=request.user, password=request.POST.get("password", ""), ip=context.ip
        )
    except ErasureRefused as refused:
        messages.error(request, str(refused))
        return redirect("compliance:privacy_center")
    except LoginThrottled:
        messages.error(request, _("Too many attempts; try again later."))
        return redirect("compliance:privacy_center")
    data_request = services.data_request_file(
        requester=request.user, kind=DataRequest.Kind.EXPORT, details="", context=context
    )
    data = personal_data_export(user=request.user, context=context)
    services.data_request_export_done(request=data_request, context=context)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="du-lieu-ca-nhan-{timezone.localdate():%Y%m%d}.json"'
    )
    return response


# What buyers must see --------------------------------------------------------------------


@public
@require_GET
def rules(request):
    return render(
        request,
        "compliance/rules.html",
        {
            "versions": selectors.rules_versions(),
            "current": selectors.rules_in_force(),
            "fee_notices": selectors.fee_notices()[:20],
        },
    )


@signed_in
@require_GET
def rules_for_order(request, public_id):
    order, version = found(selectors.rules_for_order, user=request.user, public_id=public_id)
    return render(request, "compliance/rules_for_order.html", {"order": order, "version": version})


@public
@require_GET
def seller_info(request, slug):
    seller = Seller.objects.select_related("province", "address").filter(slug=slug).first()
    if seller is None:
        raise Http404
    return render(request, "compliance/seller_info.html", {"seller": seller})
