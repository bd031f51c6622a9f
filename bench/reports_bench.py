"""Times the per-column count of the annual website report (R1): every item of a year assigned to its nearest
column by tree path, the one loop over items in `govsite.reports.annual_form`. Pure Python, no database.

    .venv/bin/python bench/reports_bench.py [--items 200000 --columns 400]
"""

from __future__ import annotations

import argparse
import random
import time

from govsite.reports.annual_form import PATH_STEP, count_by_column


def segment(n: int) -> str:
    return f"{n:0{PATH_STEP}d}"


def tree(columns: int, rng: random.Random) -> list[str]:
    """Column paths up to three levels below the home page, like a portal's column tree."""
    home = segment(1) + segment(1)
    paths = [home + segment(n + 1) for n in range(min(12, columns))]
    while len(paths) < columns:
        parent = rng.choice([p for p in paths if len(p) < len(home) + 3 * PATH_STEP])
        paths.append(parent + segment(len(paths)))
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--columns", type=int, default=400)
    args = parser.parse_args()
    rng = random.Random(7)
    columns = tree(args.columns, rng)
    items = [rng.choice(columns) + segment(n % 9999 + 1) for n in range(args.items)]
    start = time.perf_counter()
    counts, outside = count_by_column(items, columns)
    seconds = time.perf_counter() - start
    print(f"{args.items} items, {len(columns)} columns: {seconds:.3f} s "
          f"({args.items / seconds:,.0f} items/s); {len(counts)} columns with items, {outside} outside")


if __name__ == "__main__":
    main()
