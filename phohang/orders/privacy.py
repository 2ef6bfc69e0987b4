"""Orders' entries in the personal-data inventory (see `phohang.core.privacy`)."""

from django.utils.translation import gettext as _

from phohang.core.privacy import Erasure, erasure_guard_register, holding_register

ACCOUNTING = (
    "sales record behind an invoice (Law on Accounting 88/2015/QH13, Decree 174/2016/ND-CP:"
    " at least 10 years)"
)
ERASED_STREET = "—"


def _open_statuses() -> list[str]:
    from .models import Order

    closed = {
        Order.Status.COMPLETED,
        Order.Status.CANCELLED,
        Order.Status.REFUNDED,
        Order.Status.RETURN_REJECTED,
    }
    return [status for status in Order.Status.values if status not in closed]


def orders_in_progress_guard(user) -> str | None:
    from phohang.sellers.privacy import owned_sellers

    from .models import Order

    if Order.objects.filter(buyer=user, status__in=_open_statuses()).exists():
        return _("You have orders in progress: your data can be erased once they are completed.")
    if Order.objects.filter(seller__in=owned_sellers(user), status__in=_open_statuses()).exists():
        return _("Your shop has orders in progress: finish or cancel them first.")
    return None


def street_erased(order):
    """The delivery address keeps its ward and province (tax place of supply), not the street."""
    address = order.address
    address.street = ERASED_STREET
    address.save(update_fields=["street"])
    return address


def register() -> None:
    from .models import (
        Cart,
        Checkout,
        Order,
        OrderEvent,
        ReturnRequest,
        Review,
        ReviewEvent,
        SavedAddress,
    )

    holding_register(
        Order,
        path="buyer",
        fields=(
            "number",
            "seller",
            "status",
            "recipient_name",
            "recipient_phone",
            "address",
            "note",
            "total_vnd",
            "created_at",
            "delivered_at",
        ),
        erasure=Erasure.ANONYMISE,
        replace={"recipient_phone": "", "note": "", "address": street_erased},
        reason=ACCOUNTING
        + "; the phone, note and street are removed, the name stays on the invoice",
    )
    holding_register(
        Order,
        subject="seller",
        path="seller",
        fields=("number", "status", "total_vnd", "created_at"),
        erasure=Erasure.RETAIN,
        reason=ACCOUNTING + " (the buyers' own data is not the shop owner's to export)",
    )
    holding_register(
        OrderEvent,
        path="actor",
        fields=("order", "from_status", "to_status", "note", "created_at"),
        erasure=Erasure.RETAIN,
        reason="an order's history (accountability, disputes)",
    )
    holding_register(
        ReturnRequest,
        path="order__buyer",
        fields=("order", "reason", "status", "requested_vnd", "created_at"),
        erasure=Erasure.RETAIN,
        reason=ACCOUNTING,
    )
    holding_register(
        Review,
        path="buyer",
        fields=("product", "rating", "body", "status", "created_at"),
        erasure=Erasure.DELETE,
        reason="the person's own writing",
    )
    holding_register(
        ReviewEvent,
        path="actor",
        fields=("review", "from_status", "to_status", "note", "created_at"),
        erasure=Erasure.RETAIN,
        reason="a review's moderation history (accountability, complaints)",
    )
    holding_register(
        SavedAddress,
        path="user",
        fields=(
            "label",
            "recipient_name",
            "recipient_phone",
            "address",
            "is_default",
            "created_at",
        ),
        erasure=Erasure.DELETE,
        delete_with=("address",),
        reason="the person's address book",
    )
    holding_register(
        Cart,
        path="user",
        fields=("updated_at",),
        erasure=Erasure.DELETE,
        reason="a cart not yet ordered",
    )
    holding_register(
        Checkout,
        path="buyer",
        fields=("reference", "payment_method", "total_vnd", "created_at"),
        erasure=Erasure.RETAIN,
        reason=ACCOUNTING,
    )
    erasure_guard_register(orders_in_progress_guard)
