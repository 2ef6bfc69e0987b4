"""Logistics demo: Long Biên wholesale market's fleet and tomorrow's 60 stops, called by load_demo."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from phohang.accounts.models import User
from phohang.geo.models import Ward
from phohang.sellers.models import Seller

from .models import CodFee, Hub, ShippingRate, Stop, Vehicle
from .places import ward_point

HUB_MANAGER_EMAIL = "dieuphoi.longbien@phohang.vn"
DEMO_BUYER_EMAIL = "nguoimua@phohang.vn"
# Printed by `manage.py demo_logins` after the foundation's logins.
DEMO_LOGINS = [("hub manager", HUB_MANAGER_EMAIL, "Chợ đầu mối Long Biên, /van-chuyen/")]

# (name, plate, driver, kg, m³, gross kg, shift)
VEHICLES = [
    ("Suzuki Carry Pro 01", "29H-512.36", "Trần Văn Hùng", 810, "3.30", 1950, ("06:00", "18:00")),
    ("Suzuki Carry Pro 02", "29H-498.07", "Phạm Quốc Toản", 810, "3.30", 1950, ("06:00", "18:00")),
    ("Thaco Towner 990", "29H-733.52", "Nguyễn Đức Long", 990, "4.10", 1980, ("09:00", "21:00")),
    ("Hyundai Mighty EX8", "29C-915.48", "Lê Văn Tâm", 3800, "18.00", 7500, ("20:00", "06:00")),
]
# Wards served, with the kind of customers there: inside Ring Road 3.5 and out towards the airport.
WARDS = [
    "Hoàn Kiếm",
    "Ba Đình",
    "Ô Chợ Dừa",
    "Văn Miếu - Quốc Tử Giám",
    "Kim Liên",
    "Láng",
    "Ngọc Hà",
    "Giảng Võ",
    "Bạch Mai",
    "Vĩnh Tuy",
    "Yên Hòa",
    "Nghĩa Đô",
    "Tây Hồ",
    "Bồ Đề",
    "Việt Hưng",
    "Tương Mai",
    "Khương Đình",
    "Hoàng Mai",
    "Cầu Giấy",
    "Đông Anh",
    "Sóc Sơn",
]
STREETS = [
    "phố Hàng Bè",
    "phố Lý Quốc Sư",
    "phố Đội Cấn",
    "phố Tôn Đức Thắng",
    "phố Xã Đàn",
    "đường Láng",
    "phố Kim Mã",
    "phố Bạch Mai",
    "phố Minh Khai",
    "phố Trần Duy Hưng",
    "phố Hoàng Quốc Việt",
    "đường Lạc Long Quân",
    "phố Ngọc Lâm",
    "phố Nguyễn Văn Cừ",
    "phố Trương Định",
    "đường Nguyễn Trãi",
    "đường Giải Phóng",
    "phố Cầu Giấy",
    "đường Cao Lỗ",
    "đường Núi Đôi",
]
# (kind of customer, names, window, kg range, service minutes)
CUSTOMERS = [
    (
        "shop",
        ["Cửa hàng rau sạch", "Tạp hóa", "Cửa hàng thực phẩm", "Quầy trái cây"],
        ("09:00", "16:00"),
        (15, 60),
        8,
    ),
    (
        "kitchen",
        ["Bếp ăn Trường Tiểu học", "Bếp ăn Công ty", "Nhà hàng", "Quán cơm"],
        ("09:00", "11:30"),
        (20, 60),
        10,
    ),
    (
        "market",
        ["Sạp rau chợ", "Đại lý rau củ", "Sạp hoa quả chợ"],
        ("22:00", "04:30"),
        (150, 400),
        15,
    ),
]
MARKETS = ["Hôm", "Châu Long", "Mơ", "Thành Công", "Hàng Da", "Nghĩa Tân", "Ngọc Lâm"]
OWNERS = ["cô Hạnh", "anh Tuấn", "chị Mai", "bác Sơn", "anh Dũng", "chị Thu", "cô Liên", "anh Khoa"]


def _ward(name: str) -> Ward | None:
    return (
        Ward.objects.filter(province_id="01", name__endswith=f" {name}")
        .select_related("province")
        .first()
    )


def _clock(text: str) -> datetime.time:
    hours, minutes = text.split(":")
    return datetime.time(int(hours), int(minutes))


def _manager() -> User:
    """The dispatcher of the market; signs in with the demo password of the other demo logins."""
    # The foundation demo (a higher floor) made the buyer first: share its password hash.
    buyer = User.objects.filter(email=DEMO_BUYER_EMAIL).only("password").first()
    user, _ = User.objects.get_or_create(
        email=HUB_MANAGER_EMAIL,
        defaults={
            "full_name": "Đỗ Thị Ngọc Ánh",
            "password": buyer.password if buyer else make_password(None),
        },
    )
    return user


def _stops(hub: Hub, day: datetime.date, rng: random.Random) -> list[Stop]:
    stops = []
    wards = [ward for ward in (_ward(name) for name in WARDS) if ward and ward_point(ward)]
    for number in range(60):
        kind, names, (opens, closes), (low, high), minutes = rng.choices(
            CUSTOMERS, weights=[0.55, 0.2, 0.25]
        )[0]
        ward = rng.choice(wards)
        lat, lon = ward_point(ward)
        base = rng.choice(names)
        if kind == "market":
            name = f"{base} {rng.choice(MARKETS)} — {rng.choice(OWNERS)}"
        elif kind == "kitchen" and base.startswith("Bếp ăn Trường"):
            name = f"{base} {ward.name.split(' ', 1)[1]}"
        else:
            name = f"{base} {rng.choice(OWNERS)}"
        demand = rng.randint(low, high)
        stops.append(
            Stop(
                hub=hub,
                run_date=day,
                name=name,
                phone=f"09{rng.randint(10_000_000, 99_999_999)}",
                street=f"{rng.randint(1, 180)} {rng.choice(STREETS)}",
                ward=ward,
                latitude=round(lat + rng.uniform(-0.006, 0.006), 6),
                longitude=round(lon + rng.uniform(-0.006, 0.006), 6),
                demand_kg=Decimal(demand),
                volume_m3=Decimal(demand) / Decimal(200),
                window_start=_clock(opens),
                window_end=_clock(closes),
                window_ends_next_day=closes < opens,
                service_minutes=minutes,
                note="Gọi trước 15 phút" if number % 7 == 0 else "",
            )
        )
    return stops


HANOI = "01"
# (from, to, [(up to grams, fee)]): inner-city parcels are cheaper, as carriers price them.
RATES = [
    (HANOI, HANOI, [(500, 16_500), (1000, 20_000), (3000, 28_000), (5000, 36_000)]),
    (None, HANOI, [(500, 30_000), (1000, 35_000), (3000, 48_000), (5000, 66_000)]),
    (None, None, [(500, 32_000), (1000, 38_000), (3000, 52_000), (5000, 72_000)]),
]


def load_rates() -> None:
    """A rate table like the carriers' public ones, and a 1 % cash-on-delivery fee."""
    ShippingRate.objects.bulk_create(
        ShippingRate(
            origin_province_id=origin,
            destination_province_id=destination,
            max_weight_grams=grams,
            fee_vnd=fee,
        )
        for origin, destination, bands in RATES
        for grams, fee in bands
    )
    CodFee.objects.create(percent=Decimal("1.00"), minimum_vnd=10_000)


