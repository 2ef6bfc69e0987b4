"""Grade every demand–offer pair of the labelled set from its ground truth (truth.json).

    .venv/bin/python bench/trade/label.py --truth DIR/truth.json --out DIR/qrels.tsv

Reads what each posting really is (product, quantities in kg/litres/pieces, months, prices per
base unit, certificates, places), never the text the ranker reads, and applies the buyer's rules
of issue 18: 3 fully suitable; 2 one soft shortfall; 1 a related product, a hard shortfall or
two soft ones; 0 another product, a missing certificate or no month of the window in season.
"""

import argparse
import json
import math
from collections import Counter
from datetime import date
from pathlib import Path

from truth import CENTRES, PRODUCTS

SATISFIED_BY = {"VietGAP": {"VietGAP", "GlobalGAP"}, "HACCP": {"HACCP", "ISO 22000"},
                "ISO 9001": {"ISO 9001", "IATF 16949"}}  # fmt: skip
WEEKS_PER_MONTH = 4.33


def _km(a: str, b: str) -> float:
    (lat1, lon1), (lat2, lon2) = CENTRES[a], CENTRES[b]
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def _window(start: str, end: str) -> set[int]:
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    months, year, month = set(), first.year, first.month
    while (year, month) <= (last.year, last.month) and len(months) < 12:
        months.add(month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _holds(required: str, held: list[str]) -> bool:
    if required.startswith("OCOP"):
        return any(h.startswith("OCOP") and int(h[4:]) >= int(required[4:]) for h in held)
    return bool(SATISFIED_BY.get(required, {required}) & set(held))


def grade(demand: dict, offer: dict) -> int:
    wanted = demand["product"]
    if offer["product"] is None:
        return 0
    if offer["product"] == wanted:
        kind = "same"
    elif offer["product"] in PRODUCTS[wanted][6]:
        kind = "substitute"
    elif offer["product"] in PRODUCTS[wanted][7]:
        kind = "related"
    else:
        return 0
    if not all(_holds(c, offer["certifications"]) for c in demand["certifications"]):
        return 0
    window = _window(demand["start"], demand["end"])
    in_season = len(window & set(offer["months"]))
    if not in_season:
        return 0
    soft, hard = (1 if kind == "substitute" else 0), 0
    recurring = demand["frequency"] in ("weekly", "monthly")
    comparable = offer["family"] == demand["family"]
    if comparable:
        if recurring:
            need = demand["quantity_base"] * (
                WEEKS_PER_MONTH if demand["frequency"] == "weekly" else 1
            )
            share = offer["monthly_base"] / need
        else:
            share = offer["monthly_base"] * in_season / demand["quantity_base"]
        hard += share < 0.15
        soft += 0.15 <= share < 0.5
        if demand["ceiling_base"]:
            ratio = offer["price_base"] / demand["ceiling_base"]
            hard += ratio > 1.10
            soft += 1.0 < ratio <= 1.10
        soft += offer["minimum_base"] > demand["quantity_base"]
    if recurring:
        coverage = in_season / len(window)
        hard += coverage < 0.25
        soft += 0.25 <= coverage < 0.5
    if demand["radius_km"] and _km(offer["origin"], demand["province"]) > demand["radius_km"]:
        soft += 1
    if demand["areas"] and offer["origin"] not in demand["areas"]:
        soft += 1
    if kind == "related" or hard or soft >= 2:
        return 1
    return 3 - soft


def label_all(truth: dict, out: Path) -> dict:
    counts: Counter = Counter()
    with out.open("w", encoding="utf-8") as handle:
        handle.write("demand_id\toffer_id\tgrade\n")
        for demand_id, demand in truth["demands"].items():
            for offer_id, offer in truth["offers"].items():
                value = grade(demand, offer)
                counts[value] += 1
                handle.write(f"{demand_id}\t{offer_id}\t{value}\n")
    return dict(sorted(counts.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--truth", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    print(json.dumps(label_all(json.loads(Path(args.truth).read_text()), Path(args.out))))


if __name__ == "__main__":
    main()
