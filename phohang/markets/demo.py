"""Markets demo: Hanoi's wholesale markets, 200 traders, a year of daily prices with Tết peaks and
fruit seasons, and a month of consignments from demo sellers in the provinces (called by
load_demo; written in bulk so loading stays fast)."""

import datetime
import math
import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from phohang.accounts.models import User
from phohang.core.text import search_fold, slugify_vi
from phohang.geo.models import Province, Ward
from phohang.sellers.models import Seller

from .models import (
    AlertSubscription,
    Consignment,
    ConsignmentEvent,
    DailyNeed,
    GoodsGroup,
    Market,
    MonitoringSetting,
    PriceProduct,
    PriceReport,
    Trader,
    Unit,
)
from .services.consignments import CODE_ALPHABET, CODE_LENGTH
from .services.prices import price_rollups_rebuild

MANAGER_EMAIL = "banquanly.longbien@phohang.vn"
TRADER_EMAIL = "tieuthuong.longbien@phohang.vn"
DEMO_LOGINS = [
    ("market manager", MANAGER_EMAIL, "Chợ đầu mối Long Biên, /cho-dau-moi/quan-ly/"),
    ("market trader", TRADER_EMAIL, "trader at Long Biên, /cho-dau-moi/bao-gia/"),
]
AUTHORITY_EMAIL = "canbo@congthuong.hanoi.gov.vn"
DEMO_BUYER_EMAIL = "nguoimua@phohang.vn"
G = GoodsGroup

# slug, name, code, kind, status, ward, street, area m², hours, goods groups, description
MARKETS = [
    (
        "long-bien",
        "Chợ đầu mối Long Biên",
        "LB",
        Market.Kind.WHOLESALE_TYPE,
        Market.Status.OPERATING,
        "Phường Hồng Hà",
        "Số 1 phố Phúc Xá",
        30_000,
        ("20:00", "08:00"),
        [G.FRUIT, G.VEGETABLES],
        "Chợ rau quả lớn nhất miền Bắc, đông nhất từ 22 giờ đến 6 giờ sáng.",
    ),
    (
        "minh-khai",
        "Chợ đầu mối nông sản Minh Khai",
        "MK",
        Market.Kind.OFFICIAL,
        Market.Status.OPERATING,
        "Phường Phú Diễn",
        "Đường Văn Tiến Dũng",
        45_000,
        ("00:00", "00:00"),
        [G.VEGETABLES, G.FRUIT, G.PORK, G.RICE, G.GROCERIES],
        "Chợ đầu mối chính thức phía Tây thành phố.",
    ),
    (
        "phia-nam",
        "Chợ đầu mối phía Nam",
        "PN",
        Market.Kind.OFFICIAL,
        Market.Status.OPERATING,
        "Phường Yên Sở",
        "Đường Pháp Vân",
        64_000,
        ("00:00", "00:00"),
        [G.VEGETABLES, G.FRUIT, G.PORK, G.POULTRY, G.FISH, G.RICE, G.GROCERIES],
        "Chợ đầu mối chính thức phía Nam, đủ nhóm hàng thiết yếu.",
    ),
    (
        "yen-so",
        "Chợ đầu mối thủy sản Yên Sở",
        "YS",
        Market.Kind.WHOLESALE_TYPE,
        Market.Status.OPERATING,
        "Phường Yên Sở",
        "Ngõ 1 đường Yên Sở",
        8_000,
        ("00:00", "06:00"),
        [G.FISH],
        "Cá đồng, cá sông và thủy sản nuôi về từ các tỉnh đồng bằng.",
    ),
    (
        "ha-vy",
        "Chợ đầu mối gia cầm Hà Vỹ",
        "HV",
        Market.Kind.WHOLESALE_TYPE,
        Market.Status.OPERATING,
        "Xã Thường Tín",
        "Thôn Hà Vỹ",
        12_000,
        ("22:00", "06:00"),
        [G.POULTRY],
        "Chợ gia cầm sống và trứng lớn nhất Hà Nội, có kiểm dịch thú y tại chỗ.",
    ),
    (
        "quang-an",
        "Chợ hoa Quảng An",
        "QA",
        Market.Kind.WHOLESALE_TYPE,
        Market.Status.OPERATING,
        "Phường Tây Hồ",
        "Đường Âu Cơ",
        5_000,
        ("01:00", "07:00"),
        [G.FLOWERS],
        "Chợ hoa đêm bên hồ Tây, hoa về từ Tây Tựu, Mê Linh và Đà Lạt.",
    ),
    (
        "phu-dong",
        "Chợ đầu mối nông sản Phù Đổng",
        "PD",
        Market.Kind.SUPPLY_CENTRE,
        Market.Status.PLANNED,
        "Xã Phù Đổng",
        "Khu đất quy hoạch ven quốc lộ 1A",
        150_000,
        ("00:00", "00:00"),
        [G.VEGETABLES, G.FRUIT, G.PORK, G.POULTRY, G.FISH],
        "Chợ đầu mối cấp vùng theo quy hoạch, phía Đông Bắc thành phố.",
    ),
]

