"""Compliance's entries in the personal-data inventory (see `phohang.core.privacy`)."""

from phohang.core.privacy import history, inventory_register, retained


def register() -> None:
    inventory_register(
        "compliance",
        retained(
            "Complaint", "complainant", "target order product seller body status outcome created_at",
            "a complaint and its outcome (law 122/2025: disputes are kept for the retention "
            "period; the retention job anonymises the text afterwards)",
            retention="3 years (RETENTION_COMPLAINT_DAYS)",
        ),
        history("ComplaintEvent", "a complaint's history (accountability)", link="complaint"),
        retained(
            "DataRequest", "requester", "kind details status received_at due_at closed_at response",
            "proof that a personal-data request was answered in time (decree 356/2025)",
        ),
        history(
            "DataRequestEvent", "a personal-data request's history (accountability)",
            link="request",
        ),
        retained(
            "ConsentEvidence", "consent__user", "action form recorded_at",
            "evidence of how a consent was given or withdrawn (law 91/2025)",
        ),
        retained(
            "Takedown", "ordered_by", "kind product seller reason status ordered_at",
            "an officer's order and who gave it (accountability)",
        ),
        history("TakedownEvent", "a takedown's history (accountability)", link="takedown"),
        retained(
            "ReviewItem", "decided_by", "product source status decided_at decision_note",
            "who decided on a listing in review (accountability)",
        ),
        retained(
            "FeeNotice", "published_by", "title effective_from published_at",
            "who published a fee change (accountability)",
        ),
    )  # fmt: skip
