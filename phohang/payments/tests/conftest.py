import pytest

from phohang.orders.tests.factories import UserFactory, VariantFactory, place


@pytest.fixture
def vnpay_checkout(db):
    """A VNPay checkout for one 100,000 ₫ item with a pending payment."""
    from phohang.payments.services import payment_start

    buyer = UserFactory()
    variant = VariantFactory(price_vnd=100_000, stock_on_hand=5)
    checkout = place(buyer, [(variant, 1)], method="vnpay")
    payment = payment_start(checkout=checkout, method="vnpay")
    return checkout, payment, variant
