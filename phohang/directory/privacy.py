"""The directory's entries in the personal-data inventory (see `phohang.core.privacy`).

An investor's inquiry is theirs: erasure removes the contact details and keeps the anonymous lead
for the authority's counts. Operators' proposals and staff decisions are accountability records.
"""

from phohang.core.privacy import anonymised, history, inventory_register, retained, shop_record

ERASED = "—"
ACCOUNTABILITY = "who proposed, reviewed or recorded what in the directory (accountability)"


def register() -> None:
    inventory_register(
        "directory",
        anonymised(
            "Inquiry", "investor",
            "park company contact_name phone email sector area_needed_ha message status created_at",
            "a park's lead counted for the authority; the contact details are removed",
            replace={"contact_name": ERASED, "phone": "", "email": "", "message": ""},
        ),
        history(
            "InquiryEvent", "a lead's history: who moved it and when (accountability)",
            link="inquiry",
        ),
        retained("ParkChange", "proposed_by", "park kind status created_at", ACCOUNTABILITY),
        retained(
            "ParkChange", "reviewed_by", "park kind status review_note reviewed_at", ACCOUNTABILITY
        ),
        retained("KeyProduct", "tagged_by", "manufacturer name year created_at", ACCOUNTABILITY),
        retained("ProjectDocument", "uploaded_by", "project title created_at", ACCOUNTABILITY),
        shop_record(
            "Manufacturer", "name description materials capacity customers created_at",
            "a public directory entry of a company (not a person's data)",
        ),
    )  # fmt: skip
