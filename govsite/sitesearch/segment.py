"""Chinese text for the search index and for queries (U1). Pure Python: no Django import.

SQLite FTS5 and PostgreSQL split text on spaces and punctuation only, so a run of Chinese characters would be
one token and 北京 would never be found in 北京市人民政府关于…. The index therefore holds every run of Chinese
characters as its overlapping character pairs (CJK bigrams: 北京 京市 市人 …), and a query word becomes the
phrase of its pairs, which matches exactly where the word occurs as a substring — whatever a dictionary thinks of
it, so out-of-vocabulary names of officials are found. jieba's dictionary decides only where a long query splits
into words, so 城乡居民医保缴费 finds a text saying 城乡居民基本医保参保缴费.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Ideographs (basic, extension A, compatibility) and the 〇 numeral; everything else is a word or a separator.
CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{CJK}]+|[^\W{CJK}_]+")
_CJK_RUN = re.compile(rf"[{CJK}]+")
# A query run this short is one word as typed: a name (张三丰) or a word jieba might split.
WHOLE_RUN_MAX = 3
# Function characters left alone by jieba inside a long query; they carry no meaning of their own.
STOP_CHARACTERS = frozenset("的了和与及或在是等之对把被从向为于而并且也就都")
MAX_QUERY_UNITS = 12
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


@functools.cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@functools.cache
def _jieba():
    """jieba takes about half a second to load its dictionary: once per process, on first use."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def normalize(text: str) -> str:
    """Simplified characters, half-width letters and digits, lower case — one character for one, so a position
    in the result is the same position in `text` (the highlighter relies on it)."""
    folded = "".join(_lower(ch) for ch in text.translate(_WIDTH))
    simplified = _t2s().convert(folded)
    if len(simplified) == len(folded):
        return simplified
    return "".join(s if len(s := _t2s().convert(ch)) == 1 else ch for ch in folded)


def _lower(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch


def bigrams(run: str) -> list[str]:
    """A run of Chinese characters as its overlapping pairs; a single character stands for itself."""
    return [run] if len(run) < 2 else [run[i : i + 2] for i in range(len(run) - 1)]


def index_text(text: str) -> str:
    """The text as the index stores it: Chinese runs as bigrams, other words as they are, space-separated."""
    tokens: list[str] = []
    for match in _TOKEN.finditer(normalize(text or "")):
        token = match.group()
        tokens.extend(bigrams(token) if _CJK_RUN.fullmatch(token) else [token])
    return " ".join(tokens)


@dataclass(frozen=True)
class QueryUnit:
    """One word of a query: its normalised text (for highlighting) and the terms the index must hold in order."""

    text: str
    terms: tuple[str, ...]

    @property
    def phrase(self) -> str:
        return " ".join(self.terms)


def query_units(query: str) -> list[QueryUnit]:
    """The words of a query, each matched as a substring of a title or body; every one of them must match."""
    units: list[QueryUnit] = []
    seen: set[str] = set()
    for match in _TOKEN.finditer(normalize(query)):
        token = match.group()
        words = _split_run(token) if _CJK_RUN.fullmatch(token) else [token]
        for word in words:
            if word not in seen:
                seen.add(word)
                units.append(QueryUnit(word, tuple(bigrams(word) if _CJK_RUN.fullmatch(word) else [word])))
    # A lone Chinese character is indexed only where it stands alone (3号), so it cannot narrow a longer query.
    words = [unit for unit in units if not is_single_character(unit)]
    return (words or units)[:MAX_QUERY_UNITS]


def is_single_character(unit: QueryUnit) -> bool:
    """A one-character Chinese word: too short to search for (the index holds character pairs)."""
    return len(unit.text) == 1 and bool(_CJK_RUN.fullmatch(unit.text))


def _split_run(run: str) -> list[str]:
    """Short runs stay whole; long ones split at jieba's words, function characters dropped and any other single
    character kept with its neighbour (副 + 市长 → 副市长), so every unit has at least two characters."""
    if len(run) <= WHOLE_RUN_MAX:
        return [run]
    words: list[str] = []
    pending = ""
    adjacent = False  # whether the previous kept word ends right before this one
    for word in _jieba().cut(run, HMM=False):
        if len(word) == 1 and word in STOP_CHARACTERS:
            adjacent = False
            continue
        word, pending = pending + word, ""
        if len(word) > 1:
            words.append(word)
        elif adjacent:
            words[-1] += word
        else:
            pending = word
        adjacent = True
    if pending:
        words.append(pending)
    return words
