"""Documents made of titled parts with paragraphs and tables, written once as DOCX, XLSX and HTML so that
the three never disagree (the annual disclosure report, monitoring reports)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join

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


def row(values: list, width: int) -> tuple[Cell, ...]:
    """Cells of one row; a row shorter than the table stretches its last cell to the edge (headings)."""
    cells = [value if isinstance(value, Cell) else Cell(value) for value in values]
    missing = width - sum(cell.span for cell in cells)
    if missing:
        cells[-1] = Cell(cells[-1].value, cells[-1].span + missing)
    return tuple(cells)


def grid(width: int, header: list[list], body: list[list]) -> Grid:
    """A table from plain rows: header rows, then body rows, each stretched to `width`."""
    return Grid(width, tuple(row(r, width) for r in header), tuple(row(r, width) for r in body))


def paragraphs(text: str) -> list[str]:
    """The non-blank lines of a text typed by hand, each one paragraph."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def grid_html(grid: Grid) -> str:
    """One table as HTML, its cells escaped."""
    rows = [(format_html_join("", '<{0} colspan="{1}">{2}</{0}>', ((tag, cell.span, cell.text) for cell in row)),)
            for tag, section in (("th", grid.header), ("td", grid.body)) for row in section]
    return format_html('<table class="report-table">{}</table>', format_html_join("", "<tr>{}</tr>", rows))


def parts_html(parts: Sequence[Part]) -> str:
    """Headings, paragraphs and tables: the body of a published page."""
    return "".join(
        format_html("<h2>{}</h2>", part.title)
        + format_html_join("", "<p>{}</p>", ((text,) for text in paragraphs(part.text)))
        + "".join(grid_html(grid) for grid in part.grids)
        for part in parts
    )


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


def parts_docx(title: str, parts: Sequence[Part]) -> bytes:
    """A Word document: the title, then each part's heading, paragraphs and tables."""
    from docx import Document

    document = Document()
    normal = document.styles["Normal"]
    _font(normal.font, normal.element, BODY_FONT)
    _docx_heading(document, title, TITLE_FONT, 18, centred=True)
    for part in parts:
        _docx_heading(document, part.title, HEADING_FONT, 14)
        for text in paragraphs(part.text):
            document.add_paragraph(text)
        for grid in part.grids:
            _docx_table(document, grid)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


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


def parts_xlsx(title: str, parts: Sequence[Part], first_column_width: int = 48) -> bytes:
    """One sheet per part with tables, headed by the document's title."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for part in parts:
        if not part.grids:
            continue
        sheet = book.create_sheet(part.title[:31])
        sheet.column_dimensions["A"].width = first_column_width
        sheet.cell(1, 1, title)
        row = 3
        for grid in part.grids:
            row = _sheet_grid(sheet, grid, row) + 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
