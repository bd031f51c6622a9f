"""Reading an exported report back (openpyxl, python-docx): shared by the admin tests and the demo test."""

from __future__ import annotations

import io

from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from govsite.content.models import ContentPage, TopicPage
from govsite.core.documents import parts_docx, parts_xlsx
from govsite.interaction.models import Letter
from govsite.reports import annual_form as form
from govsite.reports import website


def sheet_rows(data: bytes) -> dict[str, list[tuple]]:
    """Each sheet's rows below the title and the header row."""
    book = load_workbook(io.BytesIO(data))
    return {sheet.title: [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=4)] for sheet in book}


def assert_every_cell_filled_or_marked(xlsx: bytes, docx: bytes) -> dict[str, object]:
    """Each field row of both files has a value or the typed mark; returns the XLSX cell text by label."""
    sheets = sheet_rows(xlsx)
    for group in form.FORM:
        rows = sheets[group.title]
        assert len(rows) == len(group.fields)
        assert all(value not in (None, "") for _label, value, _unit in rows), group.title
    tables = Document(io.BytesIO(docx)).tables
    fields = [row for table in tables[:len(form.FORM)] for row in table.rows[1:]]
    assert len(fields) == len(form.FIELDS) and all(row.cells[1].text.strip() for row in fields)
    return {label: value for group in form.FORM for label, value, _unit in sheets[group.title]}


def assert_demo_report(record) -> None:
    """The demo portal's report on last year: published, every cell filled or marked, totals as in the database."""
    year = timezone.localdate().year - 1
    current = website.sheet(record, year)
    assert current.report.status == "published" and current.report.page.live
    parts = website.parts(current)
    cells = assert_every_cell_filled_or_marked(parts_xlsx(current.title, parts), parts_docx(current.title, parts))
    items = ContentPage.objects.live().descendant_of(record.site.root_page).not_type(TopicPage)
    assert cells["总数"] == str(items.filter(published_at__year=year).count())
    assert cells["留言办理：收到留言数量"] == str(Letter.objects.filter(site=record, received_on__year=year).count())
