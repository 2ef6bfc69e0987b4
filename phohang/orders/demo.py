"""Demo orders through the real services, so stock, history and the timeline add up.

The printed demo buyer has an order in each state a shopper meets (awaiting payment, confirmed,
packed, shipped, delivered with a review, completed, cancelled), placed over the past weeks; a
few dozen other buyers bought and reviewed the catalogue's best-known products, so products
show ratings and sales."""

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from phohang.accounts.models import User
from phohang.catalog.models import ProductVariant
from phohang.core.audit import AuditContext
from phohang.geo.models import Ward
from phohang.sellers.models import SellerMember

from . import services
from .models import Order, PaymentMethod
from .services.state import Actor, order_transition

S = Order.Status
DEMO_BUYER_EMAIL = "nguoimua@phohang.vn"
DEMO_BUYER_NAME = "Nguyễn Thị Mai Anh"
DEMO_BUYER_PHONE = "0912345678"
DEMO_BUYER_STREET = "18 phố Hàng Bạc"
DEMO_BUYER_WARD = "Phường Hoàn Kiếm"

# The printed buyer's orders: (product title, variant position, quantity, payment, final
# state, days ago, review (stars, text) or None).
BUYER_ORDERS = [
    ("Chè búp Tân Cương", 1, 2, "vietqr", S.COMPLETED, 41,
     (5, "Chè thơm cốm, nước xanh vàng, vị chát dịu rồi ngọt hậu. Gói hút chân không cẩn thận.")),
    ("Bưởi Diễn Phú Thượng", 1, 1, "vietqr", S.DELIVERED, 5,
     (4, "Bưởi mọng nước, ngọt thanh; hộp quà đẹp, biếu ông bà rất ưng. Giao hơi chậm một ngày.")),
    ("Nước mắm nhĩ Phú Quốc 43 độ đạm", 1, 1, "vietqr", S.SHIPPED, 1, None),
    ("Gạo ST25 hữu cơ Sóc Trăng", 1, 1, "cod", S.PACKED, 0, None),
    ("Bánh cốm Hàng Than nhân đậu xanh dừa", 0, 2, "cod", S.CONFIRMED, 0, None),
    ("Mật ong hoa bạc hà Mèo Vạc", 0, 1, "cod", S.CANCELLED, 12, None),
    ("Cà phê Robusta Buôn Ma Thuột rang mộc", 1, 1, "vietqr", S.AWAITING_PAYMENT, 0, None),
]  # fmt: skip

# Other buyers: (email, name, province code). Their accounts cannot sign in.
REVIEWERS = [
    ("tran.thu.ha@phohang.vn", "Trần Thu Hà", "01"),
    ("le.minh.quan@phohang.vn", "Lê Minh Quân", "79"),
    ("pham.ngoc.lan@phohang.vn", "Phạm Ngọc Lan", "48"),
    ("vu.duc.anh@phohang.vn", "Vũ Đức Anh", "31"),
    ("hoang.bao.chau@phohang.vn", "Hoàng Bảo Châu", "92"),
    ("do.thanh.tung@phohang.vn", "Đỗ Thanh Tùng", "01"),
    ("ngo.kim.oanh@phohang.vn", "Ngô Kim Oanh", "19"),
    ("bui.quoc.viet@phohang.vn", "Bùi Quốc Việt", "40"),
    ("dang.thi.hue@phohang.vn", "Đặng Thị Huế", "46"),
    ("ly.gia.han@phohang.vn", "Lý Gia Hân", "79"),
]
REVIEW_TEXTS = {
    5: [
        "Hàng đúng như mô tả, đóng gói rất cẩn thận. Sẽ ủng hộ tiếp.",
        "Chất lượng tốt, đúng đặc sản quê. Người bán tư vấn nhiệt tình.",
        "Mua lần thứ hai rồi, lần nào cũng ưng. Giao nhanh.",
        "Mua làm quà biếu, cả nhà khen. Có tem truy xuất nguồn gốc.",
    ],
    4: [
        "Hàng tốt, giá hợp lý. Giao chậm hơn dự kiến một chút.",
        "Chất lượng ổn, đóng gói chắc chắn; hộp hơi móp góc.",
        "Đúng hàng, dùng thấy ngon. Mong shop có thêm cỡ nhỏ.",
    ],
    3: [
        "Tạm được, không đặc sắc như mong đợi.",
        "Hàng bình thường, giao hàng lâu.",
    ],
    2: ["Sản phẩm không giống ảnh lắm, người bán có nhắn hỏi lại và xin lỗi."],
}
REVIEWED_PRODUCTS = 48


