"""Back-office attachments and images checked by content, not by name (X6, issue 8 point 5).

The rules are tested on bytes (milliseconds); the wiring through Wagtail's real admin views: single
upload, multiple upload (its JSON endpoint), replacing a document's file, the chooser's upload tab.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from govsite.formguard.refusal import Refused
from govsite.review.roles import Role
from govsite.security import compound
from govsite.security.upload_rules import check_document, check_image

DOCUMENT_EXTENSIONS = ["csv", "docx", "doc", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "xls", "ofd", "zip"]
MB = 1024 * 1024

# ---------------------------------------------------------------- sample files, built here


def pdf_bytes(script: str | None = None) -> bytes:
    from pypdf import PdfWriter
    from pypdf.actions import JavaScript

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if script:
        writer.add_open_action(JavaScript(script))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(text: str = "关于做好防汛工作的通知") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_entry(archive: bytes, name: str, content: bytes) -> bytes:
    """The ZIP with one more entry."""
    buffer = io.BytesIO(archive)
    with zipfile.ZipFile(buffer, "a") as target:
        target.writestr(name, content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["项目", "金额"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def pptx_bytes() -> bytes:
    main = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types"><Override PartName="/ppt/presentation.xml" ContentType="{main}"/></Types>'
    )
    return zip_bytes({"[Content_Types].xml": types.encode(), "ppt/presentation.xml": b"<p:presentation/>"})


def odt_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    entries = {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document/>"}
    return zip_bytes({**entries, **(extra or {})}, zipfile.ZIP_STORED)


def ofd_bytes() -> bytes:
    return zip_bytes({"OFD.xml": b'<ofd:OFD Version="1.0"/>', "Doc_0/Document.xml": b"<ofd:Document/>"})


def image_bytes(image_format: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, image_format)
    return buffer.getvalue()


def compound_bytes(*names: str) -> bytes:
    """An OLE compound file (the .doc/.xls container) whose directory lists `names` as streams."""
    sector = 512
    entries = [("Root Entry", 5), *((name, 2) for name in names)]
    directory = b""
    for name, entry_type in entries:
        encoded = (name + "\0").encode("utf-16-le")
        directory += encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), entry_type, 1)
        directory += struct.pack("<III", 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF).ljust(60, b"\0")
    directory_sectors = -(-len(directory) // sector)
    directory = directory.ljust(directory_sectors * sector, b"\0")
    chain = [*range(2, directory_sectors + 1), compound.END_OF_CHAIN]
    fat = struct.pack(f"<{1 + len(chain)}I", 0xFFFFFFFD, *chain).ljust(sector, b"\xff")
    header = compound.SIGNATURE + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
    header = header.ljust(0x2C, b"\0") + struct.pack("<II", 1, 1) + b"\0" * 4
    header += struct.pack("<IIIII", 4096, compound.END_OF_CHAIN, 0, compound.END_OF_CHAIN, 0)
    header += struct.pack("<109I", 0, *([0xFFFFFFFF] * 108))
    return header + fat + directory


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\0" * 200 + b"This program cannot be run in DOS mode."
HTML = b"<!DOCTYPE html><html><body><script>location='http://127.0.0.1/'</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


def refusal(check, name: str, data: bytes) -> Refused:
    with pytest.raises(Refused) as caught:
        check(name, data)
    return caught.value


def document(name: str, data: bytes, max_bytes: int = 50 * MB) -> str:
    return check_document(name, data, extensions=DOCUMENT_EXTENSIONS, max_bytes=max_bytes)


def image(name: str, data: bytes, max_pixels: int = 100_000_000) -> str:
    return check_image(
        name, data, extensions=["gif", "jpg", "jpeg", "png", "webp"], max_bytes=10 * MB, max_pixels=max_pixels
    )


# ---------------------------------------------------------------- the rules, on bytes


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("通知.pdf", pdf_bytes(), "pdf"),
        ("通知.docx", docx_bytes(), "docx"),
        ("预算.xlsx", xlsx_bytes(), "xlsx"),
        ("汇报.pptx", pptx_bytes(), "pptx"),
        ("旧通知.doc", compound_bytes("WordDocument", "1Table", "\x05SummaryInformation"), "doc"),
        ("旧表格.xls", compound_bytes("Workbook"), "xls"),
        ("文稿.odt", odt_bytes(), "odt"),
        ("电子公文.ofd", ofd_bytes(), "ofd"),
        ("说明.rtf", b"{\\rtf1\\ansi \\b \\u36890? \\b0}", "rtf"),
        ("名单.csv", "姓名,单位\n张三,教体局\n".encode("gb18030"), "text"),
        ("说明.txt", "\ufeff办事指南：请携带身份证。\r\n".encode(), "text"),
        (
            "材料.zip",
            zip_bytes({"通知.pdf": pdf_bytes(), "附表.xlsx": xlsx_bytes(), "照片.jpg": image_bytes("JPEG")}),
            "zip",
        ),
    ],
)
def test_x6_real_attachments_of_every_allowed_kind_are_accepted(name, data, kind):
    assert document(name, data) == kind


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("报告.pdf", EXE, "文件“报告.pdf”实际是可执行程序，不能作为附件上传"),
        ("报告.docx", HTML, "文件“报告.docx”实际是网页或脚本文件，不能作为附件上传"),
        ("报告.txt", b"#!/bin/sh\nrm -rf /\n", "文件“报告.txt”实际是可执行程序，不能作为附件上传"),
        (
            "报告.csv",
            b"a,b\n1,<script>alert(1)</script>\n",
            "文件“报告.csv”实际是网页或脚本文件，不能作为附件上传",
        ),
        ("报告.txt", b"\x00\x01\x02binary\xff\xfe", "文件“报告.txt”实际是无法识别的格式，不能作为附件上传"),
        ("报告.pdf", SVG, "文件“报告.pdf”实际是SVG矢量图（可含脚本），不能作为附件上传"),
        (
            "报告.docx",
            with_entry(docx_bytes(), "word/vbaProject.bin", b"\0" * 64),
            "实际是含有宏的Office文档",
        ),
        (
            "报告.doc",
            compound_bytes("WordDocument", "Macros", "VBA", "_VBA_PROJECT"),
            "实际是含有宏的Office文档",
        ),
        ("报表.xls", compound_bytes("Workbook", "_VBA_PROJECT_CUR", "VBA"), "实际是含有宏的Office文档"),
        ("报告.docx", compound_bytes("EncryptedInfo", "EncryptedPackage"), "实际是设有密码的Office文档"),
        (
            "报告.odt",
            odt_bytes({"Basic/Standard/Module1.xml": b"<script:module/>"}),
            "实际是含有宏的Office文档",
        ),
        ("报告.doc", compound_bytes("PowerPoint Document"), "实际是其他旧版Office文件"),
        ("报告.doc", compound_bytes("WordDocument")[:600], "实际是已损坏的旧版Office文档"),
    ],
)
def test_x6_runnable_or_unrecognised_content_is_refused_by_what_it_really_is(name, data, message):
    assert message in refusal(document, name, data).message


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "通知.pdf",
            docx_bytes(),
            "文件“通知.pdf”实际是DOCX文件，与扩展名“.pdf”不符，请改用正确的扩展名后再上传",
        ),
        ("旧通知.doc", compound_bytes("Workbook"), "实际是旧版Excel表格（.xls），与扩展名“.doc”不符"),
        ("文稿.docx", odt_bytes(), "实际是ODT文档，与扩展名“.docx”不符"),
        ("公文.zip", ofd_bytes(), "实际是OFD版式文件，与扩展名“.zip”不符"),
    ],
)
def test_x6_an_acceptable_kind_under_another_extension_asks_for_the_right_extension(name, data, message):
    refused = refusal(document, name, data)
    assert message in refused.message
    assert refused.code == "extension_mismatch"


def test_x6_a_pdf_with_javascript_is_refused():
    refused = refusal(document, "通知.pdf", pdf_bytes("app.alert('x');"))
    assert refused.message == "文件“通知.pdf”：PDF文件含有脚本、自动动作或嵌入的其他文件，不能上传"


def test_x6_an_rtf_with_an_embedded_object_is_refused():
    data = b"{\\rtf1{\\object\\objemb{\\*\\objdata 01050000020000000b0000004571756174696f6e2e33}}}"
    assert "RTF文档含有嵌入的对象" in refusal(document, "说明.rtf", data).message


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"说明.pdf": pdf_bytes(), "安装.exe": EXE}, "压缩包“材料.zip”中的“安装.exe”是可执行程序或脚本"),
        ({"run.BAT": b"del *.*"}, "中的“run.BAT”是可执行程序或脚本"),
        ({"readme.txt": EXE}, "中的“readme.txt”是可执行程序或脚本"),
        ({"index.dat": HTML}, "中的“index.dat”是网页或脚本文件"),
        ({"说明.js": b"WScript.Echo(1)"}, "是可执行程序或脚本"),
        ({"inner.zip": zip_bytes({"a.txt": b"a"})}, "中的“inner.zip”是另一个压缩包"),
        ({"photo.jpg": zip_bytes({"a.exe": EXE})}, "中的“photo.jpg”是另一个压缩包"),
        ({"通知.pdf": EXE}, "压缩包“材料.zip”中的“通知.pdf”是可执行程序或脚本，不能作为附件上传"),
        ({"通知.docx": with_entry(docx_bytes(), "word/vbaProject.bin", b"\0")}, "实际是含有宏的Office文档"),
    ],
)
def test_x6_a_zip_holding_a_program_a_script_or_another_archive_is_refused(entries, message):
    assert message in refusal(document, "材料.zip", zip_bytes(entries)).message


def test_x6_a_zip_bomb_is_refused_before_anything_is_unpacked():
    bomb = zip_bytes({"zeros.txt": b"0" * (20 * MB)})
    assert len(bomb) < 100_000
    assert "疑似“压缩炸弹”" in refusal(document, "材料.zip", bomb).message
    assert (
        "疑似“压缩炸弹”"
        in refusal(document, "报告.docx", with_entry(docx_bytes(), "word/x.xml", b"0" * (20 * MB))).message
    )


def test_x6_size_limits_and_extensions_outside_the_settings_are_refused():
    data = pdf_bytes()
    too_large = refusal(lambda name, content: document(name, content, max_bytes=100), "通知.pdf", data)
    assert too_large.message == f"文件“通知.pdf”大小为{len(data)} 字节，超过附件上限100 字节"
    assert refusal(document, "通知.pdf", b"").message == "文件“通知.pdf”是空文件，不能作为附件上传"
    assert refusal(document, "工具.exe", EXE).message.startswith("文件“工具.exe”的扩展名不在允许范围内；附件只能是.csv、")


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("照片.png", image_bytes("PNG"), "PNG"),
        ("照片.jpg", image_bytes("JPEG"), "JPEG"),
        ("动图.gif", image_bytes("GIF"), "GIF"),
        ("图.webp", image_bytes("WEBP"), "WEBP"),
    ],
)
def test_x6_real_images_are_accepted(name, data, expected):
    assert image(name, data) == expected


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("图标.png", SVG, "文件“图标.png”实际是SVG矢量图（可含脚本），不能作为图片上传"),
        ("照片.jpg", EXE, "文件“照片.jpg”实际是可执行程序，不能作为图片上传"),
        ("照片.jpg", pdf_bytes(), "实际是PDF文件，不能作为图片上传"),
        ("照片.png", image_bytes("JPEG"), "文件“照片.png”实际是JPEG图片，与扩展名“.png”不符"),
        ("照片.png", image_bytes("PNG")[:60], "图片“照片.png”已损坏或格式无法识别"),
        ("图标.svg", SVG, "扩展名不在允许范围内；图片只能是.gif、.jpg、.jpeg、.png、.webp格式"),
    ],
)
def test_x6_scripts_and_pictures_that_do_not_decode_are_refused_as_images(name, data, message):
    assert message in refusal(image, name, data).message


def test_x6_an_image_over_the_pixel_limit_is_refused():
    refused = refusal(lambda n, d: image(n, d, max_pixels=1000), "大图.png", image_bytes("PNG", (100, 20)))
    assert refused.message == "图片“大图.png”有2,000像素（100×20），超过上限1,000像素"


def test_x6_a_compound_file_whose_directory_chain_loops_is_damaged():
    data = bytearray(compound_bytes("WordDocument"))
    struct.pack_into("<I", data, 512 + 4, 1)  # the directory sector points back at itself
    with pytest.raises(compound.DamagedCompoundFile):
        compound.entry_names(bytes(data))
    assert compound.entry_names(compound_bytes("WordDocument", "Macros")) == {
        "Root Entry",
        "WordDocument",
        "Macros",
    }


# ---------------------------------------------------------------- through the admin views


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """An empty media directory of this test's own, to see whether anything reached the disk."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor(client, make_user, department):
    """A department editor (document and image permissions on the department's collection), logged in."""
    user = make_user("bianji", Role.EDITOR, department)
    client.force_login(user)
    return user


