"""Text of uploaded attachments, so they get the same content check as pages (P6).

The type is told by the content, not the file name: a renamed .doc that is really a DOCX is read,
and a file that is no known type yields "" rather than an error. The readers are imported when first
needed: page checks import this module and should not pay for pypdf, python-docx and openpyxl.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from .engine import CheckConfig, check_text
from .findings import Finding


def _pdf_text(data: bytes) -> str:
    """The text of every page of a PDF."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _docx_blocks(container) -> Iterator[str]:
    """Paragraphs and table cells of a DOCX body, header or cell, in document order."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            seen: set[int] = set()
            for row in block.rows:
                for cell in row.cells:
                    if id(cell._tc) not in seen:  # a merged cell repeats across the grid
                        seen.add(id(cell._tc))
                        yield from _docx_blocks(cell)
        else:
            yield block.text


def _docx_text(data: bytes) -> str:
    """Body paragraphs and tables, then headers and footers, where secrecy marks often sit."""
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = list(_docx_blocks(document))
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                parts.extend(_docx_blocks(part))
    return "\n".join(parts)


def _cell_text(value) -> str:
    """A cell value as written: 13812345678 rather than 13812345678.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_text(data: bytes) -> str:
    """Every non-empty cell of every sheet, a row per line, cells separated by tabs."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        lines = [
            "\t".join(_cell_text(v) for v in row if v is not None)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
        ]
    finally:
        workbook.close()
    return "\n".join(line for line in lines if line)


def _plain_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030; binary data (NUL bytes) is no text."""
    if b"\x00" in data[:8192]:
        return ""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return ""


def _office_reader(data: bytes):
    """The reader for a DOCX or XLSX package, or None for any other zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
    if "word/document.xml" in names:
        return _docx_text
    if "xl/workbook.xml" in names:
        return _xlsx_text
    return None


def extract_text(filename: str, data: bytes) -> str:
    """The text of a PDF, DOCX, XLSX or plain-text file, told apart by content; "" if unreadable.

    `filename` only labels the file: the type is detected from the bytes.
    """
    try:
        if b"%PDF-" in data[:1024]:  # the header may follow a little junk, as readers allow
            return _pdf_text(data)
        if data.startswith(b"PK\x03\x04"):
            reader = _office_reader(data)
            return reader(data) if reader else ""
        return _plain_text(data)
    except Exception:  # a damaged or hostile file must not break publishing; it just has no text
        return ""


def check_attachment(filename: str, data: bytes, config: CheckConfig) -> list[Finding]:
    """The P6/X10 findings of an attachment's text; offsets count characters of the extracted text."""
    return check_text(extract_text(filename, data), config)
