"""The annual report as the official format prints it (国办公开办函〔2021〕30号): one structure of parts and
tables, written as DOCX, as XLSX and as the HTML body of the published page, so the three never disagree."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from django.utils.html import format_html, format_html_join

from . import annual
from .models import AnnualReport
from .reports import FEES_KEY, report_title

PART_THREE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
DECISIONS_COLUMN = "本年处理决定数量"
CONTENT_COLUMN = "信息内容"
TITLE_FONT, HEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Cell:
    value: object
    span: int = 1

    @property
    def text(self) -> str:
        return str(self.value)


@dataclass(frozen=True)
class Grid:
    """A table of the format: header rows, then body rows; every row's spans add up to `width`."""

    width: int
    header: tuple[tuple[Cell, ...], ...]
    body: tuple[tuple[Cell, ...], ...]

    @property
    def rows(self) -> tuple[tuple[Cell, ...], ...]:
        return self.header + self.body


@dataclass(frozen=True)
class Part:
    title: str
    text: str = ""
    grids: tuple[Grid, ...] = ()


def _row(values: list, width: int) -> tuple[Cell, ...]:
    """Cells of one row; a row shorter than the table stretches its last cell to the edge (headings)."""
    cells = [value if isinstance(value, Cell) else Cell(value) for value in values]
    missing = width - sum(cell.span for cell in cells)
    if missing:
        cells[-1] = Cell(cells[-1].value, cells[-1].span + missing)
    return tuple(cells)


def _grid(width: int, header: list[list], body: list[list]) -> Grid:
    return Grid(width, tuple(_row(r, width) for r in header), tuple(_row(r, width) for r in body))


def part_two_grids(part_two: dict) -> tuple[Grid, ...]:
    """Four small tables: 第二十条第（一）、（五）、（六）、（八）项."""
    documents = part_two.get("documents", {})
    columns = annual.PART_TWO_DOCUMENT_COLUMNS
    grids = [_grid(
        1 + len(columns),
        [["第二十条第（一）项"], [CONTENT_COLUMN, *(label for _key, label in columns)]],
        [[label, *(documents.get(kind, {}).get(key, 0) for key, _label in columns)]
         for kind, label in annual.PART_TWO_DOCUMENTS],
    )]
    for article, decisions in groupby(annual.PART_TWO_DECISIONS, key=lambda decision: decision[1]):
        grids.append(_grid(2, [[article], [CONTENT_COLUMN, DECISIONS_COLUMN]],
                           [[label, part_two.get(key, 0)] for key, _article, label in decisions]))
    _key, article, label, column = annual.PART_TWO_FEES
    grids.append(_grid(2, [[article], [CONTENT_COLUMN, column]], [[label, Decimal(str(part_two.get(FEES_KEY, 0)))]]))
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
    return _grid(width, header, [[label, *cells] for _key, label, cells in annual.rows_for_display(table)])


def part_four_grid(part_four: dict) -> Grid:
    """Reconsideration and the two kinds of suit, each by result."""
    results = annual.PART_FOUR_RESULTS
    body = [[label, *(part_four.get(key, {}).get(result, 0) for result, _label in results)]
            for key, label in annual.PART_FOUR_GROUPS]
    return _grid(1 + len(results), [["", *(label for _key, label in results)]], body)


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


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# HTML: the body of the published page.

def _grid_html(grid: Grid) -> str:
    rows = [(format_html_join("", '<{0} colspan="{1}">{2}</{0}>', ((tag, cell.span, cell.text) for cell in row)),)
            for tag, section in (("th", grid.header), ("td", grid.body)) for row in section]
    return format_html('<table class="annual-report">{}</table>', format_html_join("", "<tr>{}</tr>", rows))


def report_html(report: AnnualReport) -> str:
    """Headings, paragraphs and tables; the page's title carries the report's title."""
    return "".join(
        format_html("<h2>{}</h2>", part.title)
        + format_html_join("", "<p>{}</p>", ((text,) for text in paragraphs(part.text)))
        + "".join(_grid_html(grid) for grid in part.grids)
        for part in report_parts(report)
    )


# DOCX.

def _font(font, element, name: str) -> None:
    """Set a font for Latin and for Chinese text: Word reads the East Asian one from its own attribute."""
    from docx.oxml.ns import qn

    font.name = name
    element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _docx_heading(document, text: str, font: str, size: int, centred: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.font.size = True, Pt(size)
    _font(run.font, run._element, font)


def _docx_table(document, grid: Grid) -> None:
    table = document.add_table(rows=len(grid.rows), cols=grid.width)
    table.style = "Table Grid"
    for index, row in enumerate(grid.rows):
        column = 0
        for cell in row:
            target = table.cell(index, column)
            if cell.span > 1:
                target = target.merge(table.cell(index, column + cell.span - 1))
            target.text = cell.text
            column += cell.span
    document.add_paragraph()


def report_docx(report: AnnualReport) -> bytes:
    """The report as a Word document: title, then the six parts with their tables."""
    from docx import Document

    document = Document()
    normal = document.styles["Normal"]
    _font(normal.font, normal.element, BODY_FONT)
    _docx_heading(document, report_title(report), TITLE_FONT, 18, centred=True)
    for part in report_parts(report):
        _docx_heading(document, part.title, HEADING_FONT, 14)
        for text in paragraphs(part.text):
            document.add_paragraph(text)
        for grid in part.grids:
            _docx_table(document, grid)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# XLSX.

def _sheet_grid(sheet, grid: Grid, first_row: int) -> int:
    """Write one table from `first_row`; the row after it."""
    for offset, row in enumerate(grid.rows):
        column = 1
        for cell in row:
            sheet.cell(first_row + offset, column, cell.value)
            if cell.span > 1:
                sheet.merge_cells(start_row=first_row + offset, start_column=column,
                                  end_row=first_row + offset, end_column=column + cell.span - 1)
            column += cell.span
    return first_row + len(grid.rows)


def report_xlsx(report: AnnualReport) -> bytes:
    """One sheet per part with tables (二、三、四), headed by the report's title."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for part in report_parts(report):
        if not part.grids:
            continue
        sheet = book.create_sheet(part.title[:31])
        sheet.column_dimensions["A"].width = 48
        sheet.cell(1, 1, report_title(report))
        row = 3
        for grid in part.grids:
            row = _sheet_grid(sheet, grid, row) + 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
