"""Demo history for insights: 24 months of B2C sales and B2B contracts with a Tết peak and
provincial fruit seasons, written straight into the rollups (the owning apps' own demo data
stays small; `insights_rebuild` would replace this history with the real, small one)."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from phohang.catalog.models import Category, Product
from phohang.sellers.models import Seller

from . import rollups
from .models import (
    Indicator,
    OfficialStatistic,
)
from .periods import add_months
from .services import targets_seed_city

TET = {
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
}
# Where buyers are: Hanoi first (the platform is the city's), then the big cities; every
# seller also sells to its own province.
BUYER_WEIGHTS = {"01": 45, "79": 14, "31": 6, "48": 5, "92": 3, "24": 4, "33": 3, "22": 3}
LOCAL_BUYER_WEIGHT = 12
# (category slug, province, months) — fruit and produce seasons that lift a province's sales.
SEASONS = [
    ("trai-cay", "24", (6, 7)),  # vải thiều Lục Ngạn
    ("trai-cay", "33", (7, 8)),  # nhãn lồng Hưng Yên
    ("trai-cay", "40", (10, 11, 12)),  # cam Vinh
    ("trai-cay", "82", (5, 6, 7)),  # xoài Cao Lãnh
    ("trai-cay", "01", (11, 12, 1)),  # bưởi Diễn
    ("trai-cay", "08", (11, 12, 1, 2)),  # cam sành Hàm Yên
    ("trai-cay", "14", (5, 6, 7)),  # mận hậu, xoài Yên Châu
    ("trai-cay", "20", (7, 8, 9)),  # na Chi Lăng
    ("trai-cay", "25", (9, 10, 11, 12)),  # bưởi Đoan Hùng, cam Cao Phong
    ("trai-cay", "42", (8, 9, 10)),  # bưởi Phúc Trạch
    ("trai-cay", "66", (6, 7, 8)),  # sầu riêng Krông Pắc
    ("ca-phe", "66", (11, 12, 1)),  # new coffee crop
    ("che-tra", "19", (3, 4, 5)),  # first spring tea
]
TET_CATEGORIES = ("banh-keo-mut", "ruou-dac-san", "che-tra", "dac-san-kho", "thit-hai-san-che-bien")
ORDERS_PER_DAY = 60


def _tet_factor(day: date) -> float:
    tet = TET.get(day.year) if day.month < 6 else TET.get(day.year + 1)
    if tet is None:
        return 1.0
    days_before = (tet - day).days
    if 1 <= days_before <= 25:
        return 1.6 + 1.4 * (25 - days_before) / 25
    if -6 <= days_before <= 0:
        return 0.35
    return 1.0


def _weighted(generator: random.Random, weights: dict):
    keys = list(weights)
    return generator.choices(keys, weights=[weights[k] for k in keys])[0]


def _seller_weights(day, sellers, seller_slugs) -> list[float]:
    """How much each seller sells on `day`: fruit sells in its season and little outside it,
    gifts and specialties around Tết."""
    tet = _tet_factor(day) > 1.2
    weights = []
    for seller_id, province, _type in sellers:
        own = seller_slugs.get(seller_id, ())
        weight = 1.0
        for slug, season_province, months in SEASONS:
            if slug in own and province == season_province:
                weight *= 5.0 if day.month in months else 0.4
        if tet and any(slug in TET_CATEGORIES for slug in own):
            weight *= 2.5
        weights.append(weight)
    return weights


def _day_orders(generator, day, sellers, categories, first_day, seller_slugs):
    """Synthetic (dims, state) pairs for one day; each seller sells its own categories."""
    trend = 1.0 + 0.14 * (day - first_day).days / 365
    weekend = 1.15 if day.weekday() >= 5 else 1.0
    count = int(ORDERS_PER_DAY * trend * weekend * _tet_factor(day) * generator.uniform(0.85, 1.15))
    picks = generator.choices(sellers, weights=_seller_weights(day, sellers, seller_slugs), k=count)
    for seller_id, seller_province, seller_type in picks:
        own = [slug for slug in seller_slugs.get(seller_id, ()) if slug in categories]
        own = own or list(categories)
        slug = _weighted(generator, {slug: categories[slug][2] for slug in own})
        category_id, price, _weight = categories[slug]
        local = BUYER_WEIGHTS.get(seller_province, 0) + LOCAL_BUYER_WEIGHT
        buyer = _weighted(generator, {**BUYER_WEIGHTS, seller_province: local})
        quantity = generator.choice([1, 1, 1, 2, 2, 3, 5])
        lines = {"1": [category_id, generator.random() < 0.35, quantity, price]}
        if generator.random() < 0.3:
            other_slug = generator.choice(own)
            lines["2"] = [categories[other_slug][0], False, 1, categories[other_slug][1]]
        dims = {
            "day": day.isoformat(),
            "s": seller_id,
            "sp": seller_province,
            "st": seller_type,
            "bp": buyer,
            "lines": lines,
        }
        roll = generator.random()
        if roll < 0.06:
            state = {"status": "cancelled"}
        elif roll < 0.08:
            state = {"status": "refunded", "lines": {"1": 1}}
        else:
            state = {"status": "active"}
        yield dims, state


def _contracts(generator, first_day, today, sellers):
    """Supply contracts: supermarkets and wholesale markets (mostly Hanoi) buying from provinces."""
    provinces = sorted({s[1] for s in sellers})
    day = first_day
    while day <= today:
        for _ in range(generator.choice([0, 0, 1, 1, 2]) * (2 if _tet_factor(day) > 1.2 else 1)):
            origin = generator.choice(provinces)
            destination = _weighted(generator, {"01": 70, "79": 15, "31": 8, "48": 7})
            value = generator.randrange(80, 2_500) * 1_000_000
            yield (
                {"day": day.isoformat(), "op": origin, "dp": destination, "value": value},
                {"active": True, "received": value * generator.randint(0, 10) // 10},
            )
        day += timedelta(days=1)


def _official_retail(first_month: date, months: int, generator) -> int:
    """Illustrative monthly retail sales for Hanoi (tỷ đồng), growing about 10 % a year."""
    created = 0
    value = Decimal("52000")
    for index in range(months):
        month = add_months(first_month, index)
        seasonal = Decimal("1.12") if month.month in (1, 2, 12) else Decimal("1")
        figure = (value * seasonal * Decimal(str(generator.uniform(0.98, 1.02)))).quantize(
            Decimal("0.1")
        )
        OfficialStatistic.objects.update_or_create(
            indicator=Indicator.RETAIL_SALES,
            period=f"{month.year}-{month.month:02d}",
            defaults={
                "period_kind": "month",
                "period_start": month,
                "value": figure,
                "unit": "tỷ đồng",
                "source": "Số liệu minh họa, theo mẫu Cục Thống kê Hà Nội",
            },
        )
        value *= Decimal("1.0079")
        created += 1
    return created


def _category_mix(generator: random.Random) -> dict[str, tuple[int, int, float]]:
    """slug → (id, typical price, share of orders): what the demo catalogue sells, at its own
    median prices; every leaf category alike when there is no catalogue."""
    listed = Product.objects.filter(status=Product.Status.PUBLISHED, min_price_vnd__isnull=False)
    prices: dict[int, list[int]] = {}
    for category_id, price in listed.values_list("category_id", "min_price_vnd"):
        prices.setdefault(category_id, []).append(price)
    mix = {}
    for slug, pk in Category.objects.filter(parent__isnull=False).values_list("slug", "pk"):
        if prices:
            if pk in prices:
                found = sorted(prices[pk])
                mix[slug] = (pk, found[len(found) // 2], float(len(found)))
        else:
            price = generator.choice([45_000, 85_000, 120_000, 180_000, 250_000, 420_000])
            mix[slug] = (pk, price, 1.0)
    return mix


def load_demo(stdout) -> None:
    generator = random.Random(20200814)
    today = timezone.localdate()
    first_day = add_months(today.replace(day=1), -23)
    sellers = list(
        Seller.objects.filter(is_active=True).values_list("pk", "province_id", "seller_type")
    )
    if not sellers:
        stdout.write("insights: no sellers, demo history skipped")
        return
    categories = _category_mix(generator)
    seller_slugs: dict[int, set[str]] = {}
    for seller_id, slug in Product.objects.values_list("seller_id", "category__slug").distinct():
        seller_slugs.setdefault(seller_id, set()).add(slug)
    for model in (table[0] for table in rollups.ALL_TABLES):
        model.objects.all().delete()
    totals: rollups.Contribution = {}
    orders = 0
    day = first_day
    while day <= today:
        for dims, state in _day_orders(
            generator, day, sellers, categories, first_day, seller_slugs
        ):
            rollups._add(totals, rollups.order_contribution(dims, state))
            orders += 1
        day += timedelta(days=1)
    contracts = 0
    for dims, state in _contracts(generator, first_day, today, sellers):
        rollups._add(totals, rollups.contract_contribution(dims, state))
        contracts += 1
    for table in rollups.ALL_TABLES:
        rollups._bulk_write(table, totals.get(table, {}))
    rollups.rollup_version_bump()
    official = _official_retail(
        add_months(first_day, -12), 36 - (0 if today.day > 20 else 1), generator
    )
    targets_seed_city(first_year=first_day.year - 1, last_year=today.year + 4)
    stdout.write(
        f"insights: {orders} demo orders and {contracts} contracts over 24 months "
        f"written to the rollups; {official} official monthly figures"
    )
