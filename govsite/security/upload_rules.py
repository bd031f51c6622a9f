"""Back-office attachments and images judged by their bytes, not their names (X6); no Django import.

The public forms' rules (formguard.filetypes) tell the first bytes apart and vet PDFs and Office files;
here the other kinds an editor may attach are told apart too (old Word and Excel files, ODT, OFD, RTF,
plain text, ZIP archives), the real kind must agree with the extension, and anything that can run
(programs, scripts, web pages, SVG, macros, embedded objects) is refused with a message naming it.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Collection

from PIL import Image

from govsite.formguard.filetypes import (
    KINDS,
    MAX_ZIP_ENTRIES,
    MAX_ZIP_UNPACKED,
    OTHER_TYPES,
    check_pdf,
    format_size,
    identify,
    shown_name,
)
from govsite.formguard.refusal import Refused

from . import compound
from .upload_archives import check_archive_entries, extension

# What a file really is, as a refusal names it: formguard's names plus the kinds only editors may upload.
REAL_TYPES = {
    **{kind: f"{spec.label}文件" for kind, spec in KINDS.items()},
    **OTHER_TYPES,
    "doc": "旧版Word文档（.doc）",
    "xls": "旧版Excel表格（.xls）",
    "ole_other": "其他旧版Office文件（如.ppt、.msg）",
    "encrypted_office": "设有密码的Office文档",
    "broken_ole": "已损坏的旧版Office文档",
    "odt": "ODT文档",
    "ofd": "OFD版式文件",
    "rtf": "RTF文档",
    "text": "纯文本文件",
    "svg": "SVG矢量图（可含脚本）",
    "zip_bomb": "解压后体积异常巨大的压缩包（疑似“压缩炸弹”）",
}
# The kind each attachment extension must really be; an extension missing here is refused (fail closed).
DOCUMENT_EXTENSIONS = {
    "pdf": "pdf",
    "docx": "docx",
    "xlsx": "xlsx",
    "pptx": "pptx",
    "doc": "doc",
    "xls": "xls",
    "odt": "odt",
    "ofd": "ofd",
    "rtf": "rtf",
    "txt": "text",
    "csv": "text",
    "zip": "zip",
}
# Pillow's format name for each image extension.
IMAGE_EXTENSIONS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP", "avif": "AVIF"}
# What formguard's identify says of a ZIP; each is also looked at for a bomb, a plain ZIP for its kind.
ZIP_CONTAINERS = frozenset({"docx", "xlsx", "pptx", "zip"})
# What real_kind says of a picture; WebP and AVIF are "unknown" to it, Pillow tells them apart.
MAYBE_PICTURES = frozenset({"jpg", "png", "gif", "unknown"})
VBA_STORAGES = frozenset({"_VBA_PROJECT", "_VBA_PROJECT_CUR", "VBA", "Macros"})
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
ODT_SCRIPT_FOLDERS = ("Basic/", "Scripts/")
# A ZIP entry packed more than this many times over, once past the size below, is taken for a bomb.
MAX_ZIP_RATIO = 200
ZIP_RATIO_FROM_BYTES = 10 * 1024 * 1024
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SCRIPT_TAG = re.compile(rb"<\s*script\b", re.IGNORECASE)
_RTF_OBJECT = re.compile(rb"\\obj[a-z]")


def check_size(name: str, size: int, max_bytes: int | None, what: str) -> None:
    """Refuse an empty file or one over the limit (None: no limit), before reading it."""
    if size <= 0:
        raise Refused(f"文件“{shown_name(name)}”是空文件，不能作为{what}上传", "empty")
    if max_bytes is not None and size > max_bytes:
        raise Refused(
            f"文件“{shown_name(name)}”大小为{format_size(size)}，超过{what}上限{format_size(max_bytes)}",
            "too_large",
        )


def _ole_kind(data: bytes) -> str:
    """doc, xls, macro, encrypted_office, ole_other or broken_ole, from the compound file's directory."""
    try:
        names = compound.entry_names(data)
    except compound.DamagedCompoundFile:
        return "broken_ole"
    if names & VBA_STORAGES:
        return "macro"
    if "EncryptedPackage" in names:
        return "encrypted_office"
    if "WordDocument" in names:
        return "doc"
    if names & {"Workbook", "Book"}:
        return "xls"
    return "ole_other"


def is_zip_bomb(entries: list[zipfile.ZipInfo]) -> bool:
    """Too many entries, too much unpacked in all, or one entry packed far tighter than real documents."""
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_ZIP_UNPACKED:
        return True
    return any(
        e.file_size > ZIP_RATIO_FROM_BYTES and e.file_size > MAX_ZIP_RATIO * max(e.compress_size, 1)
        for e in entries
    )


def _archive_kind(data: bytes) -> str:
    """odt, ofd, macro, zip_bomb, zip or broken_zip, for a ZIP that is not an Office Open XML file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if is_zip_bomb(entries):
                return "zip_bomb"
            names = {entry.filename for entry in entries}
            if "OFD.xml" in names:
                return "ofd"
            mimetype = archive.getinfo("mimetype") if "mimetype" in names else None
            if (
                mimetype is None
                or mimetype.file_size > len(ODT_MIMETYPE)
                or archive.read(mimetype) != ODT_MIMETYPE
            ):
                return "zip"
    except Exception:  # zipfile raises many kinds of errors on hostile bytes
        return "broken_zip"
    return "macro" if any(n.startswith(ODT_SCRIPT_FOLDERS) for n in names) else "odt"


def _decoded_text(data: bytes) -> str | None:
    """The text in UTF-8 (with or without a byte-order mark) or else GB18030; None if it is neither."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _text_kind(data: bytes) -> str:
    """rtf, text, html (a page or script inside the text) or unknown (binary, or an unknown encoding)."""
    if data.startswith(b"{\\rtf"):
        return "rtf"
    text = _decoded_text(data)
    if text is None or _CONTROL_CHARACTERS.search(text):
        return "unknown"
    return "html" if _SCRIPT_TAG.search(data) else "text"


