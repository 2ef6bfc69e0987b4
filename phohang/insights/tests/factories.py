"""Orders and contracts written straight to the owning apps' tables: fixtures for the projection."""

import itertools
from datetime import datetime

from django.utils import timezone

from phohang.accounts.tests.factories import UserFactory
from phohang.catalog.tests.factories import OcopProductFactory, ProductFactory, VariantFactory
from phohang.orders.models import Checkout, Order, OrderLine, ReturnLine, ReturnRequest
from phohang.sellers.tests.factories import AddressFactory, SellerFactory

_numbers = itertools.count(1)


def product_of(seller, *, ocop: bool = False, category=None, price: int = 100_000):
    factory = OcopProductFactory if ocop else ProductFactory
    extra = {"category": category} if category is not None else {}
    product = factory(seller=seller, origin_province=seller.province, **extra)
    return VariantFactory(product=product, price_vnd=price)


def order_make(
    *,
    variants: list[tuple],
    buyer=None,
    buyer_province: str = "01",
    status: str = Order.Status.PAID,
    created_at: datetime | None = None,
) -> Order:
    """One order of `variants` ((variant, quantity) pairs, one seller) as checkout would leave it."""
    n = next(_numbers)
    buyer = buyer or UserFactory()
    created_at = created_at or timezone.now()
    seller = variants[0][0].seller
    subtotal = sum(variant.price_vnd * quantity for variant, quantity in variants)
    checkout = Checkout.objects.create(
        buyer=buyer, reference=f"PH{n:08d}", payment_method="cod", total_vnd=subtotal
    )
    order = Order.objects.create(
        number=f"T{n:09d}",
        checkout=checkout,
        buyer=buyer,
        seller=seller,
        status=status,
        payment_method="cod",
        recipient_name="Lê Thị Hoa",
        recipient_phone="+84912345678",
        address=AddressFactory(province_code=buyer_province),
        subtotal_vnd=subtotal,
        shipping_vnd=0,
        total_vnd=subtotal,
        created_at=created_at,
    )
    for variant, quantity in variants:
        OrderLine.objects.create(
            order=order,
            variant=variant,
            product=variant.product,
            category=variant.product.category,
            title=variant.product.title,
            sku=variant.sku,
            unit_price_vnd=variant.price_vnd,
            quantity=quantity,
        )
    return order


def order_refund(order: Order, returned: dict | None = None) -> None:
    """Mark `order` refunded; `returned` maps order lines to quantities (None: the whole order)."""
    if returned:
        request = ReturnRequest.objects.create(
            order=order, reason="Hàng hỏng", status=ReturnRequest.Status.ACCEPTED
        )
        for line, quantity in returned.items():
            ReturnLine.objects.create(return_request=request, order_line=line, quantity=quantity)
    Order.objects.filter(pk=order.pk).update(status=Order.Status.REFUNDED)


__all__ = ["SellerFactory", "order_make", "order_refund", "product_of"]