# name, unit, group, base price (₫), essential, season (months) or None, Tết rise
PRODUCTS = [
    ("Gạo tẻ thường", Unit.KG, G.RICE, 15_500, True, None, 0.04),
    ("Gạo Bắc Hương", Unit.KG, G.RICE, 22_000, False, None, 0.05),
    ("Thịt lợn hơi", Unit.KG, G.PORK, 62_000, False, None, 0.18),
    ("Thịt lợn mông sấn", Unit.KG, G.PORK, 115_000, True, None, 0.2),
    ("Gà ta hơi", Unit.KG, G.POULTRY, 95_000, True, None, 0.25),
    ("Vịt hơi", Unit.KG, G.POULTRY, 52_000, False, None, 0.15),
    ("Trứng gà công nghiệp", Unit.DOZEN, G.POULTRY, 24_000, True, None, 0.08),
    ("Cá chép", Unit.KG, G.FISH, 58_000, True, None, 0.2),
    ("Cá trắm cỏ", Unit.KG, G.FISH, 65_000, False, None, 0.15),
    ("Cá rô phi", Unit.KG, G.FISH, 42_000, False, None, 0.1),
    ("Tôm thẻ", Unit.KG, G.FISH, 160_000, False, None, 0.12),
    ("Rau muống", Unit.KG, G.VEGETABLES, 9_000, True, None, 0.3),
    ("Cải bắp", Unit.KG, G.VEGETABLES, 7_000, False, None, 0.25),
    ("Su hào", Unit.KG, G.VEGETABLES, 8_000, False, (10, 11, 12, 1, 2, 3), 0.2),
    ("Cà chua", Unit.KG, G.VEGETABLES, 14_000, False, None, 0.2),
    ("Khoai tây", Unit.KG, G.VEGETABLES, 16_000, False, None, 0.1),
    ("Hành lá", Unit.KG, G.VEGETABLES, 25_000, False, None, 0.4),
    ("Dầu ăn", Unit.LITRE, G.GROCERIES, 42_000, True, None, 0.03),
    ("Đường trắng", Unit.KG, G.GROCERIES, 21_000, True, None, 0.04),
    ("Vải thiều Lục Ngạn", Unit.KG, G.FRUIT, 28_000, False, (5, 6, 7), 0.0),
    ("Nhãn lồng Hưng Yên", Unit.KG, G.FRUIT, 35_000, False, (7, 8, 9), 0.0),
    ("Cam Cao Phong", Unit.KG, G.FRUIT, 30_000, False, (10, 11, 12, 1, 2), 0.2),
    ("Bưởi Diễn", Unit.KG, G.FRUIT, 40_000, False, (9, 10, 11, 12, 1, 2), 0.3),
    ("Chuối tiêu", Unit.KG, G.FRUIT, 15_000, False, None, 0.25),
    ("Thanh long ruột đỏ", Unit.KG, G.FRUIT, 32_000, False, None, 0.15),
    ("Dưa hấu", Unit.KG, G.FRUIT, 12_000, False, (4, 5, 6, 7, 1, 2), 0.3),
    ("Hoa hồng Đà Lạt", Unit.BUNCH, G.FLOWERS, 60_000, False, None, 0.6),
    ("Hoa cúc vàng", Unit.BUNCH, G.FLOWERS, 35_000, False, None, 0.7),
    ("Hoa đào Nhật Tân", Unit.BUNCH, G.FLOWERS, 250_000, False, (1, 2), 0.5),
    ("Hoa ly", Unit.BUNCH, G.FLOWERS, 180_000, False, None, 0.6),
]
# The city's daily need (tonnes), after the Department's estimate of what Hanoi eats in a day.
NEEDS = {
    G.VEGETABLES: 2_700,
    G.FRUIT: 1_500,
    G.PORK: 1_000,
    G.POULTRY: 550,
    G.FISH: 700,
    G.RICE: 3_000,
}
# Lunar new year days: prices rise in the three weeks before and fall after.
TET = [datetime.date(2025, 1, 29), datetime.date(2026, 2, 17), datetime.date(2027, 2, 6)]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN = ["Hùng", "Lan", "Minh", "Hoa", "Tuấn", "Hương", "Dũng", "Thủy", "Sơn", "Mai", "Bình"]
SHOP_WORDS = {
    G.VEGETABLES: ("Rau củ", "rau muống, cải bắp, su hào, cà chua"),
    G.FRUIT: ("Hoa quả", "vải thiều, cam, bưởi, chuối, thanh long"),
    G.PORK: ("Thịt lợn", "thịt lợn mảnh, thịt mông sấn, nội tạng"),
    G.POULTRY: ("Gia cầm", "gà ta, vịt, trứng gà"),
    G.FISH: ("Thủy sản", "cá chép, cá trắm, cá rô phi, tôm"),
    G.RICE: ("Gạo", "gạo tẻ, gạo Bắc Hương, gạo nếp"),
    G.GROCERIES: ("Tạp hóa", "dầu ăn, đường, nước mắm"),
    G.FLOWERS: ("Hoa tươi", "hoa hồng, hoa cúc, hoa ly, hoa đào"),
}
# Where each goods group comes from (province codes on the 2025 map).
ORIGINS = {
    G.VEGETABLES: ["01", "31", "33", "37"],
    G.FRUIT: ["24", "33", "04", "19", "82"],
    G.PORK: ["01", "33", "37", "31"],
    G.POULTRY: ["01", "33", "24"],
    G.FISH: ["31", "33", "37", "01"],
    G.RICE: ["37", "33", "86", "82"],
    G.GROCERIES: ["79", "75"],
    G.FLOWERS: ["01", "68"],
}
KG_PER_LOT = {
    G.VEGETABLES: (6_000, 15_000),
    G.FRUIT: (5_000, 15_000),
    G.PORK: (2_000, 6_000),
    G.POULTRY: (1_500, 4_000),
    G.FISH: (2_000, 6_000),
    G.RICE: (10_000, 25_000),
    G.GROCERIES: (3_000, 8_000),
    G.FLOWERS: (300, 1_200),
}
LOT_GOODS = {
    G.VEGETABLES: ["Rau muống", "Cải bắp", "Su hào", "Cà chua", "Khoai tây"],
    G.FRUIT: ["Vải thiều", "Cam", "Bưởi", "Chuối tiêu", "Thanh long"],
    G.PORK: ["Thịt lợn mảnh"],
    G.POULTRY: ["Gà ta", "Vịt", "Trứng gà"],
    G.FISH: ["Cá chép", "Cá trắm cỏ", "Cá rô phi"],
    G.RICE: ["Gạo tẻ", "Gạo Bắc Hương"],
    G.GROCERIES: ["Dầu ăn", "Đường trắng"],
    G.FLOWERS: ["Hoa hồng", "Hoa cúc", "Hoa ly"],
}
LOTS_PER_DAY = 40
PRICE_DAYS = 365


