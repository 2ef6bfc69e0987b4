"""Compliance pages: thin adapters over selectors and services."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import Consent, Role
from phohang.accounts.personal_data import (
    ErasureRefused,
    password_confirm,
    personal_data_export,
)
from phohang.accounts.services import consent_is_given
from phohang.accounts.throttling import LoginThrottled
from phohang.core.access import public, roles_required, signed_in
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError, NotFound
from phohang.core.uploads import clean_document
from phohang.sellers import identification
from phohang.sellers.models import Seller

from . import exports, selectors, services
from .forms import (
    AnswerForm,
    AppealForm,
    ComplaintForm,
    DataRequestForm,
    FeeNoticeForm,
    NoteForm,
    PeriodForm,
    ResolveForm,
    RulesForm,
    ScreeningRuleForm,
    TakedownForm,
)
from .models import Complaint, DataRequest, ReviewItem, ScreeningRule, Takedown

AUTHORITY = [Role.AUTHORITY, Role.ADMIN]
# The banned-goods list, the operating rules and the fees are the same in every province.
PLATFORM_WIDE = [Role.CITY_AUTHORITY, Role.ADMIN]
# Purposes a person manages on the privacy page (terms are accepted when registering).
CONSENT_PURPOSES = [Consent.Purpose.MARKETING, Consent.Purpose.MATCHING, Consent.Purpose.IDENTITY]


def _found(getter, **kwargs):
    """The object or a 404 page (the same answer whether it exists or is someone else's)."""
    try:
        return getter(**kwargs)
    except NotFound as error:
        raise Http404 from error


def _error(request, error: DomainError) -> None:
    messages.error(request, str(error.message))


def _labelled_events(events, statuses) -> list[tuple]:
    labels = dict(statuses.choices)
    return [(event, labels.get(event.to_status, event.to_status)) for event in events]


def _scope(request):
    return request.user.province_scope


# The authority's dashboard ---------------------------------------------------------------


@roles_required(AUTHORITY)
@require_GET
def dashboard(request):
    scope = _scope(request)
    counters = selectors.counters(scope=scope)
    retention_run, retention_steps = selectors.retention_last_run()
    return render(
        request,
        "compliance/dashboard.html",
        {
            "counters": counters,
            "outcome_rows": [
                (label, counters.complaints_by_outcome.get(value, 0))
                for value, label in Complaint.Outcome.choices
                if value
            ],
            "overdue": selectors.takedown_list(scope=scope, status="overdue")[:10],
            "removals": selectors.removals(scope=scope)[:10],
            "retention_run": retention_run,
            "retention_steps": retention_steps,
        },
    )


# The review queue (replaces the flat product list) ---------------------------------------

TABS = [ReviewItem.Source.SCREENING, ReviewItem.Source.REPORTED, ReviewItem.Source.NEW]


@roles_required(AUTHORITY)
@require_GET
def queue(request):
    tab = request.GET.get("tab", ReviewItem.Source.SCREENING)
    if tab not in TABS:
        tab = ReviewItem.Source.SCREENING
    scope = _scope(request)
    counts = selectors.review_counts(scope=scope)
    page = Paginator(selectors.review_queue(scope=scope, source=tab), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "compliance/queue.html",
        {
            "page": page,
            "tab": tab,
            "tabs": [
                (source, ReviewItem.Source(source).label, counts.get(source, 0)) for source in TABS
            ],
        },
    )


@roles_required(AUTHORITY)
@require_POST
def review_decide(request, public_id, decision: str):
    item = _found(selectors.review_item_get, scope=_scope(request), public_id=public_id)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    context = audit_context_from_request(request)
    try:
        if decision == "approve":
            services.review_approve(item=item, note=note, context=context)
            messages.success(request, _("Approved; the listing is public."))
        elif decision == "reject":
            services.review_reject(item=item, note=note, context=context)
            messages.success(
                request, _("Refused; the listing is suspended and the seller told why.")
            )
        else:
            raise Http404
    except DomainError as error:
        _error(request, error)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(f"{reverse('compliance:queue')}?tab={item.source}")


@roles_required(AUTHORITY)
@require_POST
def review_seen(request, public_id):
    product = _found(selectors.product_get_in_scope, scope=_scope(request), public_id=public_id)
    services.review_mark_seen(product=product, context=audit_context_from_request(request))
    messages.success(request, _("Marked as checked."))
    return redirect(f"{reverse('compliance:queue')}?tab=new")


@roles_required(PLATFORM_WIDE)
@require_http_methods(["GET", "POST"])
def screening_rules(request):
    form = ScreeningRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.screening_rule_add(
                kind=form.cleaned_data["kind"],
                phrase=form.cleaned_data["phrase"],
                category_id=int(form.cleaned_data["category"] or 0) or None,
                note=form.cleaned_data["note"],
                context=audit_context_from_request(request),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("Added to the list."))
            return redirect("compliance:screening_rules")
    return render(
        request,
        "compliance/screening_rules.html",
        {"form": form, "rules": selectors.screening_rules()},
        status=400 if form.errors else 200,
    )


@roles_required(PLATFORM_WIDE)
@require_POST
def screening_rule_remove(request, rule_id: int):
    rule = ScreeningRule.objects.filter(pk=rule_id, is_active=True).first()
    if rule is None:
        raise Http404
    services.screening_rule_remove(rule=rule, context=audit_context_from_request(request))
    messages.success(request, _("Removed from the list."))
    return redirect("compliance:screening_rules")


# Takedowns -------------------------------------------------------------------------------


@roles_required(AUTHORITY)
@require_http_methods(["GET", "POST"])
def takedowns(request):
    status = request.GET.get("status", "")
    initial = {"kind": request.GET.get("kind", ""), "target": request.GET.get("target", "")[:40]}
    form = TakedownForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kind = data["kind"]
        try:
            takedown = services.takedown_order(
                kind=kind,
                product_public_id=data["target"] if kind == Takedown.Kind.LISTING else "",
                seller_public_id=data["target"] if kind == Takedown.Kind.SELLER else "",
                reason=data["reason"],
                legal_basis=data["legal_basis"],
                officer=request.user,
                context=audit_context_from_request(request),
                scope=_scope(request),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("Ordered; it must be carried out before the deadline."))
            return redirect("compliance:takedown_detail", public_id=takedown.public_id)
    rows = selectors.takedown_list(scope=_scope(request), status=status)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "compliance/takedowns.html",
        {
            "form": form,
            "page": page,
            "status": status,
            "statuses": Takedown.Status.choices,
            "now": timezone.now(),
        },
        status=400 if form.errors else 200,
    )


