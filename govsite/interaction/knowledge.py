"""The knowledge base as a search index (I6): rebuilt in each process when an entry changes anywhere."""

from __future__ import annotations

import uuid

from django.core.cache import cache

from .matching import QuestionIndex
from .models import KnowledgeEntry

_VERSION_KEY = "interaction:knowledge-version"
_cached: dict[str, tuple[str, QuestionIndex]] = {}


def _version() -> str:
    cache.add(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    return cache.get(_VERSION_KEY) or ""


def invalidate() -> None:
    """Every process rebuilds its index on next use; connected to the entries' save and delete."""
    cache.set(_VERSION_KEY, uuid.uuid4().hex, timeout=None)
    _cached.clear()


def current_index() -> QuestionIndex:
    """The index of every active entry, built once per version."""
    version = _version()
    cached = _cached.get("index")
    if cached is None or cached[0] != version:
        rows = KnowledgeEntry.objects.filter(active=True).values_list("pk", "question", "answer")
        cached = (version, QuestionIndex(list(rows)))
        _cached["index"] = cached
    return cached[1]


def similar(text: str, limit: int = 5) -> list[KnowledgeEntry]:
    """Entries answering questions like `text`, best first: suggestions for writers and handlers."""
    matches = current_index().search(text, limit=limit)
    entries = KnowledgeEntry.objects.filter(pk__in=[m.entry_id for m in matches], active=True).select_related("unit")
    by_id = {entry.pk: entry for entry in entries}
    return [by_id[m.entry_id] for m in matches if m.entry_id in by_id]
