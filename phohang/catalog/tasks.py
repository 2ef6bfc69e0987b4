"""Background work of the catalog (Django tasks: immediate on a laptop, a worker in production)."""

from django.tasks import task

from .services import imports


@task
def import_validate_task(*, job_id: int) -> None:
    imports.import_job_validate(job_id=job_id)


@task
def import_run_task(*, job_id: int, publish: bool, actor_id: int | None = None) -> None:
    imports.import_job_run(job_id=job_id, publish=publish, actor_id=actor_id)
