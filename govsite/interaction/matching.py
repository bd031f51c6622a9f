"""Finding answered questions like a new one (I6, 003 §28): jieba words, ranked by BM25F.

Text is normalised (full-width to half-width, traditional to simplified, lower case) and cut by
jieba's dictionary without HMM guessing, which in short questions glues function characters into
false words (能领, 来要). Each long word also yields the dictionary words inside it, as jieba's search
mode does, so 违章罚款 matches 罚款. Function words are dropped and government terms said several ways
(社会保障卡, 社保卡) are folded to one word. Entries are ranked by BM25F over two fields, the stored
question weighing more than its answer, and are added, removed or synced one by one.
bench/knowledge_bench.py measures these choices against the alternatives.
"""

from __future__ import annotations

import heapq
import logging
import math
import tempfile
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jieba

from govsite.textcheck.normalize import normalize

_DATA = Path(__file__).with_name("data")

# Below this score an entry is not suggested: it shares only common words with the question. In
# bench/knowledge_bench.py unrelated questions score at most 0.16, the right answer to a paraphrase mostly over 0.25.
MIN_SCORE = 0.2
# A text weighing more than this many typical stored questions (a letter, a draft answer) is scored
# on how much of a typical question it matches, not on its share of the whole text.
LONG_TEXT = 1.5
# Only the start of a text is read, so a public search box cannot make the server segment a megabyte.
MAX_TEXT = 2000


def _word_lines(name: str) -> list[list[str]]:
    """The words of each line of a data file except comments, normalised like the text they match."""
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return [[_normalized(word) for word in line.split()] for line in lines if line.strip() and not line.startswith("#")]


@cache
def _stop_words() -> frozenset[str]:
    return frozenset(word for line in _word_lines("stopwords.txt") for word in line)


@cache
def _canonical() -> dict[str, str]:
    """Each way of saying a government term, mapped to the one word the index keeps."""
    return {variant: line[0] for line in _word_lines("synonyms.txt") for variant in line}


@cache
def _segmenter() -> jieba.Tokenizer:
    """jieba's dictionary loaded once, quietly, its cache in the temp dir, knowing our vocabulary."""
    segmenter = jieba.Tokenizer()
    segmenter.tmp_dir = tempfile.gettempdir()
    logger = logging.getLogger("jieba")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        segmenter.initialize()
    finally:
        logger.setLevel(level)
    for word in _canonical():
        if len(word) > 1:
            segmenter.add_word(word)
    return segmenter


def _normalized(text: str) -> str:
    """Half-width, simplified, lower-case text: ＡＰＰ, 戶口 and app, 户口 are the same words."""
    return normalize(unicodedata.normalize("NFKC", text)).text


def _inner_words(word: str, dictionary: dict[str, int]) -> list[str]:
    """The dictionary words of two and three characters inside a longer word (jieba's search mode)."""
    inner = []
    for size in (2, 3):
        if len(word) > size:
            inner.extend(word[i : i + size] for i in range(len(word) - size + 1) if dictionary.get(word[i : i + size]))
    return inner


def tokenize(text: str, *, search_mode: bool = True, guess_words: bool = False, fold_synonyms: bool = True) -> list[str]:
    """The words of a question or answer that say what it is about, in order, repeats kept.

    The keyword switches exist for the benchmark, which compares each choice with its alternative.
    """
    segmenter = _segmenter()
    stop, canonical = _stop_words(), _canonical() if fold_synonyms else {}
    tokens = []
    for segment in segmenter.cut(_normalized(text), HMM=guess_words):
        word = canonical.get(segment, segment)
        if word in stop or not any(ch.isalnum() for ch in word):
            continue
        for inner in _inner_words(word, segmenter.FREQ) if search_mode else ():
            inner = canonical.get(inner, inner)
            if inner not in stop:
                tokens.append(inner)
        tokens.append(word)
    return tokens


@dataclass(frozen=True, slots=True)
class Match:
    """An entry like the text searched for; score in (0, 1] is the share of the text's weight it matches."""

    entry_id: Hashable
    score: float


@dataclass(frozen=True, slots=True)
class _Entry:
    """An indexed entry: its place among ties, a fingerprint of its text, its length and words."""

    order: int
    fingerprint: int
    question_length: int
    answer_length: int
    words: tuple[str, ...]


@cache
def _counts(in_question: int, in_answer: int) -> tuple[int, int]:
    """One shared tuple per pair of counts: an index of 20,000 entries holds over 600,000 of them."""
    return in_question, in_answer


