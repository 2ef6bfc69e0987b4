"""Demo history for insights: 24 months of B2C sales and B2B contracts with a Tết peak and
provincial fruit seasons, written straight into the rollups (the owning apps' own demo data
stays small; `insights_rebuild` would replace this history with the real, small one)."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from phohang.catalog.models import Category
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
# Where buyers are: Hanoi first, then the big cities.
BUYER_WEIGHTS = {"01": 34, "79": 20, "31": 6, "48": 5, "92": 3, "24": 4, "33": 3, "22": 3}
# (category slug, province, months) — fruit and produce seasons that lift a province's sales.
SEASONS = [
    ("trai-cay", "24", (6, 7)),  # vải thiều Lục Ngạn
    ("trai-cay", "33", (7, 8)),  # nhãn lồng Hưng Yên
    ("trai-cay", "40", (10, 11, 12)),  # cam Vinh
    ("trai-cay", "82", (5, 6, 7)),  # xoài Cao Lãnh
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


def _day_orders(generator, day, sellers, categories, first_day):
    """Synthetic (dims, state) pairs for one day."""
    trend = 1.0 + 0.14 * (day - first_day).days / 365
    weekend = 1.15 if day.weekday() >= 5 else 1.0
    count = int(ORDERS_PER_DAY * trend * weekend * _tet_factor(day) * generator.uniform(0.85, 1.15))
    slugs = list(categories)
    for _ in range(count):
        seller_id, seller_province, seller_type = generator.choice(sellers)
        weights = {slug: 1.0 for slug in slugs}
        if _tet_factor(day) > 1.2:
            for slug in TET_CATEGORIES:
                weights[slug] = weights.get(slug, 0) + 5.0
        for slug, province, months in SEASONS:
            if day.month in months and province == seller_province and slug in weights:
                weights[slug] += 12.0
        slug = _weighted(generator, weights)
        category_id, price = categories[slug]
        buyer = _weighted(generator, {**BUYER_WEIGHTS, seller_province: 12})
        quantity = generator.choice([1, 1, 1, 2, 2, 3, 5])
        lines = {"1": [category_id, generator.random() < 0.35, quantity, price]}
        if generator.random() < 0.3:
            other_slug = generator.choice(slugs)
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
                "source": "Số liệu minh họa (demo), theo mẫu Cục Thống kê Hà Nội",
            },
        )
        value *= Decimal("1.0079")
        created += 1
    return created


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
    categories = {}
    for slug, pk in Category.objects.filter(parent__isnull=False).values_list("slug", "pk"):
        categories[slug] = (
            pk,
            generator.choice([45_000, 85_000, 120_000, 180_000, 250_000, 420_000]),
        )
    for model in (table[0] for table in rollups.ALL_TABLES):
        model.objects.all().delete()
    totals: rollups.Contribution = {}
    orders = 0
    day = first_day
    while day <= today:
        for dims, state in _day_orders(generator, day, sellers, categories, first_day):
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
