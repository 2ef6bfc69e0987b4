"""Background work of core (Django tasks: immediate on a laptop, a worker in production)."""

from django.tasks import task

from . import jobs


@task
def file_job_run_task(*, job_id: int) -> None:
    jobs.file_job_run(job_id=job_id)
