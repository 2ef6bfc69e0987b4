"""Pages of the industry directory: thin adapters over selectors and services."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phohang.accounts.models import Role
from phohang.core.access import public, roles_required, signed_in
from phohang.core.audit import audit_context_from_request, audit_record
from phohang.core.errors import DomainError, NotFound
from phohang.core.views import protect_file_response
from phohang.geo.models import Province

from . import forms, selectors, services
from .drawing import MapPoint, project_gantt, village_map
from .models import (
    CraftVillage,
    Inquiry,
    KeyProduct,
    Manufacturer,
    Milestone,
    Park,
    Project,
    ProjectDocument,
    Sector,
)

STAFF = [Role.AUTHORITY, Role.ADMIN]
VILLAGES_PER_PAGE = 60
NEARBY_DEGREES = 1.4


def _found(getter, *args):
    """The object or a 404 page (the same answer whether it exists or is someone else's)."""
    try:
        return getter(*args)
    except NotFound as error:
        raise Http404 from error


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
    park = _found(selectors.park_get_public, slug)
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
    stored = _found(selectors.park_file_get, request.user, public_id)
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
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except DomainError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Sent for review: it goes public once staff approve it."))
            return redirect("directory:operator_park", public_id=park.public_id)
    return None


@require_http_methods(["GET", "POST"])
@signed_in
def operator_park(request, public_id):
    park = _found(selectors.park_get_for_operator, request.user, public_id)
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
    lead = _found(selectors.lead_get_for_operator, request.user, public_id)
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
    change = _found(selectors.change_get_for_reviewer, request.user, public_id)
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


def _capability_filters(form) -> selectors.CapabilityFilters:
    if not (form.is_bound and form.is_valid()):
        return selectors.CapabilityFilters()
    data = form.cleaned_data
    return selectors.CapabilityFilters(
        query=data["q"],
        process=data["process"],
        certification=data["certification"],
        province_id=data["province"].code if data["province"] else "",
        key_products_only=data["key"],
    )


@require_GET
@public
def manufacturer_list(request):
    form = forms.CapabilitySearchForm(request.GET or None)
    page = selectors.page_of(
        selectors.manufacturer_search(_capability_filters(form)), request.GET.get("page")
    )
    page.object_list = selectors.manufacturer_cards(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "directory/manufacturer_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@require_http_methods(["GET", "POST"])
@public
def manufacturer_detail(request, slug):
    maker = _found(selectors.manufacturer_get, slug)
    user = request.user
    is_staff = (
        user.is_authenticated
        and (user.is_authority or user.is_superuser)
        and user.province_scope.covers(maker.province_id)
    )
    form = forms.KeyProductForm(request.POST or None, initial={"year": timezone.now().year})
    if request.method == "POST":
        if not is_staff:
            raise Http404
        if form.is_valid():
            try:
                services.key_product_tag(
                    user=user,
                    manufacturer=maker,
                    name=form.cleaned_data["name"],
                    year=form.cleaned_data["year"],
                    context=audit_context_from_request(request),
                )
            except DomainError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Tagged as a key industrial product."))
                return redirect(maker.get_absolute_url())
    return render(
        request,
        "directory/manufacturer_detail.html",
        {"maker": maker, "key_form": form, "is_staff": is_staff},
    )


@require_POST
@roles_required(STAFF)
def key_product_untag(request, public_id):
    product = KeyProduct.objects.filter(public_id=public_id).select_related("manufacturer").first()
    if product is None:
        raise Http404
    try:
        services.key_product_untag(
            user=request.user, product=product, context=audit_context_from_request(request)
        )
    except NotFound:
        raise Http404 from None
    messages.success(request, _("The tag was removed."))
    return redirect(product.manufacturer.get_absolute_url())


@require_GET
@public
def key_products(request):
    products = selectors.page_of(selectors.key_product_list(), request.GET.get("page"), 50)
    return render(request, "directory/key_products.html", {"page": products})


@require_http_methods(["GET", "POST"])
@signed_in
def sourcing_need(request):
    form = forms.SourcingNeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            demand = services.sourcing_need_post(
                user=request.user,
                need=services.SourcingNeed(
                    title=data["title"],
                    category_id=data["category"].pk,
                    quantity=data["quantity"],
                    unit=data["unit"],
                    frequency=data["frequency"],
                    delivery_province_id=data["delivery_province"].code,
                    delivery_start=data["delivery_start"],
                    delivery_end=data["delivery_end"],
                    closing_date=data["closing_date"],
                    description=data["description"],
                    organisation_name=data["organisation_name"],
                ),
            )
        except DomainError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, _("Your sourcing need is posted; matching suppliers will be told.")
            )
            return redirect(demand.get_absolute_url())
    return render(request, "directory/sourcing_need.html", {"form": form})


@require_GET
@public
def village_list(request):
    province = request.GET.get("province", "")
    villages = selectors.village_list(province if len(province) == 2 else "")
    provinces = list(Province.objects.all())
    return render(
        request,
        "directory/village_list.html",
        {
            "page": selectors.page_of(villages, request.GET.get("page"), VILLAGES_PER_PAGE),
            "drawing": village_map(selectors.village_points(villages), provinces),
            "provinces": provinces,
            "province": province,
        },
    )


@require_GET
@public
def village_detail(request, slug):
    village = _found(selectors.village_get, slug)
    sellers, products = selectors.village_sellers_and_products(village)
    points = (
        [MapPoint(village.name, village.latitude, village.longitude, village.get_absolute_url())]
        if village.latitude is not None and village.longitude is not None
        else []
    )
    # The region around the village: provinces whose centre lies within about 150 km of it.
    nearby = [
        province
        for province in Province.objects.all()
        if points
        and province.latitude is not None
        and province.longitude is not None
        and abs(province.latitude - village.latitude) < NEARBY_DEGREES
        and abs(province.longitude - village.longitude) < NEARBY_DEGREES
    ]
    drawing = village_map(points, nearby)
    return render(
        request,
        "directory/village_detail.html",
        {"village": village, "sellers": sellers, "products": products, "drawing": drawing},
    )


def _is_staff(user) -> bool:
    return bool(user.is_authenticated and (user.is_authority or user.is_superuser))


@require_GET
@public
def project_list(request):
    form = forms.ProjectFilterForm(request.GET or None)
    province_id = kind = ""
    if form.is_bound and form.is_valid():
        province_id = form.cleaned_data["province"].code if form.cleaned_data["province"] else ""
        kind = form.cleaned_data["kind"]
    projects = selectors.page_of(
        selectors.project_list(province_id=province_id, kind=kind), request.GET.get("page")
    )
    return render(
        request,
        "directory/project_list.html",
        {"form": form, "page": projects, "is_staff": _is_staff(request.user)},
    )


@require_http_methods(["GET", "POST"])
@public
def project_detail(request, public_id):
    project = _found(selectors.project_get, public_id)
    user = request.user
    can_manage = _is_staff(user) and user.province_scope.covers(project.province_id)
    milestone_form = forms.MilestoneForm(
        request.POST if request.POST.get("form") == "milestone" else None
    )
    document_form = forms.ProjectDocumentForm(
        request.POST if request.POST.get("form") == "document" else None,
        request.FILES if request.POST.get("form") == "document" else None,
    )
    if request.method == "POST":
        if not can_manage:
            raise Http404
        context = audit_context_from_request(request)
        form = milestone_form if request.POST.get("form") == "milestone" else document_form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if form is milestone_form:
                    services.milestone_add(
                        user=user,
                        project=project,
                        data=services.MilestoneData(**data),
                        context=context,
                    )
                else:
                    services.project_document_add(
                        user=user,
                        project=project,
                        title=data["title"],
                        upload=data["file"],
                        context=context,
                    )
            except DomainError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Saved."))
                return redirect(project.get_absolute_url())
    today = timezone.localdate()
    milestones = list(project.milestones.all())
    return render(
        request,
        "directory/project_detail.html",
        {
            "project": project,
            "milestones": milestones,
            "late": [m for m in milestones if m.is_late_on(today)],
            "gantt": project_gantt(milestones, today),
            "can_manage": can_manage,
            "documents": project.documents.all() if can_manage else [],
            "milestone_form": milestone_form,
            "document_form": document_form,
        },
    )


@require_http_methods(["GET", "POST"])
@roles_required(STAFF)
def milestone_edit(request, public_id):
    milestone = Milestone.objects.filter(public_id=public_id).select_related("project").first()
    if milestone is None or not request.user.province_scope.covers(milestone.project.province_id):
        raise Http404
    form = forms.MilestoneForm(
        request.POST or None,
        initial={
            "name": milestone.name,
            "planned_start": milestone.planned_start,
            "planned_end": milestone.planned_end,
            "actual_start": milestone.actual_start,
            "actual_end": milestone.actual_end,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_update(
                user=request.user,
                milestone=milestone,
                data=services.MilestoneData(**form.cleaned_data),
                context=audit_context_from_request(request),
            )
        except DomainError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Saved."))
            return redirect(milestone.project.get_absolute_url())
    return render(request, "directory/milestone_edit.html", {"milestone": milestone, "form": form})


@require_GET
@roles_required(STAFF)
def project_document(request, public_id):
    document = ProjectDocument.objects.filter(public_id=public_id).select_related("project").first()
    if document is None or not request.user.province_scope.covers(document.project.province_id):
        raise Http404
    audit_context = audit_context_from_request(request, purpose="project document")
    audit_record(
        context=audit_context,
        action="directory.project_document.viewed",
        obj=document.project,
        after={"title": document.title},
    )
    response = FileResponse(document.file.open("rb"), content_type=document.content_type)
    extension = document.file.name.rsplit(".", 1)[-1]
    return protect_file_response(response, f"{document.public_id}.{extension}")


@require_GET
@roles_required(STAFF)
def late_milestones(request):
    today = timezone.localdate()
    milestones = list(selectors.late_milestones(request.user, today)[:200])
    return render(
        request,
        "directory/late_milestones.html",
        {"milestones": milestones, "today": today},
    )
