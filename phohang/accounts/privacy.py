"""Accounts' entries in the personal-data inventory (see `phohang.core.privacy`)."""

from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext as _

from phohang.core.privacy import anonymised, deleted, inventory_register, retained

ERASED_NAME = "Người dùng đã xoá"


def erased_email(user) -> str:
    return f"erased-{user.pk}@erased.invalid"


def staff_account_guard(user) -> str | None:
    if user.is_staff or user.is_superuser or user.is_authority:
        return _(
            "Staff, authority and administrator accounts are closed by a platform administrator."
        )
    return None


ACCOUNT_ERASED = {
    "email": erased_email,
    "phone": None,
    "full_name": ERASED_NAME,
    "is_active": False,
    "password": lambda user: make_password(None),
}


def register() -> None:
    inventory_register(
        "accounts",
        anonymised(
            "User", "", "email phone full_name date_joined last_login",
            "the account row stays so that kept records (orders, audit chain) still point"
            " somewhere; it names no one and cannot sign in",
            replace=ACCOUNT_ERASED,
        ),
        retained(
            "Consent", "user", "purpose version granted_at withdrawn_at",
            "proof of when consent was given and withdrawn (Decree 13/2023/ND-CP, art. 11)",
            retention="as long as the processing it allowed can be questioned",
        ),
        deleted(
            "ApiToken", "user", "name prefix scopes created_at expires_at last_used_at",
            "access credentials",
        ),
        deleted(
            "Notification", "user", "kind title body link created_at read_at",
            "messages to the person",
        ),
        deleted(
            "NotificationSetting", "user", "kind in_app email",
            "the person's choice of notifications",
        ),
        deleted(
            "otp_totp.TOTPDevice", "user", "name confirmed created_at last_used_at",
            "second-factor secret (never exported)",
        ),
        retained(
            "admin.LogEntry", "user", "action_time object_repr change_message",
            "administrators' change history (accountability)",
        ),
        guards=[staff_account_guard],
    )  # fmt: skip
