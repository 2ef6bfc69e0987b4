from django.db.models import QuerySet

from .models import BankTransaction, Payment


def payment_latest_for_checkout(checkout_id: int) -> Payment | None:
    return Payment.objects.filter(checkout_id=checkout_id).order_by("-created_at", "-id").first()


def payments_for_checkout(checkout_id: int) -> QuerySet[Payment]:
    return Payment.objects.filter(checkout_id=checkout_id).order_by("created_at", "id")


def transfers_to_review() -> QuerySet[BankTransaction]:
    return BankTransaction.objects.filter(status=BankTransaction.Status.REVIEW).select_related(
        "payment"
    )


def payments_to_review() -> QuerySet[Payment]:
    return Payment.objects.filter(status=Payment.Status.NEEDS_REVIEW).select_related("checkout")
