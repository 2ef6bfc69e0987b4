from datetime import timedelta

import pytest
from django.utils import timezone

from phohang.accounts.models import Notification
from phohang.catalog.models import ProductVariant
from phohang.logistics.models import ShippingRate
from phohang.orders import services
from phohang.orders.models import Cart, CartLine, CommissionRate, Order, OrderEvent
from phohang.orders.services.state import Actor

from .factories import UserFactory, VariantFactory, place, seller_with_owner
from .invariants import NO_VIOLATIONS, stock_invariant_violations

pytestmark = pytest.mark.django_db


def stock(variant):
    variant = ProductVariant.objects.get(pk=variant.pk)
    return variant.stock_on_hand, variant.stock_reserved


def test_checkout_creates_one_order_per_seller_and_reserves_stock():
    buyer = UserFactory()
    tea, coffee = VariantFactory(price_vnd=120_000), VariantFactory(price_vnd=80_000)

    checkout = place(buyer, [(tea, 2), (coffee, 1)])

    orders = list(checkout.orders.order_by("number"))
    assert len(orders) == 2
    assert {o.seller_id for o in orders} == {tea.seller_id, coffee.seller_id}
    assert all(o.status == Order.Status.CONFIRMED for o in orders)
    assert stock(tea) == (10, 2) and stock(coffee) == (10, 1)
    assert checkout.total_vnd == sum(o.total_vnd for o in orders)
    assert stock_invariant_violations() == NO_VIOLATIONS


def test_checkout_sold_out_item_changes_nothing():
    buyer = UserFactory()
    tea, coffee = VariantFactory(), VariantFactory(stock_on_hand=1)

    with pytest.raises(services.SoldOut):
        place(buyer, [(tea, 2), (coffee, 2)])

    assert Order.objects.count() == 0
    assert stock(tea) == (10, 0) and stock(coffee) == (1, 0)


def test_checkout_refuses_negative_and_zero_quantities():
    buyer = UserFactory()
    tea = VariantFactory()

    for quantity in (-1, 0):
        with pytest.raises(services.CheckoutError):
            place(buyer, [(tea, quantity)])

    assert Order.objects.count() == 0 and stock(tea) == (10, 0)


def test_checkout_refuses_changed_price_and_reports_new_total():
    buyer = UserFactory()
    tea = VariantFactory(price_vnd=100_000)

    with pytest.raises(services.PriceChanged) as raised:
        place(buyer, [(tea, 1)], prices_seen={tea.pk: 90_000})

    assert raised.value.preview.groups[0].lines[0].unit_price_vnd == 100_000
    assert Order.objects.count() == 0 and stock(tea) == (10, 0)


def test_cod_limit_per_order():
    buyer = UserFactory()
    gold = VariantFactory(price_vnd=6_000_000)

    with pytest.raises(services.CheckoutError):
        place(buyer, [(gold, 1)], method="cod")

    assert Order.objects.count() == 0


def test_shipping_fee_uses_most_specific_zone_and_weight_band():
    ShippingRate.objects.create(max_weight_grams=1000, fee_vnd=40_000)
    ShippingRate.objects.create(
        origin_province_id="01", destination_province_id="01", max_weight_grams=1000, fee_vnd=20_000
    )
    ShippingRate.objects.create(
        origin_province_id="01", destination_province_id="01", max_weight_grams=5000, fee_vnd=35_000
    )

    same_city_light = services.shipping_fee_for(
        origin_province_id="01", destination_province_id="01", weight_grams=800
    )
    same_city_heavy = services.shipping_fee_for(
        origin_province_id="01", destination_province_id="01", weight_grams=4000
    )
    beyond = services.shipping_fee_for(
        origin_province_id="01", destination_province_id="01", weight_grams=12_000
    )
    elsewhere = services.shipping_fee_for(
        origin_province_id="01", destination_province_id="79", weight_grams=800
    )

    assert (same_city_light, same_city_heavy, beyond, elsewhere) == (
        20_000,
        35_000,
        105_000,
        40_000,
    )


def test_commission_rate_per_category_rounds_once():
    buyer = UserFactory()
    tea = VariantFactory(price_vnd=33_333)
    CommissionRate.objects.create(category=tea.product.category, percent="7.5")

    checkout = place(buyer, [(tea, 3)])

    assert checkout.orders.get().commission_vnd == 7_500  # 99,999 × 7.5 % = 7,499.9 → 7,500


