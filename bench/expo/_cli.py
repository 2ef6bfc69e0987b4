"""The command line the expo scheduling benchmarks share."""

import argparse
from pathlib import Path


def instance_parser(description: str) -> argparse.ArgumentParser:
    """`--instance FILE.json --time-limit SECONDS --out SCHEDULE.json [--workers N]`."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--instance", type=Path, required=True)
    parser.add_argument("--time-limit", type=float, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=2)
    return parser
