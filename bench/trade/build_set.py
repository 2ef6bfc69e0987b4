"""Build the trade labelled set from the hand-written ground truth (truth.py), then label it.

    .venv/bin/python bench/trade/build_set.py --out /tmp/trade-set [--seed 20261207]

Writes offers.tsv and demands.tsv in the interface of relevance.py, truth.json (what each
posting really is), and qrels.tsv graded by label.py for every demand–offer pair. Postings are
written the way people write them: company names in titles, the product in the description,
prices per tấn against ceilings per kg, radius as a sentence. Real retail titles read from
../shared/data/products-vi (never copied into the repository) are added as other products.
"""

import argparse
import csv
import json
import random
from datetime import date
from pathlib import Path

from label import label_all
from truth import AREAS, BUYERS, CENTRES, NEEDS, PRODUCTS, SELLERS

HERE = Path(__file__).resolve().parent
# shared/ lies beside the clone (or beside the folder of worktrees).
SHARED = next(
    (p / "shared" / "data" / "products-vi" for p in HERE.parents if (p / "shared").is_dir()),
    HERE.parent.parent.parent / "shared" / "data" / "products-vi",
)
MASS_UNITS = {"kg": 1, "tạ": 100, "tấn": 1000}
UNIT_FACTORS = {"kg": 1, "yến": 10, "tạ": 100, "tấn": 1000, "lít": 1, "cái": 1, "chiếc": 1,
                "bộ": 1, "m": 1}  # fmt: skip
FAMILY_UNITS = {"mass": ["kg", "tạ", "tấn"], "volume": ["lít"], "piece": ["cái", "chiếc"],
                "set": ["bộ"], "length": ["m"]}  # fmt: skip
INDUSTRIAL = {
    "pcb",
    "pcba",
    "khuon_ep",
    "khuon_banh",
    "linh_kien_oto",
    "thung_carton",
    "vai_cotton",
}
# Typical monthly need in base units by family.
SCALE = {"mass": 5_000, "volume": 800, "piece": 20_000, "set": 3, "length": 5_000}
OFFERS_PER_PRODUCT = 100


def _season_text(months: list[int]) -> str:
    return ",".join(str(month) for month in months)