def _time(text: str) -> datetime.time:
    hours, minutes = text.split(":")
    return datetime.time(int(hours), int(minutes))


def _ward(name: str) -> Ward:
    return Ward.objects.filter(province_id="01", name=name).first() or (
        Ward.objects.filter(province_id="01").order_by("code").first()
    )


def _person(email: str, full_name: str) -> User:
    # The foundation demo (a higher floor) made the buyer first: share its password hash.
    buyer = User.objects.filter(email=DEMO_BUYER_EMAIL).only("password").first()
    user, _created = User.objects.get_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "password": buyer.password if buyer else make_password(None),
        },
    )
    return user


def _markets() -> list[Market]:
    from phohang.logistics.models import Hub

    hub = Hub.objects.filter(name="Chợ đầu mối Long Biên").first()
    markets = []
    for slug, name, code, kind, status, ward, street, area, hours, groups, text in MARKETS:
        markets.append(
            Market(
                slug=slug,
                code=code,
                name=name,
                kind=kind,
                status=status,
                ward=_ward(ward),
                street=street,
                area_m2=area,
                opens_at=_time(hours[0]),
                closes_at=_time(hours[1]),
                goods_groups=[group.value for group in groups],
                description=text,
                hub=hub if slug == "long-bien" else None,
            )
        )
    return Market.objects.bulk_create(markets)


def _tet_factor(day: datetime.date, rise: float) -> float:
    for tet in TET:
        before = (tet - day).days
        if 0 <= before <= 21:
            return 1 + rise * (21 - before) / 21
        if -7 <= before < 0:
            return 1 + rise * (7 + before) / 14
    return 1.0


