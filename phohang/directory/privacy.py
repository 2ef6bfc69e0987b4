"""The directory's entries in the personal-data inventory (see `phohang.core.privacy`).

An investor's inquiry is theirs: erasure removes the contact details and keeps the anonymous lead
for the authority's counts. Operators' proposals and staff decisions are accountability records.
"""

from phohang.core.privacy import Erasure, holding_register

ERASED = "—"
ACCOUNTABILITY = "who proposed, reviewed or recorded what in the directory (accountability)"


def register() -> None:
    from .models import Inquiry, InquiryEvent, KeyProduct, Manufacturer, ParkChange, ProjectDocument

    holding_register(
        Inquiry,
        path="investor",
        fields=(
            "park",
            "company",
            "contact_name",
            "phone",
            "email",
            "sector",
            "area_needed_ha",
            "message",
            "status",
            "created_at",
        ),
        erasure=Erasure.ANONYMISE,
        replace={"contact_name": ERASED, "phone": "", "email": "", "message": ""},
        reason="a park's lead counted for the authority; the contact details are removed",
    )
    holding_register(
        InquiryEvent,
        path="actor",
        fields=("inquiry", "from_status", "to_status", "note", "created_at"),
        erasure=Erasure.RETAIN,
        reason="a lead's history: who moved it and when (accountability)",
    )
    holding_register(
        ParkChange,
        path="proposed_by",
        fields=("park", "kind", "status", "created_at"),
        erasure=Erasure.RETAIN,
        reason=ACCOUNTABILITY,
    )
    holding_register(
        ParkChange,
        path="reviewed_by",
        fields=("park", "kind", "status", "review_note", "reviewed_at"),
        erasure=Erasure.RETAIN,
        reason=ACCOUNTABILITY,
    )
    holding_register(
        KeyProduct,
        path="tagged_by",
        fields=("manufacturer", "name", "year", "created_at"),
        erasure=Erasure.RETAIN,
        reason=ACCOUNTABILITY,
    )
    holding_register(
        ProjectDocument,
        path="uploaded_by",
        fields=("project", "title", "created_at"),
        erasure=Erasure.RETAIN,
        reason=ACCOUNTABILITY,
    )
    holding_register(
        Manufacturer,
        subject="seller",
        path="seller",
        fields=("name", "description", "materials", "capacity", "customers", "created_at"),
        erasure=Erasure.RETAIN,
        reason="a public directory entry of a company (not a person's data)",
    )
