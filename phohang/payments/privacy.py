"""Payments' entries in the personal-data inventory (see `phohang.core.privacy`)."""

from phohang.core.privacy import Erasure, holding_register

ACCOUNTING = "payment record (Law on Accounting 88/2015/QH13: at least 10 years)"


def register() -> None:
    from .models import Payment, Refund, StatementImport

    holding_register(
        Payment,
        path="buyer",
        fields=("method", "amount_vnd", "reference", "status", "created_at", "captured_at"),
        erasure=Erasure.RETAIN,
        reason=ACCOUNTING,
    )
    holding_register(
        Refund,
        path="created_by",
        fields=("order", "amount_vnd", "reason", "status", "created_at"),
        erasure=Erasure.RETAIN,
        reason=ACCOUNTING + "; who refunded",
    )
    holding_register(
        StatementImport,
        path="uploaded_by",
        fields=("original_name", "created_at", "matched_count"),
        erasure=Erasure.RETAIN,
        reason=ACCOUNTING + "; who imported a bank statement",
    )