def stored_files(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def add_document(client, department, name: str, data: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "collection": department.collection_id, "file": upload(name, data)},
    )


def form_errors(response) -> list[str]:
    return [str(error) for error in response.context["form"].errors.get("file", [])]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data"),
    [("通知.pdf", pdf_bytes()), ("通知.docx", docx_bytes()), ("预算.xlsx", xlsx_bytes())],
)
def test_x6_an_editor_uploads_a_real_attachment(client, editor, department, media, name, data):
    response = add_document(client, department, name, data)
    assert response.status_code == 302
    stored = get_document_model().objects.get(title=name)
    assert stored.file.read() == data
    assert stored_files(media) == [Path(stored.file.path)]


REFUSED_UPLOADS = [
    ("报告.pdf", EXE, "文件“报告.pdf”实际是可执行程序，不能作为附件上传"),
    ("报告.docx", HTML, "文件“报告.docx”实际是网页或脚本文件，不能作为附件上传"),
    (
        "报告.docx",
        with_entry(docx_bytes(), "word/vbaProject.bin", b"\0" * 64),
        "文件“报告.docx”实际是含有宏的Office文档，不能作为附件上传",
    ),
    (
        "报告.pdf",
        pdf_bytes("app.alert('x');"),
        "文件“报告.pdf”：PDF文件含有脚本、自动动作或嵌入的其他文件，不能上传",
    ),
    (
        "材料.zip",
        zip_bytes({"安装.exe": EXE}),
        "压缩包“材料.zip”中的“安装.exe”是可执行程序或脚本，不能作为附件上传",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "data", "message"), REFUSED_UPLOADS)
