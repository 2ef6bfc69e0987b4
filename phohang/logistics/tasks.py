"""Background work of logistics (Django tasks: immediate on a laptop, the worker in production)."""

from django.tasks import task


@task()
def plan_run_task(*, plan_id: int) -> None:
    from .services.planning import plan_run

    plan_run(plan_id=plan_id)
