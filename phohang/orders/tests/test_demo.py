import io
from datetime import timedelta

import pytest
from django.utils import timezone

from phohang.catalog.demo import generate_products
from phohang.orders.demo import DEMO_BUYER_EMAIL, load_demo
from phohang.orders.models import Order, Review, SavedAddress
from phohang.sellers.models import Seller
from phohang.site.demo import DEMO_LOGINS, load_foundation_demo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]


@pytest.fixture
def catalogue():
    load_foundation_demo()
    generate_products(sellers=list(Seller.objects.all()), images=False)


def test_printed_demo_buyer_has_an_order_in_every_state_a_shopper_meets(catalogue):
    out = io.StringIO()

    load_demo(out)

    orders = Order.objects.filter(buyer__email=DEMO_BUYER_EMAIL)
    assert DEMO_BUYER_EMAIL in [login for _role, login, _note in DEMO_LOGINS]
    assert sorted(orders.values_list("status", flat=True)) == [
        "awaiting_payment",
        "cancelled",
        "completed",
        "confirmed",
        "delivered",
        "packed",
        "shipped",
    ]
    delivered = orders.get(status="delivered")
    assert Review.objects.filter(order_line__order=delivered, rating=4).exists()
    shipped = orders.get(status="shipped")
    assert (shipped.carrier, len(shipped.tracking_number)) == ("GHN", 13)
    events = list(shipped.events.values_list("to_status", "created_at"))
    assert [status for status, _at in events] == ["awaiting_payment", "paid", "packed", "shipped"]
    times = [at for _status, at in events]
    assert times == sorted(set(times)) and times[-1] <= timezone.now()
    assert times[-1] - times[0] >= timedelta(hours=1)
    assert SavedAddress.objects.get(user__email=DEMO_BUYER_EMAIL).is_default


def test_other_buyers_reviewed_what_they_bought_and_loading_twice_adds_nothing(catalogue):
    load_demo(io.StringIO())
    counts = (Order.objects.count(), Review.objects.count())
    out = io.StringIO()

    load_demo(out)

    assert (Order.objects.count(), Review.objects.count()) == counts
    assert "already loaded" in out.getvalue()
    others = Review.objects.exclude(buyer__email=DEMO_BUYER_EMAIL)
    assert others.values("product").distinct().count() >= 30
    assert set(others.values_list("rating", flat=True)) <= {2, 3, 4, 5}
    assert not Order.objects.filter(
        status="completed",
        lines__review__isnull=True,
        buyer__email__in=others.values("buyer__email"),
    ).exists()