def test_x6_a_refused_attachment_shows_its_message_and_nothing_is_stored(
    client, editor, department, media, name, data, message
):
    response = add_document(client, department, name, data)
    assert response.status_code == 200
    assert form_errors(response) == [message]
    assert message in response.content.decode()
    assert not get_document_model().objects.exists()
    assert stored_files(media) == []


@pytest.mark.django_db
def test_x6_an_oversized_attachment_is_refused_in_chinese_without_being_stored(
    client, editor, department, media, settings
):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = add_document(client, department, "通知.pdf", pdf_bytes() + b"%" * 2048)
    assert form_errors(response)[0].startswith("文件“通知.pdf”大小为")
    assert form_errors(response)[0].endswith("超过附件上限1 KB")
    assert not get_document_model().objects.exists()
    assert stored_files(media) == []


@pytest.mark.django_db
def test_x6_the_multiple_upload_endpoint_refuses_in_its_json_and_accepts_real_files(
    client, editor, department, media
):
    url = reverse("wagtaildocs:add_multiple")
    refused = client.post(url, {"collection": department.collection_id, "files[]": upload("报告.pdf", EXE)})
    assert refused.json() == {
        "success": False,
        "error_message": "文件“报告.pdf”实际是可执行程序，不能作为附件上传",
    }
    assert not get_document_model().objects.exists()
    assert stored_files(media) == []
    accepted = client.post(
        url, {"collection": department.collection_id, "files[]": upload("通知.pdf", pdf_bytes())}
    )
    assert accepted.json()["success"] is True
    assert get_document_model().objects.get().title == "通知.pdf"


