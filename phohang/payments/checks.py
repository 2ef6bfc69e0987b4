"""Start-up checks: production never runs on the sandbox's or the demo's payment settings."""

from django.conf import settings
from django.core.checks import Error, register

from . import vnpay

TAG = "phohang"
SANDBOX_HINT = "The local sandbox is for DEBUG=1 with VNPAY_SANDBOX=1 only."
VNPAY_HINT = (
    "Set VNPAY_TMN_CODE, VNPAY_HASH_SECRET, VNPAY_URL and VNPAY_API_URL to the merchant "
    "account VNPay issued, or switch card payments off with VNPAY_ENABLED=0."
)


def _vnpay_problems() -> list[str]:
    problems = []
    if not settings.VNPAY_TMN_CODE or settings.VNPAY_TMN_CODE == settings.VNPAY_SANDBOX_TMN_CODE:
        problems.append("VNPAY_TMN_CODE is missing or the sandbox's")
    if (
        not settings.VNPAY_HASH_SECRET
        or settings.VNPAY_HASH_SECRET == settings.VNPAY_SANDBOX_HASH_SECRET
    ):
        problems.append("VNPAY_HASH_SECRET is missing or the sandbox's (published) secret")
    for name in ("VNPAY_URL", "VNPAY_API_URL"):
        value = getattr(settings, name)
        if not value.startswith("https://") or vnpay.SANDBOX_PATH in value:
            problems.append(f"{name} is missing, the local sandbox or not an https:// URL")
    return problems


@register(TAG)
def payment_settings_check(app_configs=None, **kwargs):
    messages = []
    if settings.VNPAY_SANDBOX and not settings.DEBUG:
        messages.append(
            Error("VNPAY_SANDBOX is on while DEBUG is off.", hint=SANDBOX_HINT, id="payments.E001")
        )
    if not settings.DEBUG and vnpay.is_enabled():
        problems = _vnpay_problems()
        if problems:
            messages.append(
                Error(
                    "VNPay is switched on without real merchant settings: "
                    + "; ".join(problems)
                    + ".",
                    hint=VNPAY_HINT,
                    id="payments.E002",
                )
            )
    if not settings.DEBUG and settings.VIETQR_ENABLED:
        account = settings.PLATFORM_BANK_ACCOUNT
        if not account or account == settings.PLATFORM_BANK_DEMO_ACCOUNT:
            messages.append(
                Error(
                    "VietQR transfers would go to the demo bank account (or to none).",
                    hint="Set PLATFORM_BANK_BIN and PLATFORM_BANK_ACCOUNT to the platform's "
                    "account, or switch VietQR off with VIETQR_ENABLED=0.",
                    id="payments.E003",
                )
            )
        if not settings.PLATFORM_BANK_BIN.isdigit() or len(settings.PLATFORM_BANK_BIN) != 6:
            messages.append(
                Error(
                    "PLATFORM_BANK_BIN is not a 6-digit NAPAS bank BIN.",
                    hint="e.g. 970436 for Vietcombank.",
                    id="payments.E004",
                )
            )
    return messages
