"""Pinyin of common characters, to find names and phrases written with a same-sounding character (P6).

Only GB2312 characters are candidates: an input method offers them first, so that is where a
wrong-but-same-sounding character comes from, and it keeps the generated variants few.
The readings come from pypinyin's own data file, read directly: importing the pypinyin package
loads its phrase dictionary too, which costs over a second and is not needed here.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache
from importlib.util import find_spec
from pathlib import Path

_TONE_MARKS = {
    mark: (base, str(tone))
    for base, marks in {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "ü": "ǖǘǚǜ"}.items()
    for tone, mark in enumerate(marks, start=1)
}
# Readings an input method with fuzzy pinyin confuses: zh/z, ch/c, sh/s, ing/in, eng/en.
_FUZZY = ((re.compile(r"^([zcs])h"), r"\1"), (re.compile(r"([ie])ng(\d?)$"), r"\1n\2"))


@cache
def _reading_by_char() -> dict[str, str]:
    """The primary toned reading of every common (GB2312) CJK character; rare readings only add noise."""
    package = find_spec("pypinyin")
    path = Path(next(iter(package.submodule_search_locations))) / "pinyin_dict.json"
    table = json.loads(path.read_text(encoding="utf-8"))
    return {ch: table[str(ord(ch))].split(",", 1)[0] for ch in _gb2312_hanzi() if str(ord(ch)) in table}


def _gb2312_hanzi() -> frozenset[str]:
    """The 6,763 characters of GB2312, the common set every input method offers first."""
    raw = bytes(byte for row in range(0xB0, 0xF8) for col in range(0xA1, 0xFF) for byte in (row, col))
    return frozenset(raw.decode("gb2312", errors="ignore"))


@cache
def fuzzy_key(reading: str) -> str:
    """A toned reading with the distinctions fuzzy-pinyin users blur removed: xìng → xin4."""
    letters, tone = [], ""
    for ch in reading:
        base, mark = _TONE_MARKS.get(ch, (ch, ""))
        letters.append(base)
        tone = tone or mark
    key = "".join(letters).replace("ü", "v") + tone
    for pattern, replacement in _FUZZY:
        key = pattern.sub(replacement, key)
    return key


@cache
def _index() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Common characters by exact toned reading, and by fuzzy toned reading."""
    exact: dict[str, set[str]] = defaultdict(set)
    fuzzy: dict[str, set[str]] = defaultdict(set)
    for ch, reading in _reading_by_char().items():
        exact[reading].add(ch)
        fuzzy[fuzzy_key(reading)].add(ch)
    return ({k: frozenset(v) for k, v in exact.items()}, {k: frozenset(v) for k, v in fuzzy.items()})


def homophones(ch: str) -> frozenset[str]:
    """Other common characters sharing a toned reading with `ch` (for leaders' names)."""
    reading = _reading_by_char().get(ch)
    return _index()[0][reading] - {ch} if reading else frozenset()


def sound_alikes(ch: str) -> frozenset[str]:
    """Other common characters sounding like `ch` under fuzzy pinyin (for fixed phrases)."""
    reading = _reading_by_char().get(ch)
    return _index()[1][fuzzy_key(reading)] - {ch} if reading else frozenset()
