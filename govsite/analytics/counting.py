"""Pure rules of first-party visit counting: which hits count, the anonymous visitor key, column roll-up.

No Django import. A visitor is counted once per day and site through a keyed hash of (day, site, address,
browser) under a salt that exists for that day only: the address is never stored, and once the salt is
discarded the key can no longer be tied back to any address.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable, Mapping
from datetime import date

# Crawlers, monitors, link checkers and headless browsers announce themselves; counting them would
# inflate the figures the annual report publishes (R1).
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|fetch|monitor|checker|scan|preview|curl|wget|python|java/|go-http|"
    r"httpclient|okhttp|headless|phantom|lighthouse|pingdom|uptime|feed|rss|yahoo! |baiduspider|sogou|"
    r"360spider|bytespider|yisou|petalbot|govsite",
    re.IGNORECASE,
)
# Paths that are never a page of the column tree: assets, documents, feeds, the public app's endpoints.
NON_PAGE_PREFIXES = ("/static/", "/media/", "/documents/", "/guard/", "/hudong/", "/xxgk/ysq/", "/tongji/")
MAX_PATH = 512
PAGINATION = re.compile(r"^(?P<column>.*/)p/\d+/$")
KEY_LENGTH = 32


def is_bot(user_agent: str) -> bool:
    """An empty or self-declared automatic user agent is not a visitor."""
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))


def page_path(path: str) -> str | None:
    """The page URL a beacon names, as the page tree stores it ("/a/b/"), or None when it is not a page.

    `index.html` is the static tree's file for a directory; `p/<n>/` is a column's list page n.
    """
    if not path.startswith("/") or len(path) > MAX_PATH or "//" in path or ".." in path or not path.isprintable():
        return None
    path = path.split("?", 1)[0].split("#", 1)[0]
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    if not path.endswith("/") or path.startswith(NON_PAGE_PREFIXES):
        return None
    paged = PAGINATION.match(path)
    return paged.group("column") if paged else path


def visitor_key(salt: bytes, day: date, site_id: int, address: str, user_agent: str) -> str:
    """An HMAC under the day's salt: the same visitor on the same site and day gives the same key."""
    message = f"{day.isoformat()}|{site_id}|{address}|{user_agent}".encode()
    return hmac.new(salt, message, hashlib.sha256).hexdigest()[:KEY_LENGTH]


def roll_up(page_totals: Mapping[str, int], column_paths: Iterable[str], step: int = 4) -> dict[str, int]:
    """Each column's total: the sum over the pages whose tree path starts with the column's (itself included).
    Each page adds to the columns on its own path, one level at a time, as `column_visitors` does."""
    totals = dict.fromkeys(column_paths, 0)
    for path, views in page_totals.items():
        for end in range(step, len(path) + 1, step):
            if path[:end] in totals:
                totals[path[:end]] += views
    return totals


def column_visitors(marks: Iterable[tuple[str, str]], column_paths: Iterable[str], step: int = 4) -> dict[str, int]:
    """Distinct visitor keys per column, from (page tree path, key) marks: a visitor of any page inside a
    column (at any depth) visited the column once. `step` is the length of one tree-path level."""
    columns = set(column_paths)
    seen: dict[str, set[str]] = {}
    for path, key in marks:
        for end in range(step, len(path) + 1, step):
            if path[:end] in columns:
                seen.setdefault(path[:end], set()).add(key)
    return {column: len(keys) for column, keys in seen.items()}
