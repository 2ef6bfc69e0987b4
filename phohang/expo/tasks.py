"""Background work of the expo context (Django tasks; immediate backend in development)."""

from django.tasks import task


@task()
def schedule_run_task(*, run_id: int) -> int:
    """Run one scheduler run; returns the number of meetings placed."""
    from .services import schedule_run

    return schedule_run(run_id=run_id).meetings_count
