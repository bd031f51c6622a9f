"""Uploads judged by content (I1): real files accepted and cleaned, disguised ones refused in Chinese."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from PIL import ExifTags, Image, PngImagePlugin
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from govsite.formguard.filetypes import KINDS
from govsite.formguard.uploads import CleanUpload, validate_upload

CHINESE = re.compile("[\u4e00-\u9fff]")
ALLOWED = "只能上传PDF、JPG、PNG、DOCX、XLSX格式的文件，单个文件不超过10 MB"


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def refusal(name: str, data: bytes, **kwargs) -> str:
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload(name, data), **kwargs)
    (message,) = refused.value.messages
    return message


def pdf_bytes(action=None, attachment: bytes | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if action is not None:
        writer.add_open_action(action)
    if attachment is not None:
        writer.add_attachment("readme.exe", attachment)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = pdf_bytes()


def jpeg_with_gps(size=(40, 20), orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (24.0, 24.0, 36.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (103.0, 26.0, 12.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def docx_bytes() -> bytes:
    document = Document()
    document.add_paragraph("关于小区道路破损的情况说明")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["姓名", "诉求"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_real_pdf_is_accepted_as_sent():
    data = pdf_bytes()
    clean = validate_upload(upload("情况说明.PDF", data))
    assert clean == CleanUpload("情况说明.pdf", "pdf", "application/pdf", data)


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("通知.pdf", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "网页或脚本文件"),
        ("通知.pdf", b"\xef\xbb\xbf  <svg onload=alert(1)>", "网页或脚本文件"),
        ("setup.pdf", b"MZ\x90\x00" + b"\x00" * 60 + b"PE\x00\x00" + b"\x00" * 200, "可执行程序"),
        ("通知.pdf", b"%PDF-1.7\n<html><script>alert(1)</script></html>\n%%EOF\n", "PDF文件已损坏"),
        ("新闻.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "另存为.docx或.xlsx"),
        ("a.gif", b"GIF89a" + b"\x00" * 100, "GIF图片"),
        ("a.pdf", b"just some text", "无法识别的格式"),
    ],
)
def test_files_that_are_not_what_their_name_says_are_refused(name, data, words):
    message = refusal(name, data)
    assert words in message and message.endswith(ALLOWED)


def test_a_pe_pdf_polyglot_is_refused_as_the_program_it_is():
    # Readers accept %PDF- anywhere in the first 1024 bytes, so this opens as a PDF and runs as a program.
    polyglot = b"MZ" + b"\x00" * 62 + pdf_bytes()
    assert "可执行程序" in refusal("发票.pdf", polyglot)


def test_a_pdf_with_something_appended_after_its_end_is_refused():
    assert "末尾附加了其他内容" in refusal("a.pdf", pdf_bytes() + b"<html>" + b"x" * 2000)


def test_pdfs_with_scripts_or_embedded_files_are_refused():
    assert "含有脚本" in refusal("a.pdf", pdf_bytes(action=JavaScript("app.alert(1)")))
    assert "含有脚本" in refusal("a.pdf", pdf_bytes(attachment=b"MZ payload"))


def test_a_jpeg_comes_back_upright_without_exif_gps():
    original = jpeg_with_gps(orientation=6)
    assert b"Exif" in original
    clean = validate_upload(upload("IMG_0001.JPG", original))
    assert (clean.name, clean.kind, clean.content_type) == ("IMG_0001.jpg", "jpg", "image/jpeg")
    assert b"Exif" not in clean.data
    image = Image.open(io.BytesIO(clean.data))
    assert image.format == "JPEG" and not image.getexif() and image.size == (20, 40)


def test_a_jpeg_zip_polyglot_loses_its_payload():
    payload = io.BytesIO()
    with zipfile.ZipFile(payload, "w") as archive:
        archive.writestr("shell.php", "<?php system($_GET['c']); ?>")
    clean = validate_upload(upload("photo.jpg", jpeg_with_gps() + payload.getvalue()))
    assert b"PK\x03\x04" not in clean.data and b"php" not in clean.data
    assert Image.open(io.BytesIO(clean.data)).size == (40, 20)


def test_a_png_loses_its_text_chunks_and_keeps_transparency():
    image = Image.new("RGBA", (8, 8), (0, 0, 0, 0))
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret location")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", pnginfo=info)
    clean = validate_upload(upload("图.png", buffer.getvalue()))
    assert b"secret location" not in clean.data
    assert Image.open(io.BytesIO(clean.data)).getpixel((0, 0)) == (0, 0, 0, 0)


def test_an_image_named_as_another_type_gets_its_real_extension():
    assert validate_upload(upload("scan.png", jpeg_with_gps())).name == "scan.jpg"


def test_a_docx_and_an_xlsx_are_accepted_and_kinds_can_be_narrowed():
    assert validate_upload(upload("说明.docx", docx_bytes())).kind == "docx"
    assert validate_upload(upload("统计表.xlsx", xlsx_bytes())).kind == "xlsx"
    message = refusal("说明.docx", docx_bytes(), kinds=("pdf", "jpg"))
    assert "是DOCX文件，此处不接受" in message and message.endswith(
        "只能上传PDF、JPG格式的文件，单个文件不超过10 MB"
    )


def test_a_zip_that_is_not_an_office_file_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "普通压缩包" in refusal("材料.docx", buffer.getvalue())


def test_a_damaged_zip_is_named_as_such():
    assert "已损坏的Office文档或压缩包" in refusal("说明.docx", docx_bytes()[:300])


def test_an_office_file_with_macros_is_refused():
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry in source.infolist():
            archive.writestr(entry, source.read(entry))
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
    assert "含有宏的Office文档" in refusal("说明.docx", buffer.getvalue())


def test_an_oversized_file_is_refused_with_the_limit_named():
    big = pdf_bytes() + b"%" + b"0" * (10 * 1024 * 1024)
    message = refusal("大文件.pdf", big)
    assert "超过上限" in message and message.endswith(ALLOWED)
    assert "不超过1 KB" in refusal("a.pdf", pdf_bytes() + b"\n" * 1024, max_bytes=1024)
    assert "空文件" in refusal("a.pdf", b"")


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\张三\\报告.PDF", "报告.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.pdf"),
        ("a\x00b\nc.pdf", "abc.pdf"),
        ('what<>:"|?*.pdf', "what_______.pdf"),
        ("CON.pdf", "_CON.pdf"),
        ("...", "附件.pdf"),
        ("", "附件.pdf"),
        ("长" * 200 + ".pdf", "长" * 60 + ".pdf"),
    ],
)
def test_file_names_are_made_safe(name, safe):
    sent = io.BytesIO(PDF)
    sent.name = name  # as any file object may carry it; Django's UploadedFile already drops "/" paths
    assert validate_upload(sent, kinds=("pdf",)).name == safe


MAGIC = st.sampled_from(
    [b"", b"%PDF-1.4\n", b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"MZ", b"<html>"]
)
NAMES = st.text(max_size=80)
KIND_SETS = st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=5, unique=True)


def assert_clean_or_refused(name: str, data: bytes, kinds: list[str]) -> None:
    sent = io.BytesIO(data)
    sent.name = name
    try:
        clean = validate_upload(sent, kinds=kinds, max_bytes=64 * 1024)
    except ValidationError as refused:
        assert all(CHINESE.search(message) and "只能上传" in message for message in refused.messages)
        return
    assert clean.kind in kinds and clean.name.endswith("." + KINDS[clean.kind].extension)
    assert not re.search(r"[\x00-\x1f/\\]", clean.name)


@settings(max_examples=200, deadline=None)
@given(NAMES, st.binary(max_size=4096), KIND_SETS)
def test_any_bytes_are_cleaned_or_refused_in_chinese(name, data, kinds):
    assert_clean_or_refused(name, data, kinds)


@settings(max_examples=200, deadline=None)
@given(NAMES, MAGIC, st.binary(max_size=4096), KIND_SETS)
def test_bytes_behind_real_signatures_are_cleaned_or_refused_in_chinese(name, magic, tail, kinds):
    assert_clean_or_refused(name, magic + tail, kinds)


@pytest.mark.filterwarnings("ignore:.*(EXIF|Tag data|Truncated).*:UserWarning")  # Pillow on damaged EXIF
@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["pdf", "jpg", "docx"]),
    st.integers(min_value=0, max_value=4000),
    st.binary(min_size=1, max_size=64),
)
def test_real_files_with_damaged_bytes_are_cleaned_or_refused_in_chinese(kind, offset, garbage):
    original = {"pdf": pdf_bytes, "jpg": jpeg_with_gps, "docx": docx_bytes}[kind]()
    offset %= len(original)
    damaged = original[:offset] + garbage + original[offset + len(garbage) :]
    assert_clean_or_refused(f"x.{kind}", damaged, sorted(KINDS))


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(st.binary(max_size=2000), st.text(max_size=500).map(str.encode)),
    st.sampled_from(["docx", "xlsx"]),
)
@example(b'<?xml version="1.0" encoding="x-unknown"?><Types/>', "docx")
@example(b'<!DOCTYPE t [<!ENTITY a "aaaa">]><Types>&a;</Types>', "xlsx")
def test_office_files_with_any_content_types_entry_are_judged_or_refused(content_types, kind):
    source = zipfile.ZipFile(io.BytesIO(docx_bytes() if kind == "docx" else xlsx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for entry in source.infolist():
            data = source.read(entry)
            archive.writestr(entry, content_types if entry.filename == "[Content_Types].xml" else data)
    assert_clean_or_refused(f"x.{kind}", buffer.getvalue(), sorted(KINDS))
