"""Lexicon entries and the shipped data files of the content check (P6, X10)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# Rank words that only a national leader holds, so "总理李某" can be checked against 李强;
# generic ranks such as 书记 or 主席 are held by local officials too and would misfire.
NATIONAL_RANKS = ("总书记", "副总理", "总理", "委员长")


@dataclass(frozen=True)
class SensitiveWord:
    """A word that must not appear, or must be reviewed, on a government site."""

    word: str
    category: str
    severity: str


@dataclass(frozen=True)
class Leader:
    """A national leader; `title` lists the posts separated by 、 as in the shipped data."""

    name: str
    title: str

    @property
    def title_words(self) -> tuple[str, ...]:
        """Every post, plus the national-only rank word it ends with (中共中央总书记 → 总书记)."""
        posts = tuple(t.strip() for t in self.title.split("、") if t.strip())
        ranks = tuple(r for r in NATIONAL_RANKS if any(p.endswith(r) for p in posts))
        return tuple(dict.fromkeys(posts + ranks))


def _rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file, without blank lines and # comments."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@cache
def shipped_entries() -> dict[str, tuple]:
    """The lists shipped in data/, as CheckConfig keyword arguments: a modest default for every site."""
    return {
        "sensitive": tuple(SensitiveWord(w, c, s) for w, c, s in _rows("sensitive.txt")),
        "whitelist": tuple(row[0] for row in _rows("whitelist.txt")),
        "leaders": tuple(Leader(name, title) for name, title in _rows("leaders.txt")),
        "phrases": tuple(row[0] for row in _rows("phrases.txt")),
        "typos": tuple((wrong, right) for wrong, right in _rows("typos.txt")),
        "allowed_domains": tuple(row[0] for row in _rows("allowed_domains.txt")),
    }
