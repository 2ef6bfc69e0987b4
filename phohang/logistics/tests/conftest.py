import pytest


@pytest.fixture(autouse=True)
def _one_search_process(settings):
    # Tests share two cores with everything else: the planner searches in-process only.
    settings.LOGISTICS_PLANNER_WORKERS = 1


@pytest.fixture
def plan_now(django_capture_on_commit_callbacks):
    """Start a plan and run it as the task worker would once the request commits."""
    from phohang.core.audit import AuditContext
    from phohang.logistics import services

    from .factories import RUN_DATE

    def start(hub, user, time_limit_s=1, run_date=RUN_DATE):
        with django_capture_on_commit_callbacks(execute=True):
            plan = services.plan_start(
                hub=hub,
                run_date=run_date,
                time_limit_s=time_limit_s,
                user=user,
                context=AuditContext(actor=user),
            )
        plan.refresh_from_db()
        return plan

    return start
