"""Deterministic generator of the trade-matching labelled set (and of extra offers for load).

    .venv/bin/python bench/trade/generate.py            # writes bench/trade/labelled_set.json

Demands and offers are realistic Vietnamese B2B postings: rice, fruit, vegetables, tea, coffee,
spices, seafood, meat, processed foods, from the provinces that grow them. An offer is *truly
suitable* for a demand when a buyer would accept it: the same product, every required
certification and OCOP rating, at least half the monthly quantity (buyers split large orders),
in season for at least half of the delivery months, a lowest price within the ceiling, and a
minimum order no larger than one delivery. Distance is a preference, not a rule, so it is not
part of the label. Titles vary the way people type: with or without diacritics, old tone
placement, extra words, province names.
"""

import argparse
import json
import random
import unicodedata
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "labelled_set.json"
BASE_DAY = date(2026, 1, 5)

# (slug, parent slug, Vietnamese name, English name)
CATEGORIES = [
    ("nong-san", None, "Nông sản", "Farm produce"),
    ("gao", "nong-san", "Gạo", "Rice"),
    ("trai-cay", "nong-san", "Trái cây", "Fruit"),
    ("rau-cu", "nong-san", "Rau củ", "Vegetables"),
    ("che", "nong-san", "Chè", "Tea"),
    ("ca-phe", "nong-san", "Cà phê", "Coffee"),
    ("gia-vi", "nong-san", "Gia vị", "Spices"),
    ("hat", "nong-san", "Hạt", "Nuts"),
    ("thuy-san", None, "Thủy sản", "Seafood"),
    ("thuy-san-tuoi", "thuy-san", "Thủy sản tươi", "Fresh seafood"),
    ("thuy-san-kho", "thuy-san", "Thủy sản khô", "Dried seafood"),
    ("thit-trung", None, "Thịt và trứng", "Meat and eggs"),
    ("thit", "thit-trung", "Thịt", "Meat"),
    ("trung", "thit-trung", "Trứng", "Eggs"),
    ("thuc-pham-che-bien", None, "Thực phẩm chế biến", "Processed food"),
    ("mat-ong", "thuc-pham-che-bien", "Mật ong", "Honey"),
    ("nuoc-mam", "thuc-pham-che-bien", "Nước mắm, nước chấm", "Fish sauce"),
    ("bun-mien", "thuc-pham-che-bien", "Bún, miến, bánh phở", "Noodles"),
]

