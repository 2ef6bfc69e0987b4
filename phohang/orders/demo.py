"""Demo orders in several states, built through the real services (so stock and history add up)."""

from phohang.accounts.models import User
from phohang.catalog.models import Product, ProductVariant
from phohang.geo.models import Ward
from phohang.sellers.models import SellerMember

from . import services
from .services.state import Actor

DEMO_BUYER_EMAIL = "nguoimua.demo@phohang.vn"


def _variants(limit: int) -> list[ProductVariant]:
    variants = (
        ProductVariant.objects.filter(product__status=Product.Status.PUBLISHED, stock_on_hand__gt=5)
        .select_related("product__seller")
        .order_by("seller_id", "id")
    )
    picked, sellers = [], set()
    for variant in variants[:200]:
        if variant.seller_id not in sellers or len(picked) < limit // 2:
            picked.append(variant)
            sellers.add(variant.seller_id)
        if len(picked) >= limit:
            break
    return picked


def load_demo(stdout) -> None:
    variants = _variants(6)
    if not variants:
        stdout.write("orders demo: no published products with stock; skipped")
        return
    buyer, created = User.objects.get_or_create(
        email=DEMO_BUYER_EMAIL, defaults={"full_name": "Phạm Thị Mai"}
    )
    if created:
        buyer.set_unusable_password()
        buyer.save(update_fields=["password"])
    if buyer.orders.exists():
        stdout.write("orders demo: already loaded")
        return
    ward = Ward.objects.filter(province_id="01").order_by("code").first()

    def place(items, method):
        return services.checkout_place(
            buyer=buyer,
            items=[(v.pk, q) for v, q in items],
            street="18 phố Hàng Bạc",
            ward=ward,
            province=ward.province,
            recipient_name="Phạm Thị Mai",
            recipient_phone="0912345678",
            payment_method=method,
        )

    def seller_user(order):
        member = SellerMember.objects.filter(seller_id=order.seller_id, is_active=True).first()
        return member.user if member else None

    first, *rest = variants
    confirmed = place([(first, 1)], "cod").orders.first()
    place([(v, 1) for v in rest[:2]] or [(first, 1)], "vietqr")
    shipped = place([(rest[-1] if rest else first, 2)], "cod").orders.first()
    services.order_pack(order=shipped, actor=seller_user(shipped))
    services.order_ship(
        order=shipped, actor=seller_user(shipped), carrier="GHN", tracking_number="GHN8842117"
    )
    cancelled = place([(first, 1)], "cod").orders.first()
    services.order_cancel(order=cancelled, actor=buyer, actor_kind=Actor.BUYER, reason="Đặt nhầm")
    stdout.write(f"orders demo: 4 checkouts for {buyer.email} (first {confirmed.number})")