@roles_required(AUTHORITY)
@require_GET
def takedown_detail(request, public_id):
    takedown = _found(selectors.takedown_get, scope=_scope(request), public_id=public_id)
    return render(
        request,
        "compliance/takedown_detail.html",
        {
            "takedown": takedown,
            "events": _labelled_events(takedown.events.select_related("actor"), Takedown.Status),
            "form": NoteForm(),
        },
    )


@roles_required(AUTHORITY)
@require_POST
def takedown_action(request, public_id, action: str):
    takedown = _found(selectors.takedown_get, scope=_scope(request), public_id=public_id)
    context = audit_context_from_request(request)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    actor_kind = services.PLATFORM if request.user.is_superuser else services.AUTHORITY
    try:
        if action == "carry-out":
            services.takedown_carry_out(takedown=takedown, actor_kind=actor_kind, context=context)
            messages.success(request, _("Carried out; the seller was told why."))
        elif action in ("accept-appeal", "reject-appeal"):
            services.takedown_appeal_decide(
                takedown=takedown, accept=action == "accept-appeal", note=note, context=context
            )
            messages.success(request, _("The appeal was decided; the seller was told."))
        else:
            raise Http404
    except DomainError as error:
        _error(request, error)
    return redirect("compliance:takedown_detail", public_id=takedown.public_id)


# Complaints (platform staff) -------------------------------------------------------------