@pytest.mark.django_db
def test_x6_replacing_a_documents_file_is_checked_and_a_refusal_keeps_the_old_file(
    client, editor, department, media
):
    add_document(client, department, "通知.pdf", pdf_bytes())
    stored = get_document_model().objects.get()
    original = Path(stored.file.path)
    response = client.post(
        reverse("wagtaildocs:edit", args=[stored.pk]),
        {"title": "通知.pdf", "collection": department.collection_id, "file": upload("通知.pdf", HTML)},
    )
    assert form_errors(response) == ["文件“通知.pdf”实际是网页或脚本文件，不能作为附件上传"]
    stored.refresh_from_db()
    assert Path(stored.file.path) == original
    assert stored_files(media) == [original]
    assert original.read_bytes().startswith(b"%PDF-")


@pytest.mark.django_db
def test_x6_editing_only_the_title_does_not_need_a_new_file(client, editor, department, media):
    add_document(client, department, "通知.pdf", pdf_bytes())
    stored = get_document_model().objects.get()
    response = client.post(
        reverse("wagtaildocs:edit", args=[stored.pk]),
        {"title": "新标题", "collection": department.collection_id},
    )
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.title == "新标题"


@pytest.mark.django_db
def test_x6_the_document_choosers_upload_tab_refuses_too(client, editor, department, media):
    response = client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "报告",
            "document-chooser-upload-collection": department.collection_id,
            "document-chooser-upload-file": upload("报告.pdf", EXE),
        },
    )
    assert "文件“报告.pdf”实际是可执行程序，不能作为附件上传" in json.dumps(
        response.json(), ensure_ascii=False
    )
    assert not get_document_model().objects.exists()
    assert stored_files(media) == []


