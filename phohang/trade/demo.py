"""Trade-connection demo: buying organisations in Hanoi, offers from the provinces, quotes, a contract."""

from datetime import date, timedelta

from django.utils import timezone

from phohang.accounts.models import Consent, User
from phohang.accounts.services import consent_grant, consent_is_given
from phohang.catalog.models import Category
from phohang.sellers.models import Seller, SellerMember

from . import services
from .models import BuyerOrganisation

# The buying organisations' purchasers; the supermarket's is a printed demo login.
ORGANISATION_BUYERS = {
    "Chuỗi siêu thị Hà Nội Xanh": ("thumua.hanoixanh@phohang.vn", "Trần Quốc Bảo"),
    "Chợ đầu mối nông sản Long Biên": ("kinhdoanh.longbien@phohang.vn", "Đỗ Văn Hải"),
    "Bếp ăn bán trú Trường Tiểu học Dịch Vọng": ("bepan.dichvong@phohang.vn", "Lê Thị Thu"),
}

# (seller name, title, category slug, quantity, unit, period, season, origin, price range, certs, stars)
OFFERS = [
    (
        "Công ty CP Đặc sản Điện Biên",
        "Gạo tám thơm Điện Biên đạt VietGAP",
        "gao-ngu-coc",
        10,
        "tonne",
        "month",
        [],
        "11",
        (21_000_000, 24_000_000),
        ["vietgap"],
        4,
    ),
    (
        "Hợp tác xã Gạo ST25 Sóc Trăng",
        "Gạo ST25 Sóc Trăng",
        "gao-ngu-coc",
        20,
        "tonne",
        "month",
        [],
        "92",
        (30_000_000, 34_000_000),
        ["vietgap"],
        5,
    ),
    (
        "Hợp tác xã Vải thiều Lục Ngạn",
        "Vải thiều Lục Ngạn VietGAP",
        "trai-cay",
        50,
        "tonne",
        "season",
        [5, 6, 7],
        "24",
        (25_000, 35_000),
        ["vietgap"],
        4,
    ),
    (
        "Hợp tác xã Chè Tân Cương",
        "Chè búp Tân Cương sao suốt",
        "che-tra",
        300,
        "kg",
        "month",
        [],
        "19",
        (350_000, 450_000),
        ["vietgap"],
        4,
    ),
    (
        "Công ty CP Nước mắm Phú Quốc Hưng Thành",
        "Nước mắm Phú Quốc 40 độ đạm",
        "nuoc-mam-gia-vi",
        2000,
        "l",
        "month",
        [],
        "91",
        (85_000, 110_000),
        ["haccp", "iso22000"],
        4,
    ),
]

# (organisation, kind, title, category slug, quantity, unit, frequency, certs, stars, ceiling)
DEMANDS = [
    (
        "Chuỗi siêu thị Hà Nội Xanh",
        BuyerOrganisation.Kind.SUPERMARKET,
        "Gạo tám thơm đạt VietGAP, đóng bao 25 kg",
        "gao-ngu-coc",
        2,
        "tonne",
        "monthly",
        ["vietgap"],
        0,
        25_000_000,
    ),
    (
        "Chợ đầu mối nông sản Long Biên",
        BuyerOrganisation.Kind.WHOLESALE_MARKET,
        "Vải thiều tươi chính vụ",
        "trai-cay",
        20,
        "tonne",
        "weekly",
        ["vietgap"],
        0,
        32_000,
    ),
    (
        "Chuỗi siêu thị Hà Nội Xanh",
        BuyerOrganisation.Kind.SUPERMARKET,
        "Nước mắm truyền thống Phú Quốc chai 500 ml",
        "nuoc-mam-gia-vi",
        1000,
        "l",
        "monthly",
        ["haccp"],
        3,
        120_000,
    ),
    (
        "Bếp ăn bán trú Trường Tiểu học Dịch Vọng",
        BuyerOrganisation.Kind.SCHOOL_KITCHEN,
        "Gạo ST25 cho bếp ăn",
        "gao-ngu-coc",
        500,
        "kg",
        "monthly",
        [],
        0,
        None,
    ),
]


def _member(seller: Seller) -> User | None:
    membership = SellerMember.objects.filter(seller=seller, is_active=True).select_related("user")
    return membership.first().user if membership.exists() else None


def _opt_in(user: User) -> None:
    if not consent_is_given(user=user, purpose=Consent.Purpose.MATCHING):
        consent_grant(user=user, purpose=Consent.Purpose.MATCHING)