ALL_YEAR = list(range(1, 13))
# (kind, category, unit family, price per base unit in đồng, season months, origin provinces)
KINDS = [
    ("Gạo ST25", "gao", "mass", 32_000, ALL_YEAR, ["96", "92", "86", "91"]),
    ("Gạo tám thơm", "gao", "mass", 24_000, ALL_YEAR, ["11", "37", "33", "31"]),
    ("Gạo nếp cái hoa vàng", "gao", "mass", 35_000, ALL_YEAR, ["33", "01", "37"]),
    ("Gạo Séng Cù", "gao", "mass", 26_000, ALL_YEAR, ["15", "12", "11"]),
    ("Gạo lứt đỏ", "gao", "mass", 40_000, ALL_YEAR, ["82", "91", "11"]),
    ("Vải thiều", "trai-cay", "mass", 30_000, [5, 6, 7], ["24", "33"]),
    ("Nhãn lồng", "trai-cay", "mass", 35_000, [7, 8, 9], ["33", "14"]),
    ("Xoài cát Hòa Lộc", "trai-cay", "mass", 45_000, [3, 4, 5, 6], ["82", "86"]),
    ("Bưởi Diễn", "trai-cay", "mass", 40_000, [10, 11, 12, 1], ["01", "25"]),
    ("Bưởi da xanh", "trai-cay", "mass", 38_000, ALL_YEAR, ["86", "82"]),
    ("Thanh long ruột đỏ", "trai-cay", "mass", 25_000, ALL_YEAR, ["68", "80", "91"]),
    ("Cam Cao Phong", "trai-cay", "mass", 30_000, [11, 12, 1, 2], ["25"]),
    ("Sầu riêng Ri6", "trai-cay", "mass", 90_000, [5, 6, 7, 8], ["66", "86", "82"]),
    ("Chuối tiêu hồng", "trai-cay", "mass", 15_000, ALL_YEAR, ["33", "01", "08"]),
    ("Rau muống", "rau-cu", "mass", 12_000, ALL_YEAR, ["01", "33", "31"]),
    ("Cải bắp", "rau-cu", "mass", 8_000, [10, 11, 12, 1, 2, 3], ["68", "31", "33"]),
    ("Su hào", "rau-cu", "mass", 9_000, [10, 11, 12, 1, 2], ["01", "24"]),
    ("Cà chua", "rau-cu", "mass", 14_000, ALL_YEAR, ["68", "37", "01"]),
    ("Khoai tây", "rau-cu", "mass", 16_000, [11, 12, 1, 2, 3], ["68", "24", "37"]),
    ("Hành tím", "rau-cu", "mass", 30_000, [1, 2, 3, 4], ["51", "96"]),
    ("Tỏi Lý Sơn", "rau-cu", "mass", 90_000, [2, 3, 4, 5], ["51"]),
    ("Chè Tân Cương", "che", "mass", 350_000, [3, 4, 5, 6, 7, 8, 9, 10], ["19"]),
    ("Chè Shan tuyết", "che", "mass", 600_000, [3, 4, 5, 6, 7, 8, 9], ["08", "15", "14"]),
    ("Cà phê Robusta nhân xô", "ca-phe", "mass", 110_000, ALL_YEAR, ["66", "52", "68"]),
    ("Cà phê Arabica Cầu Đất", "ca-phe", "mass", 180_000, ALL_YEAR, ["68", "14"]),
    ("Hồ tiêu đen", "gia-vi", "mass", 150_000, ALL_YEAR, ["52", "66", "75"]),
    ("Quế Văn Yên", "gia-vi", "mass", 60_000, ALL_YEAR, ["15", "08"]),
    ("Hoa hồi", "gia-vi", "mass", 120_000, [8, 9, 10, 11], ["20", "04"]),
    ("Hạt điều rang muối", "hat", "mass", 250_000, ALL_YEAR, ["75", "80"]),
    ("Hạt mắc ca", "hat", "mass", 280_000, ALL_YEAR, ["66", "14", "68"]),
    ("Tôm thẻ chân trắng", "thuy-san-tuoi", "mass", 160_000, ALL_YEAR, ["96", "92", "22"]),
    ("Cá tra phi lê", "thuy-san-tuoi", "mass", 70_000, ALL_YEAR, ["82", "92", "91"]),
    ("Mực khô", "thuy-san-kho", "mass", 900_000, ALL_YEAR, ["22", "56", "48"]),
    ("Tôm khô", "thuy-san-kho", "mass", 800_000, ALL_YEAR, ["96", "22"]),
    ("Thịt lợn sạch", "thit", "mass", 120_000, ALL_YEAR, ["01", "75", "24", "38"]),
    ("Gà đồi", "thit", "mass", 110_000, ALL_YEAR, ["24", "19", "38"]),
    ("Trứng gà sạch", "trung", "piece", 3_500, ALL_YEAR, ["75", "01", "24"]),
    ("Trứng vịt", "trung", "piece", 3_800, ALL_YEAR, ["86", "82", "01"]),
    ("Mật ong hoa nhãn", "mat-ong", "volume", 250_000, ALL_YEAR, ["33", "01"]),
    ("Mật ong bạc hà", "mat-ong", "volume", 400_000, ALL_YEAR, ["04", "15"]),
    ("Nước mắm Phú Quốc", "nuoc-mam", "volume", 90_000, ALL_YEAR, ["91"]),
    ("Nước mắm cốt Cát Hải", "nuoc-mam", "volume", 80_000, ALL_YEAR, ["31"]),
    ("Miến dong", "bun-mien", "mass", 60_000, ALL_YEAR, ["04", "01"]),
    ("Bún khô", "bun-mien", "mass", 35_000, ALL_YEAR, ["01", "92"]),
    ("Bánh phở khô", "bun-mien", "mass", 40_000, ALL_YEAR, ["37", "01"]),
]

