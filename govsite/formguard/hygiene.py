"""Text typed into public forms, made safe to store, show and search (I1); pure Python.

What a citizen wrote is a record: words are never changed, only what no one can see or mean.
Removed: control characters (except newline and tab), invisible format characters that hide words
from the content checks or reverse text on screen, and noncharacters. Kept: emoji joiners,
private-use characters (input methods use them for rare characters of names). Line ends become
"\\n", the text is NFC-normalised, trailing spaces and leading or trailing blank lines go, and
runs of blank lines shrink to one; the indent of a first paragraph (　　) stays.
A NUL or a lone surrogate means the input was not text at all: refused, not repaired.
"""

from __future__ import annotations

import re
import unicodedata

from .refusal import Refused

_REFUSED = re.compile("[\x00\ud800-\udfff]")
# C0/C1 controls but tab and newline; zero-width space, word joiner and BOM; soft hyphen;
# bidirectional embeddings, overrides and isolates; the noncharacters of the BMP.
_INVISIBLE = re.compile(
    "[\x01-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]"
)
_LINE_ENDS = re.compile("\r\n?|[\u2028\u2029\x85]")
_TRAILING_SPACE = re.compile(r"[^\S\n]+$", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{3,}")


def tidy_text(text: str) -> str:
    """The text as it will be stored; raises Refused on NUL or a lone surrogate."""
    if _REFUSED.search(text):
        raise Refused(
            "内容含有无法识别的字符（如空字符或残缺的字符编码），请删除后重新输入", "invalid_characters"
        )
    text = _LINE_ENDS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip("\n")


def check_length(text: str, max_length: int, label: str) -> None:
    """Counted in characters as people count them: a Chinese character is one."""
    if len(text) > max_length:
        raise Refused(
            f"{label}不能超过{max_length}个字（现为{len(text)}个字），请删减后重新提交", "max_length"
        )