def test_checkout_charges_the_fees_and_commissions_the_preview_and_zone_table_give():
    """Checkout reads the zone rows and the commission rates in one statement; what it charges
    per seller equals the separate reads: the cart page's preview and `shipping_fee_for`."""
    from phohang.orders.services.checkout import _commission

    hanoi_seller, _owner = seller_with_owner()
    hcm_seller, _owner2 = seller_with_owner()
    hanoi_seller.province_id, hcm_seller.province_id = "01", "79"
    hanoi_seller.save(update_fields=["province"])
    hcm_seller.save(update_fields=["province"])
    ShippingRate.objects.create(max_weight_grams=1000, fee_vnd=40_000)
    ShippingRate.objects.create(max_weight_grams=5000, fee_vnd=70_000)
    ShippingRate.objects.create(
        origin_province_id="01", destination_province_id="01", max_weight_grams=5000, fee_vnd=22_000
    )
    tea = VariantFactory(product__seller=hanoi_seller, price_vnd=33_333, weight_grams=400)
    honey = VariantFactory(product__seller=hcm_seller, price_vnd=215_000, weight_grams=700)
    rice = VariantFactory(product__seller=hcm_seller, price_vnd=28_500, weight_grams=1000)
    CommissionRate.objects.create(category=tea.product.category, percent="7.5")
    CommissionRate.objects.create(category=rice.product.category, percent="3.25")
    basket = [(tea, 3), (honey, 1), (rice, 2)]

    preview = services.checkout_preview(
        items=[(v.pk, q) for v, q in basket], destination_province_id="01"
    )
    checkout = place(UserFactory(), basket)

    orders = {order.seller_id: order for order in checkout.orders.all()}
    groups = {group.seller.pk: group for group in preview.groups}
    assert {pk: o.shipping_vnd for pk, o in orders.items()} == {
        hanoi_seller.pk: 22_000,  # Hà Nội → Hà Nội zone, 1.2 kg
        hcm_seller.pk: 70_000,  # no 79 → 01 zone: the default table, 2.7 kg band
    }
    assert {pk: g.shipping_vnd for pk, g in groups.items()} == {
        pk: o.shipping_vnd for pk, o in orders.items()
    }
    assert {pk: o.commission_vnd for pk, o in orders.items()} == {
        pk: _commission(g.lines) for pk, g in groups.items()
    }
    # 99,999 × 7.5 % → 7,500; 215,000 × default 5 % + 57,000 × 3.25 % → 10,750 + 1,853
    assert orders[hanoi_seller.pk].commission_vnd == 7_500
    assert orders[hcm_seller.pk].commission_vnd == 10_750 + 1_853


def test_online_order_expires_and_returns_stock():
    buyer = UserFactory()
    tea = VariantFactory(stock_on_hand=1)
    checkout = place(buyer, [(tea, 1)], method="vnpay")

    assert services.reservations_expire(now=timezone.now() + timedelta(minutes=14)) == 0
    assert services.reservations_expire(now=timezone.now() + timedelta(minutes=16)) == 1

    order = checkout.orders.get()
    assert order.status == Order.Status.CANCELLED and stock(tea) == (1, 0)
    assert services.order_mark_paid(order_id=order.pk) is False
    assert Order.objects.get(pk=order.pk).status == Order.Status.CANCELLED


def test_full_lifecycle_moves_stock_and_writes_history(django_capture_on_commit_callbacks):
    seller, owner = seller_with_owner()
    buyer = UserFactory()
    tea = VariantFactory(product__seller=seller)
    order = place(buyer, [(tea, 2)], method="vnpay").orders.get()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.order_mark_paid(order_id=order.pk)
        services.order_pack(order=order, actor=owner)
        services.order_ship(order=order, actor=owner, carrier="GHN", tracking_number="GHN123")
        services.order_mark_delivered(order=order, actor=buyer, actor_kind=Actor.BUYER)

    order.refresh_from_db()
    assert order.status == Order.Status.DELIVERED
    assert stock(tea) == (8, 0)
    assert list(OrderEvent.objects.filter(order=order).values_list("to_status", flat=True)) == [
        "awaiting_payment",
        "paid",
        "packed",
        "shipped",
        "delivered",
    ]
    assert Notification.objects.filter(user=buyer).count() == 3  # paid, packed, shipped
    assert Notification.objects.filter(user=owner).count() == 2  # paid, delivered
    assert stock_invariant_violations() == NO_VIOLATIONS


