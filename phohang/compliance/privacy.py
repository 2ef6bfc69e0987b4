"""Compliance's entries in the personal-data inventory (see `phohang.core.privacy`)."""

from phohang.core.privacy import Erasure, holding_register


def register() -> None:
    from .models import (
        Complaint,
        ComplaintEvent,
        ConsentEvidence,
        DataRequest,
        DataRequestEvent,
        FeeNotice,
        ReviewItem,
        Takedown,
        TakedownEvent,
    )

    holding_register(
        Complaint,
        path="complainant",
        fields=("target", "order", "product", "seller", "body", "status", "outcome", "created_at"),
        erasure=Erasure.RETAIN,
        retention="3 years (RETENTION_COMPLAINT_DAYS)",
        reason=(
            "a complaint and its outcome (law 122/2025: disputes are kept for the retention "
            "period; the retention job anonymises the text afterwards)"
        ),
    )
    holding_register(
        ComplaintEvent,
        path="actor",
        fields=("complaint", "from_status", "to_status", "note", "created_at"),
        erasure=Erasure.RETAIN,
        reason="a complaint's history (accountability)",
    )
    holding_register(
        DataRequest,
        path="requester",
        fields=("kind", "details", "status", "received_at", "due_at", "closed_at", "response"),
        erasure=Erasure.RETAIN,
        reason="proof that a personal-data request was answered in time (decree 356/2025)",
    )
    holding_register(
        DataRequestEvent,
        path="actor",
        fields=("request", "from_status", "to_status", "note", "created_at"),
        erasure=Erasure.RETAIN,
        reason="a personal-data request's history (accountability)",
    )
    holding_register(
        ConsentEvidence,
        path="consent__user",
        fields=("action", "form", "recorded_at"),
        erasure=Erasure.RETAIN,
        reason="evidence of how a consent was given or withdrawn (law 91/2025)",
    )
    holding_register(
        Takedown,
        path="ordered_by",
        fields=("kind", "product", "seller", "reason", "status", "ordered_at"),
        erasure=Erasure.RETAIN,
        reason="an officer's order and who gave it (accountability)",
    )
    holding_register(
        TakedownEvent,
        path="actor",
        fields=("takedown", "from_status", "to_status", "note", "created_at"),
        erasure=Erasure.RETAIN,
        reason="a takedown's history (accountability)",
    )
    holding_register(
        ReviewItem,
        path="decided_by",
        fields=("product", "source", "status", "decided_at", "decision_note"),
        erasure=Erasure.RETAIN,
        reason="who decided on a listing in review (accountability)",
    )
    holding_register(
        FeeNotice,
        path="published_by",
        fields=("title", "effective_from", "published_at"),
        erasure=Erasure.RETAIN,
        reason="who published a fee change (accountability)",
    )
