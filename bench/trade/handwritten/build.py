"""Write the hand-written trade set: demands.tsv, offers.tsv and qrels.tsv for `relevance.py`.

    .venv/bin/python bench/trade/handwritten/build.py --out /tmp/handwritten

Every demand, every offer written against it and every grade are in `needs.py`, judged by hand.
Offers written for one need are near-misses or other products for every other need (grade 0:
the needs name distinct products). Real retail titles read at run time from
../shared/data/products-vi (never copied here), other than food and drink, are added as offers
nobody asked for.
"""

import argparse
import csv
import random
from pathlib import Path

from needs import NEEDS

HERE = Path(__file__).resolve().parent
SHARED = next(
    (p / "shared" / "data" / "products-vi" for p in HERE.parents if (p / "shared").is_dir()),
    HERE.parent.parent.parent.parent / "shared" / "data" / "products-vi",
)
DEMAND_COLUMNS = ["demand_id", "title", "description", "category", "delivery_province",
                  "certifications_required", "quantity", "unit", "frequency", "window_start",
                  "window_end", "price_ceiling_vnd"]  # fmt: skip
OFFER_COLUMNS = ["offer_id", "title", "description", "category", "origin_province",
                 "certifications", "quantity_per_month", "unit", "season_months", "price_min_vnd",
                 "price_max_vnd", "min_order"]  # fmt: skip
PROVINCES = ["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Bắc Ninh", "Hưng Yên",
             "Đồng Nai", "Thanh Hóa", "Nghệ An", "Khánh Hòa", "Lâm Đồng"]  # fmt: skip
# Retail categories that could hold something a need asks for are left out.
FOOD = ("Thực phẩm", "Đồ uống")


def _retail(limit: int, rng: random.Random) -> list[list]:
    rows = []
    for name in ("minh_huy_data.csv", "duy_thai_data.csv", "bao_chau_data.csv"):
        path = SHARED / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, delimiter=";")
            next(reader)
            for row in reader:
                if len(row) < 4 or not row[0].strip() or row[3].strip().startswith(FOOD):
                    continue
                title = " ".join(row[0].split())[:190]
                if "\t" not in title:
                    rows.append([title, row[3].strip()])
    rng.shuffle(rows)
    offers = []
    for number, (title, category) in enumerate(rows[:limit]):
        price = rng.choice([50_000, 120_000, 250_000, 900_000])
        offers.append([f"r{number:05d}", title, "", category, rng.choice(PROVINCES), "",
                       rng.choice([100, 500, 2000]), "cái", "1-12", price, price * 12 // 10, 0])  # fmt: skip
    return offers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--retail", type=int, default=3800)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    demands, offers, qrels = [], [], []
    for demand, written in NEEDS:
        demands.append(list(demand))
        for suffix, *fields, grade, _why in written:
            offer_id = f"{demand[0].lower()}{suffix}"
            offers.append([offer_id, *fields])
            qrels.append([demand[0], offer_id, grade])
    offers += _retail(args.retail, random.Random(18))

    def write(name: str, header: list[str], rows: list[list]) -> None:
        with (out / name).open("w", encoding="utf-8") as handle:
            handle.write("\t".join(header) + "\n")
            for row in rows:
                handle.write("\t".join(str(value) for value in row) + "\n")

    write("demands.tsv", DEMAND_COLUMNS, demands)
    write("offers.tsv", OFFER_COLUMNS, offers)
    write("qrels.tsv", ["demand_id", "offer_id", "grade"], qrels)
    print(f"{len(demands)} demands, {len(offers)} offers, {len(qrels)} graded pairs in {out}")


if __name__ == "__main__":
    main()
