"""Accounts' entries in the personal-data inventory (see `phohang.core.privacy`)."""

from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext as _

from phohang.core.privacy import Erasure, erasure_guard_register, holding_register

ERASED_NAME = "Người dùng đã xoá"


def erased_email(user) -> str:
    return f"erased-{user.pk}@erased.invalid"


def staff_account_guard(user) -> str | None:
    if user.is_staff or user.is_superuser or user.is_authority:
        return _(
            "Staff, authority and administrator accounts are closed by a platform administrator."
        )
    return None


def register() -> None:
    from django.contrib.admin.models import LogEntry
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .models import ApiToken, Consent, Notification, NotificationSetting, User

    holding_register(
        User,
        path="",
        fields=("email", "phone", "full_name", "date_joined", "last_login"),
        erasure=Erasure.ANONYMISE,
        replace={
            "email": erased_email,
            "phone": None,
            "full_name": ERASED_NAME,
            "is_active": False,
            "password": lambda user: make_password(None),
        },
        reason=(
            "the account row stays so that kept records (orders, audit chain) still point somewhere;"
            " it names no one and cannot sign in"
        ),
    )
    holding_register(
        Consent,
        path="user",
        fields=("purpose", "version", "granted_at", "withdrawn_at"),
        erasure=Erasure.RETAIN,
        reason="proof of when consent was given and withdrawn (Decree 13/2023/ND-CP, art. 11)",
        retention="as long as the processing it allowed can be questioned",
    )
    holding_register(
        ApiToken,
        path="user",
        fields=("name", "prefix", "scopes", "created_at", "expires_at", "last_used_at"),
        erasure=Erasure.DELETE,
        reason="access credentials",
    )
    holding_register(
        Notification,
        path="user",
        fields=("kind", "title", "body", "link", "created_at", "read_at"),
        erasure=Erasure.DELETE,
        reason="messages to the person",
    )
    holding_register(
        NotificationSetting,
        path="user",
        fields=("kind", "in_app", "email"),
        erasure=Erasure.DELETE,
        reason="the person's choice of notifications",
    )
    holding_register(
        TOTPDevice,
        path="user",
        fields=("name", "confirmed", "created_at", "last_used_at"),
        erasure=Erasure.DELETE,
        reason="second-factor secret (never exported)",
    )
    holding_register(
        LogEntry,
        path="user",
        fields=("action_time", "object_repr", "change_message"),
        erasure=Erasure.RETAIN,
        reason="administrators' change history (accountability)",
    )
    erasure_guard_register(staff_account_guard)
