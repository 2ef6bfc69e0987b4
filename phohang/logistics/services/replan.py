"""Plans follow their stops: when a day's stops change, a finished plan that no longer matches
is planned again in the task worker, with the time limit the manager chose last time."""

import logging
from datetime import date

from django.conf import settings
from django.db import transaction

from phohang.core.audit import AuditContext
from phohang.core.errors import DomainError

from ..models import Hub, PlanRun
from ..selectors import plan_is_stale, plan_latest

logger = logging.getLogger("phohang.logistics")
OPEN = (PlanRun.Status.QUEUED, PlanRun.Status.RUNNING)


def plan_refresh_after_change(*, hub: Hub, run_date: date) -> None:
    """Ask for a re-plan of the day once the change commits (with LOGISTICS_AUTO_REPLAN on)."""
    if not settings.LOGISTICS_AUTO_REPLAN:
        return
    from ..tasks import plan_refresh_task

    day = run_date.isoformat()
    transaction.on_commit(lambda: plan_refresh_task.enqueue(hub_id=hub.pk, run_date=day))


def plan_refresh(*, hub_id: int, run_date: date) -> PlanRun | None:
    """Start the day's plan again if its latest one is finished and stale; None otherwise
    (no plan yet, one already queued or running, or the day cannot be planned: the page says
    why when the manager opens it)."""
    from .planning import plan_start

    hub = Hub.objects.filter(pk=hub_id).first()
    if hub is None:
        return None
    latest = plan_latest(hub, run_date)
    if latest is None or not latest.is_finished or not plan_is_stale(latest):
        return None
    if PlanRun.objects.filter(hub=hub, run_date=run_date, status__in=OPEN).exists():
        return None
    try:
        return plan_start(
            hub=hub,
            run_date=run_date,
            time_limit_s=latest.time_limit_s,
            user=None,
            context=AuditContext(),
        )
    except DomainError as error:
        logger.info("no automatic re-plan of hub %s on %s: %s", hub.pk, run_date, error.code)
        return None
