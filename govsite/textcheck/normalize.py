"""Text normalisation for matching (P6): traditional to simplified characters, lower case.

Checks run on the normalised text; every span is mapped back to the original text, so an editor
sees the offset of what they wrote even when they wrote it in traditional characters. OpenCC's
t2s tables map each character and phrase to one of the same length (checked for every code point
and every dictionary entry of OpenCC 1.4), so a position map is only built if a text's length
ever changes, e.g. with other OpenCC data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import opencc

_SURROGATE = re.compile("[\ud800-\udfff]")


@cache
def _t2s() -> Callable[[str], str]:
    """The OpenCC converter, created once per process because loading its dictionaries is slow."""
    return opencc.OpenCC("t2s").convert


@dataclass(frozen=True)
class Normalized:
    """The normalised text and, when its length differs, the original index of each character."""

    text: str
    positions: list[int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original (offset, length) of the normalised span [start, end)."""
        if self.positions is None:
            return start, end - start
        first = self.positions[start]
        return first, self.positions[end - 1] + 1 - first


def _fold(text: str) -> str:
    """Lower-case the text without changing its length (only U+0130 lower-cases to two characters)."""
    return text.replace("\u0130", "i").lower()


def _safe_convert(convert: Callable[[str], str], text: str) -> str:
    """Convert, replacing lone surrogates (which OpenCC cannot encode) by U+FFFD one for one."""
    try:
        return convert(text)
    except UnicodeEncodeError:
        return convert(_SURROGATE.sub("\ufffd", text))


def _aligned(folded: str, convert: Callable[[str], str]) -> Normalized:
    """Convert line by line, and character by character on any line whose length changes."""
    parts: list[str] = []
    positions: list[int] = []
    offset = 0
    for line in folded.splitlines(keepends=True):
        converted = _safe_convert(convert, line)
        if len(converted) == len(line):
            positions.extend(range(offset, offset + len(line)))
        else:
            pieces = [_safe_convert(convert, ch) for ch in line]
            converted = "".join(pieces)
            for index, piece in enumerate(pieces):
                positions.extend([offset + index] * len(piece))
        parts.append(converted)
        offset += len(line)
    return Normalized("".join(parts), positions)


def normalize(text: str, convert: Callable[[str], str] | None = None) -> Normalized:
    """Simplified, lower-cased text; OpenCC t2s keeps the length almost always, so map only if not."""
    convert = convert or _t2s()
    folded = _fold(text)
    converted = _safe_convert(convert, folded)
    if len(converted) == len(folded):
        return Normalized(converted)
    return _aligned(folded, convert)


def normalize_word(word: str) -> str:
    """A lexicon word normalised the same way as the text it is matched against."""
    return normalize(word.strip()).text