class QuestionIndex:
    """Knowledge-base entries ranked by BM25F (I6), kept current entry by entry.

    A word in the stored question weighs `question_weight` times a word of the answer; `k1` and `b`
    are Okapi's; `tokenizer` cuts questions and answers into words. Entries scoring the same keep the
    order in which they were added. Searches may run in parallel; a change must not run beside them.
    """

    def __init__(
        self,
        entries: Iterable[tuple[Hashable, str, str]] = (),
        *,
        k1: float = 1.2,
        b: float = 0.75,
        question_weight: float = 3.0,
        answer_weight: float = 1.0,
        tokenizer: Callable[[str], list[str]] = tokenize,
    ) -> None:
        self.k1, self.b = k1, b
        self.tokenizer = tokenizer
        self.question_weight, self.answer_weight = question_weight, answer_weight
        self._entries: dict[Hashable, _Entry] = {}
        self._postings: dict[str, dict[Hashable, tuple[int, int]]] = {}  # counts in question, answer
        self._asked: dict[str, int] = {}  # how many stored questions hold each word
        self._question_total = 0
        self._answer_total = 0
        self._next_order = 0
        # Derived from the whole index, so computed on first use after a change.
        self._impacts: dict[str, tuple[list[Hashable], array[float]]] = {}
        self._typical_question: float | None = None
        for entry_id, question, answer in entries:
            self.add(entry_id, question, answer)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._entries

    def add(self, entry_id: Hashable, question: str, answer: str) -> None:
        """Index an entry; an entry already indexed under this id is replaced."""
        self.remove(entry_id)
        question_words, answer_words = self.tokenizer(question), self.tokenizer(answer)
        in_question, in_answer = Counter(question_words), Counter(answer_words)
        words = tuple(dict.fromkeys(question_words + answer_words))
        for word in words:
            self._postings.setdefault(word, {})[entry_id] = _counts(in_question[word], in_answer[word])
            if in_question[word]:
                self._asked[word] = self._asked.get(word, 0) + 1
        self._entries[entry_id] = _Entry(
            self._next_order, hash((question, answer)), len(question_words), len(answer_words), words,
        )
        self._next_order += 1
        self._question_total += len(question_words)
        self._answer_total += len(answer_words)
        self._changed()

    def remove(self, entry_id: Hashable) -> None:
        """Take an entry out of the index; an id not indexed is ignored."""
        entry = self._entries.pop(entry_id, None)
        if entry is None:
            return
        for word in entry.words:
            postings = self._postings[word]
            in_question, _in_answer = postings.pop(entry_id)
            if not postings:
                del self._postings[word]
            if in_question:
                self._asked[word] -= 1
                if not self._asked[word]:
                    del self._asked[word]
        self._question_total -= entry.question_length
        self._answer_total -= entry.answer_length
        self._changed()

    def sync(self, entries: Iterable[tuple[Hashable, str, str]]) -> None:
        """Hold exactly these entries, segmenting only the new and the changed ones.

        This is how a process catches up with a change made elsewhere without a rebuild: with 20,000
        entries a build takes 13 to 20 seconds, a sync after one change about 30 ms (bench/knowledge_bench.py).
        """
        wanted = {entry_id: (question, answer) for entry_id, question, answer in entries}
        for entry_id in [entry_id for entry_id in self._entries if entry_id not in wanted]:
            self.remove(entry_id)
        for entry_id, (question, answer) in wanted.items():
            entry = self._entries.get(entry_id)
            if entry is None or entry.fingerprint != hash((question, answer)):
                self.add(entry_id, question, answer)

    def search(self, text: str, limit: int = 5, min_score: float = MIN_SCORE) -> list[Match]:
        """The entries most like `text`, best first, at most `limit`, each scoring at least `min_score`.

        The score is the share of the text's weight (sum of idf) the entry matches, saturated by BM25F;
        a long text is measured against `LONG_TEXT` typical questions instead of its own weight.
        """
        words = list(dict.fromkeys(self.tokenizer(text[:MAX_TEXT])))
        if not words or not self._entries or limit <= 0:
            return []
        scores: dict[Hashable, float] = {}
        text_weight = 0.0
        for word in words:
            idf = self._idf(word)
            text_weight += idf
            for entry_id, impact in zip(*self._impact(word), strict=True):
                scores[entry_id] = scores.get(entry_id, 0.0) + idf * impact
        typical = self._typical_question_weight()
        full_marks = min(text_weight, LONG_TEXT * typical) if typical else text_weight
        order = self._entries
        ranked = heapq.nsmallest(
            limit,
            ((-score, order[entry_id].order, entry_id) for entry_id, score in scores.items()
             if score >= min_score * full_marks),
        )
        return [Match(entry_id, min(-negative / full_marks, 1.0)) for negative, _order, entry_id in ranked]

    def _changed(self) -> None:
        self._impacts.clear()
        self._typical_question = None

    def _idf(self, word: str) -> float:
        """Okapi's inverse document frequency, never negative; a word in no entry weighs the most."""
        total = len(self._entries)
        holding = len(self._postings.get(word, ()))
        return math.log(1.0 + (total - holding + 0.5) / (holding + 0.5))

    def _typical_question_weight(self) -> float:
        """The mean weight (sum of idf) of the distinct words of a stored question."""
        if self._typical_question is None:
            total = sum(holders * self._idf(word) for word, holders in self._asked.items())
            self._typical_question = total / len(self._entries)
        return self._typical_question

    def _impact(self, word: str) -> tuple[list[Hashable], array[float]]:
        """The entries holding the word and its BM25F weight in each, before idf: tf saturated by k1."""
        cached = self._impacts.get(word)
        if cached is None:
            total = len(self._entries)
            question_average = max(self._question_total / total, 1.0)
            answer_average = max(self._answer_total / total, 1.0)
            k1, b, entries = self.k1, self.b, self._entries
            postings = self._postings.get(word, {})
            impacts = array("d")
            for entry_id, (in_question, in_answer) in postings.items():
                entry = entries[entry_id]
                weight = (
                    self.question_weight * in_question / (1 - b + b * entry.question_length / question_average)
                    + self.answer_weight * in_answer / (1 - b + b * entry.answer_length / answer_average)
                )
                impacts.append(weight / (k1 + weight))
            cached = self._impacts[word] = (list(postings), impacts)
        return cached
