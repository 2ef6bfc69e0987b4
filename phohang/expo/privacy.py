"""Expo's entries in the personal-data inventory (see `phohang.core.privacy`).

A visitor's registration is theirs: erasure removes their name, organisation and wishes from it
and from their meeting identity, and keeps the anonymous ticket for the event's attendance figures.
Exhibitor applications belong to shops; the staff actions on them are accountability records.
"""

from phohang.core.privacy import anonymised, history, inventory_register, retained, shop_record

ERASED = "—"
ACCOUNTABILITY = "who decided or did what at an event (accountability)"
BOOTH = "a shop's application and booth fee (accounting: 10 years)"


def register() -> None:
    inventory_register(
        "expo",
        anonymised(
            "Registration", "user",
            "event kind full_name organisation seeking checked_in_at created_at",
            "attendance figures of a past event; the person's name and wishes are removed",
            replace={"full_name": ERASED, "organisation": ERASED, "seeking": ""},
        ),
        anonymised(
            "Participant", "registration__user", "event role name available_slots max_meetings",
            "the other side's agenda keeps the meeting; the name is removed",
            replace={"name": ERASED},
        ),
        retained("Exhibitor", "applied_by", "event seller status booth_size note created_at", BOOTH),
        shop_record(
            "Exhibitor", "event status booth_size fee_vnd fee_paid_at created_at", BOOTH
        ),
        history("ExhibitorEvent", ACCOUNTABILITY),
        history("RequestEvent", ACCOUNTABILITY),
        retained(
            "ScheduleRun", "requested_by", "event status meetings_count created_at", ACCOUNTABILITY
        ),
    )  # fmt: skip
