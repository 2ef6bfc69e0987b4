"""Uploaded files processed in the background (imports), one way for every app.

The owning app registers a `JobKind` in its `AppConfig.ready()`; a view stores the upload with
`file_job_create` and redirects to the job's page (`core:file_job`), which shows progress until
the task worker (`TASKS_BACKEND=database`) or, on a laptop, the request itself has run it.

    def ready(self) -> None:
        from phohang.core.jobs import JobKind, job_kind_register

        job_kind_register(JobKind(
            name="payments.statement",
            title=_("Bank statement import"),
            run=statement_import_job,          # (job, data, progress) -> result dict
            summary=statement_import_summary,  # result dict -> text in the active language
            back=lambda job: reverse("payments:review"),
        ))

`run` raises a `DomainError` to refuse the file: the job fails with its message and nothing else
is stored, so it must write in one transaction or only after it has read the whole file.
"""

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .audit import AuditContext
from .errors import DomainError
from .models import FileJob
from .uploads import safe_original_name

logger = logging.getLogger("phohang.jobs")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class JobKind:
    name: str
    title: Any
    run: Callable[[FileJob, bytes, Progress], Mapping[str, Any]]
    summary: Callable[[Mapping[str, Any]], str]
    back: Callable[[FileJob], str]


KINDS: dict[str, JobKind] = {}


def job_kind_register(kind: JobKind) -> None:
    """Make `kind` runnable; called from the owning app's `ready()`."""
    KINDS[kind.name] = kind


def job_kind(job: FileJob) -> JobKind:
    return KINDS[job.kind]


def _in_both_languages(render: Callable[[], Any]) -> dict[str, str]:
    texts = {}
    for language in ("vi", "en"):
        with translation.override(language):
            texts[language] = str(render())
    return texts


def file_job_create(
    *, kind: str, owner: Any, upload: UploadedFile[bytes], max_bytes: int, context: AuditContext
) -> FileJob:
    """Store `upload` privately and queue its processing after the transaction commits."""
    from .tasks import file_job_run_task

    if kind not in KINDS:
        raise ValueError(kind)
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    name = safe_original_name(getattr(upload, "name", "") or "upload")
    job = FileJob(kind=kind, owner=owner, source_ip=context.ip, original_name=name)
    job.file.save(f"{job.public_id.hex}.bin", ContentFile(upload.read()), save=False)
    job.save()
    transaction.on_commit(lambda: file_job_run_task.enqueue(job_id=job.pk))
    return job


def _progress(job: FileJob) -> Progress:
    def report(processed: int, total: int) -> None:
        FileJob.objects.filter(pk=job.pk).update(processed=processed, total=total)

    return report


def _finish(
    job: FileJob, status: str, message: dict[str, str], result: Mapping[str, Any]
) -> FileJob:
    FileJob.objects.filter(pk=job.pk).update(
        status=status, message=message, result=dict(result), finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job


def file_job_run(*, job_id: int) -> FileJob:
    """Run a queued job once (a second delivery of the task finds it no longer queued)."""
    if not FileJob.objects.filter(pk=job_id, status=FileJob.Status.QUEUED).update(
        status=FileJob.Status.RUNNING
    ):
        return FileJob.objects.get(pk=job_id)
    job = FileJob.objects.get(pk=job_id)
    kind = job_kind(job)
    with job.file.open("rb") as handle:
        data = handle.read()
    try:
        result = kind.run(job, data, _progress(job))
    except DomainError as error:
        refusal = error.message
        return _finish(job, FileJob.Status.FAILED, _in_both_languages(lambda: refusal), {})
    except Exception:
        logger.exception("file job %s (%s) failed", job.pk, job.kind)
        failed = _in_both_languages(lambda: _("The file could not be processed; try again later."))
        _finish(job, FileJob.Status.FAILED, failed, {})
        raise
    summary = _in_both_languages(lambda: kind.summary(result))
    return _finish(job, FileJob.Status.DONE, summary, result)


def file_job_context(job: FileJob) -> AuditContext:
    """Who started the job and from where, for the audit records its run writes."""
    return AuditContext(actor=job.owner, ip=job.source_ip)
