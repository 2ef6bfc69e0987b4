"""Background work of logistics (Django tasks: immediate on a laptop, the worker in production)."""

from django.tasks import task


@task()
def plan_run_task(*, plan_id: int) -> None:
    from .services.planning import plan_run

    plan_run(plan_id=plan_id)


@task()
def plan_refresh_task(*, hub_id: int, run_date: str) -> None:
    import datetime

    from .services.replan import plan_refresh

    plan_refresh(hub_id=hub_id, run_date=datetime.date.fromisoformat(run_date))
