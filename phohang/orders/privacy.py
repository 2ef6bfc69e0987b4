"""Orders' entries in the personal-data inventory (see `phohang.core.privacy`)."""

from django.utils.translation import gettext as _

from phohang.core.privacy import (
    anonymised,
    deleted,
    history,
    inventory_register,
    retained,
    shop_record,
)

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
    inventory_register(
        "orders",
        anonymised(
            "Order", "buyer",
            "number seller status recipient_name recipient_phone address note total_vnd created_at"
            " delivered_at",
            ACCOUNTING + "; the phone, note and street are removed, the name stays on the invoice",
            replace={"recipient_phone": "", "note": "", "address": street_erased},
        ),
        shop_record(
            "Order", "number status total_vnd created_at",
            ACCOUNTING + " (the buyers' own data is not the shop owner's to export)",
        ),
        history("OrderEvent", "an order's history (accountability, disputes)", link="order"),
        retained(
            "ReturnRequest", "order__buyer", "order reason status requested_vnd created_at",
            ACCOUNTING,
        ),
        deleted("Review", "buyer", "product rating body status created_at", "the person's own writing"),
        history(
            "ReviewEvent", "a review's moderation history (accountability, complaints)",
            link="review",
        ),
        deleted(
            "SavedAddress", "user",
            "label recipient_name recipient_phone address is_default created_at",
            "the person's address book", delete_with=("address",),
        ),
        deleted("Cart", "user", "updated_at", "a cart not yet ordered"),
        retained("Checkout", "buyer", "reference payment_method total_vnd created_at", ACCOUNTING),
        guards=[orders_in_progress_guard],
    )  # fmt: skip
