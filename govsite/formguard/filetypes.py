"""Uploaded files judged by their content, not their name (I1); pure Python, Pillow, pypdf, zipfile.

A file is accepted only as one of the kinds a form allows, told by its first bytes and confirmed by
opening it: a PDF must parse and carry no script, launch action or embedded file; a DOCX, XLSX or PPTX
must be a ZIP whose content-types entry names its Office main part, without macros; an image must
decode, and is re-encoded upright from its pixels alone, which drops EXIF (GPS), comments and any
payload appended after the picture. The name keeps only its last path part, loses control and
reserved characters, and gets the extension of the real type.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from xml.etree import ElementTree

from PIL import Image, ImageOps

from .refusal import Refused


@dataclass(frozen=True)
class Kind:
    label: str
    extension: str
    content_type: str


KINDS = {
    "pdf": Kind("PDF", "pdf", "application/pdf"),
    "jpg": Kind("JPG", "jpg", "image/jpeg"),
    "png": Kind("PNG", "png", "image/png"),
    "docx": Kind("DOCX", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": Kind("XLSX", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": Kind(
        "PPTX", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
}
# The main part's content type in [Content_Types].xml tells a Word document from a workbook.
OFFICE_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
# What a refused file really is, named so the person understands why.
OTHER_TYPES = {
    "exe": "可执行程序",
    "html": "网页或脚本文件",
    "zip": "普通压缩包",
    "broken_zip": "已损坏的Office文档或压缩包",
    "macro": "含有宏的Office文档",
    "ole": "旧版Word或Excel文档（.doc、.xls）",
    "gif": "GIF图片",
    "unknown": "无法识别的格式",
}
HINTS = {"ole": "；请在Word或Excel中另存为.docx或.xlsx格式后再上传"}
IMAGE_FORMATS = {"jpg": "JPEG", "png": "PNG"}
MAX_IMAGE_PIXELS = 40_000_000
MAX_ZIP_ENTRIES = 5_000
# Readers downstream (the content check reads DOCX and XLSX text) unpack at most this much.
MAX_ZIP_UNPACKED = 200 * 1024 * 1024
MAX_CONTENT_TYPES_BYTES = 1024 * 1024
# Walking a PDF's objects is linear; a file with more objects than this is not a citizen's upload.
MAX_PDF_OBJECTS = 200_000
PDF_ACTIVE_KEYS = frozenset(
    {"/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}
)
PDF_ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/ImportData", "/SubmitForm"})
# A stem of 60 characters is at most 180 bytes in UTF-8: room for the extension and a storage suffix.
MAX_STEM = 60
_RESERVED = re.compile(r'[<>:"/\\|?*]')
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")
WINDOWS_DEVICE_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"COM{i}" for i in range(1, 10)] + [f"LPT{i}" for i in range(1, 10)]
)
_HTML_STARTS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<svg",
    b"<?xml",
    b"<iframe",
    b"<?php",
)


@dataclass(frozen=True)
class CleanUpload:
    """An accepted file: the name to store it under, its real kind, and the bytes to store."""

    name: str
    kind: str
    content_type: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)


def format_size(size: int) -> str:
    """Sizes as people read them: "10 MB", "512 KB", "12.5 MB"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"
    if size >= 1024:
        return f"{size / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{size} 字节"


def allowed_types(kinds: Collection[str], max_bytes: int) -> str:
    """The end of every refusal, such as “只能上传PDF、JPG格式的文件，单个文件不超过10 MB”."""
    labels = "、".join(KINDS[kind].label for kind in kinds)
    return f"只能上传{labels}格式的文件，单个文件不超过{format_size(max_bytes)}"


def shown_name(name: str) -> str:
    """The name as quoted in a message: last path part, printable, at most 40 characters."""
    base = re.split(r"[\\/]", name)[-1]
    printable = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    return printable[:40] + ("…" if len(printable) > 40 else "")


def safe_name(name: str, kind: str) -> str:
    """A name safe on any disk and in any header, ending in the extension of the real kind."""
    stem = "".join(ch for ch in re.split(r"[\\/]", name)[-1] if unicodedata.category(ch)[0] != "C")
    stem = _EXTENSION.sub("", unicodedata.normalize("NFC", stem))
    stem = _RESERVED.sub("_", stem).strip(" .")[:MAX_STEM].strip(" .")
    if stem.upper() in WINDOWS_DEVICE_NAMES:
        stem = f"_{stem}"
    return f"{stem or '附件'}.{KINDS[kind].extension}"


def _zip_kind(data: bytes) -> str:
    """docx, xlsx, macro, zip or broken_zip, from the archive's directory and its content-types entry."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_ZIP_UNPACKED:
                return "zip"
            names = {entry.filename for entry in entries}
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                return "macro"
            types_entry = archive.getinfo("[Content_Types].xml")
            if types_entry.file_size > MAX_CONTENT_TYPES_BYTES:
                return "zip"
            content_types = archive.read(types_entry)
    except KeyError:
        return "zip"
    except Exception:  # zipfile raises many kinds of errors on hostile bytes
        return "broken_zip"
    return _office_kind(content_types, names)


def _office_kind(content_types: bytes, names: set[str]) -> str:
    """The kind the main part's declared content type names, if that part is really in the archive."""
    if b"<!DOCTYPE" in content_types or b"<!ENTITY" in content_types:
        return "zip"
    try:
        root = ElementTree.fromstring(content_types)
    except Exception:  # ParseError, or LookupError for an encoding the declaration invents
        return "broken_zip"
    declared = [
        (e.get("PartName", ""), e.get("ContentType", "")) for e in root.iter() if e.tag.endswith("Override")
    ]
    if any("macroenabled" in content_type.lower() for _, content_type in declared):
        return "macro"
    for part, content_type in declared:
        if content_type in OFFICE_MAIN_PARTS and part.lstrip("/") in names:
            return OFFICE_MAIN_PARTS[content_type]
    return "zip"


