"""Payments' entries in the personal-data inventory (see `phohang.core.privacy`)."""

from phohang.core.privacy import inventory_register, retained

ACCOUNTING = "payment record (Law on Accounting 88/2015/QH13: at least 10 years)"


def register() -> None:
    inventory_register(
        "payments",
        retained(
            "Payment", "buyer", "method amount_vnd reference status created_at captured_at",
            ACCOUNTING,
        ),
        retained(
            "Refund", "created_by", "order amount_vnd reason status created_at",
            ACCOUNTING + "; who refunded",
        ),
        retained(
            "StatementImport", "uploaded_by", "original_name created_at matched_count",
            ACCOUNTING + "; who imported a bank statement",
        ),
    )  # fmt: skip
