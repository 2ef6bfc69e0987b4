"""Score the search on a relevance set: nDCG@10, Recall@50 and MRR per tag, on either engine.

    relevance.py --corpus C.tsv --queries Q.tsv [--qrels R.tsv] --backend sqlite|postgres --run-out RUN.tsv

Builds a fresh index in a throwaway database, writes the top 100 per query as
query_id<TAB>doc_id<TAB>rank, and prints metrics when judgments are given. Last line: JSON.
"""

import argparse
import csv
import json
import math
import sys
import time
from collections import defaultdict

from _setup import corpus_rows, throwaway_database

TOP = 100


def read_tsv(path: str) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def ndcg(ranked: list[str], grades: dict[str, int], depth: int = 10) -> float:
    gains = [2 ** grades.get(doc, 0) - 1 for doc in ranked[:depth]]
    dcg = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains))
    ideal = sorted((2**grade - 1 for grade in grades.values() if grade > 0), reverse=True)[:depth]
    idcg = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], grades: dict[str, int], depth: int = 50) -> float:
    relevant = {doc for doc, grade in grades.items() if grade > 0}
    return len(relevant & set(ranked[:depth])) / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked: list[str], grades: dict[str, int]) -> float:
    for rank, doc in enumerate(ranked, 1):
        if grades.get(doc, 0) > 0:
            return 1 / rank
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--qrels")
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--run-out", required=True)
    args = parser.parse_args()
    queries = read_tsv(args.queries)
    with throwaway_database(args.backend):
        from phohang.search.models import SearchDocument
        from phohang.search.selectors import product_search
        from phohang.search.services import index_build

        started = time.perf_counter()
        documents = index_build(rows=corpus_rows(args.corpus))
        build_seconds = time.perf_counter() - started
        keys = dict(SearchDocument.objects.values_list("id", "key"))
        runs: dict[str, list[str]] = {}
        with open(args.run_out, "w", encoding="utf-8", newline="") as out:
            for row in queries:
                result = product_search(query=row["query"], page_size=TOP, with_facets=False)
                ranked = [keys[document.id] for document in result.documents]
                runs[row["query_id"]] = ranked
                for rank, doc in enumerate(ranked, 1):
                    out.write(f"{row['query_id']}\t{doc}\t{rank}\n")
    summary: dict = {"backend": args.backend, "documents": documents, "queries": len(queries),
                     "index_build_seconds": round(build_seconds, 2)}  # fmt: skip
    if args.qrels:
        summary.update(score(queries, runs, read_tsv(args.qrels)))
    print(json.dumps(summary, ensure_ascii=False))


def score(queries: list[dict], runs: dict[str, list[str]], qrels: list[dict]) -> dict:
    judgments: dict[str, dict[str, int]] = defaultdict(dict)
    for row in qrels:
        judgments[row["query_id"]][row["doc_id"]] = int(row["grade"])
    per_tag: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    for row in queries:
        query_id = row["query_id"]
        if not any(grade > 0 for grade in judgments[query_id].values()):
            continue
        ranked = runs.get(query_id, [])
        metrics = (ndcg(ranked, judgments[query_id]), recall(ranked, judgments[query_id]),
                   reciprocal_rank(ranked, judgments[query_id]))  # fmt: skip
        for tag in filter(None, (row.get("tag") or row.get("tags") or "untagged").split(",")):
            per_tag[tag.strip()].append(metrics)
        per_tag["overall"].append(metrics)
    table = {
        tag: {
            "n": len(values),
            "ndcg@10": round(sum(v[0] for v in values) / len(values), 4),
            "recall@50": round(sum(v[1] for v in values) / len(values), 4),
            "mrr": round(sum(v[2] for v in values) / len(values), 4),
        }
        for tag, values in sorted(per_tag.items())
    }
    print(f"{'tag':<20} {'n':>4} {'nDCG@10':>8} {'R@50':>7} {'MRR':>7}", file=sys.stderr)
    for tag, values in table.items():
        print(
            f"{tag:<20} {values['n']:>4} {values['ndcg@10']:>8.4f} {values['recall@50']:>7.4f} {values['mrr']:>7.4f}",
            file=sys.stderr,
        )
    return {"metrics": table}


if __name__ == "__main__":
    main()
