"""Score B2B matching on a labelled set: precision@5, nDCG@10 and recall@20, on either database.

    relevance.py --offers OFFERS.tsv --demands DEMANDS.tsv [--qrels QRELS.tsv] \\
        --backend sqlite|postgres --run-out RUN.tsv

Builds a throwaway database, enters every offer and demand through the forms and services a
user's posting goes through (rows they refuse are reported with the reason, and skipped), ranks
offers for every demand with `phohang.trade.matching.rank_offers`, writes the top 100 as
demand_id<TAB>offer_id<TAB>rank, and prints the metrics when judgments (demand_id, offer_id,
grade 0–3) are given: relevant means grade 2 or 3 (fully suitable, or one soft shortfall);
precision@5 is also given for grade 3 alone and for grade 1 or more. Last line: JSON.
"""

import argparse
import csv
import json
import math
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "search"))
sys.path.insert(0, str(HERE))

from _setup import throwaway_database  # noqa: E402
from postings import Loader  # noqa: E402

TOP = 100


def read_tsv(path: str) -> list[dict]:
    csv.field_size_limit(10_000_000)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def ndcg(ranked: list[str], grades: dict[str, int], depth: int = 10) -> float:
    gains = [2 ** grades.get(doc, 0) - 1 for doc in ranked[:depth]]
    dcg = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains))
    ideal = sorted((2**grade - 1 for grade in grades.values() if grade > 0), reverse=True)[:depth]
    idcg = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def precision(ranked: list[str], grades: dict[str, int], least: int, depth: int = 5) -> float:
    return sum(1 for doc in ranked[:depth] if grades.get(doc, 0) >= least) / depth


def recall(ranked: list[str], grades: dict[str, int], least: int, depth: int = 20) -> float:
    relevant = {doc for doc, grade in grades.items() if grade >= least}
    return len(relevant & set(ranked[:depth])) / len(relevant) if relevant else 0.0


def score(runs: dict[str, list[str]], qrels: list[dict]) -> dict:
    judgments: dict[str, dict[str, int]] = defaultdict(dict)
    for row in qrels:
        judgments[row["demand_id"]][row["offer_id"]] = int(row["grade"])
    rows = []
    for demand_id, grades in judgments.items():
        if not any(grade >= 2 for grade in grades.values()):
            continue
        ranked = runs.get(demand_id, [])
        rows.append(
            (
                precision(ranked, grades, 2),
                ndcg(ranked, grades),
                recall(ranked, grades, 2),
                precision(ranked, grades, 3),
                precision(ranked, grades, 1),
            )
        )
    if not rows:
        return {"judged_demands": 0}

    def mean(index: int) -> float:
        return round(sum(row[index] for row in rows) / len(rows), 4)

    return {
        "judged_demands": len(rows),
        "precision_at_5": mean(0),
        "ndcg_at_10": mean(1),
        "recall_at_20": mean(2),
        "precision_at_5_grade_3": mean(3),
        "precision_at_5_grade_1": mean(4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--offers", required=True)
    parser.add_argument("--demands", required=True)
    parser.add_argument("--qrels")
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--run-out", required=True)
    args = parser.parse_args()
    offers, demands = read_tsv(args.offers), read_tsv(args.demands)
    # Matching runs are queued, not run after every posting: the script ranks each demand once.
    os.environ["TASKS_BACKEND"] = "database"
    with throwaway_database(args.backend, every_app=True):
        from phohang.trade.matching import rank_offers

        loader = Loader(demands)
        started = time.perf_counter()
        offer_ids = loader.offers(offers)
        loaded = loader.demands(demands)
        load_seconds = time.perf_counter() - started
        runs: dict[str, list[str]] = {}
        timings = []
        with open(args.run_out, "w", encoding="utf-8", newline="") as out:
            for demand_id, demand in loaded.items():
                started = time.perf_counter()
                ranked = rank_offers(demand, limit=TOP, minimum_score=0)
                timings.append(time.perf_counter() - started)
                runs[demand_id] = [offer_ids[pk] for pk, _score, _breakdown in ranked]
                for rank, offer_id in enumerate(runs[demand_id], 1):
                    out.write(f"{demand_id}\t{offer_id}\t{rank}\n")
    for kind, row_id, reason in loader.rejected:
        print(f"rejected {kind} {row_id}: {reason}", file=sys.stderr)
    timings.sort()
    summary: dict = {
        "backend": args.backend,
        "offers": len(offer_ids),
        "demands": len(loaded),
        "rejected_offers": sum(1 for kind, *_ in loader.rejected if kind == "offer"),
        "rejected_demands": sum(1 for kind, *_ in loader.rejected if kind == "demand"),
        "load_seconds": round(load_seconds, 1),
        "rank_p95_ms": round(1000 * timings[int(0.95 * (len(timings) - 1))], 1)
        if timings
        else None,
    }
    if args.qrels:
        summary.update(score(runs, read_tsv(args.qrels)))
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