def load_logistics_demo(stdout=None) -> None:
    """Long Biên market as a hub with three vans and one heavy truck, and tomorrow's 60 stops."""
    ward = _ward("Hồng Hà")
    hub = Hub.objects.create(
        name="Chợ đầu mối Long Biên",
        kind=Hub.Kind.WHOLESALE_MARKET,
        street="Số 1 phố Phúc Xá",
        ward=ward,
        latitude=21.0405,
        longitude=105.8520,
        opens_at=datetime.time(0, 0),
        closes_at=datetime.time(0, 0),
    )
    hub.managers.add(_manager())
    # The market carries the goods of Hanoi's sellers: their packed orders become its stops.
    hub.sellers.add(*Seller.objects.filter(province_id=HANOI))
    if not ShippingRate.objects.exists():
        load_rates()
    Vehicle.objects.bulk_create(
        Vehicle(
            hub=hub,
            name=name,
            plate=plate,
            driver_name=driver,
            capacity_kg=kg,
            capacity_m3=Decimal(m3),
            gross_weight_kg=gross,
            shift_start=_clock(shift[0]),
            shift_end=_clock(shift[1]),
        )
        for name, plate, driver, kg, m3, gross, shift in VEHICLES
    )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    Stop.objects.bulk_create(_stops(hub, tomorrow, random.Random(2026)))
    if stdout is not None:
        stdout.write(
            f"Logistics: {hub.name}, 4 vehicles, 60 stops on {tomorrow:%d/%m/%Y}; its dispatcher "
            f"signs in as {HUB_MANAGER_EMAIL} with the demo password (/van-chuyen/)."
        )


load_demo = load_logistics_demo
