"""Ranked search on the database's own full-text index in one join (U1, under 100 ms at 100,000 items).

Wagtail's SQLite backend orders by a score subquery that reruns the MATCH once per matching page, and its
PostgreSQL backend matches the concatenation of title and body vectors, which no index serves: both take
seconds at 100,000 items. Here the index (FTS5's table, or Wagtail's index entries with their GIN indexes) is
matched once and joined to the filtered pages, and bm25()/ts_rank() (title above body) or the shown date
orders a LIMITed page of ids. A search cluster (OpenSearch/Elasticsearch) goes through Wagtail's backend.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection
from wagtail.search import models as search_models
from wagtail.search.backends import get_search_backend

from .segment import QueryUnit

IndexEntry = search_models.IndexEntry
# Defined by Wagtail only when the database is SQLite with FTS5.
SQLiteFTSIndexEntry = getattr(search_models, "SQLiteFTSIndexEntry", None)
# bm25() weights of the FTS5 columns in their declared order: autocomplete (not searched), body, title.
COLUMN_WEIGHTS = (0.0, 1.0, 3.0)
TITLE_WEIGHT = 3
# Counting stops here: a word in most pages is shown as "more than" this many (only 50 pages can be read).
COUNT_CAP = 10_000


def is_available() -> bool:
    """Whether the default search backend is Wagtail's database backend on SQLite (FTS5) or PostgreSQL."""
    backend = type(get_search_backend())
    if connection.vendor == "sqlite" and SQLiteFTSIndexEntry is not None:
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        return issubclass(backend, SQLiteSearchBackend)
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

        return issubclass(backend, PostgresSearchBackend)
    return False


def match_expression(units: Sequence[QueryUnit]) -> str:
    """Every unit as an FTS5 phrase over title and body; terms hold only letters and digits (segment.py)."""
    return "{body title} : (" + " AND ".join(f'"{unit.phrase}"' for unit in units) + ")"


def matches(units: Sequence[QueryUnit]) -> tuple[str, list]:
    """SQL of the matching index entries (id, score; lower is better) and its parameters."""
    if connection.vendor == "sqlite":
        fts = SQLiteFTSIndexEntry._meta.db_table
        rank = f"bm25({fts}, {', '.join(str(w) for w in COLUMN_WEIGHTS)})"
        return f"SELECT rowid AS id, {rank} AS score FROM {fts} WHERE {fts} MATCH %s", [match_expression(units)]
    # phraseto_tsquery: each unit's terms adjacent, in the index's own text search configuration; no syntax.
    query = " && ".join(["phraseto_tsquery(%s)"] * len(units))
    return (
        f"SELECT x.id, -(ts_rank(x.title, t.q) * {TITLE_WEIGHT} + ts_rank(x.body, t.q)) AS score "
        f"FROM {IndexEntry._meta.db_table} x, (SELECT {query} AS q) t WHERE x.title @@ t.q OR x.body @@ t.q",
        [unit.phrase for unit in units],
    )


class RankedResults:
    """What Paginator needs: the count, and a slice of pages in rank (or date) order.

    A word in most pages matches tens of thousands of rows; joining each to its page before ranking costs more
    than ranking them. So when many pages match, the best CANDIDATES rows by score alone are joined first, and
    only if the filters leave too few of them for the requested slice does the full join run. Scoring itself
    costs about 1 µs a row, so the candidates come from the COUNT_CAP most recently indexed matches: a word in
    more pages than that is shown as "more than" COUNT_CAP results, and the newest of them are the ones read.
    """

    CANDIDATES = 2000

    def __init__(self, pages, units: Sequence[QueryUnit], content_type_ids: list[int], by_date: bool):
        self.pages = pages
        self.by_date = by_date
        self.capped = False
        self.total: int | None = None
        sql, params = pages.order_by().values(*(["pk", "search_date"] if by_date else ["pk"])).query.sql_with_params()
        marks = ", ".join(["%s"] * len(content_type_ids)) or "NULL"
        joins = (f"JOIN {IndexEntry._meta.db_table} e ON e.id = m.id "
                 f"JOIN ({sql}) p ON p.pk = CAST(e.object_id AS INTEGER) WHERE e.content_type_id IN ({marks})")
        found, found_params = matches(units)
        all_params = [*found_params, *params, *content_type_ids]
        self._all = (f"FROM ({found}) m {joins}", all_params)
        recent = f"SELECT * FROM ({found} ORDER BY id DESC LIMIT {COUNT_CAP}) r"
        self._best = (f"FROM ({recent} ORDER BY score LIMIT {self.CANDIDATES}) m {joins}", all_params)
        self._order = "p.search_date DESC, p.pk DESC" if by_date else "m.score, p.pk DESC"

    def count(self) -> int:
        """Matches up to COUNT_CAP."""
        sql, params = self._all
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM (SELECT 1 {sql} LIMIT %s) c", [*params, COUNT_CAP])
            self.total = cursor.fetchone()[0]
        self.capped = self.total >= COUNT_CAP
        return self.total

    def __getitem__(self, window: slice) -> list:
        wanted = window.stop - window.start
        ids: list[int] = []
        if not self.by_date and (self.total or 0) > self.CANDIDATES:
            ids = self._ids(self._best, window)
        if len(ids) < min(wanted, (self.total or wanted) - window.start):
            ids = self._ids(self._all, window)
        found = self.pages.model.objects.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]

    def _ids(self, source: tuple[str, list], window: slice) -> list[int]:
        sql, params = source
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT p.pk {sql} ORDER BY {self._order} LIMIT %s OFFSET %s",
                           [*params, window.stop - window.start, window.start])
            return [row[0] for row in cursor.fetchall()]
