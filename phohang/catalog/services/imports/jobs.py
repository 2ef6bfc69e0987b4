"""Import jobs: the upload is stored privately, validated, then written in a background task."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from phohang.accounts.models import User
from phohang.core.audit import AuditContext, audit_record
from phohang.core.spreadsheets import SpreadsheetRefused
from phohang.core.text import clean_line
from phohang.sellers.models import Seller

from ...events import products_changed_send
from ...models import ImportJob, Product
from ...screening import screening_run
from .columns import IMPORT_CHUNK_ROWS, MAX_IMPORT_BYTES
from .validate import parse_and_validate
from .write import RowWriter


def import_job_create(*, seller: Seller, user: User, upload: UploadedFile[bytes]) -> ImportJob:
    """Store the upload privately and queue its validation."""
    from django.core.files.base import ContentFile

    from ...tasks import import_validate_task

    if upload.size is None or upload.size > MAX_IMPORT_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."), code="too_large")
    name = clean_line(getattr(upload, "name", "") or "import.csv")[-120:]
    extension = "xlsx" if name.lower().endswith(".xlsx") else "csv"
    job = ImportJob(seller=seller, created_by=user, original_name=name)
    job.file.save(f"{job.public_id.hex}.{extension}", ContentFile(upload.read()), save=False)
    job.save()
    transaction.on_commit(lambda: import_validate_task.enqueue(job_id=job.pk))
    return job


def import_job_validate(*, job_id: int) -> ImportJob:
    job = ImportJob.objects.select_related("seller").get(pk=job_id)
    with job.file.open("rb") as handle:
        data = handle.read()
    try:
        valid, problems, total, encoding = parse_and_validate(data, job.original_name, job.seller)
    except SpreadsheetRefused as error:
        job.status = ImportJob.Status.FAILED
        job.message = str(error)
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "message", "finished_at"])
        return job
    job.status = ImportJob.Status.VALIDATED
    job.total_rows = total
    job.valid_rows = len(valid)
    job.problems = [p.as_dict() for p in problems[:5000]]
    job.message = _("Read as %(encoding)s.") % {"encoding": encoding}
    job.save(update_fields=["status", "total_rows", "valid_rows", "problems", "message"])
    return job


def import_job_start(*, job: ImportJob, publish: bool, context: AuditContext | None) -> ImportJob:
    """Queue the import of the valid rows (once)."""
    from ...tasks import import_run_task

    updated = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.VALIDATED).update(
        status=ImportJob.Status.IMPORTING
    )
    if not updated:
        raise ValidationError(_("This import has already started."), code="started")
    audit_record(
        context=context,
        action="catalog.import.start",
        obj=job,
        after={"valid_rows": job.valid_rows, "publish": publish},
    )
    actor_id = context.actor.pk if context and context.actor else None
    transaction.on_commit(
        lambda: import_run_task.enqueue(job_id=job.pk, publish=publish, actor_id=actor_id)
    )
    job.status = ImportJob.Status.IMPORTING
    return job


def _screen_imported(changed: dict[int, str]) -> None:
    """Imported listings pass the same screening as one published by hand: a flagged one is
    hidden and waits in the review queue (`changed` learns it left the shop)."""
    for product in Product.objects.filter(
        pk__in=list(changed), status=Product.Status.PUBLISHED
    ).select_related("seller"):
        held = screening_run(product)
        if not held:
            continue
        with transaction.atomic():
            Product.objects.filter(pk=product.pk).update(status=Product.Status.HIDDEN)
            for screener, findings in held:
                screener.hold(product, findings, None)
        changed[product.pk] = "hidden"


def import_job_run(*, job_id: int, publish: bool, actor_id: int | None) -> ImportJob:
    """Re-read the stored file and write each valid row in its own transaction."""
    job = ImportJob.objects.select_related("seller").get(pk=job_id)
    with job.file.open("rb") as handle:
        data = handle.read()
    try:
        valid, _problems, _total, _encoding = parse_and_validate(
            data, job.original_name, job.seller
        )
    except SpreadsheetRefused as error:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, message=str(error), finished_at=timezone.now()
        )
        job.refresh_from_db()
        return job
    writer = RowWriter(job.seller, publish=publish and job.seller.can_publish, actor_id=actor_id)
    failures = list(job.problems)
    created = updated = failed = 0
    for start in range(0, len(valid), IMPORT_CHUNK_ROWS):
        for row, outcome in writer.write_chunk(valid[start : start + IMPORT_CHUNK_ROWS]):
            if isinstance(outcome, Exception):
                failed += 1
                message = "; ".join(getattr(outcome, "messages", None) or [str(outcome)])
                failures.append({"row": row["row"], "column": "", "problem": message})
            else:
                created += outcome == "created"
                updated += outcome == "updated"
        ImportJob.objects.filter(pk=job.pk).update(
            processed_rows=min(start + IMPORT_CHUNK_ROWS, len(valid))
        )
    _screen_imported(writer.changed)
    for action in ("published", "updated", "hidden"):
        products_changed_send(
            product_ids=[pk for pk, done in writer.changed.items() if done == action],
            action=action,
        )
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.DONE,
        processed_rows=len(valid),
        created_count=created,
        updated_count=updated,
        failed_count=failed,
        problems=sorted(failures, key=lambda p: p["row"])[:5000],
        finished_at=timezone.now(),
    )
    audit_record(
        context=None,
        action="catalog.import.finish",
        obj=job,
        after={"created": created, "updated": updated, "failed": failed},
    )
    job.refresh_from_db()
    return job
