"""The authority's pages: dashboard, review queue, banned-goods list, takedowns."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.core.access import roles_required
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError

from .. import selectors, services
from ..forms import (
    NoteForm,
    ScreeningRuleForm,
    TakedownForm,
)
from ..models import ReviewItem, ScreeningRule, Takedown
from .common import AUTHORITY, PLATFORM_WIDE, found, labelled_events, scope_of, show_error

# The authority's dashboard ---------------------------------------------------------------


@roles_required(AUTHORITY)
@require_GET
def dashboard(request):
    scope = scope_of(request)
    counters = selectors.counters(scope=scope)
    retention_run, retention_steps = selectors.retention_last_run()
    return render(
        request,
        "compliance/dashboard.html",
        {
            "counters": counters,
            "outcome_rows": counters.outcome_rows,
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
    scope = scope_of(request)
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
    item = found(selectors.review_item_get, scope=scope_of(request), public_id=public_id)
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
        show_error(request, error)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(f"{reverse('compliance:queue')}?tab={item.source}")


@roles_required(AUTHORITY)
@require_POST
def review_seen(request, public_id):
    product = found(selectors.product_get_in_scope, scope=scope_of(request), public_id=public_id)
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
                scope=scope_of(request),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("Ordered; it must be carried out before the deadline."))
            return redirect("compliance:takedown_detail", public_id=takedown.public_id)
    rows = selectors.takedown_list(scope=scope_of(request), status=status)
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
    takedown = found(selectors.takedown_get, scope=scope_of(request), public_id=public_id)
    return render(
        request,
        "compliance/takedown_detail.html",
        {
            "takedown": takedown,
            "events": labelled_events(takedown.events.select_related("actor"), Takedown.Status),
            "form": NoteForm(),
        },
    )


@roles_required(AUTHORITY)
@require_POST
def takedown_action(request, public_id, action: str):
    takedown = found(selectors.takedown_get, scope=scope_of(request), public_id=public_id)
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
        show_error(request, error)
    return redirect("compliance:takedown_detail", public_id=takedown.public_id)
