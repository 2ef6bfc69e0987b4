"""Periodic work: schedule `reservations_expire_task` every minute (cron or the task worker)."""

from .services import reservations_expire


def reservations_expire_task() -> int:
    return reservations_expire()