def identify(data: bytes) -> str:
    """A key of KINDS or of OTHER_TYPES, from the first bytes (and the directory of a ZIP)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith((b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")):
        return "exe"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_HTML_STARTS):
        return "html"
    return "unknown"


def _pdf_has_active_content(reader) -> bool:
    """Any script, launch, form-submission action or embedded file reachable from the trailer."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    visited = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            node = node.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            raise Refused("PDF文件结构过于复杂，无法审查", "pdf_too_complex")
        if isinstance(node, DictionaryObject):
            items = dict.items(node)
            if any(key in PDF_ACTIVE_KEYS for key, _ in items):
                return True
            action = dict.get(node, "/S")
            if isinstance(action, str) and action in PDF_ACTIVE_ACTIONS:
                return True
            stack.extend(value for _, value in items)
        elif isinstance(node, ArrayObject):
            stack.extend(list.__iter__(node))
    return False


def check_pdf(data: bytes) -> bytes:
    """The PDF as sent once it opens and carries no active content; also used for back-office attachments."""
    from pypdf import PasswordType, PdfReader

    if b"%%EOF" not in data[-1024:]:
        raise Refused("PDF文件不完整，或文件末尾附加了其他内容", "pdf_damaged")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise Refused("PDF文件设有打开密码，请取消密码后上传", "pdf_encrypted")
        pages = len(reader.pages)
        active = _pdf_has_active_content(reader)
    except Refused:
        raise
    except Exception as error:  # pypdf raises many kinds of errors on hostile bytes
        raise Refused("PDF文件已损坏，无法打开", "pdf_damaged") from error
    if pages < 1:
        raise Refused("PDF文件没有任何页面", "pdf_damaged")
    if active:
        raise Refused("PDF文件含有脚本、自动动作或嵌入的其他文件，不能上传", "pdf_active")
    return data


def _reencode_image(data: bytes, kind: str) -> bytes:
    """The picture's pixels only, turned upright as EXIF said, in the same format."""
    image_format = IMAGE_FORMATS[kind]
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != image_format:
                raise Refused(f"文件内容与{KINDS[kind].label}格式不符", "image_damaged")
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise Refused(f"图片尺寸过大（{width}×{height}像素）", "image_too_large")
            image.load()
            upright = ImageOps.exif_transpose(image)
        transparency = upright.info.get("transparency") if image_format == "PNG" else None
        upright.info = {}
        options = {"quality": 90} if image_format == "JPEG" else {}
        if transparency is not None:
            options["transparency"] = transparency
        buffer = io.BytesIO()
        upright.save(buffer, image_format, **options)
    except Refused:
        raise
    except Image.DecompressionBombError as error:
        raise Refused("图片尺寸过大", "image_too_large") from error
    except Exception as error:  # Pillow raises many kinds of errors on hostile bytes
        raise Refused("图片已损坏，无法打开", "image_damaged") from error
    return buffer.getvalue()


def _clean_content(kind: str, data: bytes) -> bytes:
    """The bytes to store: PDFs and Office files as sent once checked, images re-encoded."""
    if kind == "pdf":
        return check_pdf(data)
    if kind in IMAGE_FORMATS:
        return _reencode_image(data, kind)
    return data


def check_size(name: str, size: int, kinds: Collection[str], max_bytes: int) -> None:
    """Refuse an empty file or one over the limit, before reading it."""
    allowed = allowed_types(kinds, max_bytes)
    if size <= 0:
        raise Refused(f"文件“{shown_name(name)}”是空文件。{allowed}", "empty")
    if size > max_bytes:
        raise Refused(f"文件“{shown_name(name)}”大小为{format_size(size)}，超过上限。{allowed}", "too_large")


def inspect_upload(name: str, data: bytes, *, kinds: Collection[str], max_bytes: int) -> CleanUpload:
    """The cleaned upload, or Refused with a message naming the allowed types and the size limit."""
    check_size(name, len(data), kinds, max_bytes)
    allowed = allowed_types(kinds, max_bytes)
    kind = identify(data)
    if kind in KINDS and kind not in kinds:
        raise Refused(
            f"文件“{shown_name(name)}”是{KINDS[kind].label}文件，此处不接受。{allowed}", "kind_not_allowed"
        )
    if kind not in KINDS:
        hint = HINTS.get(kind, "")
        raise Refused(
            f"文件“{shown_name(name)}”的内容是{OTHER_TYPES[kind]}，不能上传{hint}。{allowed}", "kind_refused"
        )
    try:
        cleaned = _clean_content(kind, data)
    except Refused as refusal:
        raise Refused(f"文件“{shown_name(name)}”：{refusal.message}。{allowed}", refusal.code) from refusal
    return CleanUpload(safe_name(name, kind), kind, KINDS[kind].content_type, cleaned)