PROVINCE_NAMES = {
    "01": "Hà Nội",
    "04": "Cao Bằng",
    "08": "Tuyên Quang",
    "11": "Điện Biên",
    "12": "Lai Châu",
    "14": "Sơn La",
    "15": "Lào Cai",
    "19": "Thái Nguyên",
    "20": "Lạng Sơn",
    "22": "Quảng Ninh",
    "24": "Bắc Ninh",
    "25": "Phú Thọ",
    "31": "Hải Phòng",
    "33": "Hưng Yên",
    "37": "Ninh Bình",
    "38": "Thanh Hóa",
    "48": "Đà Nẵng",
    "51": "Quảng Ngãi",
    "52": "Gia Lai",
    "56": "Khánh Hòa",
    "66": "Đắk Lắk",
    "68": "Lâm Đồng",
    "75": "Đồng Nai",
    "79": "Hồ Chí Minh",
    "80": "Tây Ninh",
    "82": "Đồng Tháp",
    "86": "Vĩnh Long",
    "91": "An Giang",
    "92": "Cần Thơ",
    "96": "Cà Mau",
}
ALL_PROVINCES = sorted(PROVINCE_NAMES)
# Where demand comes from: Hanoi first, then the other big markets.
DEMAND_PROVINCES = ["01"] * 10 + ["79"] * 4 + ["31", "48", "92", "22", "24", "33", "38", "66"]

BUYER_KINDS = [
    ("supermarket", ["Chuỗi siêu thị {}", "Siêu thị {} Mart", "Hệ thống cửa hàng {} Xanh"]),
    ("wholesale_market", ["Chợ đầu mối {}", "Ban quản lý chợ đầu mối {}"]),
    ("supply_centre", ["Trung tâm cung ứng nông sản {}", "Trung tâm phân phối {}"]),
    ("restaurant", ["Chuỗi nhà hàng {}", "Chuỗi quán {} Food"]),
    ("school_kitchen", ["Bếp ăn bán trú {}", "Công ty suất ăn trường học {}"]),
    ("manufacturer", ["Công ty chế biến thực phẩm {}", "Nhà máy thực phẩm {}"]),
    ("exporter", ["Công ty xuất khẩu nông sản {}", "Tổng công ty xuất nhập khẩu {}"]),
]
NAME_STEMS = [
    "Thăng Long",
    "Hồng Hà",
    "Phương Nam",
    "Sao Việt",
    "Đông Đô",
    "Trường An",
    "Bình Minh",
    "Hoàng Gia",
    "Kinh Bắc",
    "Tây Hồ",
    "Long Biên",
    "Việt Phát",
    "An Phú",
    "Nam Việt",
]
SELLER_FORMS = [
    "Hợp tác xã {}",
    "HTX Nông nghiệp {}",
    "Công ty TNHH {}",
    "Hộ kinh doanh {}",
    "Tổ hợp tác {}",
    "Công ty cổ phần Nông sản {}",
]
CERTS = ["vietgap", "organic", "haccp", "iso22000"]
CERT_TEXT = {"vietgap": "VietGAP", "organic": "hữu cơ", "haccp": "HACCP", "iso22000": "ISO 22000"}
UNITS = {"mass": ["kg", "tonne"], "volume": ["l"], "piece": ["piece"]}
FREQUENCIES = ["weekly", "monthly", "monthly", "monthly", "once", "seasonal"]
PER_MONTH = {
    "once": 1.0,
    "weekly": 4.33,
    "monthly": 1.0,
    "seasonal": 1 / 3,
    "week": 4.33,
    "month": 1.0,
    "season": 1 / 3,
}