def _offer(rng: random.Random, number: int, product_id: str) -> tuple[dict, dict]:
    category, family, price, season, origins, titles, _subs, _rel = PRODUCTS[product_id]
    origin = rng.choice(origins) if rng.random() < 0.7 else rng.choice(sorted(CENTRES))
    company = rng.choice(SELLERS)
    area = AREAS.get(origin, origin)
    title = rng.choice(titles).format(company=company, area=area)
    unit = rng.choice(FAMILY_UNITS[family])
    factor = UNIT_FACTORS[unit]
    monthly = max(factor, int(SCALE[family] * rng.choice([0.05, 0.1, 0.3, 0.6, 1, 2, 4])))
    months = list(season or range(1, 13))
    if rng.random() < 0.2:
        months = months[: max(1, len(months) // 2)]
    unit_price = int(price * factor * rng.uniform(0.75, 1.3))
    held = []
    if product_id in INDUSTRIAL:
        held += [c for c, p in (("ISO 9001", 0.5), ("IATF 16949", 0.2)) if rng.random() < p]
    else:
        held += [c for c, p in (("VietGAP", 0.3), ("GlobalGAP", 0.1), ("HACCP", 0.15),
                                ("ISO 22000", 0.1), ("organic", 0.05)) if rng.random() < p]  # fmt: skip
        if rng.random() < 0.1:
            held.append(rng.choice(["OCOP3", "OCOP4", "OCOP5"]))
    quantity = max(1, monthly // factor)
    minimum = quantity if rng.random() < 0.12 else 0
    name = titles[0].format(company="", area=area).strip(" -")
    description = rng.choice([
        f"{name}. Sản lượng khoảng {quantity} {unit} mỗi tháng, giao hàng toàn quốc.",
        f"Chuyên cung cấp {name.lower()} cho nhà máy, siêu thị. Vùng nguyên liệu tại {area}.",
        f"{company} có {quantity} {unit}/tháng. Liên hệ để nhận báo giá.",
    ])  # fmt: skip
    row = {
        "offer_id": f"o{number:05d}", "title": title, "description": description,
        "category": category, "origin_province": origin, "certifications": ",".join(held),
        "quantity_per_month": str(quantity), "unit": unit, "season_months": _season_text(months),
        "price_min_vnd": str(unit_price), "price_max_vnd": str(int(unit_price * 1.1)),
        "min_order": str(minimum),
    }  # fmt: skip
    truth = {"product": product_id, "family": family, "monthly_base": quantity * factor,
             "months": months, "price_base": unit_price / factor, "certifications": held,
             "origin": origin, "minimum_base": minimum * factor}  # fmt: skip
    return row, truth


def _retail_offers(rng: random.Random, start: int, limit: int) -> list[tuple[dict, dict]]:
    """Real titles of other products (retail goods) as offers nobody asked for."""
    words = {w for p in PRODUCTS.values() for t in p[5] for w in t.lower().split() if len(w) > 3}
    rows = []
    for name in ("minh_huy_data.csv", "duy_thai_data.csv", "bao_chau_data.csv"):
        path = SHARED / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, delimiter=";")
            next(reader)
            for row in reader:
                if len(row) < 4 or not row[0].strip():
                    continue
                title = " ".join(row[0].split())[:190]
                if words & set(title.lower().split()):
                    continue  # could be one of the set's products: keep the labels certain
                rows.append((title, row[3].strip()))
    rng.shuffle(rows)
    offers = []
    for index, (title, category) in enumerate(rows[:limit]):
        origin = rng.choice(sorted(CENTRES))
        offers.append(({
            "offer_id": f"o{start + index:05d}", "title": title, "description": title,
            "category": category, "origin_province": origin, "certifications": "",
            "quantity_per_month": str(rng.choice([100, 500, 2000])), "unit": "cái",
            "season_months": "1-12", "price_min_vnd": "150000", "price_max_vnd": "200000",
            "min_order": "0",
        }, {"product": None, "family": "piece", "monthly_base": 500, "months": list(range(1, 13)),
            "price_base": 150000, "certifications": [], "origin": origin, "minimum_base": 0}))  # fmt: skip
    return offers


def _demand(rng: random.Random, number: int, need: tuple) -> tuple[dict, dict]:
    product_id, title, description, radius, areas, unit, frequency = need
    category, family, price, season, _origins, _titles, _subs, _rel = PRODUCTS[product_id]
    province = rng.choice(sorted(CENTRES))
    months = season or list(range(1, 13))
    start_month = rng.choice(months) if rng.random() < 0.8 else rng.randint(1, 12)
    length = 0 if frequency == "once" else rng.choice([0, 1, 2, 5])
    start = date(2027, start_month, 1)
    end_month = (start_month + length - 1) % 12 + 1
    end = date(2027 + (start_month + length > 12), end_month, 28)
    factor = UNIT_FACTORS[unit]
    per_month = SCALE[family] * rng.choice([0.3, 0.6, 1, 1.5])
    per_delivery = per_month / 4.33 if frequency == "weekly" else per_month
    quantity = max(1, round(per_delivery / factor))
    ceiling = ""
    if rng.random() < 0.7:
        ceiling = str(int(price * factor * rng.uniform(0.95, 1.3)))
    if product_id in INDUSTRIAL:
        required = rng.choice(
            [[], [], ["ISO 9001"], ["IATF 16949"] if product_id == "linh_kien_oto" else []]
        )
    else:
        required = rng.choice([[], [], ["VietGAP"], ["HACCP"], ["GlobalGAP"], ["OCOP3"]])
    company = rng.choice(BUYERS)
    row = {
        "demand_id": f"d{number:04d}", "title": title.format(company=company),
        "description": description.format(company=company), "category": category,
        "delivery_province": province, "certifications_required": ",".join(required),
        "quantity": str(quantity), "unit": unit, "frequency": frequency,
        "window_start": start.isoformat(), "window_end": end.isoformat(),
        "price_ceiling_vnd": ceiling,
    }  # fmt: skip
    truth = {"product": product_id, "family": family, "quantity_base": quantity * factor,
             "frequency": frequency, "start": start.isoformat(), "end": end.isoformat(),
             "ceiling_base": int(ceiling) / factor if ceiling else None,
             "certifications": required, "province": province, "radius_km": radius,
             "areas": areas}  # fmt: skip
    return row, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--variants", type=int, default=5, help="demands per hand-written need")
    parser.add_argument("--retail", type=int, default=400, help="real retail titles added")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    offers = [_offer(rng, 0, pid) for pid in PRODUCTS for _ in range(OFFERS_PER_PRODUCT)]
    offers = [({**row, "offer_id": f"o{n:05d}"}, truth) for n, (row, truth) in enumerate(offers)]
    offers += _retail_offers(rng, len(offers), args.retail)
    demands = [_demand(rng, n, need) for n, need in enumerate(NEEDS * args.variants)]
    for name, rows in (
        ("offers.tsv", [r for r, _ in offers]),
        ("demands.tsv", [r for r, _ in demands]),
    ):
        with (out / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, list(rows[0]), delimiter="\t", lineterminator="\n",
                                    quoting=csv.QUOTE_NONE, escapechar="\\")  # fmt: skip
            writer.writeheader()
            writer.writerows(rows)
    truth = {"offers": {r["offer_id"]: t for r, t in offers},
             "demands": {r["demand_id"]: t for r, t in demands}}  # fmt: skip
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False))
    counts = label_all(truth, out / "qrels.tsv")
    print(json.dumps({"offers": len(offers), "demands": len(demands), "grades": counts}))


if __name__ == "__main__":
    main()
