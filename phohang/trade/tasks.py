"""Background work of the trade context (Django tasks; immediate backend in development)."""

from django.tasks import task


@task()
def matching_run_task(job_id: int) -> int:
    """Run one matching job; returns the number of matches stored."""
    from .services import matching_run

    return matching_run(job_id=job_id).matches_found
