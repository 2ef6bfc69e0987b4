"""Livestream demo: Hợp tác xã Chè Tân Cương's session tomorrow evening, and last week's session
(ended by the presenter) with its pinned teas and viewers' comments."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from phohang.accounts.models import User
from phohang.catalog.models import Product
from phohang.core.transitions import history_start
from phohang.sellers.models import SellerMember

from .models import LiveComment, LivePin, LiveSession, LiveSessionEvent
from .services import SESSION

SELLER_EMAIL = "htx.chetancuong@phohang.vn"
BUYER_EMAIL = "nguoimua@phohang.vn"
PLAYER = "https://www.youtube.com/embed/live_stream?channel=UCphohangchetancuong"
COMMENTS = [
    ("Chè búp loại đặc biệt còn hàng không ạ?", 4),
    ("Còn ạ, shop vừa ghim lên, chị bấm Mua ngay nhé.", 6),
    ("Pha nước thứ hai vẫn thơm cốm, cảm ơn shop!", 21),
    ("Giao về Đà Nẵng mất mấy ngày vậy shop?", 33),
]


def _at(day, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def load_demo(stdout=None) -> None:
    owner = User.objects.filter(email=SELLER_EMAIL).first()
    member = owner and SellerMember.objects.filter(user=owner).select_related("seller").first()
    if member is None:
        return
    seller = member.seller
    products = list(Product.objects.published().filter(seller=seller).order_by("title")[:2])
    today = timezone.localdate()
    scheduled = LiveSession.objects.create(
        seller=seller,
        host=owner,
        title="Chè Tân Cương vụ đông: giới thiệu và ưu đãi",
        description="Hướng dẫn pha chè búp đúng cách, giải đáp trực tiếp và giá ưu đãi.",
        scheduled_start=_at(today + timedelta(days=1), 20),
        scheduled_end=_at(today + timedelta(days=1), 21, 30),
        player_url=PLAYER,
        created_by=owner,
    )
    history_start(SESSION, scheduled, actor=owner)
    start = _at(today - timedelta(days=7), 20)
    past = LiveSession.objects.create(
        seller=seller,
        host=owner,
        title="Đêm chè Thái Nguyên: hái, sao, pha",
        description="Phiên trực tiếp từ đồi chè Tân Cương.",
        scheduled_start=start,
        scheduled_end=start + timedelta(hours=1),
        player_url=PLAYER,
        status=LiveSession.Status.ENDED,
        business_conditions_confirmed=True,
        product_quality_confirmed=True,
        advertising=LiveSession.Advertising.NOT_REQUIRED,
        documents_confirmed_at=start - timedelta(hours=2),
        documents_confirmed_by=owner,
        created_by=owner,
        started_at=start,
        ended_at=start + timedelta(minutes=55),
    )
    LiveSessionEvent.objects.bulk_create(
        [
            LiveSessionEvent(session=past, to_status="scheduled", actor=owner, created_at=start),
            LiveSessionEvent(
                session=past,
                from_status="scheduled",
                to_status="live",
                actor=owner,
                created_at=start,
            ),
            LiveSessionEvent(
                session=past,
                from_status="live",
                to_status="ended",
                actor=owner,
                created_at=past.ended_at,
            ),
        ]
    )
    LivePin.objects.bulk_create(
        LivePin(
            session=past,
            product=product,
            pinned_by=owner,
            pinned_at=start + timedelta(minutes=3 + 10 * index),
            unpinned_at=past.ended_at,
        )
        for index, product in enumerate(products)
    )
    buyer = User.objects.filter(email=BUYER_EMAIL).first()
    for index, (body, minute) in enumerate(COMMENTS):
        author = owner if index == 1 else buyer
        LiveComment.objects.create(
            session=past,
            author=author,
            author_name=author.full_name if author else "Người xem",
            body=body,
            created_at=start + timedelta(minutes=minute),
        )
    if stdout is not None:
        stdout.write("Livestream: 1 scheduled and 1 past session.")