def strip_marks(text: str) -> str:
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", text.replace("đ", "d").replace("Đ", "D"))


def old_tones(text: str) -> str:
    return text.replace("òa", "oà").replace("óa", "oá").replace("ủy", "uỷ").replace("ọa", "oạ")


def typed(rng: random.Random, text: str) -> str:
    """How people type: mostly proper Vietnamese, sometimes without marks or with old tones."""
    roll = rng.random()
    if roll < 0.15:
        return strip_marks(text)
    if roll < 0.25:
        return old_tones(text).lower()
    return text


def window_months(start: date, end: date) -> set[int]:
    months, day = set(), start.replace(day=1)
    while day <= end and len(months) < 12:
        months.add(day.month)
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return months


def base_factor(unit: str) -> int:
    return 1000 if unit == "tonne" else 1


def demand_monthly_base(demand: dict) -> float:
    return demand["quantity"] * base_factor(demand["unit"]) * PER_MONTH[demand["frequency"]]


def offer_monthly_base(offer: dict) -> float:
    return offer["quantity"] * base_factor(offer["unit"]) * PER_MONTH[offer["period"]]


def is_suitable(demand: dict, offer: dict) -> bool:
    """The label: would this buyer accept this supplier's offer?"""
    if offer["kind"] != demand["kind"]:
        return False
    if not set(demand["certifications"]) <= set(offer["certifications"]):
        return False
    if demand["min_ocop_stars"] and offer["ocop_stars"] < demand["min_ocop_stars"]:
        return False
    if offer_monthly_base(offer) < 0.5 * demand_monthly_base(demand):
        return False
    months = window_months(
        date.fromisoformat(demand["delivery_start"]), date.fromisoformat(demand["delivery_end"])
    )
    if len(months & set(offer["season_months"])) < 0.5 * len(months):
        return False
    if demand["price_ceiling_vnd"] and offer["price_min_vnd"] > demand["price_ceiling_vnd"]:
        return False
    per_delivery = demand["quantity"] * base_factor(demand["unit"])
    return offer["minimum_order"] * base_factor(offer["unit"]) <= per_delivery


def _quantity(rng: random.Random, family: str) -> tuple[int, str]:
    if family == "mass":
        kg = rng.choice([200, 300, 500, 800, 1000, 1500, 2000, 3000, 5000, 8000, 10000, 20000])
        if kg >= 1000 and rng.random() < 0.6:
            return kg // 1000, "tonne"
        return kg, "kg"
    if family == "volume":
        return rng.choice([100, 200, 300, 500, 1000, 2000]), "l"
    return rng.choice([2000, 5000, 10000, 20000, 50000]), "piece"


