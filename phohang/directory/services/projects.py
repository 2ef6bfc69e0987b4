"""Infrastructure projects: milestones with planned and actual dates, internal documents."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from phohang.accounts.models import User
from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError, NotFound
from phohang.core.text import clean_line
from phohang.core.uploads import clean_document

from ..models import Milestone, Project, ProjectDocument


@dataclass
class MilestoneData:
    name: str
    planned_start: date
    planned_end: date
    actual_start: date | None = None
    actual_end: date | None = None


def _staff_only(user: User, project: Project) -> None:
    if not (user.is_authenticated and user.province_scope.covers(project.province_id)):
        raise NotFound()


def _validate(data: MilestoneData) -> None:
    if not clean_line(data.name):
        raise DomainError("name_required", _("Name the milestone."), "name")
    if data.planned_end < data.planned_start:
        raise DomainError(
            "ends_before_start",
            _("A milestone cannot finish before it starts."),
            "planned_end",
        )
    if data.actual_end is not None and data.actual_start is None:
        raise DomainError(
            "end_without_start",
            _("Enter the actual start before the actual end."),
            "actual_start",
        )
    if data.actual_start and data.actual_end and data.actual_end < data.actual_start:
        raise DomainError(
            "ends_before_start",
            _("A milestone cannot finish before it starts."),
            "actual_end",
        )


def _fields(milestone: Milestone) -> dict[str, str]:
    return {
        "name": milestone.name,
        "planned_start": str(milestone.planned_start),
        "planned_end": str(milestone.planned_end),
        "actual_start": str(milestone.actual_start or ""),
        "actual_end": str(milestone.actual_end or ""),
    }


@transaction.atomic
def milestone_add(
    *, user: User, project: Project, data: MilestoneData, context: AuditContext | None = None
) -> Milestone:
    _staff_only(user, project)
    _validate(data)
    last = project.milestones.aggregate(last=Max("position"))["last"] or 0
    milestone = Milestone.objects.create(
        project=project,
        name=clean_line(data.name)[:160],
        planned_start=data.planned_start,
        planned_end=data.planned_end,
        actual_start=data.actual_start,
        actual_end=data.actual_end,
        position=last + 1,
    )
    audit_record(
        context=context or AuditContext(actor=user),
        action="directory.milestone.added",
        obj=project,
        after=_fields(milestone),
    )
    return milestone


@transaction.atomic
def milestone_update(
    *, user: User, milestone: Milestone, data: MilestoneData, context: AuditContext | None = None
) -> Milestone:
    """Record actual dates (or re-plan); refused whole when the dates are out of order."""
    _staff_only(user, milestone.project)
    _validate(data)
    before = _fields(milestone)
    milestone.name = clean_line(data.name)[:160]
    milestone.planned_start = data.planned_start
    milestone.planned_end = data.planned_end
    milestone.actual_start = data.actual_start
    milestone.actual_end = data.actual_end
    milestone.save()
    audit_record(
        context=context or AuditContext(actor=user),
        action="directory.milestone.updated",
        obj=milestone.project,
        before=before,
        after=_fields(milestone),
    )
    return milestone


@transaction.atomic
def project_document_add(
    *,
    user: User,
    project: Project,
    title: str,
    upload: UploadedFile[bytes],
    context: AuditContext | None = None,
) -> ProjectDocument:
    """An internal document (PDF/JPEG/PNG), never shown on the public summary."""
    _staff_only(user, project)
    title = clean_line(title)[:160]
    if not title:
        raise DomainError("title_required", _("Give the document a title."), "title")
    try:
        clean = clean_document(upload)
    except ValidationError as error:
        raise DomainError("bad_file", error.messages[0], "file") from error
    document = ProjectDocument(
        project=project, title=title, content_type=clean.content_type, uploaded_by=user
    )
    document.file.save(f"{project.public_id}{clean.extension}", clean.content, save=False)
    document.save()
    audit_record(
        context=context or AuditContext(actor=user),
        action="directory.project_document.added",
        obj=project,
        after={"title": title},
    )
    return document
