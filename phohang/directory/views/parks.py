"""Parks: the public directory and park pages, investors' inquiries, the operator's pages and
staff review of proposed changes."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.core.access import public, roles_required, signed_in
from phohang.core.audit import audit_context_from_request
from phohang.core.errors import DomainError
from phohang.core.views import protect_file_response

from .. import forms, selectors, services
from ..models import CraftVillage, Inquiry, KeyProduct, Manufacturer, Park, Project, Sector
from .common import STAFF, found, saved


def _counts() -> dict:
    return {
        "parks": Park.objects.filter(is_published=True).count(),
        "manufacturers": Manufacturer.objects.filter(is_published=True).count(),
        "villages": CraftVillage.objects.count(),
        "projects": Project.objects.count(),
        "key_products": KeyProduct.objects.count(),
    }


@require_GET
@public
def home(request):
    return render(request, "directory/home.html", {"counts": _counts()})


@require_GET
@public
def park_list(request):
    form = forms.ParkFilterForm(request.GET or None)
    filters = selectors.ParkFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.ParkFilters(
            province_id=data["province"].code if data["province"] else "",
            min_free_ha=data["min_free_ha"],
            sector=data["sector"],
            max_price_vnd_m2=data["max_price_vnd_m2"],
            min_power_mva=data["min_power_mva"],
            kind=data["kind"],
        )
    page = (
        selectors.page_of(selectors.park_search(filters), request.GET.get("page"))
        if not form.errors
        else None
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/park_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@require_http_methods(["GET", "POST"])
@public
def park_detail(request, slug):
    park = found(selectors.park_get_public, slug)
    form = forms.InquiryForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(park.get_absolute_url())
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.inquiry_send(
                    user=request.user,
                    park=park,
                    data=services.InquiryData(
                        company=data["company"],
                        contact_name=data["contact_name"],
                        phone=data["phone"],
                        email=data["email"],
                        sector=data["sector"],
                        area_needed_ha=data["area_needed_ha"],
                        message=data["message"],
                    ),
                )
            except DomainError as error:
                form.add_service_error(error)
            else:
                messages.success(
                    request, _("Your inquiry was sent; the park's operator will contact you.")
                )
                return redirect(park.get_absolute_url())
    context = {
        "park": park,
        "form": form,
        "is_operator": services.is_park_operator(request.user, park),
        **selectors.park_public_extras(park),
    }
    return render(request, "directory/park_detail.html", context)


@require_GET
@public
def park_file(request, public_id):
    stored = found(selectors.park_file_get, request.user, public_id)
    response = FileResponse(stored.file.open("rb"), content_type=stored.content_type)
    extension = stored.file.name.rsplit(".", 1)[-1]
    if stored.kind == stored.Kind.PHOTO and stored.is_approved:
        # Re-encoded images may show inline; documents always download.
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response
    return protect_file_response(response, f"{stored.public_id}.{extension}")


@require_GET
@signed_in
def operator_home(request):
    parks = list(selectors.parks_for_operator(request.user))
    if not parks:
        raise Http404
    status = request.GET.get("status", "")
    leads = selectors.leads_for_operator(request.user)
    if status in Inquiry.Status.values:
        leads = leads.filter(status=status)
    return render(
        request,
        "directory/operator_home.html",
        {
            "parks": parks,
            "leads": leads[:100],
            "status": status,
            "statuses": Inquiry.Status.choices,
        },
    )


def _propose(request, park, form, call):
    if saved(request, form, call, _("Sent for review: it goes public once staff approve it.")):
        return redirect("directory:operator_park", public_id=park.public_id)
    return None


@require_http_methods(["GET", "POST"])
@signed_in
def operator_park(request, public_id):
    park = found(selectors.park_get_for_operator, request.user, public_id)
    context = audit_context_from_request(request)
    facts_form = forms.ParkFactsForm(
        request.POST if request.POST.get("form") == "facts" else None,
        initial=vars(services.ParkFacts.of(park)),
    )
    plot_form = forms.PlotForm(request.POST if request.POST.get("form") == "plot" else None)
    file_form = forms.ParkFileForm(
        request.POST if request.POST.get("form") == "file" else None,
        request.FILES if request.POST.get("form") == "file" else None,
    )
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "facts":
            answer = _propose(
                request,
                park,
                facts_form,
                lambda data: services.park_facts_propose(
                    user=request.user,
                    park=park,
                    facts=services.ParkFacts(**{**data, "sectors": tuple(data["sectors"])}),
                    context=context,
                ),
            )
        elif which == "plot":
            answer = _propose(
                request,
                park,
                plot_form,
                lambda data: services.plot_propose(
                    user=request.user, park=park, data=services.PlotData(**data), context=context
                ),
            )
        else:
            answer = _propose(
                request,
                park,
                file_form,
                lambda data: services.park_file_propose(
                    user=request.user,
                    park=park,
                    kind=data["kind"],
                    title=data["title"],
                    upload=data["file"],
                    context=context,
                ),
            )
        if answer is not None:
            return answer
    return render(
        request,
        "directory/operator_park.html",
        {
            "park": park,
            "facts_form": facts_form,
            "plot_form": plot_form,
            "file_form": file_form,
            "plots": park.plots.all(),
            "pending": park.changes.filter(status="pending").order_by("-created_at")[:20],
            "recent": park.changes.exclude(status="pending").order_by("-reviewed_at")[:10],
        },
    )


@require_http_methods(["GET", "POST"])
@signed_in
def lead_detail(request, public_id):
    lead = found(selectors.lead_get_for_operator, request.user, public_id)
    if request.method == "POST":
        form = forms.LeadMoveForm(request.POST)
        if form.is_valid():
            try:
                services.inquiry_move(
                    user=request.user,
                    inquiry=lead,
                    to=form.cleaned_data["to"],
                    note=form.cleaned_data["note"],
                    context=audit_context_from_request(request),
                )
            except DomainError as error:
                messages.error(request, str(error.message))
            else:
                messages.success(request, _("The lead was moved on."))
            return redirect("directory:lead", public_id=lead.public_id)
    # The table may list one target from several states: each button once.
    moves = dict.fromkeys(services.LEAD.targets(lead, services.OPERATOR))
    targets = [(to, Inquiry.Status(to).label) for to in moves]
    return render(
        request,
        "directory/lead_detail.html",
        {
            "lead": lead,
            "targets": targets,
            "history": [
                (event.created_at, Inquiry.Status(event.to_status).label, event.note)
                for event in lead.events.order_by("created_at", "id")
            ],
        },
    )


def _change_rows(change) -> list[tuple[str, str]]:
    """The proposed values under their form labels, codes shown by their names."""
    form = forms.PlotForm() if change.kind == change.Kind.PLOT else forms.ParkFactsForm()
    if change.kind == change.Kind.FILE:
        form = forms.ParkFileForm()
    rows = []
    for name, value in change.data.items():
        field = form.fields.get(name)
        if field is None:
            continue
        if name == "sectors":
            value = ", ".join(str(Sector(code).label) for code in value if code in Sector.values)
        elif hasattr(field, "choices"):
            value = dict(field.choices).get(value, value)
        rows.append((str(field.label), str(value)))
    return rows


@require_GET
@roles_required(STAFF)
def review_queue(request):
    changes = list(selectors.changes_for_review(request.user)[:100])
    for change in changes:
        change.rows = _change_rows(change)
    return render(
        request,
        "directory/review_queue.html",
        {"changes": changes, "leads": selectors.lead_counts_for_authority(request.user)},
    )


@require_POST
@roles_required(STAFF)
def review_decide(request, public_id):
    change = found(selectors.change_get_for_reviewer, request.user, public_id)
    form = forms.ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.park_change_review(
                user=request.user,
                change=change,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
                context=audit_context_from_request(request),
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The change was reviewed."))
    return redirect("directory:review_queue")
