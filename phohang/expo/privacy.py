"""Expo's entries in the personal-data inventory (see `phohang.core.privacy`).

A visitor's registration is theirs: erasure removes their name, organisation and wishes from it
and from their meeting identity, and keeps the anonymous ticket for the event's attendance figures.
Exhibitor applications belong to shops; the staff actions on them are accountability records.
"""

from phohang.core.privacy import Erasure, holding_register

ERASED = "—"
ACCOUNTABILITY = "who decided or did what at an event (accountability)"


def register() -> None:
    from .models import (
        Exhibitor,
        ExhibitorEvent,
        Participant,
        Registration,
        RequestEvent,
        ScheduleRun,
    )

    holding_register(
        Registration,
        path="user",
        fields=(
            "event",
            "kind",
            "full_name",
            "organisation",
            "seeking",
            "checked_in_at",
            "created_at",
        ),
        erasure=Erasure.ANONYMISE,
        replace={"full_name": ERASED, "organisation": ERASED, "seeking": ""},
        reason="attendance figures of a past event; the person's name and wishes are removed",
    )
    holding_register(
        Participant,
        path="registration__user",
        fields=("event", "role", "name", "available_slots", "max_meetings"),
        erasure=Erasure.ANONYMISE,
        replace={"name": ERASED},
        reason="the other side's agenda keeps the meeting; the name is removed",
    )
    holding_register(
        Exhibitor,
        path="applied_by",
        fields=("event", "seller", "status", "booth_size", "note", "created_at"),
        erasure=Erasure.RETAIN,
        reason="a shop's application and booth fee (accounting: 10 years)",
    )
    holding_register(
        Exhibitor,
        subject="seller",
        path="seller",
        fields=("event", "status", "booth_size", "fee_vnd", "fee_paid_at", "created_at"),
        erasure=Erasure.RETAIN,
        reason="a shop's application and booth fee (accounting: 10 years)",
    )
    for model in (ExhibitorEvent, RequestEvent):
        holding_register(
            model,
            path="actor",
            fields=("from_status", "to_status", "note", "created_at"),
            erasure=Erasure.RETAIN,
            reason=ACCOUNTABILITY,
        )
    holding_register(
        ScheduleRun,
        path="requested_by",
        fields=("event", "status", "meetings_count", "created_at"),
        erasure=Erasure.RETAIN,
        reason=ACCOUNTABILITY,
    )
