"""Route plans: refuse what cannot be planned, queue the planner, store routes and unserved stops."""

import logging
from collections.abc import Callable
from datetime import date, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from phohang.core.audit import AuditContext, audit_record
from phohang.core.errors import DomainError, message_format

from .. import routing
from ..models import Hub, PlanRun, Stop, Vehicle
from ..routing.truck_rules import DAY
from ..selectors import plan_input_digest, stop_list, truck_rules_current, vehicle_list

if TYPE_CHECKING:
    from phohang.accounts.models import User

logger = logging.getLogger("phohang.logistics")

MIN_TIME_LIMIT_S, MAX_TIME_LIMIT_S = 1, 600

REASONS = {
    routing.UnservedReason.NO_COORDINATES: _("The stop has no coordinates."),
    routing.UnservedReason.EMPTY_TIME_WINDOW: _("The stop's time window ends before it starts."),
    routing.UnservedReason.ABOVE_CAPACITY: _("The stop needs more than any vehicle carries."),
    routing.UnservedReason.TRUCK_RULE: _(
        "Inside Ring Road 3.5, no vehicle that can carry it may run during the stop's time window."
    ),
    routing.UnservedReason.UNREACHABLE: _(
        "No vehicle can reach the stop within its time window and get back within its shift "
        "and the hub's opening hours."
    ),
    routing.UnservedReason.NO_VEHICLE: _("There is no vehicle to plan with."),
    routing.UnservedReason.FLEET_FULL: _(
        "The stop fits a vehicle on its own, but not together with the other stops "
        "(capacity or working time)."
    ),
}


def reason_text(code: str) -> "str | Promise":
    """The unserved reason in the user's language."""
    try:
        return REASONS[routing.UnservedReason(code)]
    except ValueError:
        return code


def _seconds(value: time) -> int:
    return value.hour * 3600 + value.minute * 60


def _span(start: time, end: time) -> routing.TimeWindow:
    """A daily span; an end at or before the start runs into the next day."""
    low, high = _seconds(start), _seconds(end)
    return routing.TimeWindow(low, high if high > low else high + DAY)


def hub_point(hub: Hub) -> routing.Hub:
    # Opening and closing at the same time means open round the clock (wholesale markets).
    same = hub.opens_at == hub.closes_at
    opening = routing.ALWAYS if same else _span(hub.opens_at, hub.closes_at)
    return routing.Hub(str(hub.public_id), hub.latitude, hub.longitude, opening, hub.name)


def vehicle_point(vehicle: Vehicle) -> routing.Vehicle:
    return routing.Vehicle(
        str(vehicle.public_id),
        str(vehicle.hub.public_id),
        capacity_kg=vehicle.capacity_kg,
        capacity_m3=float(vehicle.capacity_m3),
        gross_weight_kg=vehicle.gross_weight_kg,
        shift=_span(vehicle.shift_start, vehicle.shift_end),
        name=vehicle.name,
    )


def stop_point(stop: Stop) -> routing.Stop:
    start = _seconds(stop.window_start)
    end = _seconds(stop.window_end) + (DAY if stop.window_ends_next_day else 0)
    return routing.Stop(
        str(stop.public_id),
        stop.latitude,
        stop.longitude,
        demand_kg=float(stop.demand_kg),
        volume_m3=float(stop.volume_m3),
        window=routing.TimeWindow(start, end),
        service_s=stop.service_minutes * 60,
        kind=routing.StopKind(stop.kind),
        name=stop.name,
    )


def _check_plannable(hub: Hub, stops: list[Stop], vehicles: list[Vehicle]) -> None:
    """Refuse a day that cannot be planned at all, before anything is stored."""
    if not vehicles:
        raise DomainError("no_vehicle", _("The hub has no active vehicle to plan with."))
    if not stops:
        raise DomainError("no_stops", _("There are no stops to plan on this day."))
    nowhere = [stop.name for stop in stops if not stop.has_coordinates]
    if nowhere:
        raise DomainError(
            "no_coordinates",
            message_format(
                _("These stops have no coordinates: %(names)s."), names=", ".join(nowhere)
            ),
        )
    weight = sum((stop.demand_kg for stop in stops), Decimal(0))
    volume = sum((stop.volume_m3 for stop in stops), Decimal(0))
    capacity_kg = sum(vehicle.capacity_kg for vehicle in vehicles)
    capacity_m3 = sum((vehicle.capacity_m3 for vehicle in vehicles), Decimal(0))
    # Each vehicle runs once: more than the whole fleet carries can never all be served.
    if weight > capacity_kg or volume > capacity_m3:
        raise DomainError(
            "demand_above_fleet",
            message_format(
                _(
                    "The stops need %(weight)s kg and %(volume)s m³, but all vehicles together "
                    "carry %(capacity_kg)s kg and %(capacity_m3)s m³. Add a vehicle or move "
                    "stops to another day."
                ),
                weight=weight,
                volume=volume,
                capacity_kg=capacity_kg,
                capacity_m3=capacity_m3,
            ),
        )


