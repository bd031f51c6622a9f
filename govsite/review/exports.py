"""An item's review record (审核记录, P5) as rows, XLSX and DOCX: what each level decided and confirmed."""

from __future__ import annotations

import io

from django.utils import timezone

from .forms import CONFIDENTIALITY_CHECKLIST
from .models import ReviewRecord

HEADERS = ("审核时间", "审核级别", "审核人", "审核结果", "审核意见", "保密审查")


def review_rows(page) -> list[tuple[str, ...]]:
    """One row per decision on this item, oldest first."""
    rows = []
    for record in ReviewRecord.objects.filter(object_id=str(page.pk)).select_related("reviewer"):
        confirmed = "；".join(
            f"{label}：{'是' if record.checklist.get(name) else '否'}"
            for name, label in CONFIDENTIALITY_CHECKLIST
            if name in record.checklist
        )
        rows.append((
            timezone.localtime(record.decided_at).strftime("%Y-%m-%d %H:%M"),
            record.get_level_display(),
            record.reviewer.get_full_name() or record.reviewer.get_username() if record.reviewer else "",
            record.get_action_display(),
            record.comment,
            confirmed,
        ))
    return rows


def review_xlsx(page) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "审核记录"
    sheet.append([f"信息标题：{page.title}"])
    sheet.append(HEADERS)
    for row in review_rows(page):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def review_docx(page) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("信息发布审核记录", level=1)
    document.add_paragraph(f"信息标题：{page.title}")
    rows = review_rows(page)
    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