def _buyer(email: str, name: str) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": name})
    if created:
        user.password = make_password(None)
        user.save(update_fields=["password"])
    return user


def _seller_user(order: Order) -> User | None:
    member = SellerMember.objects.filter(seller_id=order.seller_id, is_active=True).first()
    return member.user if member else None


def _advance(order: Order, to: str, *, when, now, rng: random.Random) -> None:
    """Walk `order` from where checkout left it to `to`, one service transition at a time,
    each stamped hours after the last (never later than now) so the timeline reads like a
    real one."""
    seller = _seller_user(order)
    paid = order.payment_method != PaymentMethod.COD
    steps = [(S.PAID, Actor.PAYMENT, None, {})] if paid else []
    steps += [
        (S.PACKED, Actor.SELLER, seller, {}),
        (
            S.SHIPPED,
            Actor.SELLER,
            seller,
            {"carrier": "GHN", "tracking_number": f"GHN{rng.randint(10**9, 10**10 - 1)}"},
        ),
        (S.DELIVERED, Actor.BUYER, order.buyer, {}),
        (S.COMPLETED, Actor.BUYER, order.buyer, {}),
    ]
    if to == S.CANCELLED:
        order_transition(
            order_id=order.pk,
            to_status=S.CANCELLED,
            actor_kind=Actor.BUYER,
            actor=order.buyer,
            note="Đặt nhầm số lượng",
            fields={"cancel_reason": "Đặt nhầm số lượng"},
            now=when + timedelta(hours=2),
        )
        return
    at = when
    for index, (status, kind, actor, fields) in enumerate(steps):
        if order.status == to:
            return
        latest = now - timedelta(minutes=7 * (len(steps) - index))
        at = max(min(at + timedelta(hours=rng.randint(3, 20)), latest), at + timedelta(minutes=2))
        order = order_transition(
            order_id=order.pk,
            to_status=status,
            actor_kind=kind,
            actor=actor,
            fields=fields,
            now=at,
        )


def _online() -> str:
    """The online payment this deployment offers (VietQR on a laptop with the demo account)."""
    enabled = services.payment_methods_enabled()
    return next((m for m in (PaymentMethod.VIETQR, PaymentMethod.VNPAY) if m in enabled), "cod")


def _daytime(now, days: int, rng: random.Random):
    """A moment in shop hours (8:00–21:59, local time) `days` days ago, never in the future."""
    day = timezone.localtime(now) - timedelta(days=days)
    at = day.replace(hour=rng.randint(8, 21), minute=rng.randint(0, 59), second=0, microsecond=0)
    return min(at, now - timedelta(minutes=90))


def _place(buyer: User, items, method: str, ward: Ward, street: str, phone: str, when):
    if method != PaymentMethod.COD:
        method = _online()
    return services.checkout_place(
        buyer=buyer,
        items=[(variant.pk, quantity) for variant, quantity in items],
        street=street,
        ward=ward,
        province=ward.province,
        recipient_name=buyer.full_name,
        recipient_phone=phone,
        payment_method=method,
        now=when,
    )


def _variant(title: str, position: int) -> ProductVariant | None:
    return (
        ProductVariant.objects.for_sale()
        .filter(product__title=title, position__lte=position, stock_on_hand__gte=5)
        .order_by("-position")
        .first()
    )


