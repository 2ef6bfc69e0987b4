"""Sellers' entries in the personal-data inventory (see `phohang.core.privacy`).

A shop's owner answers for the shop: the "seller" subject is every shop the person owns.
"""

from phohang.core.privacy import (
    anonymised,
    deleted,
    history,
    inventory_register,
    retained,
    shop_record,
    subject_register,
)

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


APPLICATION = (
    "name seller_type tax_code business_registration_number representative_name contact_phone"
    " address status decision_reason submitted_at decided_at"
)
SHOP = "name seller_type description tax_code address contact_phone vneid_level created_at"


def register() -> None:
    subject_register(SELLER, owned_sellers)
    inventory_register(
        "sellers",
        retained(
            "SellerApplication", "applicant", APPLICATION, SELLER_IDENTITY,
            computed={"citizen_id": lambda application: application.citizen_id},
            retention="while the law requires; the citizen ID stays encrypted",
        ),
        retained(
            "ApplicationDocument", "application__applicant",
            "original_name content_type size uploaded_at", SELLER_IDENTITY,
            retention="private storage, served only to the applicant and reviewers",
        ),
        history("ApplicationEvent", "history of an application's review (accountability)"),
        anonymised(
            "Seller", "", SHOP,
            "the shop closes and its contact phone is removed; its name, tax code and address stay"
            " on its orders and invoices (Law on Accounting 88/2015/QH13: 10 years)",
            subject=SELLER, replace={"is_active": False, "contact_phone": ""},
        ),
        deleted("SellerMember", "user", "seller role is_active joined_at", "the person's access to shops"),
        deleted(
            "StaffInvitation", "seller", "email created_at accepted_at", "invitations the shop sent",
            subject=SELLER,
        ),
        shop_record(
            "SellerIdentification", "provider level reference verified_at expires_at",
            "proof that the seller was identified (law 122/2025 on e-commerce); the citizen ID "
            "itself is never stored, only the provider's reference",
        ),
        deleted(
            "IdentificationAttempt", "user", "provider created_at completed_at",
            "an electronic identification the person started (purged after a day)",
        ),
    )  # fmt: skip
