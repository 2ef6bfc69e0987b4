"""Corpus TSV for the relevance set: real seller titles read from ../shared/data/products-vi at run
time (never copied into the repository) plus the regional listings kept here (regional.tsv)."""

import argparse
import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# shared/ lies beside the clone (or beside the folder of worktrees).
SHARED = next(
    (p / "shared" / "data" / "products-vi" for p in HERE.parents if (p / "shared").is_dir()),
    HERE.parent.parent.parent / "shared" / "data" / "products-vi",
)
FILES = {"bc": "bao_chau_data.csv", "dt": "duy_thai_data.csv", "mh": "minh_huy_data.csv"}
COLUMNS = ["doc_id", "title", "category", "brand", "description", "province"]


def shared_rows(directory: Path = SHARED):
    for prefix, name in FILES.items():
        with (directory / name).open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, delimiter=";")
            next(reader)
            for number, row in enumerate(reader, 1):
                if len(row) < 4 or not row[0].strip():
                    continue
                yield {
                    "doc_id": f"{prefix}{number:04d}",
                    "title": row[0].strip(),
                    "category": row[3].strip(),
                    "brand": row[2].strip(),
                    "description": "",
                    "province": "",
                }


def regional_rows():
    with (HERE / "regional.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            yield {column: row.get(column, "") for column in COLUMNS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="-")
    args = parser.parse_args()
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="")  # noqa: SIM115
    writer = csv.DictWriter(
        out, COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL
    )
    writer.writeheader()
    count = 0
    for row in [*shared_rows(), *regional_rows()]:
        writer.writerow(
            {key: value.replace("\t", " ").replace("\n", " ") for key, value in row.items()}
        )
        count += 1
    print(f"{count} documents", file=sys.stderr)


if __name__ == "__main__":
    main()