def add_image(client, department, name: str, data: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "collection": department.collection_id, "file": upload(name, data)},
    )


@pytest.mark.django_db
def test_x6_an_editor_uploads_a_real_image(client, editor, department, media):
    response = add_image(client, department, "照片.png", image_bytes("PNG"))
    assert response.status_code == 302
    assert get_image_model().objects.get().width == 40


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "图标.svg",
            SVG,
            "文件“图标.svg”的扩展名不在允许范围内；图片只能是.avif、.gif、.jpg、.jpeg、.png、.webp格式",
        ),
        ("图标.png", SVG, "文件“图标.png”实际是SVG矢量图（可含脚本），不能作为图片上传"),
        ("照片.png", EXE, "文件“照片.png”实际是可执行程序，不能作为图片上传"),
        (
            "照片.png",
            image_bytes("JPEG"),
            "文件“照片.png”实际是JPEG图片，与扩展名“.png”不符，请改用正确的扩展名后再上传",
        ),
    ],
)
def test_x6_a_refused_image_shows_its_message_and_nothing_is_stored(
    client, editor, department, media, name, data, message
):
    response = add_image(client, department, name, data)
    assert form_errors(response) == [message]
    assert not get_image_model().objects.exists()
    assert stored_files(media) == []


@pytest.mark.django_db
def test_x6_an_oversized_image_and_the_multiple_image_upload_are_refused(
    client, editor, department, media, settings
):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    big = image_bytes("PNG", (300, 300)) + b"\0" * 2048
    response = add_image(client, department, "大图.png", big)
    assert form_errors(response) == [
        f"文件“大图.png”大小为{len(big) / 1024:.1f} KB，超过图片上限1 KB".replace(".0 KB", " KB")
    ]
    url = reverse("wagtailimages:add_multiple")
    refused = client.post(url, {"collection": department.collection_id, "files[]": upload("图标.png", SVG)})
    assert refused.json() == {
        "success": False,
        "error_message": "文件“图标.png”实际是SVG矢量图（可含脚本），不能作为图片上传",
    }
    assert not get_image_model().objects.exists()
    assert stored_files(media) == []


@pytest.mark.django_db
def test_x6_documents_the_platform_writes_itself_are_trusted_and_not_checked(settings, media, department):
    """The disclosure reply and report DOCX are saved without a form: no upload limit or check applies."""
    from govsite.content.reports import word_document

    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10
    data = docx_bytes("2025年政府信息公开工作年度报告")
    stored = word_document("年度报告", "年度报告.docx", data, collection=department.collection)
    assert Path(stored.file.path).read_bytes() == data
