"""What a ZIP attachment holds, checked entry by entry before a citizen unpacks it (X6); no Django import.

A reader who downloads a ZIP from a government site trusts everything in it, so no entry may be a
program, a script or a web page (by name or by its first bytes), none may be encrypted (it could not be
checked) and none may be another archive (which would hide the rest). Entries that are themselves
attachments (a PDF, a DOCX …) are checked as if uploaded alone, by the callback the caller passes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from govsite.formguard.filetypes import OTHER_TYPES, identify, shown_name
from govsite.formguard.refusal import Refused

# Files inside a ZIP that a reader's computer would run or a browser would render as a page.
RUNNABLE_EXTENSIONS = frozenset({
    "exe", "com", "scr", "pif", "cpl", "msi", "msp", "dll", "sys", "bat", "cmd", "ps1", "psm1", "vbs", "vbe",
    "js", "jse", "wsf", "wsh", "hta", "jar", "sh", "bash", "py", "pl", "rb", "php", "phtml", "jsp", "jspx",
    "asp", "aspx", "cgi", "html", "htm", "xhtml", "shtml", "svg", "lnk", "reg", "inf", "chm", "app", "apk",
})
NESTED_ARCHIVE_EXTENSIONS = frozenset({"zip", "rar", "7z", "tar", "gz", "tgz", "bz2", "xz", "cab", "iso", "arj"})
NESTED_ARCHIVE_MAGIC = (
    b"PK\x03\x04",
    b"Rar!",
    b"7z\xbc\xaf\x27\x1c",
    b"\x1f\x8b",
    b"MSCF",
    b"BZh",
    b"\xfd7zXZ",
)
HEAD_BYTES = 512
ENCRYPTED_FLAG = 0x1


def extension(name: str) -> str:
    """The lower-case extension after the last dot of the last path part (either slash), or ""."""
    base = re.split(r"[\\/]", name)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _entry_problem(info: zipfile.ZipInfo, head: bytes) -> tuple[str, str] | None:
    """(what the entry is, rule code) when it may not travel inside an attachment, else None."""
    entry_extension = extension(info.filename)
    if info.flag_bits & ENCRYPTED_FLAG:
        return "设有密码、无法检查的文件", "zip_encrypted"
    kind = identify(head)
    if entry_extension in RUNNABLE_EXTENSIONS or kind == "exe":
        return "可执行程序或脚本", "zip_runnable"
    if kind == "html":
        return OTHER_TYPES["html"], "zip_runnable"
    if entry_extension in NESTED_ARCHIVE_EXTENSIONS:
        return "另一个压缩包（无法逐一检查）", "zip_nested"
    return None


def check_archive_entries(
    name: str, data: bytes, *, checked_extensions: set[str], check_entry: Callable[[str, bytes], object]
) -> None:
    """Refuse the archive at its first entry that runs, hides or fails `check_entry` (for checked kinds)."""
    shown = shown_name(name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if info.is_dir() or info.file_size == 0:
                    continue
                head = b"" if info.flag_bits & ENCRYPTED_FLAG else archive.open(info).read(HEAD_BYTES)
                problem = _entry_problem(info, head)
                if problem is None and extension(info.filename) in checked_extensions:
                    _check_inner(shown, info.filename, archive.read(info), check_entry)
                elif problem is None and head.startswith(NESTED_ARCHIVE_MAGIC):
                    problem = "另一个压缩包（无法逐一检查）", "zip_nested"
                if problem is not None:
                    what, code = problem
                    raise Refused(
                        f"压缩包“{shown}”中的“{shown_name(info.filename)}”是{what}，不能作为附件上传", code
                    )
    except Refused:
        raise
    except Exception as error:  # zipfile raises many kinds of errors on hostile bytes
        raise Refused(f"压缩包“{shown}”已损坏，无法检查其中的文件", "zip_damaged") from error


def _check_inner(shown: str, entry: str, content: bytes, check_entry: Callable[[str, bytes], object]) -> None:
    try:
        check_entry(entry, content)
    except Refused as refusal:
        raise Refused(f"压缩包“{shown}”中的{refusal.message}", refusal.code) from refusal