def make_demand(rng: random.Random, number: int) -> dict:
    kind, category, family, price, season, _origins = rng.choice(KINDS)
    buyer_kind, forms = rng.choice(BUYER_KINDS)
    province = rng.choice(DEMAND_PROVINCES)
    quantity, unit = _quantity(rng, family)
    frequency = rng.choice(FREQUENCIES)
    # Windows mostly inside the product's season, as buyers plan them.
    anchor_month = rng.choice(season)
    start = date(BASE_DAY.year + (1 if anchor_month < BASE_DAY.month else 0), anchor_month, 1)
    start += timedelta(days=rng.randint(0, 10))
    length = {
        "once": 10,
        "weekly": rng.choice([30, 60]),
        "monthly": rng.choice([60, 90, 150]),
        "seasonal": 180,
    }[frequency]
    if season != ALL_YEAR:
        length = min(length, 30 * len(season) - 20)
    end = start + timedelta(days=length)
    certifications = []
    if rng.random() < 0.45:
        certifications.append(
            "vietgap" if category not in {"nuoc-mam", "mat-ong", "bun-mien"} else "haccp"
        )
    if rng.random() < 0.12:
        certifications.append("organic")
    if (
        category in {"thuy-san-tuoi", "thuy-san-kho", "nuoc-mam", "bun-mien", "thit"}
        and rng.random() < 0.3
    ):
        certifications.append("iso22000")
    certifications = sorted(set(certifications))
    min_stars = rng.choice([0] * 8 + [3, 4])
    ceiling = (
        round(price * base_factor(unit) * rng.uniform(1.0, 1.35), -2)
        if rng.random() < 0.7
        else None
    )
    extra = rng.choice(["", " loại 1", " đóng bao", " số lượng lớn", " giao tận kho", " tươi"])
    cert_words = " ".join(CERT_TEXT[c] for c in certifications)
    title = rng.choice(
        [
            f"Cần mua {kind}{extra}",
            f"Thu mua {kind} {cert_words}".strip(),
            f"{kind} cho {forms[0].split()[0].lower()} {forms[0].split()[1].lower()}",
            f"Tìm nhà cung cấp {kind}{extra}",
            f"{kind}{extra}",
        ]
    )
    return {
        "ref": f"D{number:04d}",
        "kind": kind,
        "category": category,
        "title": typed(rng, title),
        "description": f"Giao tại {PROVINCE_NAMES.get(province, '')}, thanh toán chuyển khoản.",
        "organisation": rng.choice(forms).format(rng.choice(NAME_STEMS)),
        "organisation_kind": buyer_kind,
        "quantity": quantity,
        "unit": unit,
        "frequency": frequency,
        "delivery_province": province,
        "delivery_start": start.isoformat(),
        "delivery_end": end.isoformat(),
        "min_ocop_stars": min_stars,
        "certifications": certifications,
        "price_ceiling_vnd": int(ceiling) if ceiling else None,
        "closing_date": (start - timedelta(days=5)).isoformat(),
    }


def make_offer(rng: random.Random, number: int, kind_row=None, seller_count: int = 1500) -> dict:
    kind, category, family, price, season, origins = kind_row or rng.choice(KINDS)
    origin = rng.choice(origins) if rng.random() < 0.85 else rng.choice(ALL_PROVINCES)
    quantity, unit = _quantity(rng, family)
    quantity = max(1, int(quantity * rng.choice([0.5, 1, 1, 2, 3])))
    period = rng.choice(["week", "month", "month", "season"])
    if season == ALL_YEAR:
        months = ALL_YEAR if rng.random() < 0.8 else sorted(rng.sample(ALL_YEAR, rng.randint(4, 9)))
    else:
        months = sorted(set(season) | ({rng.choice(ALL_YEAR)} if rng.random() < 0.2 else set()))
    low = round(price * base_factor(unit) * rng.uniform(0.8, 1.3), -2)
    high = round(low * rng.uniform(1.05, 1.3), -2)
    certifications = sorted(
        {c for c, p in zip(CERTS, (0.5, 0.15, 0.25, 0.2), strict=True) if rng.random() < p}
    )
    stars = rng.choice([0, 0, 0, 3, 3, 4, 5])
    minimum = rng.choice([0, 0, 0, 100, 500]) if family == "mass" and unit == "kg" else 0
    seller = rng.randrange(seller_count)
    place = PROVINCE_NAMES.get(origin, "")
    cert_words = " ".join(CERT_TEXT[c] for c in certifications[:1])
    title = rng.choice(
        [
            f"{kind} {place}",
            f"{kind} {cert_words}".strip(),
            f"Cung cấp {kind} số lượng lớn",
            f"{kind} loại 1 - {place}",
            f"Chuyên {kind.lower()} {place}",
        ]
    )
    return {
        "ref": f"O{number:06d}",
        "kind": kind,
        "category": category,
        "title": typed(rng, title),
        "description": rng.choice(
            [
                "",
                "Hàng đẹp, giao quanh năm.",
                "Có xe lạnh giao hàng.",
                "Nhận đơn hàng tháng cho siêu thị, bếp ăn.",
            ]
        ),
        "seller": seller,
        "seller_name": SELLER_FORMS[seller % len(SELLER_FORMS)].format(
            f"{NAME_STEMS[(seller // 6) % len(NAME_STEMS)]} {seller}"
        ),
        "quantity": quantity,
        "unit": unit,
        "period": period,
        "season_months": months,
        "origin_province": origin,
        "price_min_vnd": int(low),
        "price_max_vnd": int(max(high, low)),
        "certifications": certifications,
        "ocop_stars": stars,
        "minimum_order": minimum,
    }


