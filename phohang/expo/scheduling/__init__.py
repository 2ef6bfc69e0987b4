"""B2B meeting scheduler: assign accepted meeting requests to time slots and tables.

Pure Python on OR-Tools, no Django: the expo app feeds it a `Problem` and stores the `Result`.

    result = schedule(problem, Options(time_limit_s=20), progress=on_progress)

`progress` receives a `Progress` (phase, elapsed seconds, best objective so far, LP bound) in
the calling thread at each phase and each improvement, so a task can store it for display.
"""

from .checker import CheckReport, check_schedule
from .model import (
    WEIGHTS,
    InstanceError,
    Issue,
    Meeting,
    Options,
    Participant,
    Problem,
    Progress,
    Request,
    Result,
    problem_from_dict,
)
from .solver import schedule, schedule_instance

__all__ = [
    "WEIGHTS",
    "CheckReport",
    "InstanceError",
    "Issue",
    "Meeting",
    "Options",
    "Participant",
    "Problem",
    "Progress",
    "Request",
    "Result",
    "check_schedule",
    "problem_from_dict",
    "schedule",
    "schedule_instance",
]
