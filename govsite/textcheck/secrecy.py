"""Secrecy marks in text to be published (P6: classified information never goes online).

A marking blocks: 机密★10年, 秘密级, 【机密】, （内部资料）, or a level alone at the start of a line.
Other wording about secrecy only warns (机密文件, 商业秘密, 不得外传). A bare 秘密 in prose
(秘密地) is not flagged, nor is 机密性 (confidentiality, a security term).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import BLOCK, WARN, Hit

RULE_MARK = "P6 保密：涉密标志，涉密信息不得在政府网站发布"
RULE_WORDING = "P6 保密：涉及保密的表述，请核实内容是否涉密"
SUGGEST_MARK = "删除涉密内容，按保密规定处理"
SUGGEST_WORDING = "核实内容是否涉密或仅限内部使用"

LEVELS = ("绝密", "机密", "秘密")
_COMPOUNDS = ("工作", "国家", "商业")  # …秘密
_SPACES = " \t\u3000"
# A literal alternation keeps re's fast first-character scan; the context is examined in Python.
_KEYWORD = re.compile("绝密|机密|秘密|内部资料|内部文件|注意保存|不得外传")
_LEVEL_SUFFIX = re.compile(rf"[{_SPACES}]*(?:[★☆*](?:[{_SPACES}]*(?:[0-9０-９]+[{_SPACES}]*年|长期))?|级)")
_BRACKETS = {"【": "】", "〔": "〕", "[": "]", "(": ")", "（": "）", "「": "」"}


def _space_before(text: str, index: int) -> int:
    """The index of the last non-space character before `index`, or -1."""
    index -= 1
    while index >= 0 and text[index] in _SPACES:
        index -= 1
    return index


def _space_after(text: str, index: int) -> int:
    """The index of the first non-space character from `index` on, or len(text)."""
    while index < len(text) and text[index] in _SPACES:
        index += 1
    return index


def _bracketed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span including brackets when the word is enclosed in them: 【机密】, （内部资料）."""
    before, after = _space_before(text, start), _space_after(text, end)
    if before >= 0 and after < len(text) and _BRACKETS.get(text[before]) == text[after]:
        return before, after + 1
    return None


def _alone_on_line_start(text: str, start: int, end: int) -> bool:
    """Whether the word opens its line and is followed by a space or the line's end."""
    before = _space_before(text, start)
    return (before < 0 or text[before] == "\n") and (end == len(text) or text[end].isspace())


def _classify(text: str, word: str, start: int, end: int) -> Hit | None:
    """The hit of one keyword occurrence: a marking, wording about secrecy, or nothing."""
    if word == "秘密" and text[max(0, start - 2) : start] in _COMPOUNDS:
        start -= 2
    elif word in LEVELS and (suffix := _LEVEL_SUFFIX.match(text, end)):
        return Hit(start, suffix.end(), "secret_mark", BLOCK, SUGGEST_MARK, RULE_MARK)
    if span := _bracketed(text, start, end):
        return Hit(*span, "secret_mark", BLOCK, SUGGEST_MARK, RULE_MARK)
    compound = end - start > len(word)
    if not compound and word not in ("注意保存", "不得外传") and _alone_on_line_start(text, start, end):
        return Hit(start, end, "secret_mark", BLOCK, SUGGEST_MARK, RULE_MARK)
    if (word == "秘密" and not compound) or text.startswith("机密性", start):
        return None
    return Hit(start, end, "secret_mark", WARN, SUGGEST_WORDING, RULE_WORDING)


def secrecy_hits(text: str) -> Iterator[Hit]:
    """Secrecy markings (block) and wording about secrecy (warn)."""
    for match in _KEYWORD.finditer(text):
        hit = _classify(text, match.group(), match.start(), match.end())
        if hit is not None:
            yield hit
