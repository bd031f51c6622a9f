"""The annual disclosure report's tables (R2; 国办公开办函〔2021〕30号); pure Python, no Django import.

Part three counts applications by applicant type: new this year, carried over from last year, the
results of those closed this year, and those carried into next year. Its check is 一 + 二 = 三(七) + 四
in every column; a report whose table breaks it cannot be published.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .rules import APPLICANT_LABELS, OUTCOME_ROWS, ApplicantType, Outcome, OutcomeGroup

# Row keys of part three; the outcomes' keys are their own values.
NEW = "new"
CARRIED_IN = "carried_in"
TOTAL = "total"
CARRIED_OUT = "carried_out"
# Column keys: the applicant types, then the total.
COLUMNS: tuple[str, ...] = (*(t.value for t in ApplicantType), "total")
COLUMN_LABELS = {**{t.value: label for t, label in APPLICANT_LABELS.items()}, "total": "总计"}
ROW_KEYS: tuple[str, ...] = (NEW, CARRIED_IN, *(o.value for o in Outcome), TOTAL, CARRIED_OUT)
ROW_LABELS = {
    NEW: "一、本年新收政府信息公开申请数量",
    CARRIED_IN: "二、上年结转政府信息公开申请数量",
    **{o.value: label for o, (_group, label) in OUTCOME_ROWS.items()},
    TOTAL: "（七）总计",
    CARRIED_OUT: "四、结转下年度继续办理",
}
OUTCOME_KEYS = frozenset(o.value for o in Outcome)
RESULTS_HEADING = "三、本年度办理结果"
CHECK_TEXT = "一 + 二 = 三（七） + 四"


@dataclass(frozen=True)
class RequestFacts:
    """What the table needs of one application: who applied, when it was received and closed, and how."""

    applicant: ApplicantType
    received_on: date
    closed_on: date | None = None
    outcome: Outcome | None = None


Table = dict[str, dict[str, int]]


def empty_table() -> Table:
    return {row: dict.fromkeys(COLUMNS, 0) for row in ROW_KEYS}


def _count(table: Table, row: str, applicant: ApplicantType) -> None:
    table[row][applicant.value] += 1


def _closed_in(facts: RequestFacts, start: date, end: date) -> bool:
    return facts.closed_on is not None and start <= facts.closed_on <= end


def part_three(requests: Iterable[RequestFacts], year: int) -> Table:
    """The request table of `year`, computed from every application on record."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    table = empty_table()
    for facts in requests:
        if facts.received_on > end or (facts.closed_on is not None and facts.closed_on < start):
            continue  # a later year's, or finished before this one began
        _count(table, NEW if facts.received_on >= start else CARRIED_IN, facts.applicant)
        if _closed_in(facts, start, end) and facts.outcome is not None:
            _count(table, facts.outcome.value, facts.applicant)
        else:
            _count(table, CARRIED_OUT, facts.applicant)
    return with_totals(table)


def with_totals(table: Table) -> Table:
    """Fill the 总计 row (the sum of the results) and the 总计 column (the sum of the applicant types)."""
    table = {row: dict(cells) for row, cells in table.items()}
    for column in COLUMNS[:-1]:
        table[TOTAL][column] = sum(table[o.value][column] for o in Outcome)
    for row in ROW_KEYS:
        table[row]["total"] = sum(table[row][c] for c in COLUMNS[:-1])
    return table


def check_failures(table: Table) -> list[str]:
    """Every column where 一 + 二 ≠ 三（七） + 四, as a Chinese sentence; [] when the table holds."""
    failures = []
    for column in COLUMNS:
        left = table[NEW][column] + table[CARRIED_IN][column]
        right = table[TOTAL][column] + table[CARRIED_OUT][column]
        if left != right:
            failures.append(
                f"“{COLUMN_LABELS[column]}”列不平衡：一 + 二 = {left}，三（七） + 四 = {right}（应满足 {CHECK_TEXT}）"
            )
    return failures


def rows_for_display(table: Table) -> list[tuple[str, str, list[int]]]:
    """(row key, label, cells) in the official order, with the group headings of part three's results."""
    rows: list[tuple[str, str, list[int]]] = []
    seen_groups: set[OutcomeGroup] = set()
    for row in ROW_KEYS:
        if row == Outcome.GRANTED.value:
            rows.append(("", RESULTS_HEADING, []))
        if row in OUTCOME_KEYS:
            group = Outcome(row).group
            if group not in seen_groups and group not in (OutcomeGroup.GRANTED, OutcomeGroup.PARTLY_GRANTED):
                rows.append(("", group.row_label, []))
            seen_groups.add(group)
        rows.append((row, ROW_LABELS[row], [table[row][c] for c in COLUMNS]))
    return rows


def as_json(table: Table) -> dict:
    """The table for `govsite disclosure report --json`: labelled rows and columns, and the check."""
    failures = check_failures(table)
    return {
        "columns": [{"key": c, "label": COLUMN_LABELS[c]} for c in COLUMNS],
        "rows": [{"key": row, "label": ROW_LABELS[row], "cells": dict(table[row])} for row in ROW_KEYS],
        "check": {"rule": CHECK_TEXT, "holds": not failures, "failures": failures},
    }


def table_from_cells(cells: dict[str, dict[str, object]]) -> tuple[Table, list[str]]:
    """A table typed in by hand (row → column → number), with the totals recomputed, and its errors."""
    table, errors = empty_table(), []
    for row in ROW_KEYS:
        if row == TOTAL:
            continue
        for column in COLUMNS[:-1]:
            raw = (cells.get(row) or {}).get(column, 0)
            try:
                value = int(str(raw).strip() or 0)
            except ValueError:
                value = -1
            if value < 0:
                errors.append(f"“{ROW_LABELS[row]}”的“{COLUMN_LABELS[column]}”应为非负整数，收到“{raw}”")
                value = 0
            table[row][column] = value
    return with_totals(table), errors


# Part two: rows of the proactive disclosure tables, by article of the regulation.
PART_TWO_DOCUMENTS = (("rules", "规章"), ("normative", "行政规范性文件"))
PART_TWO_DOCUMENT_COLUMNS = (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数"))
PART_TWO_DECISIONS = (
    ("licensing", "第二十条第（五）项", "行政许可"),
    ("penalty", "第二十条第（六）项", "行政处罚"),
    ("enforcement", "第二十条第（六）项", "行政强制"),
)
PART_TWO_FEES = ("fees", "第二十条第（八）项", "行政事业性收费", "本年收费金额（单位：万元）")

# Part four: reconsideration and litigation, each by result.
PART_FOUR_GROUPS = (
    ("reconsideration", "行政复议"),
    ("direct_suit", "行政诉讼：未经复议直接起诉"),
    ("suit_after_reconsideration", "行政诉讼：复议后起诉"),
)
PART_FOUR_RESULTS = (
    ("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"),
    ("total", "总计"),
)

PART_TITLES = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)


def part_four_failures(part_four: dict[str, dict[str, int]]) -> list[str]:
    """Each group's 总计 must be the sum of its results."""
    failures = []
    for key, label in PART_FOUR_GROUPS:
        cells = part_four.get(key, {})
        parts = sum(int(cells.get(result, 0)) for result, _ in PART_FOUR_RESULTS[:-1])
        if int(cells.get("total", 0)) != parts:
            failures.append(f"第四部分“{label}”的总计（{cells.get('total', 0)}）应等于各结果之和（{parts}）")
    return failures
