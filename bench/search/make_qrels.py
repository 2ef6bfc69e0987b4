"""Write qrels.tsv (query_id, doc_id, grade) by applying the hand-written criteria in queries.tsv
to every document of a corpus TSV. The criteria describe what the shopper wants; they do not
use the search engine.

    make_qrels.py --corpus C.tsv [--queries queries.tsv] [--out qrels.tsv]
"""

import argparse
import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from phohang.core.text import search_fold, search_normalize  # noqa: E402

# "c:", "b:", "p:" test the category, brand or province; "a:" the title with its diacritics, as
# a reader tells "bơi" from "bò" or "lắc" from "lạc".
FIELDS = {"c": "category", "b": "brand", "p": "province", "a": "accented"}


def _holds(alternative: str, document: dict) -> bool:
    field = "title"
    if len(alternative) > 2 and alternative[1] == ":" and alternative[0] in FIELDS:
        field, alternative = FIELDS[alternative[0]], alternative[2:]
    fold = search_normalize if field == "accented" else search_fold
    phrase = fold(alternative)
    return bool(phrase) and f" {phrase} " in document[field]


def satisfies(criteria: str, document: dict) -> bool:
    if not criteria.strip():
        return False
    for clause in criteria.split(" & "):
        clause = clause.strip()
        negated = clause.startswith("!")
        found = any(_holds(alternative, document) for alternative in clause.lstrip("!").split("|"))
        if found == negated:
            return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--queries", default=str(HERE / "queries.tsv"))
    parser.add_argument("--out", default=str(HERE / "qrels.tsv"))
    args = parser.parse_args()
    csv.field_size_limit(10_000_000)
    with open(args.corpus, encoding="utf-8-sig", newline="") as handle:
        documents = [
            {
                "doc_id": row["doc_id"],
                **{
                    name: f" {search_fold(row.get(name) or '')} "
                    for name in ("title", "category", "brand", "province")
                },
                "accented": f" {search_normalize(row.get('title') or '')} ",
            }
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_MINIMAL)
        ]
    with open(args.queries, encoding="utf-8", newline="") as handle:
        queries = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    lines, empty = ["query_id\tdoc_id\tgrade"], []
    for query in queries:
        judged = 0
        for document in documents:
            for grade in (3, 2, 1):
                if satisfies(query.get(f"grade{grade}", ""), document):
                    lines.append(f"{query['query_id']}\t{document['doc_id']}\t{grade}")
                    judged += 1
                    break
        if not judged:
            empty.append(query["query_id"])
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"{len(lines) - 1} judgments; queries without relevant documents: {empty}", file=sys.stderr
    )


if __name__ == "__main__":
    main()
