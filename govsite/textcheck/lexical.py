"""Lexicon checks in one Aho-Corasick pass (P6): sensitive words, leaders' names, fixed phrases, typos.

Every key of the automaton is a literal string; the fuzzy checks are turned into literal keys when
the config is built: same-sounding variants of names and phrases are enumerated, and long phrases
get two anchors (their halves) whose surrounding window is compared in Python. The text is scanned
once, whatever the size of the lexicon.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations, product

import ahocorasick

from . import sounds
from .findings import BLOCK, WARN, Hit
from .lexicon import Leader, SensitiveWord

RULE_LEADER = "P6 领导人姓名：姓名错写"
RULE_PHRASE = "P6 重要表述：固定表述错写"
RULE_TYPO = "P6 错别字"
SUGGEST_SENSITIVE = "删除或改写该词"

# Phrases at least this long also match with any one interior character changed; shorter ones
# only with a same-sounding character, since 四个意见 is ordinary prose, not a mangled 四个意识.
LONG_PHRASE = 7
# Function characters are never taken for a same-sounding slip: 中国是现代化 is a sentence.
_FUNCTION_CHARS = frozenset("的地得了着过是在和与及或为对把被从向以于之其而且就都也还又有这那")


def _is_hanzi(ch: str) -> bool:
    """Whether the character is a CJK unified ideograph (a name or phrase character)."""
    return "\u4e00" <= ch <= "\u9fff"


@dataclass(frozen=True, slots=True)
class _Fixed:
    """A key whose every occurrence is a finding."""

    kind: str
    severity: str
    suggestion: str
    rule: str


@dataclass(frozen=True, slots=True)
class _Anchor:
    """Half of a long phrase: the window around it is a finding if it differs in one character."""

    phrase: str
    offset: int


@dataclass(frozen=True, slots=True)
class _Title:
    """A leader's post: the name written next to it must be the leader's (总理李墙 → 李强)."""

    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _ShortName:
    """A same-pinyin variant of a two-character name: a finding only where the name ends (李墙指出)."""

    name: str


_WHITELISTED = object()
# After a two-character name (李强) a CJK character usually continues a longer personal name
# (李西华, 李锡铭), so a variant counts only before one of these words, punctuation or the end.
_AFTER_NAME = (
    "同志", "总书记", "主席", "副主席", "委员长", "总理", "副总理", "书记", "指出", "强调", "表示",
    "主持", "出席", "讲话", "会见", "参加", "考察", "调研", "在", "的", "说", "等", "和", "与",
)


def _as_bytes(text: str) -> str:
    """The UTF-8 bytes of `text` as a latin-1 string, one character per byte.

    pyahocorasick looks a node's children up one by one; over characters the root has thousands of
    children and a 50,000-word scan crawls, over bytes no node has more than 256 and it is ~15x faster.
    UTF-8 is self-synchronising, so a key's bytes only ever match on character boundaries.
    """
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


def _changed(word: str, positions: Iterable[int], options: list[frozenset[str]]) -> Iterator[str]:
    """Every variant of `word` with the characters at `positions` replaced by one of their options."""
    positions = tuple(positions)
    for chars in product(*(sorted(options[p]) for p in positions)):
        variant = list(word)
        for p, ch in zip(positions, chars, strict=True):
            variant[p] = ch
        yield "".join(variant)


def leader_variants(name: str) -> set[str]:
    """Same-pinyin misspellings of a name: 习近平 → 习进平, 席近平; a two-character surname is kept."""
    options = [sounds.homophones(ch) for ch in name]
    if len(name) == 2:
        position_sets: Iterable[tuple[int, ...]] = [(1,)]
    else:
        most = min(2, len(name) - 1)
        position_sets = [c for k in range(1, most + 1) for c in combinations(range(len(name)), k)]
    return {v for positions in position_sets for v in _changed(name, positions, options)}


def phrase_variants(phrase: str) -> set[str]:
    """A fixed phrase with one character swapped for a same-sounding one: 中国特色 → 中国特设."""
    options = [sounds.sound_alikes(ch) - _FUNCTION_CHARS for ch in phrase]
    return {v for i in range(len(phrase)) for v in _changed(phrase, (i,), options)}


class LexicalMatcher:
    """The compiled automaton of one config; build once, then scan any number of texts."""

    def __init__(
        self,
        *,
        sensitive: Iterable[SensitiveWord],
        whitelist: Iterable[str],
        leaders: Iterable[Leader],
        phrases: Iterable[str],
        typos: Iterable[tuple[str, str]],
    ) -> None:
        """Compile the keys; later entries for the same word override earlier ones."""
        keys: dict[str, list] = defaultdict(list)
        for word, entry in {w.word: w for w in sensitive}.items():
            keys[word].append(_Fixed("sensitive", entry.severity, SUGGEST_SENSITIVE, f"P6 敏感词：{entry.category}"))
        for wrong, right in dict(typos).items():
            keys[wrong].append(_Fixed("typo", WARN, right, RULE_TYPO))
        self._add_leaders(keys, {leader.name: leader for leader in leaders}.values())
        self._add_phrases(keys, dict.fromkeys(phrases))
        whitelist = [w for w in whitelist if w]
        for word in whitelist:
            keys[word].append(_WHITELISTED)
        self._longest_whitelisted = max(map(len, whitelist), default=0)
        self._automaton = ahocorasick.Automaton()
        for key, payloads in keys.items():
            if key:
                self._automaton.add_word(_as_bytes(key), (len(key), tuple(payloads)))
        self._automaton.make_automaton()

    @staticmethod
    def _add_leaders(keys: dict[str, list], leaders: Iterable[Leader]) -> None:
        """Keys for same-pinyin misspellings of each name and for each post word."""
        leaders = list(leaders)
        correct = {leader.name for leader in leaders}
        by_title: dict[str, list[str]] = defaultdict(list)
        for leader in leaders:
            payload = (
                _ShortName(leader.name)
                if len(leader.name) == 2
                else _Fixed("leader_name", BLOCK, leader.name, RULE_LEADER)
            )
            for variant in leader_variants(leader.name) - correct:
                keys[variant].append(payload)
            for title in leader.title_words:
                by_title[title].append(leader.name)
        for title, names in by_title.items():
            keys[title].append(_Title(tuple(names)))

    @staticmethod
    def _add_phrases(keys: dict[str, list], phrases: Iterable[str]) -> None:
        """Keys for same-sounding variants of each phrase, and the two half anchors of long ones."""
        phrases = list(phrases)
        for phrase in phrases:
            for variant in phrase_variants(phrase).difference(phrases):
                keys[variant].append(_Fixed("political_phrase", BLOCK, phrase, RULE_PHRASE))
            if len(phrase) >= LONG_PHRASE:
                half = len(phrase) // 2
                keys[phrase[:half]].append(_Anchor(phrase, 0))
                keys[phrase[half:]].append(_Anchor(phrase, half))

    def hits(self, text: str) -> list[Hit]:
        """Every lexicon finding in the normalised text, minus those inside a whitelisted word."""
        if self._automaton.kind != ahocorasick.AHOCORASICK:
            return []
        whitelisted: dict[int, list[int]] = defaultdict(list)
        titles: dict[int, tuple[int, _Title]] = {}
        hits: list[Hit] = []
        for end, length, payloads in self._matches(text):
            start = end - length
            for payload in payloads:
                if payload is _WHITELISTED:
                    whitelisted[end].append(start)
                elif type(payload) is _Fixed:
                    hits.append(Hit(start, end, payload.kind, payload.severity, payload.suggestion, payload.rule))
                elif type(payload) is _Anchor:
                    hits.extend(_anchored(text, start, payload))
                elif type(payload) is _ShortName:
                    if _name_ends(text, end):
                        hits.append(Hit(start, end, "leader_name", BLOCK, payload.name, RULE_LEADER))
                elif end not in titles or titles[end][0] > start:
                    titles[end] = (start, payload)
        for end, (start, title) in titles.items():
            hits.extend(_beside_title(text, start, end, title))
        return [h for h in hits if not self._inside_whitelisted(whitelisted, h)]

    def _matches(self, text: str) -> Iterator[tuple[int, int, tuple]]:
        """(end, length, payloads) of every key occurrence, in characters, ends in increasing order."""
        data = text.encode("utf-8", "surrogatepass")
        byte_end = char_end = 0
        for last, (length, payloads) in self._automaton.iter(data.decode("latin-1")):
            char_end += len(data[byte_end : last + 1].decode("utf-8", "surrogatepass"))
            byte_end = last + 1
            yield char_end, length, payloads

    def _inside_whitelisted(self, whitelisted: dict[int, list[int]], hit: Hit) -> bool:
        """Whether a whitelisted word occurs around the hit: 大麻烦 covers 大麻."""
        return any(
            ws <= hit.start
            for we in range(hit.end, hit.start + self._longest_whitelisted + 1)
            for ws in whitelisted.get(we, ())
        )


def _name_ends(text: str, end: int) -> bool:
    """Whether a name can end at `end`: the text ends, or no CJK character follows but a usual next word."""
    return end == len(text) or not _is_hanzi(text[end]) or text.startswith(_AFTER_NAME, end)


def _one_changed_hanzi(window: str, right: str) -> int | None:
    """The index of the only differing character when it is a CJK character, else None."""
    diffs = [i for i, (a, b) in enumerate(zip(window, right, strict=True)) if a != b]
    if len(diffs) == 1 and _is_hanzi(window[diffs[0]]):
        return diffs[0]
    return None


def _anchored(text: str, start: int, anchor: _Anchor) -> Iterator[Hit]:
    """The phrase-long window around an anchor, if one interior character differs (中国特设社会主义)."""
    phrase = anchor.phrase
    ws = start - anchor.offset
    we = ws + len(phrase)
    if ws < 0 or we > len(text):
        return
    changed = _one_changed_hanzi(text[ws:we], phrase)
    if changed is not None and 0 < changed < len(phrase) - 1:
        yield Hit(ws, we, "political_phrase", BLOCK, phrase, RULE_PHRASE)


def _beside_title(text: str, start: int, end: int, title: _Title) -> Iterator[Hit]:
    """A leader's name written with one character wrong right after or before the post word."""
    for name in title.names:
        for ws in (end, start - len(name)):
            we = ws + len(name)
            if ws >= 0 and we <= len(text) and _one_changed_hanzi(text[ws:we], name) is not None:
                yield Hit(ws, we, "leader_name", BLOCK, name, RULE_LEADER)