def _season_factor(day: datetime.date, season: tuple[int, ...] | None) -> float | None:
    """None out of season (no trade); in season the price is lowest at the peak."""
    if season is None:
        return 1.0
    if day.month not in season:
        return None
    position = season.index(day.month) + day.day / 31
    middle = len(season) / 2
    return 1 + 0.35 * abs(position - middle) / middle


def _prices(markets: list[Market], products: list[PriceProduct], rng: random.Random) -> list:
    today = timezone.localdate()
    reports = []
    for market in markets:
        if market.status != Market.Status.OPERATING:
            continue
        level = 1 + rng.uniform(-0.04, 0.04)
        for product, (_n, _u, group, base, _e, season, rise) in zip(
            products, PRODUCTS, strict=True
        ):
            if group.value not in market.goods_groups:
                continue
            walk = 1.0
            for back in range(PRICE_DAYS - 1, -1, -1):
                day = today - datetime.timedelta(days=back)
                walk = min(1.15, max(0.87, walk * (1 + rng.gauss(0, 0.012))))
                season_factor = _season_factor(day, season)
                if season_factor is None or rng.random() < 0.03:
                    continue
                typical = base * level * walk * season_factor * _tet_factor(day, rise)
                typical *= 1 + 0.03 * math.sin(day.toordinal() / 7 * math.pi)
                if back == 0 and product.slug == "thit-lon-mong-san" and market.slug == "phia-nam":
                    typical *= 1.22  # a spike the authority's alert picks up
                typical = round(typical / 500) * 500
                spread = max(500, round(typical * rng.uniform(0.05, 0.12) / 500) * 500)
                reports.append(
                    PriceReport(
                        market=market,
                        product=product,
                        day=day,
                        min_vnd=typical - spread,
                        typical_vnd=typical,
                        max_vnd=typical + spread,
                        source=PriceReport.Source.FORM,
                    )
                )
    return reports


def _traders(markets: list[Market], sellers: list[Seller], rng: random.Random) -> list[Trader]:
    operating = [market for market in markets if market.status == Market.Status.OPERATING]
    shares = [6, 5, 6, 2, 2, 1]
    traders = []
    for number in range(200):
        market = rng.choices(operating, weights=shares)[0]
        group = rng.choice(market.goods_groups)
        words, goods = SHOP_WORDS[GoodsGroup(group)]
        seller = rng.choice(sellers) if sellers and number % 10 == 0 else None
        name = (
            seller.name
            if seller
            else f"Hộ kinh doanh {words.lower()} {rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
        )
        stall = f"{chr(65 + number % 6)}{number // 6 + 1:02d}"
        trader = Trader(
            market=market,
            stall=stall,
            name=name,
            seller=seller,
            licence_number=f"01A8{rng.randint(10_000_000, 99_999_999)}",
            goods=goods,
            goods_group=group,
        )
        trader.search_text = search_fold(f"{name} {stall} {goods}")[:600]
        traders.append(trader)
    return Trader.objects.bulk_create(traders)


