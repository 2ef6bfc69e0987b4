"""Run the production scheduler and the plain CP-SAT baseline on every instance of a folder.

    .venv/bin/python bench/expo/generate.py --out-dir var/expo
    nice -n 10 .venv/bin/python bench/expo/compare.py --dir var/expo [--only p300] [--skip-baseline]

Each run is its own process (bench/expo/schedule.py and bench/expo/baseline.py), so its wall
time includes imports. Time limits: 60 s for the 1,000-participant instances, 20 s otherwise.
Prints a Markdown table, then one JSON object with the averages.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import DEFAULT_TIME_LIMIT, TIME_LIMITS  # noqa: E402


def _run(script: str, instance: Path, limit: float) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        completed = subprocess.run(
            [
                sys.executable,
                str(HERE / script),
                "--instance",
                str(instance),
                "--time-limit",
                str(limit),
                "--out",
                out.name,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        return {"error": completed.stderr.strip()[-300:]}
    return json.loads(lines[-1])


def _limit(instance: Path) -> float:
    for prefix, limit in TIME_LIMITS.items():
        if instance.name.startswith(prefix):
            return limit
    return DEFAULT_TIME_LIMIT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--only", default="")
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    rows = []
    print(
        "| instance | limit s | objective | lp_bound | ratio | baseline ratio | solve_s | status |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for instance in sorted(args.dir.glob("*.json")):
        if args.only not in instance.name:
            continue
        limit = _limit(instance)
        ours = _run("schedule.py", instance, limit)
        base = {} if args.skip_baseline else _run("baseline.py", instance, limit)
        rows.append({"instance": instance.stem, "ours": ours, "baseline": base})
        print(
            f"| {instance.stem} | {limit:g} | {ours.get('objective')} | {ours.get('lp_bound')} "
            f"| {ours.get('ratio')} | {base.get('ratio')} | {ours.get('solve_s')} "
            f"| {ours.get('status') or ours.get('error')} |",
            flush=True,
        )
    ratios = [row["ours"]["ratio"] for row in rows if row["ours"].get("ratio") is not None]
    base_ratios = [
        row["baseline"]["ratio"] for row in rows if row["baseline"].get("ratio") is not None
    ]
    print(
        json.dumps(
            {
                "instances": len(rows),
                "mean_ratio": round(sum(ratios) / len(ratios), 5) if ratios else None,
                "min_ratio": min(ratios) if ratios else None,
                "baseline_mean_ratio": (
                    round(sum(base_ratios) / len(base_ratios), 5) if base_ratios else None
                ),
                "violations": sum(row["ours"].get("violations", 1) for row in rows),
                "worse_than_baseline": [
                    row["instance"]
                    for row in rows
                    if row["baseline"].get("objective") is not None
                    and row["ours"].get("objective", -1) < row["baseline"]["objective"]
                ],
                "over_time": [
                    row["instance"]
                    for row in rows
                    if row["ours"].get("wall_s", 0) > _limit(args.dir / f"{row['instance']}.json")
                ],
            }
        )
    )


if __name__ == "__main__":
    main()
