"""Checks of the monthly case statistics and the rows of an imported sheet (R1); no Django import."""

from __future__ import annotations

from dataclasses import dataclass

HEADER = ("年份", "月份", "办件总量", "自然人办件量", "法人办件量")


@dataclass(frozen=True)
class StatRow:
    year: int
    month: int
    cases_total: int
    cases_person: int
    cases_legal: int


class SheetError(ValueError):
    """An imported sheet that cannot be taken as a whole; the message lists every problem in Chinese."""


def split_problem(total: int | None, person: int | None, legal: int | None) -> str | None:
    """自然人 and 法人 cases are parts of the total: their sum may not exceed it."""
    if total is None or person is None or legal is None:
        return None
    if person + legal > total:
        return f"自然人办件量与法人办件量之和（{person + legal}）不得超过办件总量（{total}）"
    return None


def _count(value: object) -> int | None:
    """A non-negative whole number from a cell (Excel gives floats for integers), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and value >= 0 else None


def _row(number: int, cells: tuple) -> tuple[StatRow | None, list[str]]:
    values = [_count(c) for c in (tuple(cells) + (None,) * 5)[:5]]
    problems = [f"第{number}行“{name}”应为不小于0的整数" for name, v in zip(HEADER, values, strict=True) if v is None]
    if problems:
        return None, problems
    year, month, total, person, legal = values
    if not 2000 <= year <= 2100:
        problems.append(f"第{number}行年份“{year}”不正确")
    if not 1 <= month <= 12:
        problems.append(f"第{number}行月份“{month}”应在1至12之间")
    split = split_problem(total, person, legal)
    if split:
        problems.append(f"第{number}行{split}")
    return (None if problems else StatRow(year, month, total, person, legal)), problems


def parse_rows(rows: list[tuple]) -> list[StatRow]:
    """The sheet's rows below the header, all or nothing: any problem raises SheetError listing them all."""
    if not rows or tuple(str(c or "").strip() for c in rows[0][:5]) != HEADER:
        raise SheetError(f"表头应为：{'、'.join(HEADER)}")
    parsed: list[StatRow] = []
    problems: list[str] = []
    seen: set[tuple[int, int]] = set()
    for number, cells in enumerate(rows[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        row, row_problems = _row(number, cells)
        problems += row_problems
        if row and (row.year, row.month) in seen:
            problems.append(f"第{number}行{row.year}年{row.month}月重复")
        elif row:
            seen.add((row.year, row.month))
            parsed.append(row)
    if problems:
        raise SheetError("；".join(problems))
    if not parsed:
        raise SheetError("表格中没有统计数据")
    return parsed
