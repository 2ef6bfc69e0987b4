"""Infrastructure projects: public list and summaries; milestones, documents and late milestones
for authority staff."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from phohang.core.access import public, roles_required
from phohang.core.audit import audit_context_from_request, audit_record
from phohang.core.errors import DomainError
from phohang.core.views import protect_file_response

from .. import forms, selectors, services
from ..drawing import project_gantt
from ..models import Milestone, ProjectDocument
from .common import STAFF, found, is_staff, saved


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
        {"form": form, "page": projects, "is_staff": is_staff(request.user)},
    )


@require_http_methods(["GET", "POST"])
@public
def project_detail(request, public_id):
    project = found(selectors.project_get, public_id)
    user = request.user
    can_manage = is_staff(user) and user.province_scope.covers(project.province_id)
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
    if request.method == "POST" and saved(
        request,
        form,
        lambda data: services.milestone_update(
            user=request.user,
            milestone=milestone,
            data=services.MilestoneData(**data),
            context=audit_context_from_request(request),
        ),
        _("Saved."),
    ):
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
