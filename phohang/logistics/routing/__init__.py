"""Route planning for Phố Hàng logistics: a pure package (no Django) around PyVRP.

`plan_routes` plans hubs, vehicles and stops within Hanoi's truck rules; `vrplib_plan`
plans benchmark instances with the same engine; `verify_plan` and `verify_vrplib` check
results independently of the solver.
"""

from .distances import DistanceProvider, HaversineProvider, OsrmProvider
from .engine import Progress
from .model import (
    ALWAYS,
    REASON_TEXT,
    Hub,
    Plan,
    PlanInputError,
    PlannedRoute,
    Stop,
    StopKind,
    TimeWindow,
    Unserved,
    UnservedReason,
    Vehicle,
    Visit,
)
from .planner import plan_routes
from .truck_rules import (
    HANOI_TRUCK_RULES,
    NO_TRUCK_RULES,
    DailyWindow,
    TruckRules,
    VehicleClassRule,
    clock,
)
from .verify_plan import PlanViolation, verify_plan

__all__ = [
    "ALWAYS",
    "HANOI_TRUCK_RULES",
    "NO_TRUCK_RULES",
    "REASON_TEXT",
    "DailyWindow",
    "DistanceProvider",
    "HaversineProvider",
    "Hub",
    "OsrmProvider",
    "Plan",
    "PlanInputError",
    "PlanViolation",
    "PlannedRoute",
    "Progress",
    "Stop",
    "StopKind",
    "TimeWindow",
    "TruckRules",
    "Unserved",
    "UnservedReason",
    "Vehicle",
    "VehicleClassRule",
    "Visit",
    "clock",
    "plan_routes",
    "verify_plan",
]