@roles_required(AUTHORITY)
@require_GET
def complaints_staff(request):
    status = request.GET.get("status", "")
    if status not in Complaint.Status.values:
        status = ""
    rows = selectors.complaint_list_for_staff(scope=_scope(request), status=status)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "compliance/complaints_staff.html",
        {"page": page, "status": status, "statuses": Complaint.Status.choices},
    )


@roles_required(AUTHORITY)
@require_http_methods(["GET", "POST"])
def complaint_staff_detail(request, public_id):
    complaint = _found(
        selectors.complaint_get_for_staff, scope=_scope(request), public_id=public_id
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
                )
                messages.success(request, _("The complaint is resolved; the buyer was told."))
                return redirect("compliance:complaint_staff_detail", public_id=public_id)
        except DomainError as error:
            _error(request, error)
    return render(
        request,
        "compliance/complaint_staff_detail.html",
        {
            "complaint": complaint,
            "events": _labelled_events(complaint.events.select_related("actor"), Complaint.Status),
            "resolve_form": resolve_form,
            "note_form": note_form,
        },
        status=400 if request.method == "POST" else 200,
    )


@roles_required(AUTHORITY)
@require_GET
def complaint_evidence(request, public_id):
    complaint = _found(
        selectors.complaint_get_for_staff, scope=_scope(request), public_id=public_id
    )
    return _evidence_response(request, complaint)


def _evidence_response(request, complaint: Complaint):
    from phohang.core.audit import audit_record
    from phohang.core.views import protect_file_response

    if not complaint.evidence:
        raise Http404
    audit_record(
        context=audit_context_from_request(request, purpose="complaint handling"),
        action="compliance.complaint.evidence_view",
        obj=complaint,
    )
    extension = complaint.evidence.name.rsplit(".", 1)[-1]
    with complaint.evidence.open("rb") as stored:
        response = HttpResponse(stored.read(), content_type="application/octet-stream")
    return protect_file_response(response, f"evidence-{complaint.public_id}.{extension}")


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
    data_request = _found(selectors.data_request_get, public_id=public_id)
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
        _error(request, error)
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
        rows = exports.labelled(selectors.report_rows(start=start, end=end, scope=_scope(request)))
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
    rows = selectors.report_rows(start=start, end=end, scope=_scope(request))
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


# The seller's desk: identification, takedowns, complaints --------------------------------


def _seller(request) -> Seller:
    seller = selectors.seller_of(request.user)
    if seller is None:
        raise Http404
    return seller


@roles_required([Role.SELLER])
@require_GET
def seller_desk(request):
    seller = _seller(request)
    return render(
        request,
        "compliance/seller_desk.html",
        {
            "seller": seller,
            "identifications": seller.identifications.all()[:5],
            "eid_available": identification.eid_provider() is not None,
            "takedowns": selectors.takedowns_for_seller(seller)[:50],
            "complaints": selectors.complaints_for_seller(seller)[:50],
            "appeal_form": AppealForm(),
            "answer_form": AnswerForm(),
        },
    )


@roles_required([Role.SELLER])
@require_POST
def identification_start(request):
    seller = _seller(request)
    try:
        url = identification.identification_start(
            seller=seller,
            user=request.user,
            callback_url=request.build_absolute_uri(reverse("compliance:eid_callback")),
        )
    except DomainError as error:
        _error(request, error)
        return redirect("compliance:seller_desk")
    return HttpResponseRedirect(url)


@roles_required([Role.SELLER])
@require_GET
def eid_callback(request):
    answer = {
        key: request.GET.get(key, "")[:200]
        for key in ("outcome", "level", "reference", "signature")
    }
    try:
        seller = identification.identification_complete(
            state=request.GET.get("state", "")[:100],
            user=request.user,
            answer=answer,
            context=audit_context_from_request(request, purpose="seller identification"),
        )
    except DomainError as error:
        _error(request, error)
        return redirect("compliance:seller_desk")
    services.seller_listings_changed(seller)
    messages.success(request, _("Your identity is verified; you can publish and sell."))
    return redirect("compliance:seller_desk")