def make_suitable_offer(rng: random.Random, number: int, demand: dict) -> dict:
    """A realistic offer built to satisfy `demand` (so every demand has enough true answers)."""
    row = next(k for k in KINDS if k[0] == demand["kind"])
    for _attempt in range(200):
        offer = make_offer(rng, number, row)
        offer["certifications"] = sorted(
            set(offer["certifications"]) | set(demand["certifications"])
        )
        if demand["min_ocop_stars"]:
            offer["ocop_stars"] = max(offer["ocop_stars"], demand["min_ocop_stars"])
        if is_suitable(demand, offer):
            return offer
        if _attempt > 50:
            # Rare corner: widen the season, raise capacity, meet the ceiling.
            window = window_months(
                date.fromisoformat(demand["delivery_start"]),
                date.fromisoformat(demand["delivery_end"]),
            )
            offer["season_months"] = sorted(set(offer["season_months"]) | window)
            offer["minimum_order"] = 0
            if demand["price_ceiling_vnd"]:
                offer["price_min_vnd"] = min(offer["price_min_vnd"], demand["price_ceiling_vnd"])
                offer["price_max_vnd"] = max(offer["price_max_vnd"], offer["price_min_vnd"])
            if offer_monthly_base(offer) < 0.5 * demand_monthly_base(demand):
                offer["quantity"] *= 4
            if is_suitable(demand, offer):
                return offer
    raise RuntimeError(f"cannot build a suitable offer for {demand['ref']}")


def generate(*, demands: int = 220, offers: int = 5000, seed: int = 20260105) -> dict:
    rng = random.Random(seed)
    demand_rows = [make_demand(rng, n) for n in range(demands)]
    offer_rows = [make_offer(rng, n) for n in range(offers - demands * 3)]
    for demand in demand_rows:
        suitable = sum(1 for offer in offer_rows if is_suitable(demand, offer))
        while suitable < 6:
            offer_rows.append(make_suitable_offer(rng, len(offer_rows), demand))
            suitable += 1
    while len(offer_rows) < offers:
        offer_rows.append(make_offer(rng, len(offer_rows)))
    labels = {
        demand["ref"]: [offer["ref"] for offer in offer_rows if is_suitable(demand, offer)]
        for demand in demand_rows
    }
    return {
        "about": __doc__.strip().splitlines()[0],
        "seed": seed,
        "categories": CATEGORIES,
        "demands": demand_rows,
        "offers": offer_rows,
        "suitable": labels,
    }


def extra_offers(count: int, *, seed: int = 99) -> list[dict]:
    """Unlabelled offers from the same distribution, to fill the database for the speed test."""
    rng = random.Random(seed)
    return [make_offer(rng, 1_000_000 + n) for n in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    data = generate()
    args.output.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    counts = [len(v) for v in data["suitable"].values()]
    print(
        json.dumps(
            {
                "demands": len(data["demands"]),
                "offers": len(data["offers"]),
                "suitable_min": min(counts),
                "suitable_mean": round(sum(counts) / len(counts), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