def real_kind(data: bytes) -> str:
    """A key of REAL_TYPES: what the bytes are, whatever the name says."""
    kind = identify(data)
    if kind == "html" and b"<svg" in data[:4096].lower():
        return "svg"
    if kind in ZIP_CONTAINERS:
        container = _archive_kind(data)
        if kind == "zip" or container == "zip_bomb":
            return container
    if kind == "ole":
        return _ole_kind(data)
    if kind == "unknown":
        return _text_kind(data)
    return kind


def _refuse_kind(name: str, real: str, expected_extension: str, known: Collection[str], what: str) -> Refused:
    """A mismatch between two acceptable kinds asks for the right extension; anything else is refused."""
    shown = shown_name(name)
    if real in known:
        return Refused(
            f"文件“{shown}”实际是{REAL_TYPES[real]}，与扩展名“.{expected_extension}”不符，请改用正确的扩展名后再上传",
            "extension_mismatch",
        )
    return Refused(f"文件“{shown}”实际是{REAL_TYPES[real]}，不能作为{what}上传", "kind_refused")


def _refuse_extension(name: str, extensions: Collection[str], what: str) -> Refused:
    allowed = "、".join(f".{e}" for e in extensions)
    return Refused(
        f"文件“{shown_name(name)}”的扩展名不在允许范围内；{what}只能是{allowed}格式", "extension_refused"
    )


def _check_content(name: str, kind: str, data: bytes) -> None:
    """What the first bytes cannot show: a PDF's scripts and actions, an RTF's embedded objects."""
    try:
        if kind == "pdf":
            check_pdf(data)
        elif kind == "rtf" and _RTF_OBJECT.search(data):
            raise Refused("RTF文档含有嵌入的对象（可能是程序），不能作为附件上传", "rtf_object")
    except Refused as refusal:
        raise Refused(f"文件“{shown_name(name)}”：{refusal.message}", refusal.code) from refusal


def check_document(name: str, data: bytes, *, extensions: Collection[str], max_bytes: int | None) -> str:
    """The real kind of an attachment whose bytes agree with its extension; Refused otherwise (X6)."""
    check_size(name, len(data), max_bytes, "附件")
    wanted = extension(name)
    allowed = [e for e in extensions if e in DOCUMENT_EXTENSIONS]
    if wanted not in allowed:
        raise _refuse_extension(name, allowed, "附件")
    real = real_kind(data)
    if real != DOCUMENT_EXTENSIONS[wanted]:
        raise _refuse_kind(name, real, wanted, {DOCUMENT_EXTENSIONS[e] for e in allowed}, "附件")
    _check_content(name, real, data)
    if real == "zip":
        inner = [e for e in allowed if e != "zip"]
        check_archive_entries(
            name,
            data,
            checked_extensions=set(inner),
            check_entry=lambda entry, content: check_document(
                entry, content, extensions=inner, max_bytes=max_bytes
            ),
        )
    return real


def _image_format(name: str, data: bytes, max_pixels: int | None) -> str:
    """Pillow's name for the picture's format, once it decodes within the pixel limit."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            pixels = width * height * getattr(image, "n_frames", 1)
            if max_pixels is not None and pixels > max_pixels:
                raise Refused(
                    f"图片“{shown_name(name)}”有{pixels:,}像素（{width}×{height}），超过上限{max_pixels:,}像素",
                    "image_too_large",
                )
            image.load()
            return str(image.format)
    except Refused:
        raise
    except Image.DecompressionBombError as error:
        raise Refused(f"图片“{shown_name(name)}”尺寸过大", "image_too_large") from error
    except Exception as error:  # Pillow raises many kinds of errors on hostile bytes
        raise Refused(f"图片“{shown_name(name)}”已损坏或格式无法识别，无法打开", "image_damaged") from error


def check_image(
    name: str, data: bytes, *, extensions: Collection[str], max_bytes: int | None, max_pixels: int | None
) -> str:
    """Pillow's format of an image that decodes and agrees with its extension; Refused otherwise (X6)."""
    check_size(name, len(data), max_bytes, "图片")
    wanted = extension(name)
    allowed = [e for e in extensions if e in IMAGE_EXTENSIONS]
    if wanted not in allowed:
        raise _refuse_extension(name, allowed, "图片")
    real = real_kind(data)
    if real not in MAYBE_PICTURES:
        raise _refuse_kind(name, real, wanted, (), "图片")
    image_format = _image_format(name, data, max_pixels)
    if image_format != IMAGE_EXTENSIONS[wanted]:
        raise Refused(
            f"文件“{shown_name(name)}”实际是{image_format}图片，与扩展名“.{wanted}”不符，请改用正确的扩展名后再上传",
            "extension_mismatch",
        )
    return image_format
