"""The content-check engine (P6, X10): `check_text(text, config)` returns every finding, in order.

Pure Python, no Django: the admin, the CLI, page saving and the benchmark all call this.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache

from .findings import Finding, Hit
from .identifiers import personal_data_hits
from .lexical import LexicalMatcher
from .lexicon import Leader, SensitiveWord, shipped_entries
from .links import link_hits
from .normalize import normalize
from .secrecy import secrecy_hits

# Kinds whose overlapping findings are one problem: the longer one is kept. A misspelt name
# inside a misspelt fixed phrase (习进平新时代…) is reported once, as the phrase.
_GROUPS = {"leader_name": "political_phrase"}


def _normalized_groups(*groups: list[str]) -> list[list[str]]:
    """Normalise several word lists with a single OpenCC call, so a 50,000-word lexicon compiles fast."""
    flat = [" ".join(word.split()) for group in groups for word in group]
    words = normalize("\n".join(flat)).text.split("\n") if flat else []
    result, start = [], 0
    for group in groups:
        result.append(words[start : start + len(group)])
        start += len(group)
    return result


@dataclass(frozen=True, eq=False)
class CheckConfig:
    """The word lists of a check, compiled once into one automaton; reuse it for every text."""

    sensitive: tuple[SensitiveWord, ...] = ()
    whitelist: tuple[str, ...] = ()
    leaders: tuple[Leader, ...] = ()
    phrases: tuple[str, ...] = ()
    typos: tuple[tuple[str, str], ...] = ()
    allowed_domains: tuple[str, ...] = ()
    matcher: LexicalMatcher = field(init=False, repr=False)
    domains: tuple[str, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        """Normalise every word like the text it will meet, then compile the automaton."""
        sensitive, whitelist, phrases, wrongs, names, titles, domains = _normalized_groups(
            [entry.word for entry in self.sensitive],
            list(self.whitelist),
            list(self.phrases),
            [wrong for wrong, _right in self.typos],
            [leader.name for leader in self.leaders],
            [leader.title for leader in self.leaders],
            list(self.allowed_domains),
        )
        matcher = LexicalMatcher(
            sensitive=[SensitiveWord(w, e.category, e.severity) for w, e in zip(sensitive, self.sensitive, strict=True)],
            whitelist=whitelist,
            leaders=[Leader(n, t) for n, t in zip(names, titles, strict=True)],
            phrases=phrases,
            typos=[(w, right) for w, (_wrong, right) in zip(wrongs, self.typos, strict=True)],
        )
        object.__setattr__(self, "matcher", matcher)
        object.__setattr__(self, "domains", tuple(d.strip(".") for d in domains if d.strip(".")))

    def extended(self, **more: tuple) -> CheckConfig:
        """A new config with `more` entries appended to each named list (later entries override)."""
        lists = (f.name for f in fields(self) if f.init)
        return CheckConfig(**{name: getattr(self, name) + tuple(more.get(name, ())) for name in lists})


@cache
def default_config() -> CheckConfig:
    """The config of the shipped data files alone, compiled once per process."""
    return CheckConfig(**shipped_entries())


def _pruned(hits: list[Hit]) -> list[Hit]:
    """Drop a hit lying inside a longer (or equal, earlier) hit of the same group."""
    kept: list[Hit] = []
    reach: dict[str, int] = {}
    for hit in sorted(hits, key=lambda h: (h.start, -h.end, h.kind != "political_phrase")):
        group = _GROUPS.get(hit.kind, hit.kind)
        if reach.get(group, -1) >= hit.end:
            continue
        reach[group] = max(reach.get(group, -1), hit.end)
        kept.append(hit)
    return kept


def check_text(text: str, config: CheckConfig) -> list[Finding]:
    """Every finding of the P6/X10 content check in `text`, sorted by offset in the original text."""
    norm = normalize(text)
    hits = [
        *config.matcher.hits(norm.text),
        *personal_data_hits(norm.text),
        *link_hits(norm.text, config.domains),
        *secrecy_hits(norm.text),
    ]
    findings = []
    for hit in _pruned(hits):
        offset, length = norm.span(hit.start, hit.end)
        findings.append(
            Finding(hit.kind, hit.severity, offset, length, text[offset : offset + length], hit.suggestion, hit.rule)
        )
    return sorted(findings, key=lambda f: (f.offset, -f.length))