def _review(
    order: Order, buyer: User, rating: int, body: str, *, moderator: User | None = None
) -> None:
    """The buyer's review; published when a `moderator` is given (else it waits in the queue)."""
    for line in order.lines.all():
        review = services.review_submit(
            buyer=buyer, order_line_id=line.pk, rating=rating, body=body
        )
        if moderator is not None:
            services.review_publish(review=review, context=AuditContext(actor=moderator))


def _buyer_orders(buyer: User, rng: random.Random, now) -> int:
    ward = (
        Ward.objects.filter(province_id="01", name=DEMO_BUYER_WARD).first()
        or Ward.objects.filter(province_id="01").order_by("code").first()
    )
    services.saved_address_add(
        user=buyer,
        street=DEMO_BUYER_STREET,
        ward=ward,
        province=ward.province,
        recipient_name=DEMO_BUYER_NAME,
        recipient_phone=DEMO_BUYER_PHONE,
        label="Nhà riêng",
        make_default=True,
    )
    placed = 0
    for title, position, quantity, method, state, days, review in BUYER_ORDERS:
        variant = _variant(title, position)
        if variant is None:
            continue
        # An unpaid online order holds its stock for minutes only: it was placed just now.
        if state == S.AWAITING_PAYMENT:
            when = now - timedelta(minutes=4)
        else:
            when = _daytime(now, days, rng)
        order = _place(
            buyer, [(variant, quantity)], method, ward, DEMO_BUYER_STREET, DEMO_BUYER_PHONE, when
        ).orders.get()
        _advance(order, state, when=when, now=now, rng=rng)
        if review:
            _review(order, buyer, *review)
        placed += 1
    return placed


def _reviewed_sales(rng: random.Random, now) -> int:
    """Completed, reviewed orders from other buyers for the best-known products."""
    buyers = [(_buyer(email, name), province) for email, name, province in REVIEWERS]
    wards = {
        province: Ward.objects.filter(province_id=province).order_by("code")[5]
        for _buyer_row, province in buyers
    }
    starred = list(
        ProductVariant.objects.for_sale()
        .filter(position=0, stock_on_hand__gte=25, product__ocop_stars__isnull=False)
        .select_related("product")
        .order_by("product__seller_id", "product_id")
    )
    rng.shuffle(starred)
    moderator = User.objects.filter(is_authority=True, is_city_authority=True).first()
    reviews = 0
    for variant in starred[:REVIEWED_PRODUCTS]:
        for buyer, province in rng.sample(buyers, rng.randint(1, 3)):
            rating = rng.choices([5, 4, 3, 2], weights=[58, 30, 9, 3])[0]
            when = _daytime(now, rng.randint(8, 120), rng)
            order = _place(
                buyer,
                [(variant, rng.choice([1, 1, 2]))],
                "vietqr",
                wards[province],
                f"{rng.randint(2, 180)} đường Trần Phú",
                f"09{rng.randint(10_000_000, 99_999_999)}",
                when,
            ).orders.get()
            _advance(order, S.COMPLETED, when=when, now=now, rng=rng)
            # Most reviews were checked long ago; every ninth still waits for the moderators.
            _review(
                order,
                buyer,
                rating,
                rng.choice(REVIEW_TEXTS[rating]),
                moderator=moderator if reviews % 9 else None,
            )
            reviews += 1
    return reviews


def load_demo(stdout) -> None:
    buyer = User.objects.filter(email=DEMO_BUYER_EMAIL).first()
    if buyer is None:
        stdout.write("orders demo: no demo buyer; skipped")
        return
    if buyer.orders.exists():
        stdout.write("orders demo: already loaded")
        return
    if not ProductVariant.objects.for_sale().exists():
        stdout.write("orders demo: no published products with stock; skipped")
        return
    rng = random.Random(2026)
    now = timezone.now()
    placed = _buyer_orders(buyer, rng, now)
    reviews = _reviewed_sales(rng, now)
    stdout.write(
        f"orders demo: {placed} orders for {buyer.email} in several states; "
        f"{reviews} reviewed orders from {len(REVIEWERS)} other buyers"
    )
