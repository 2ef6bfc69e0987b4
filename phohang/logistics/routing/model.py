"""The planner's vocabulary: hubs, vehicles and stops in, routes and unserved stops out.

Times are whole seconds since midnight of the plan day (`truck_rules.clock('21:00')`); a
window may run past midnight (end 30:00 = 06:00 the next day). Weights are kg, volumes m³,
distances metres. Ids are the caller's (e.g. a model's public id), kept as strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .truck_rules import DAY

# The planning horizon when nothing narrower is given: the plan day and the night after it.
HORIZON = 2 * DAY


class PlanInputError(ValueError):
    """Input the planner refuses as a whole (the caller shows `message`; nothing is planned)."""

    def __init__(self, code: str, message: str, subject: str = ""):
        super().__init__(message)
        self.code = code
        self.message = message
        self.subject = subject


@dataclass(frozen=True)
class TimeWindow:
    start: int
    end: int

    @property
    def is_empty(self) -> bool:
        return self.end < self.start

    def contains(self, moment: int) -> bool:
        return self.start <= moment <= self.end


ALWAYS = TimeWindow(0, HORIZON)


class StopKind(StrEnum):
    DELIVERY = "delivery"  # goods loaded at the vehicle's hub, unloaded here
    PICKUP = "pickup"  # goods loaded here, unloaded at the vehicle's hub


@dataclass(frozen=True)
class Hub:
    id: str
    lat: float
    lon: float
    opening: TimeWindow = ALWAYS  # vehicles leave and return within it
    name: str = ""


@dataclass(frozen=True)
class Vehicle:
    id: str
    hub_id: str  # home hub: the route starts and ends there
    capacity_kg: int
    capacity_m3: float
    gross_weight_kg: int  # decides the truck-rule class
    shift: TimeWindow = ALWAYS
    speed_kmh: float | None = None  # None: the distance provider's speed
    fixed_cost: int = 0  # in metres of driving: what using this vehicle at all costs
    name: str = ""


@dataclass(frozen=True)
class Stop:
    id: str
    lat: float | None
    lon: float | None
    demand_kg: float = 0.0
    volume_m3: float = 0.0
    window: TimeWindow = ALWAYS  # when service may start
    service_s: int = 0
    kind: StopKind = StopKind.DELIVERY
    name: str = ""

    @property
    def has_coordinates(self) -> bool:
        lat, lon = self.lat, self.lon
        if lat is None or lon is None or lat != lat or lon != lon:  # None or NaN
            return False
        return -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0


class UnservedReason(StrEnum):
    NO_COORDINATES = "no_coordinates"
    EMPTY_TIME_WINDOW = "empty_time_window"
    ABOVE_CAPACITY = "demand_above_capacity"
    TRUCK_RULE = "truck_rule"
    UNREACHABLE = "unreachable"
    NO_VEHICLE = "no_vehicle"
    FLEET_FULL = "fleet_full"


REASON_TEXT = {
    UnservedReason.NO_COORDINATES: "The stop has no coordinates.",
    UnservedReason.EMPTY_TIME_WINDOW: "The stop's time window ends before it starts.",
    UnservedReason.ABOVE_CAPACITY: "The stop needs more than any vehicle carries.",
    UnservedReason.TRUCK_RULE: "Inside Ring Road 3.5, no vehicle that can carry it may run "
    "during the stop's time window.",
    UnservedReason.UNREACHABLE: "No vehicle can reach the stop within its time window and "
    "get back within its shift and its hub's opening hours.",
    UnservedReason.NO_VEHICLE: "There is no vehicle to plan with.",
    UnservedReason.FLEET_FULL: "The stop fits a vehicle on its own, but not in this plan "
    "together with the other stops (capacity or working time).",
}


@dataclass(frozen=True)
class Unserved:
    stop_id: str
    reason: UnservedReason
    detail: str = ""


@dataclass(frozen=True)
class Visit:
    stop_id: str
    arrival_s: int
    start_s: int  # service starts (after waiting for the window, if early)
    departure_s: int
    in_zone: bool
    load_kg: float  # on board when leaving the stop
    load_m3: float


@dataclass(frozen=True)
class PlannedRoute:
    vehicle_id: str
    hub_id: str
    depart_s: int
    return_s: int
    distance_m: int
    visits: tuple[Visit, ...]

    @property
    def duration_s(self) -> int:
        return self.return_s - self.depart_s


@dataclass(frozen=True)
class Plan:
    routes: tuple[PlannedRoute, ...]
    unserved: tuple[Unserved, ...]
    solve_s: float
    iterations: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def distance_m(self) -> int:
        return sum(route.distance_m for route in self.routes)

    def served_ids(self) -> list[str]:
        return [visit.stop_id for route in self.routes for visit in route.visits]

    def unserved_by_reason(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in self.unserved:
            counts[item.reason.value] = counts.get(item.reason.value, 0) + 1
        return counts
