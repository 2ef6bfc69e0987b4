"""A day whose stops change is planned again in the task worker (LOGISTICS_AUTO_REPLAN)."""

import datetime

import pytest

from phohang.core.audit import AuditContext
from phohang.logistics import services
from phohang.logistics.models import PlanRun
from phohang.logistics.selectors import plan_is_stale, plan_latest

from .factories import RUN_DATE, StopFactory, VehicleFactory, hub_with_manager, stop_data

pytestmark = pytest.mark.django_db


def _day(plan_now, settings):
    hub, manager = hub_with_manager()
    VehicleFactory(hub=hub)
    stop = StopFactory(hub=hub)
    StopFactory(hub=hub)
    first = plan_now(hub, manager, 1)
    settings.LOGISTICS_AUTO_REPLAN = True
    return hub, manager, stop, first


def test_moving_a_stop_plans_the_day_again_by_itself(
    plan_now, settings, django_capture_on_commit_callbacks
):
    hub, manager, stop, first = _day(plan_now, settings)

    with django_capture_on_commit_callbacks(execute=True):
        services.stop_update(
            stop=stop,
            data={"window_start": datetime.time(13, 0), "window_end": datetime.time(14, 0)},
            context=AuditContext(actor=manager),
        )

    latest = plan_latest(hub, RUN_DATE)
    assert latest.pk != first.pk
    assert (latest.status, latest.time_limit_s, latest.created_by) == ("done", 1, None)
    assert plan_is_stale(first) and not plan_is_stale(latest)
    assert PlanRun.objects.filter(hub=hub).count() == 2


def test_adding_and_removing_stops_replan_and_an_unchanged_day_does_not(
    plan_now, settings, django_capture_on_commit_callbacks
):
    hub, manager, stop, _first = _day(plan_now, settings)
    context = AuditContext(actor=manager)

    with django_capture_on_commit_callbacks(execute=True):
        added = services.stop_create(hub=hub, run_date=RUN_DATE, data=stop_data(), context=context)
    with django_capture_on_commit_callbacks(execute=True):
        services.stop_delete(stop=added, context=context)
    services.plan_refresh(hub_id=hub.pk, run_date=RUN_DATE)

    assert PlanRun.objects.filter(hub=hub).count() == 3


def test_no_replan_without_a_plan_or_with_the_setting_off(
    plan_now, settings, django_capture_on_commit_callbacks
):
    hub, manager = hub_with_manager()
    VehicleFactory(hub=hub)
    settings.LOGISTICS_AUTO_REPLAN = True
    with django_capture_on_commit_callbacks(execute=True):
        services.stop_create(
            hub=hub, run_date=RUN_DATE, data=stop_data(), context=AuditContext(actor=manager)
        )
    assert not PlanRun.objects.exists()

    plan_now(hub, manager, 1)
    settings.LOGISTICS_AUTO_REPLAN = False
    with django_capture_on_commit_callbacks(execute=True):
        services.stop_create(
            hub=hub, run_date=RUN_DATE, data=stop_data(), context=AuditContext(actor=manager)
        )

    assert PlanRun.objects.count() == 1
