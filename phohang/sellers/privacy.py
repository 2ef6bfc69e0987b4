"""Sellers' entries in the personal-data inventory (see `phohang.core.privacy`).

A shop's owner answers for the shop: the "seller" subject is every shop the person owns.
"""

from phohang.core.privacy import Erasure, holding_register, subject_register

SELLER = "seller"
SELLER_IDENTITY = (
    "identity of a seller the platform verified, which an e-commerce platform must keep"
    " (E-commerce Law 122/2025/QH15)"
)


def owned_sellers(user):
    from .models import Seller, SellerMember

    if user is None:
        return Seller.objects.none()
    return Seller.objects.filter(
        members__user=user, members__role=SellerMember.Role.OWNER
    ).distinct()


def register() -> None:
    from .models import (
        ApplicationDocument,
        ApplicationEvent,
        Seller,
        SellerApplication,
        SellerMember,
        StaffInvitation,
    )

    subject_register(SELLER, owned_sellers)
    holding_register(
        SellerApplication,
        path="applicant",
        fields=(
            "name",
            "seller_type",
            "tax_code",
            "business_registration_number",
            "representative_name",
            "contact_phone",
            "address",
            "status",
            "decision_reason",
            "submitted_at",
            "decided_at",
        ),
        computed={"citizen_id": lambda application: application.citizen_id},
        erasure=Erasure.RETAIN,
        reason=SELLER_IDENTITY,
        retention="while the law requires; the citizen ID stays encrypted",
    )
    holding_register(
        ApplicationDocument,
        path="application__applicant",
        fields=("original_name", "content_type", "size", "uploaded_at"),
        erasure=Erasure.RETAIN,
        reason=SELLER_IDENTITY,
        retention="private storage, served only to the applicant and reviewers",
    )
    holding_register(
        ApplicationEvent,
        path="actor",
        fields=("from_status", "to_status", "note", "created_at"),
        erasure=Erasure.RETAIN,
        reason="history of an application's review (accountability)",
    )
    holding_register(
        Seller,
        subject=SELLER,
        path="",
        fields=(
            "name",
            "seller_type",
            "description",
            "tax_code",
            "address",
            "contact_phone",
            "vneid_level",
            "created_at",
        ),
        erasure=Erasure.ANONYMISE,
        replace={"is_active": False, "contact_phone": ""},
        reason=(
            "the shop closes and its contact phone is removed; its name, tax code and address stay"
            " on its orders and invoices (Law on Accounting 88/2015/QH13: 10 years)"
        ),
    )
    holding_register(
        SellerMember,
        path="user",
        fields=("seller", "role", "is_active", "joined_at"),
        erasure=Erasure.DELETE,
        reason="the person's access to shops",
    )
    holding_register(
        StaffInvitation,
        subject=SELLER,
        path="seller",
        fields=("email", "created_at", "accepted_at"),
        erasure=Erasure.DELETE,
        reason="invitations the shop sent",
    )
    _register_identification()


def _register_identification() -> None:
    from .models import IdentificationAttempt, SellerIdentification

    holding_register(
        SellerIdentification,
        subject=SELLER,
        path="seller",
        fields=("provider", "level", "reference", "verified_at", "expires_at"),
        erasure=Erasure.RETAIN,
        reason=(
            "proof that the seller was identified (law 122/2025 on e-commerce); the citizen ID "
            "itself is never stored, only the provider's reference"
        ),
    )
    holding_register(
        IdentificationAttempt,
        path="user",
        fields=("provider", "created_at", "completed_at"),
        erasure=Erasure.DELETE,
        reason="an electronic identification the person started (purged after a day)",
    )
