"""The annual report as the official format prints it (国办公开办函〔2021〕30号): one structure of parts and
tables, written as DOCX, as XLSX and as the HTML body of the published page, so the three never disagree."""

from __future__ import annotations

from decimal import Decimal
from itertools import groupby

from govsite.core.documents import Cell, Grid, Part, grid, parts_docx, parts_html, parts_xlsx

from . import annual
from .models import AnnualReport
from .reports import FEES_KEY, report_title

PART_THREE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
DECISIONS_COLUMN = "本年处理决定数量"
CONTENT_COLUMN = "信息内容"


def part_two_grids(part_two: dict) -> tuple[Grid, ...]:
    """Four small tables: 第二十条第（一）、（五）、（六）、（八）项."""
    documents = part_two.get("documents", {})
    columns = annual.PART_TWO_DOCUMENT_COLUMNS
    grids = [grid(
        1 + len(columns),
        [["第二十条第（一）项"], [CONTENT_COLUMN, *(label for _key, label in columns)]],
        [[label, *(documents.get(kind, {}).get(key, 0) for key, _label in columns)]
         for kind, label in annual.PART_TWO_DOCUMENTS],
    )]
    for article, decisions in groupby(annual.PART_TWO_DECISIONS, key=lambda decision: decision[1]):
        grids.append(grid(2, [[article], [CONTENT_COLUMN, DECISIONS_COLUMN]],
                           [[label, part_two.get(key, 0)] for key, _article, label in decisions]))
    _key, article, label, column = annual.PART_TWO_FEES
    grids.append(grid(2, [[article], [CONTENT_COLUMN, column]], [[label, Decimal(str(part_two.get(FEES_KEY, 0)))]]))
    return tuple(grids)


def part_three_grid(table: annual.Table) -> Grid:
    """The request table with its note, the applicant columns under 自然人 and 法人或其他组织, and 总计."""
    organisations = [annual.COLUMN_LABELS[c] for c in annual.COLUMNS[1:-1]]
    width = 1 + len(annual.COLUMNS)
    header = [
        [PART_THREE_NOTE, Cell("申请人情况", len(annual.COLUMNS))],
        ["", annual.COLUMN_LABELS[annual.COLUMNS[0]], Cell("法人或其他组织", len(organisations)), "总计"],
        ["", "", *organisations, ""],
    ]
    return grid(width, header, [[label, *cells] for _key, label, cells in annual.rows_for_display(table)])


def part_four_grid(part_four: dict) -> Grid:
    """Reconsideration and the two kinds of suit, each by result."""
    results = annual.PART_FOUR_RESULTS
    body = [[label, *(part_four.get(key, {}).get(result, 0) for result, _label in results)]
            for key, label in annual.PART_FOUR_GROUPS]
    return grid(1 + len(results), [["", *(label for _key, label in results)]], body)


def report_parts(report: AnnualReport) -> tuple[Part, ...]:
    """The six parts in the order of the format."""
    one, two, three, four, five, six = annual.PART_TITLES
    return (
        Part(one, report.part_one),
        Part(two, grids=part_two_grids(report.part_two)),
        Part(three, grids=(part_three_grid(report.part_three or annual.empty_table()),)),
        Part(four, grids=(part_four_grid(report.part_four),)),
        Part(five, report.part_five),
        Part(six, report.part_six),
    )


def report_html(report: AnnualReport) -> str:
    """The body of the published page; the page's title carries the report's title."""
    return parts_html(report_parts(report))


def report_docx(report: AnnualReport) -> bytes:
    """The report as a Word document: title, then the six parts with their tables."""
    return parts_docx(report_title(report), report_parts(report))


def report_xlsx(report: AnnualReport) -> bytes:
    """One sheet per part with tables (二、三、四), headed by the report's title."""
    return parts_xlsx(report_title(report), report_parts(report))