def plan_start(
    *, hub: Hub, run_date: date, time_limit_s: int, user: "User | None", context: AuditContext
) -> PlanRun:
    """Queue planning of the hub's open stops on `run_date`; refuses bad input with a message."""
    if not isinstance(time_limit_s, int) or not (
        MIN_TIME_LIMIT_S <= time_limit_s <= MAX_TIME_LIMIT_S
    ):
        raise DomainError(
            "time_limit",
            message_format(
                _("The time limit is between %(low)s and %(high)s seconds."),
                low=MIN_TIME_LIMIT_S,
                high=MAX_TIME_LIMIT_S,
            ),
            "time_limit_s",
        )
    from ..tasks import plan_run_task

    stops = list(stop_list(hub, run_date).exclude(status=Stop.Status.DONE))
    vehicles = list(vehicle_list(hub).filter(is_active=True))
    _check_plannable(hub, stops, vehicles)
    with transaction.atomic():
        plan = PlanRun.objects.create(
            hub=hub,
            run_date=run_date,
            time_limit_s=time_limit_s,
            input_digest=plan_input_digest(hub, run_date),
            created_by=user if getattr(user, "pk", None) else None,
        )
        audit_record(
            context=context,
            action="logistics.plan.started",
            obj=plan,
            after={"run_date": str(run_date), "stops": len(stops), "vehicles": len(vehicles)},
        )
        transaction.on_commit(lambda: plan_run_task.enqueue(plan_id=plan.pk))
    return plan


def _progress_writer(plan: PlanRun) -> Callable[[routing.Progress], None]:
    def report(progress: routing.Progress) -> None:
        percent = max(1, min(99, int(progress.fraction * 100)))
        PlanRun.objects.filter(pk=plan.pk, progress__lt=percent).update(progress=percent)

    return report


def _route_json(
    route: routing.PlannedRoute, vehicles: dict[str, Vehicle], stops: dict[str, Stop]
) -> dict[str, Any]:
    vehicle = vehicles[route.vehicle_id]
    return {
        "vehicle": route.vehicle_id,
        "vehicle_name": vehicle.name,
        "plate": vehicle.plate,
        "driver": vehicle.driver_name,
        "is_heavy": vehicle.is_heavy,
        "gross_weight_kg": vehicle.gross_weight_kg,
        "depart_s": route.depart_s,
        "return_s": route.return_s,
        "distance_m": route.distance_m,
        "visits": [
            {
                "stop": visit.stop_id,
                "name": stops[visit.stop_id].name,
                "latitude": stops[visit.stop_id].latitude,
                "longitude": stops[visit.stop_id].longitude,
                "arrival_s": visit.arrival_s,
                "start_s": visit.start_s,
                "departure_s": visit.departure_s,
                "in_zone": visit.in_zone,
                "load_kg": visit.load_kg,
            }
            for visit in route.visits
        ],
    }


def plan_run(*, plan_id: int) -> PlanRun:
    """Run one queued plan (a second delivery of the task finds it no longer queued)."""
    if not PlanRun.objects.filter(pk=plan_id, status=PlanRun.Status.QUEUED).update(
        status=PlanRun.Status.RUNNING, progress=1
    ):
        return PlanRun.objects.get(pk=plan_id)
    plan = PlanRun.objects.select_related("hub").get(pk=plan_id)
    hub = plan.hub
    stops = {str(s.public_id): s for s in stop_list(hub, plan.run_date).exclude(status="done")}
    vehicles = {
        str(v.public_id): v for v in vehicle_list(hub).filter(is_active=True).select_related("hub")
    }
    try:
        result = routing.plan_routes(
            hubs=[hub_point(hub)],
            vehicles=[vehicle_point(v) for v in vehicles.values()],
            stops=[stop_point(s) for s in stops.values()],
            rules=truck_rules_current(),
            time_limit=plan.time_limit_s,
            workers=settings.LOGISTICS_PLANNER_WORKERS,
            progress=_progress_writer(plan),
        )
    except routing.PlanInputError as error:
        _finish(plan, PlanRun.Status.FAILED, {}, error.message[:300])
        return plan
    except Exception:
        logger.exception("plan %s failed", plan.pk)
        _finish(plan, PlanRun.Status.FAILED, {}, "planner_error")
        raise
    stored = {
        "routes": [_route_json(route, vehicles, stops) for route in result.routes],
        "unserved": [
            {"stop": item.stop_id, "name": stops[item.stop_id].name, "reason": item.reason.value}
            for item in result.unserved
        ],
        "distance_m": result.distance_m,
        "solve_s": result.solve_s,
    }
    _finish(plan, PlanRun.Status.DONE, stored, "")
    # Stops changed while the planner ran: plan the day again.
    from .replan import plan_refresh_after_change

    plan_refresh_after_change(hub=hub, run_date=plan.run_date)
    return plan


def _finish(plan: PlanRun, status: str, result: dict[str, Any], message: str) -> None:
    PlanRun.objects.filter(pk=plan.pk).update(
        status=status, result=result, message=message, progress=100, finished_at=timezone.now()
    )
    plan.refresh_from_db()