@signed_in
@require_http_methods(["GET", "POST"])
def eid_simulator(request):
    """The local stand-in of an e-ID intermediary (DEBUG only): the person confirms or refuses."""
    if not identification.simulator_is_on():
        raise Http404
    state = (request.GET.get("state") or request.POST.get("state") or "")[:100]
    redirect_uri = request.GET.get("redirect_uri") or request.POST.get("redirect_uri") or ""
    try:
        identification.identification_attempt_get(state=state, user=request.user)
    except DomainError as error:
        _error(request, error)
        return redirect("compliance:seller_desk")
    if request.method == "POST":
        from urllib.parse import urlencode

        from django.conf import settings

        level = "2" if request.POST.get("level") == "2" else "1"
        outcome = "verified" if request.POST.get("decision") == "approve" else "refused"
        reference = f"SIM-{state[:8]}"
        signature = identification.answer_signature(
            settings.SECRET_KEY, state=state, level=level, reference=reference
        )
        query = urlencode(
            {
                "state": state,
                "outcome": outcome,
                "level": level,
                "reference": reference,
                "signature": signature,
            }
        )
        return HttpResponseRedirect(f"{reverse('compliance:eid_callback')}?{query}")
    return render(
        request, "compliance/eid_simulator.html", {"state": state, "redirect_uri": redirect_uri}
    )


@roles_required([Role.SELLER])
@require_POST
def takedown_appeal(request, public_id):
    seller = _seller(request)
    takedown = _found(selectors.takedown_for_seller, seller=seller, public_id=public_id)
    form = AppealForm(request.POST)
    try:
        services.takedown_appeal(
            takedown=takedown,
            seller=seller,
            text=form.cleaned_data["text"] if form.is_valid() else "",
            context=audit_context_from_request(request),
        )
        messages.success(request, _("Your appeal was sent to the authority."))
    except DomainError as error:
        _error(request, error)
    return redirect("compliance:seller_desk")


@roles_required([Role.SELLER])
@require_POST
def complaint_answer(request, public_id):
    seller = _seller(request)
    complaint = _found(selectors.complaint_for_seller, seller=seller, public_id=public_id)
    form = AnswerForm(request.POST)
    try:
        services.complaint_answer(
            complaint=complaint,
            seller=seller,
            answer=form.cleaned_data["answer"] if form.is_valid() else "",
            context=audit_context_from_request(request),
        )
        messages.success(request, _("Your answer was sent to the buyer."))
    except DomainError as error:
        _error(request, error)
    return redirect("compliance:seller_desk")


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
    complaint = _found(selectors.complaint_for_buyer, user=request.user, public_id=public_id)
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
            _error(request, error)
        return redirect("compliance:complaint_detail", public_id=public_id)
    return render(
        request,
        "compliance/complaint_detail.html",
        {
            "complaint": complaint,
            "events": _labelled_events(complaint.events.select_related("actor"), Complaint.Status),
        },
    )


@signed_in
@require_GET
def complaint_my_evidence(request, public_id):
    complaint = _found(selectors.complaint_for_buyer, user=request.user, public_id=public_id)
    return _evidence_response(request, complaint)


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
                services.data_request_file(
                    requester=request.user,
                    kind=form.cleaned_data["kind"],
                    details=form.cleaned_data["details"],
                    context=context,
                )
                messages.success(
                    request,
                    _(
                        "Your request was received; you will get an acknowledgement within 2 working days."
                    ),
                )
                return redirect("compliance:privacy_center")
        except DomainError as error:
            _error(request, error)
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
    order, version = _found(selectors.rules_for_order, user=request.user, public_id=public_id)
    return render(request, "compliance/rules_for_order.html", {"order": order, "version": version})


@public
@require_GET
def seller_info(request, slug):
    seller = Seller.objects.select_related("province", "address").filter(slug=slug).first()
    if seller is None:
        raise Http404
    return render(request, "compliance/seller_info.html", {"seller": seller})
