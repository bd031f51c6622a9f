"""How long an upload at the size limit takes to read and check, and each download to write (P12).
Pure functions only (no database). Not run by pytest.

    .venv/bin/python bench/opendata_bench.py [--rows 20000]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook  # noqa: E402

from govsite.core import charts  # noqa: E402
from govsite.opendata import formats, rules  # noqa: E402
from govsite.opendata.rules import FieldSpec, FieldType  # noqa: E402

FIELDS = [FieldSpec("编号", FieldType.INTEGER), FieldSpec("名称"), FieldSpec("乡镇"),
          FieldSpec("数量", FieldType.INTEGER, "个"), FieldSpec("金额", FieldType.DECIMAL, "万元"),
          FieldSpec("登记日期", FieldType.DATE)]


def table(rows: int) -> list[list]:
    return [[i, f"弥勒市第{i}号单位", "弥阳街道", i % 500, round(i * 1.37, 2), f"2025-{i % 12 + 1:02d}-15"]
            for i in range(1, rows + 1)]


def timed(label: str, action):
    start = time.perf_counter()
    result = action()
    print(f"{label:<34}{(time.perf_counter() - start) * 1000:>9.0f} ms")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=rules.MAX_ROWS)
    rows = table(parser.parse_args().rows)
    csv_gbk = "\r\n".join(",".join(map(str, r)) for r in [[f.name for f in FIELDS], *rows]).encode("gbk")
    book = Workbook()
    for r in [[f.name for f in FIELDS], *rows]:
        book.active.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    print(f"{len(rows)} rows × {len(FIELDS)} fields; CSV {len(csv_gbk) // 1024} KB, XLSX {len(buffer.getvalue()) // 1024} KB")
    parsed = timed("parse GBK CSV", lambda: rules.parse_data_file("a.csv", csv_gbk, FIELDS))
    timed("parse XLSX", lambda: rules.parse_data_file("a.xlsx", buffer.getvalue(), FIELDS))
    timed("write CSV download", lambda: formats.to_csv(FIELDS, parsed))
    timed("write JSON download", lambda: formats.to_json({}, FIELDS, parsed))
    timed("write XLSX download", lambda: formats.to_xlsx("bench", FIELDS, parsed))
    labels = [str(y) for y in range(1966, 2026)]
    timed("draw 60-point line chart ×100", lambda: [charts.line_chart("t", labels, [
        charts.Series("a", [float(i) for i in range(60)])]) for _ in range(100)])


if __name__ == "__main__":
    main()
