"""How an upstream page's bytes are read (G1): the HTTP header, then <meta charset>, then UTF-8, then
GB18030; no Django import. GB2312 and GBK are read as GB18030, their superset, so no character is lost."""

from __future__ import annotations

import re

# Where browsers look for a <meta> charset: the first 1024 bytes; government pages put it a little later.
META_WINDOW = 4096
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}


def _known(name: str | None) -> str | None:
    """The codec Python reads `name` with, or None for a name it does not know."""
    if not name:
        return None
    name = _SUPERSETS.get(name.lower(), name.lower())
    try:
        "".encode(name)
    except LookupError:
        return None
    return name


def declared_charset(content_type: str, data: bytes) -> str | None:
    """The charset the server or the page declares, header first, as a Python codec name."""
    header = _HEADER_CHARSET.search(content_type or "")
    meta = _META_CHARSET.search(data[:META_WINDOW])
    return _known(header.group(1) if header else None) or _known(meta.group(1).decode("ascii") if meta else None)


def decode(data: bytes, content_type: str = "") -> str:
    """The page's text: as declared when that decodes, else UTF-8, else GB18030 (never an exception)."""
    declared = declared_charset(content_type, data)
    for codec in (declared, "utf-8", "gb18030"):
        if codec is None:
            continue
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("gb18030", errors="replace")