def _code(rng: random.Random, market: Market) -> str:
    return f"{market.code}-" + "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _consignments(
    markets: list[Market], traders: list[Trader], sellers: list[Seller], rng: random.Random
) -> list[Consignment]:
    operating = [market for market in markets if market.status == Market.Status.OPERATING]
    by_market = {
        market.pk: [t for t in traders if t.market_id == market.pk] for market in operating
    }
    provinces = {province.pk: province for province in Province.objects.all()}
    by_province: dict[str, list[Seller]] = {}
    for seller in sellers:
        by_province.setdefault(seller.province_id, []).append(seller)
    lychee_seller = next((s for s in sellers if "Vải thiều" in s.name), None)
    now = timezone.now()
    lots, seen = [], set()
    for back in range(30):
        for _number in range(LOTS_PER_DAY):
            market = rng.choices(operating, weights=[8, 6, 8, 3, 3, 1])[0]
            group = GoodsGroup(rng.choice(market.goods_groups))
            province = rng.choice(ORIGINS[group])
            arrived = now - datetime.timedelta(days=back, hours=rng.uniform(1, 10))
            producer = rng.choice(by_province[province]) if by_province.get(province) else None
            goods = rng.choice(LOT_GOODS[group])
            if goods == "Vải thiều" and lychee_seller is not None:
                producer, province = lychee_seller, lychee_seller.province_id
            kg = Decimal(rng.randint(*KG_PER_LOT[group]))
            code = _code(rng, market)
            while code in seen:
                code = _code(rng, market)
            seen.add(code)
            status = (
                Consignment.Status.SOLD_OUT
                if back > 1
                else rng.choice([Consignment.Status.ON_SALE, Consignment.Status.PASSED])
            )
            lots.append(
                Consignment(
                    code=code,
                    market=market,
                    trader=rng.choice(by_market[market.pk]) if by_market[market.pk] else None,
                    goods=goods,
                    goods_group=group.value,
                    quantity=kg,
                    unit=Unit.KG,
                    weight_kg=kg,
                    origin_province=provinces[province],
                    producer_seller=producer,
                    producer_name=producer.name
                    if producer
                    else f"Hợp tác xã nông nghiệp {provinces[province].short_name}",
                    harvest_date=(arrived - datetime.timedelta(days=rng.randint(0, 2))).date(),
                    certifications=["vietgap"] if rng.random() < 0.35 else [],
                    arrived_at=arrived,
                    arrived_on=timezone.localtime(arrived).date(),
                    check_kind=(
                        Consignment.Check.QUARANTINE
                        if group in (G.PORK, G.POULTRY, G.FISH)
                        else Consignment.Check.FOOD_SAFETY
                    ),
                    status=status,
                    created_at=arrived,
                )
            )
    lots = Consignment.objects.bulk_create(lots, batch_size=500)
    events = []
    for lot in lots:
        path = [Consignment.Status.ARRIVED, Consignment.Status.PASSED]
        if lot.status in (Consignment.Status.ON_SALE, Consignment.Status.SOLD_OUT):
            path.append(Consignment.Status.ON_SALE)
        if lot.status == Consignment.Status.SOLD_OUT:
            path.append(Consignment.Status.SOLD_OUT)
        for step, (before, after) in enumerate(zip(["", *path], path, strict=False)):
            events.append(
                ConsignmentEvent(
                    consignment=lot,
                    from_status=before,
                    to_status=after,
                    created_at=lot.arrived_at + datetime.timedelta(hours=step * 2),
                )
            )
    ConsignmentEvent.objects.bulk_create(events, batch_size=1000)
    return lots


def _link_lychee_product(lots: list[Consignment]) -> None:
    """The lychee cooperative's product page shows the trace of its latest lot."""
    from phohang.catalog.models import Product

    for lot in sorted(lots, key=lambda lot: lot.arrived_at, reverse=True):
        if lot.goods == "Vải thiều" and lot.producer_seller_id:
            product = Product.objects.filter(seller_id=lot.producer_seller_id).first()
            if product is not None:
                Consignment.objects.filter(pk=lot.pk).update(product=product)
            return


def load_markets_demo(stdout=None) -> None:
    rng = random.Random(2026)
    markets = _markets()
    manager = _person(MANAGER_EMAIL, "Nguyễn Văn Hùng")
    markets[0].managers.add(manager)
    products = PriceProduct.objects.bulk_create(
        [
            PriceProduct(
                slug=slugify_vi(name),
                name=name,
                name_key=search_fold(name)[:120],
                unit=unit,
                goods_group=group,
                is_essential=essential,
                sort_order=index,
            )
            for index, (name, unit, group, _base, essential, _s, _r) in enumerate(PRODUCTS)
        ]
    )
    reports = _prices(markets, products, rng)
    PriceReport.objects.bulk_create(reports, batch_size=1000)
    today = timezone.localdate()
    price_rollups_rebuild(start=today - datetime.timedelta(days=PRICE_DAYS), end=today)
    DailyNeed.objects.bulk_create(
        DailyNeed(goods_group=group.value, tonnes_per_day=Decimal(tonnes), source="Sở Công Thương")
        for group, tonnes in NEEDS.items()
    )
    MonitoringSetting.objects.create()
    authority = User.objects.filter(email=AUTHORITY_EMAIL).first()
    if authority is not None:
        AlertSubscription.objects.create(user=authority)
    sellers = list(Seller.objects.filter(is_active=True).order_by("pk"))
    traders = _traders(markets, sellers, rng)
    trader_user = _person(TRADER_EMAIL, "Trần Thị Lan")
    long_bien_trader = next(t for t in traders if t.market_id == markets[0].pk)
    long_bien_trader.users.add(trader_user)
    lots = _consignments(markets, traders, sellers, rng)
    _link_lychee_product(lots)
    if stdout is not None:
        stdout.write(
            f"Markets: {len(markets)} markets, {len(traders)} traders, {len(reports)} daily prices, "
            f"{len(lots)} consignments; the Long Biên board signs in as {MANAGER_EMAIL}, a trader "
            f"as {TRADER_EMAIL} (/cho-dau-moi/)."
        )


load_demo = load_markets_demo
