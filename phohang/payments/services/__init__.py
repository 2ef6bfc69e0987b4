"""Every write in payments: starting payments, captures, callbacks, statements, refunds."""

from .capture import (
    PaymentError,
    cod_collect,
    payment_capture,
    payment_start,
)
from .ledger import ledger_for_order, ledger_totals, ledger_totals_by_order
from .refunds import (
    GatewayTimeout,
    NotAllowedToRefund,
    RefundError,
    order_cancel_with_refund,
    refund_issue,
    refund_permission_check,
)
from .statements import StatementError, statement_import, statement_parse, transfer_resolve
from .vnpay_ipn import vnpay_ipn_handle

__all__ = [
    "GatewayTimeout",
    "NotAllowedToRefund",
    "PaymentError",
    "RefundError",
    "StatementError",
    "cod_collect",
    "ledger_for_order",
    "ledger_totals",
    "ledger_totals_by_order",
    "order_cancel_with_refund",
    "payment_capture",
    "payment_start",
    "refund_issue",
    "refund_permission_check",
    "statement_import",
    "statement_parse",
    "transfer_resolve",
    "vnpay_ipn_handle",
]
