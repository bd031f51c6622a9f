"""How fast the pure disclosure rules run: the request clock (Art. 30-33) and part three of the annual
report (R2) over a large year of applications. Prints its figures; not run by pytest.

    .venv/bin/python bench/disclosure_bench.py [--requests 1000000]
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc
from datetime import date, timedelta

from govsite.disclosure import annual, rules
from govsite.workdays.package import package_calendar


def facts(count: int, rng: random.Random) -> list[annual.RequestFacts]:
    """Applications received over 2025-2026, most closed within 40 days with a random outcome."""
    outcomes, applicants = list(rules.Outcome), list(rules.ApplicantType)
    start, rows = date(2025, 1, 1), []
    for _ in range(count):
        received = start + timedelta(days=rng.randrange(730))
        closed = received + timedelta(days=rng.randrange(1, 40)) if rng.random() < 0.9 else None
        rows.append(annual.RequestFacts(rng.choice(applicants), received, closed,
                                        rng.choice(outcomes) if closed else None))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1_000_000)
    args = parser.parse_args()
    rng, calendar = random.Random(6), package_calendar()

    days = [date(2026, 1, 1) + timedelta(days=rng.randrange(330)) for _ in range(20_000)]
    began = time.perf_counter()
    for n, day in enumerate(days):
        rules.request_clock(calendar, day, consultations=(rules.Consultation(day + timedelta(days=3),
                                                                             day + timedelta(days=10)),),
                            extension_days=n % 21, today=date(2026, 12, 31))
    clock_seconds = time.perf_counter() - began
    print(f"request clock (consultation + extension): {len(days) / clock_seconds:,.0f} clocks/s "
          f"({clock_seconds * 1e6 / len(days):.1f} µs each)")

    rows = facts(args.requests, rng)
    tracemalloc.start()
    began = time.perf_counter()
    table = annual.part_three(iter(rows), 2026)
    seconds = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"part three over {len(rows):,} applications: {seconds:.2f} s ({len(rows) / seconds:,.0f} per second), "
          f"peak extra memory {peak / 1024:.0f} KiB, check holds: {not annual.check_failures(table)}")


if __name__ == "__main__":
    main()