def load_demo(stdout) -> None:
    categories = {c.slug: c for c in Category.objects.all()}
    if not categories:
        stdout.write("trade: skipped (no categories)")
        return
    buyers = {}
    for organisation_name, (email, full_name) in ORGANISATION_BUYERS.items():
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email=email, password=None, full_name=full_name
        )
        _opt_in(user)
        buyers[organisation_name] = user
    today = timezone.localdate()
    offers = {}
    for (
        seller_name,
        title,
        slug,
        quantity,
        unit,
        period,
        season,
        origin,
        prices,
        certs,
        stars,
    ) in OFFERS:
        seller = Seller.objects.filter(name=seller_name).first()
        if seller is None or slug not in categories:
            continue
        user = _member(seller)
        if user is None:
            user = User.objects.create_user(
                email=f"trade.{seller.slug[:40]}@phohang.vn",
                password=None,
                full_name=f"Kinh doanh {seller.name}"[:120],
            )
            SellerMember.objects.create(seller=seller, user=user, role=SellerMember.Role.STAFF)
        _opt_in(user)
        offers[seller_name] = (
            seller,
            user,
            services.offer_create(
                user=user,
                seller=seller,
                data=services.OfferData(
                    title=title,
                    category_id=categories[slug].pk,
                    quantity=quantity,
                    unit=unit,
                    period=period,
                    season_months=season,
                    origin_province_id=origin,
                    price_min_vnd=prices[0],
                    price_max_vnd=prices[1],
                    certifications=certs,
                    ocop_stars=stars,
                    description="Nhận đơn hàng tháng cho siêu thị, chợ đầu mối và bếp ăn.",
                ),
            ),
        )
    organisations: dict[str, BuyerOrganisation] = {}
    demands = []
    for name, kind, title, slug, quantity, unit, frequency, certs, stars, ceiling in DEMANDS:
        if slug not in categories:
            continue
        if name not in organisations:
            organisations[name] = services.organisation_create(
                user=buyers[name], name=name, kind=kind, province_id="01"
            )
        start = today + timedelta(days=14)
        if slug == "trai-cay":  # lychee is picked May–July: ask for the next harvest
            start = date(today.year + (1 if today.month >= 5 else 0), 5, 20)
        demands.append(
            services.demand_create(
                user=buyers[name],
                organisation=organisations[name],
                data=services.DemandData(
                    title=title,
                    category_id=categories[slug].pk,
                    quantity=quantity,
                    unit=unit,
                    frequency=frequency,
                    delivery_province_id="01",
                    delivery_start=start,
                    delivery_end=start + timedelta(days=120),
                    closing_date=today + timedelta(days=10),
                    certifications=certs,
                    min_ocop_stars=stars,
                    price_ceiling_vnd=ceiling,
                    description="Giao tại kho, thanh toán chuyển khoản trong 15 ngày.",
                ),
            )
        )
    if "Công ty CP Đặc sản Điện Biên" in offers and demands:
        seller, user, offer = offers["Công ty CP Đặc sản Điện Biên"]
        services.quote_submit(
            user=user,
            seller=seller,
            demand=demands[0],
            data=services.QuoteData(
                price_per_unit_vnd=23_500_000,
                quantity=2,
                delivery_start=demands[0].delivery_start,
                delivery_end=demands[0].delivery_end,
                valid_until=today + timedelta(days=20),
                note="Gạo vụ mùa, đóng bao 25 kg, giao bằng xe tải đến kho Hà Nội.",
                offer_id=offer.pk,
            ),
        )
    if "Công ty CP Nước mắm Phú Quốc Hưng Thành" in offers and len(demands) > 2:
        seller, user, offer = offers["Công ty CP Nước mắm Phú Quốc Hưng Thành"]
        quote = services.quote_submit(
            user=user,
            seller=seller,
            demand=demands[2],
            data=services.QuoteData(
                price_per_unit_vnd=95_000,
                quantity=600,
                delivery_start=demands[2].delivery_start,
                delivery_end=demands[2].delivery_start + timedelta(days=65),
                valid_until=today + timedelta(days=20),
                offer_id=offer.pk,
            ),
        )
        services.quote_accept(user=demands[2].created_by, quote=quote, quantity=600)
    stdout.write(
        f"trade: {len(offers)} offers, {len(demands)} demands, {len(organisations)} organisations"
    )