def test_illegal_moves_are_refused_and_change_nothing():
    seller, owner = seller_with_owner()
    buyer = UserFactory()
    order = place(buyer, [(VariantFactory(product__seller=seller), 1)]).orders.get()

    with pytest.raises(services.IllegalTransition):
        services.order_ship(order=order, actor=owner, carrier="GHN", tracking_number="1")
    with pytest.raises(services.IllegalTransition):
        services.order_mark_delivered(order=order, actor=owner, actor_kind=Actor.SELLER)
    with pytest.raises(services.IllegalTransition):
        services.order_cancel(order=order, actor=owner, actor_kind=Actor.SELLER, reason="  ")

    order.refresh_from_db()
    assert order.status == Order.Status.CONFIRMED
    assert OrderEvent.objects.filter(order=order).count() == 1


def test_second_cancel_does_not_restock_twice():
    buyer = UserFactory()
    tea = VariantFactory()
    order = place(buyer, [(tea, 3)]).orders.get()

    services.order_cancel(order=order, actor=buyer, actor_kind=Actor.BUYER)
    with pytest.raises(services.IllegalTransition):
        services.order_cancel(order=order, actor=buyer, actor_kind=Actor.BUYER)

    assert stock(tea) == (10, 0)


def test_shipped_order_cannot_be_cancelled():
    seller, owner = seller_with_owner()
    buyer = UserFactory()
    tea = VariantFactory(product__seller=seller)
    order = place(buyer, [(tea, 1)]).orders.get()
    services.order_pack(order=order, actor=owner)
    services.order_ship(order=order, actor=owner, carrier="VNPost", tracking_number="EE1")

    with pytest.raises(services.IllegalTransition):
        services.order_cancel(order=order, actor=owner, actor_kind=Actor.SELLER, reason="late")

    assert stock(tea) == (9, 0)


def test_cart_merge_adds_quantities_capped_by_stock():
    buyer = UserFactory()
    tea = VariantFactory(stock_on_hand=5)
    anonymous = services.cart_get_or_create(session_key="anon-token")
    services.cart_line_set(cart=anonymous, variant_id=tea.pk, quantity=4)
    mine = services.cart_get_or_create(user=buyer)
    services.cart_line_set(cart=mine, variant_id=tea.pk, quantity=3)

    services.cart_merge(session_key="anon-token", user=buyer)

    assert CartLine.objects.get(cart=mine).quantity == 5
    assert not Cart.objects.filter(session_key="anon-token").exists()


def test_cart_refuses_more_than_available_and_negative():
    cart = services.cart_get_or_create(session_key="s1")
    tea = VariantFactory(stock_on_hand=2)

    for quantity in (3, -1):
        with pytest.raises(services.CartError):
            services.cart_line_set(cart=cart, variant_id=tea.pk, quantity=quantity)

    assert CartLine.objects.count() == 0


def test_review_only_after_delivery_and_once():
    seller, owner = seller_with_owner()
    buyer = UserFactory()
    tea = VariantFactory(product__seller=seller)
    order = place(buyer, [(tea, 1)], method="vnpay").orders.get()
    line = order.lines.get()

    with pytest.raises(services.IllegalTransition):
        services.review_submit(buyer=buyer, order_line_id=line.pk, rating=5)
    services.order_mark_paid(order_id=order.pk)
    services.order_pack(order=order, actor=owner)
    services.order_ship(order=order, actor=owner, carrier="GHN", tracking_number="1")
    services.order_mark_delivered(order=order, actor=buyer, actor_kind=Actor.BUYER)
    review = services.review_submit(buyer=buyer, order_line_id=line.pk, rating=5, body="Ngon")
    with pytest.raises(services.IllegalTransition):
        services.review_submit(buyer=buyer, order_line_id=line.pk, rating=4)

    assert (review.rating, review.is_verified_purchase) == (5, True)
