"""Attachments (P6): PDF, DOCX and XLSX are told apart by content and checked like page text."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from openpyxl import Workbook

from govsite.textcheck.attachments import check_attachment, extract_text
from govsite.textcheck.engine import default_config

ID_NUMBER = "11010519491231002X"


@pytest.fixture(scope="module")
def config():
    return default_config()


def tiny_pdf(line: str) -> bytes:
    """A one-page PDF showing `line` (ASCII) in Helvetica, with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(pdf)


def docx_bytes() -> bytes:
    document = Document()
    document.sections[0].header.paragraphs[0].text = "机密★1年"
    document.add_paragraph("联系人：张三，手机13812345678。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "身份证号码"
    table.cell(0, 1).text = ID_NUMBER
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["姓名", "身份证号码"])
    workbook.active.append(["张三", ID_NUMBER])
    second = workbook.create_sheet("联系方式")
    second.append(["手机", 13812345678])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def kinds(findings) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in findings]


def test_pdf_text_is_checked(config):
    data = tiny_pdf(f"ID {ID_NUMBER} tel 13812345678")
    findings = check_attachment("scan.bin", data, config)
    assert kinds(findings) == [("id_number", ID_NUMBER), ("mobile", "13812345678")]
    text = extract_text("scan.bin", data)
    assert all(text[f.offset : f.offset + f.length] == f.text for f in findings)


def test_docx_paragraphs_tables_and_headers_are_checked(config):
    findings = check_attachment("名单.pdf", docx_bytes(), config)  # a misleading name changes nothing
    assert sorted(kinds(findings)) == [
        ("id_number", ID_NUMBER), ("mobile", "13812345678"), ("secret_mark", "机密★1年"),
    ]


def test_every_sheet_of_an_xlsx_is_checked(config):
    findings = check_attachment("名单.xlsx", xlsx_bytes(), config)
    assert kinds(findings) == [("id_number", ID_NUMBER), ("mobile", "13812345678")]
    assert "13812345678.0" not in extract_text("名单.xlsx", xlsx_bytes())


def test_plain_text_in_utf8_or_gb18030(config):
    text = "习进平同志指出"
    for encoding in ("utf-8", "utf-8-sig", "gb18030"):
        assert kinds(check_attachment("a.txt", text.encode(encoding), config)) == [("leader_name", "习进平")]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04not really a zip",
        b"%PDF-1.4 broken",
        b"",
    ],
)
def test_unknown_or_broken_files_give_no_text(data):
    assert extract_text("file.docx", data) == ""


def test_a_zip_that_is_no_office_file_gives_no_text():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("readme.txt", "机密")
    assert extract_text("a.zip", buffer.getvalue()) == ""
