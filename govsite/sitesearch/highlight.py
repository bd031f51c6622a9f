"""Highlighted snippets for search results (U1). Pure Python: no Django import.

Matching runs on the normalised text (simplified, half-width, lower case), whose positions are those of the
original text, so a traditional-character body is highlighted where a simplified query matched it.
"""

from __future__ import annotations

import html
import re

from .segment import normalize

ELLIPSIS = "…"
# Characters of context kept before the first match of the snippet.
LEAD = 20
_SPACES = re.compile(r"\s+")


def match_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where any of `words` (already normalised) occurs in `text`, overlapping spans merged, in order."""
    folded = normalize(text)
    spans = sorted(
        (m.start(), m.end()) for word in words if word for m in re.finditer(re.escape(word), folded)
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, words: list[str], max_length: int = 160) -> str:
    """HTML-escaped text of at most `max_length` characters around the window holding the most distinct
    matched words, each match wrapped in <mark>; the text's start when nothing matches."""
    text = _SPACES.sub(" ", text or "").strip()
    spans = match_spans(text, words)
    start = _best_start(text, spans, words, max_length)
    end = min(len(text), start + max_length)
    parts = [ELLIPSIS] if start > 0 else []
    position = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        parts += [html.escape(text[position:span_start]), f"<mark>{html.escape(text[span_start:span_end])}</mark>"]
        position = span_end
    parts.append(html.escape(text[position:end]))
    if end < len(text):
        parts.append(ELLIPSIS)
    return "".join(parts)


def _best_start(text: str, spans: list[tuple[int, int]], words: list[str], max_length: int) -> int:
    """The window start (a little before some match) covering the most distinct words; 0 if none match."""
    if not spans or len(text) <= max_length:
        return 0
    folded = normalize(text)
    best, best_count = 0, -1
    for span_start, _ in spans:
        start = max(0, min(span_start - LEAD, len(text) - max_length))
        window = folded[start : start + max_length]
        count = sum(1 for word in set(words) if word and word in window)
        if count > best_count:
            best, best_count = start, count
    return best
