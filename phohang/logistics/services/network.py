"""Hubs, vehicles and stops: every write checks its input and audits changes to others' data."""

from collections.abc import Iterable
from datetime import date, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from phohang.core.audit import AuditContext, audit_record, snapshot
from phohang.core.errors import DomainError
from phohang.geo.models import Ward

from ..models import Hub, Stop, Vehicle
from ..places import ward_point
from .audited import delete_audited
from .replan import plan_refresh_after_change

if TYPE_CHECKING:
    from phohang.accounts.models import User

HUB_FIELDS = ["name", "kind", "street", "ward", "latitude", "longitude", "opens_at", "closes_at"]
VEHICLE_FIELDS = [
    "name",
    "plate",
    "capacity_kg",
    "capacity_m3",
    "gross_weight_kg",
    "shift_start",
    "shift_end",
    "driver_name",
    "is_active",
]
STOP_FIELDS = [
    "name",
    "phone",
    "kind",
    "street",
    "ward",
    "latitude",
    "longitude",
    "demand_kg",
    "volume_m3",
    "window_start",
    "window_end",
    "window_ends_next_day",
    "service_minutes",
    "note",
]


def _coordinates(data: dict[str, Any]) -> tuple[float, float]:
    """Typed coordinates, else the ward's; refuses a place with neither."""
    latitude, longitude = data.get("latitude"), data.get("longitude")
    if (latitude is None) != (longitude is None):
        raise DomainError(
            "coordinates", _("Enter both the latitude and the longitude."), "latitude"
        )
    if latitude is not None and longitude is not None:
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise DomainError("coordinates", _("These coordinates are not on Earth."), "latitude")
        return float(latitude), float(longitude)
    ward = data.get("ward")
    point = ward_point(ward) if isinstance(ward, Ward) else None
    if point is None:
        raise DomainError(
            "no_coordinates",
            _("This place has no coordinates: choose its ward or type its latitude and longitude."),
            "latitude",
        )
    return point


def _check_vehicle(data: dict[str, Any]) -> None:
    if not data.get("capacity_kg") or data["capacity_kg"] <= 0:
        raise DomainError("capacity", _("A vehicle's capacity must be above 0 kg."), "capacity_kg")
    if not data.get("capacity_m3") or Decimal(data["capacity_m3"]) <= 0:
        raise DomainError("capacity", _("A vehicle's volume must be above 0 m³."), "capacity_m3")
    if not data.get("gross_weight_kg") or data["gross_weight_kg"] < data["capacity_kg"]:
        raise DomainError(
            "gross_weight",
            _("The gross weight includes the load: it cannot be below the capacity."),
            "gross_weight_kg",
        )


def _check_stop(data: dict[str, Any]) -> None:
    start, end = data.get("window_start"), data.get("window_end")
    if not isinstance(start, time) or not isinstance(end, time):
        raise DomainError("window", _("Enter the time window."), "window_start")
    if end < start and not data.get("window_ends_next_day"):
        raise DomainError(
            "empty_time_window",
            _(
                "The time window ends before it starts. For a window through midnight, tick "
                "“until the next day”."
            ),
            "window_end",
        )
    if Decimal(data.get("demand_kg") or 0) < 0 or Decimal(data.get("volume_m3") or 0) < 0:
        raise DomainError("negative", _("Weight and volume cannot be negative."), "demand_kg")


def hub_create(*, data: dict[str, Any], managers: Iterable["User"], context: AuditContext) -> Hub:
    """A new hub with its managers (platform staff set hubs up)."""
    latitude, longitude = _coordinates(data)
    with transaction.atomic():
        hub = Hub.objects.create(
            **{k: v for k, v in data.items() if k in HUB_FIELDS},
            latitude=latitude,
            longitude=longitude,
        )
        hub.managers.set(managers)
        audit_record(
            context=context,
            action="logistics.hub.created",
            obj=hub,
            after=snapshot(hub, HUB_FIELDS),
        )
    return hub


def vehicle_create(*, hub: Hub, data: dict[str, Any], context: AuditContext) -> Vehicle:
    _check_vehicle(data)
    with transaction.atomic():
        vehicle = Vehicle.objects.create(
            hub=hub, **{k: v for k, v in data.items() if k in VEHICLE_FIELDS}
        )
        audit_record(
            context=context,
            action="logistics.vehicle.created",
            obj=vehicle,
            after=snapshot(vehicle, VEHICLE_FIELDS),
        )
    return vehicle


def vehicle_update(*, vehicle: Vehicle, data: dict[str, Any], context: AuditContext) -> Vehicle:
    merged = {name: data.get(name, getattr(vehicle, name)) for name in VEHICLE_FIELDS}
    _check_vehicle(merged)
    with transaction.atomic():
        before = snapshot(vehicle, VEHICLE_FIELDS)
        for name, value in merged.items():
            setattr(vehicle, name, value)
        vehicle.save()
        audit_record(
            context=context,
            action="logistics.vehicle.updated",
            obj=vehicle,
            before=before,
            after=snapshot(vehicle, VEHICLE_FIELDS),
        )
    return vehicle


def stop_create(
    *, hub: Hub, run_date: date, data: dict[str, Any], context: AuditContext, **links: Any
) -> Stop:
    """A stop for `hub` on `run_date`; refuses one without coordinates or with an empty window."""
    _check_stop(data)
    latitude, longitude = _coordinates(data)
    fields = {k: v for k, v in data.items() if k in STOP_FIELDS}
    fields.update(latitude=latitude, longitude=longitude)
    with transaction.atomic():
        stop = Stop.objects.create(hub=hub, run_date=run_date, **fields, **links)
        audit_record(
            context=context,
            action="logistics.stop.created",
            obj=stop,
            after=snapshot(stop, ["name"]),
        )
        plan_refresh_after_change(hub=hub, run_date=run_date)
    return stop


def stop_update(*, stop: Stop, data: dict[str, Any], context: AuditContext) -> Stop:
    """Change a stop (its place, window, load); the day's plans become stale."""
    merged = {name: data.get(name, getattr(stop, name)) for name in STOP_FIELDS}
    if "ward" in data and "latitude" not in data:
        merged["latitude"] = merged["longitude"] = None  # a new ward gives new coordinates
    _check_stop(merged)
    merged["latitude"], merged["longitude"] = _coordinates(merged)
    with transaction.atomic():
        before = snapshot(stop, STOP_FIELDS)
        for name, value in merged.items():
            setattr(stop, name, value)
        stop.updated_at = timezone.now()
        stop.save()
        audit_record(
            context=context,
            action="logistics.stop.updated",
            obj=stop,
            before=before,
            after=snapshot(stop, STOP_FIELDS),
        )
        plan_refresh_after_change(hub=stop.hub, run_date=stop.run_date)
    return stop


def stop_delete(*, stop: Stop, context: AuditContext) -> None:
    with transaction.atomic():
        delete_audited(
            obj=stop, action="logistics.stop.deleted", fields=STOP_FIELDS, context=context
        )
        plan_refresh_after_change(hub=stop.hub, run_date=stop.run_date)
