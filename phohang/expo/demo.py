"""Expo demo: the city's OCOP week at the national exhibition centre, with booths, exhibitors,
trade buyers, accepted meeting requests and a provisional agenda from the scheduler."""

from datetime import time, timedelta

from django.utils import timezone

from phohang.accounts.models import User
from phohang.catalog.models import Category, Product
from phohang.core.audit import AuditContext
from phohang.sellers.models import Seller, SellerMember

from . import services
from .models import Event, Hall, Venue

ORGANISER_EMAIL = "canbo@congthuong.hanoi.gov.vn"
BUYER_EMAIL = "nguoimua@phohang.vn"
# (organisation, buyer's name, e-mail, province, what they seek)
TRADE_BUYERS = [
    (
        "Hệ thống siêu thị BRG Mart",
        "Nguyễn Thị Mai Anh",
        BUYER_EMAIL,
        "01",
        "Chè, gạo và đặc sản OCOP 4 sao trở lên cho 40 siêu thị",
    ),
    (
        "Công ty CP Thực phẩm Hapro",
        "Lê Văn Cường",
        "hapro.muahang@phohang.vn",
        "01",
        "Quà Tết: hộp quà chè, mật ong, miến dong",
    ),
    (
        "Siêu thị Co.opmart Hà Đông",
        "Trần Thị Hồng",
        "coopmart.hadong@phohang.vn",
        "01",
        "Rau củ an toàn và gạo đặc sản, giao hàng tuần",
    ),
    (
        "Công ty TNHH Xuất nhập khẩu Kinh Bắc",
        "Phạm Minh Tuấn",
        "kinhbac.xnk@phohang.vn",
        "24",
        "Gốm sứ và đồ thủ công mỹ nghệ để xuất khẩu",
    ),
]


def _organiser() -> User | None:
    return User.objects.filter(email=ORGANISER_EMAIL).first()


def _venue() -> Venue:
    venue, _created = Venue.objects.get_or_create(
        name="Trung tâm Hội chợ Triển lãm Quốc gia (VEC)",
        defaults={"address": "Xã Đông Anh, thành phố Hà Nội", "province_id": "01"},
    )
    for name, columns, rows in (("Nhà A", 14, 8), ("Nhà B", 12, 8)):
        Hall.objects.get_or_create(
            venue=venue, name=name, defaults={"columns": columns, "rows": rows}
        )
    return venue


def _buyer(email: str, full_name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        donor = User.objects.filter(email=BUYER_EMAIL).first()
        user = User.objects.create(
            email=email, full_name=full_name, password=donor.password if donor else "!"
        )
    return user


def load_demo(stdout=None) -> None:
    organiser = _organiser()
    if organiser is None or Event.objects.exists():
        return
    context = AuditContext(actor=organiser, purpose="demo")
    today = timezone.localdate()
    starts = today + timedelta(days=12)
    venue = _venue()
    categories = list(Category.objects.filter(parent__isnull=True).values_list("pk", flat=True)[:8])
    event = services.event_create(
        user=organiser,
        data=services.EventData(
            name_vi="Tuần hàng OCOP và đặc sản vùng miền Hà Nội",
            name_en="Hanoi OCOP and regional specialty week",
            kind=Event.Kind.OCOP_WEEK,
            description=(
                "Hơn 200 sản phẩm OCOP từ Hà Nội và các tỉnh, thành phố; phiên kết nối giao thương "
                "giữa nhà sản xuất với siêu thị, chợ đầu mối và doanh nghiệp xuất khẩu."
            ),
            starts_on=starts,
            ends_on=starts + timedelta(days=4),
            venue_id=venue.pk,
            hall_ids=list(venue.halls.values_list("pk", flat=True)),
            category_ids=categories,
            exhibitors_open_on=today - timedelta(days=20),
            exhibitors_close_on=starts - timedelta(days=3),
            visitors_open_on=today - timedelta(days=20),
            visitors_close_on=starts + timedelta(days=4),
            booth_fee_vnd=4_500_000,
            meeting_day=starts + timedelta(days=1),
            first_slot_at=time(9, 0),
            slot_minutes=20,
            slot_count=12,
            tables=20,
            max_meetings=8,
            is_published=True,
        ),
        context=context,
    )
    hall_a, hall_b = event.halls.order_by("name")
    # Hall A: two double rows of standard booths along the aisles; hall B: double booths.
    spots_a = [(row, column) for row in (1, 2, 5, 6) for column in range(1, 9)]
    spots_b = [(row, column) for row in (1, 5) for column in (1, 3, 5, 7, 9)]
    for hall, prefix, spots, width in ((hall_a, "A", spots_a, 1), (hall_b, "B", spots_b, 2)):
        for number, (row, column) in enumerate(spots, start=1):
            services.booth_create(
                user=organiser,
                event=event,
                hall=hall,
                code=f"{prefix}-{number:02d}",
                column=column,
                row=row,
                width=width,
                context=context,
            )
    exhibitors = []
    sellers = Seller.objects.filter(is_active=True, is_verified=True).order_by("created_at", "pk")[
        :14
    ]
    for index, seller in enumerate(sellers):
        member = SellerMember.objects.filter(seller=seller, role=SellerMember.Role.OWNER).first()
        if member is None:
            continue
        products = Product.objects.filter(seller=seller, status=Product.Status.PUBLISHED)
        exhibitor = services.exhibitor_apply(
            user=member.user,
            seller=seller,
            event=event,
            booth_size="2x1" if index % 4 == 3 else "1x1",
            preferred_hall=hall_b if index % 4 == 3 else hall_a,
            product_ids=list(products.values_list("pk", flat=True)[:6]),
            note="Xin gian gần lối vào chính." if index % 3 == 0 else "",
            today=today,
        )
        if index < 11:
            services.exhibitor_approve(user=organiser, exhibitor=exhibitor, context=context)
            exhibitor.refresh_from_db()
            exhibitors.append((exhibitor, member.user))
            if index % 2 == 0:
                services.exhibitor_fee_paid(user=organiser, exhibitor=exhibitor, context=context)
    for organisation, full_name, email, province, seeking in TRADE_BUYERS:
        user = _buyer(email, full_name)
        registration = services.registration_create(
            user=user,
            event=event,
            kind="trade",
            full_name=full_name,
            organisation=organisation,
            province_id=province,
            seeking=seeking,
            category_ids=categories[:3],
            today=today,
        )
        buyer = registration.participant
        for position, (exhibitor, owner) in enumerate(exhibitors[:6]):
            if (position + len(organisation)) % 3 == 2:
                continue
            preference = "must" if position == 0 else "want"
            request = services.meeting_request_mark(
                user=user, requester=buyer, recipient=exhibitor.participant, preference=preference
            )
            if position % 4 != 3:
                services.meeting_request_answer(user=owner, request=request, accept=True)
    services.schedule_start(user=organiser, event=event, time_limit_s=3, context=context)
    if stdout is not None:
        stdout.write(f"Expo: {event.name_vi} with {len(exhibitors)} exhibitors.")
