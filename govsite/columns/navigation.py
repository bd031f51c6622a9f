"""Which columns of a site are shown: only those with live content below them (C5)."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.functions import Substr
from wagtail.models import Page

STEPLEN = Page.steplen
VERSION_KEY = "govsite:content-version"


def content_version() -> int:
    """Bumped whenever a page is published, unpublished, moved or deleted: the filled-column cache key."""
    return cache.get_or_set(VERSION_KEY, 1, None)


def bump_content_version(**_kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _feature_has_content(column, root: Page) -> bool:
    """A function column (letters, surveys…) is filled while its function has something to show."""
    from .features import get_feature

    feature = get_feature(column.feature)
    return bool(feature and feature.url() and feature.has_content(root.get_site()))


def _fed_column_ids(columns: list) -> set[int]:
    """A column showing library items of other sites is filled even with nothing of its own (P10)."""
    from govsite.library.feeds import fed_column_ids

    return fed_column_ids(c.pk for c in columns)


class ColumnTree:
    """The live, non-empty columns under one site root, loaded in two queries."""

    def __init__(self, root: Page):
        from govsite.content.models import ContentPage

        from .models import ColumnPage

        self.root = root
        columns = list(
            ColumnPage.objects.live().descendant_of(root).order_by("path").only(
                "id", "path", "depth", "title", "slug", "url_path", "link_url", "feature", "is_key",
                "column_type", "description",
            )
        )
        key = f"govsite:filled-columns:{root.pk}:{content_version()}"
        filled: set[str] | None = cache.get(key)
        if filled is None:
            filled = set()
            items = ContentPage.objects.live().descendant_of(root)
            for depth in sorted({c.depth for c in columns}):
                # The database reduces every item's path to its ancestor at this depth: one row per column.
                filled.update(
                    items.filter(depth__gt=depth).annotate(prefix=Substr("path", 1, depth * STEPLEN))
                    .values_list("prefix", flat=True).distinct()
                )
            cache.set(key, filled, 3600)
        fed = _fed_column_ids(columns)
        for column in columns:
            if column.link_url or column.pk in fed or _feature_has_content(column, root):
                filled.update(column.path[:end] for end in range(STEPLEN, len(column.path) + 1, STEPLEN))
        self.columns = [c for c in columns if c.path in filled]
        self._live_ids = {c.pk for c in self.columns}

    @classmethod
    def for_request(cls, request, root: Page) -> ColumnTree:
        """One tree per request and site root, so a page computes it once."""
        cache = request.__dict__.setdefault("_govsite_column_trees", {})
        if root.pk not in cache:
            cache[root.pk] = cls(root)
        return cache[root.pk]

    def is_live(self, column: Page) -> bool:
        return column.pk in self._live_ids

    def children(self, page: Page) -> list:
        """Non-empty columns directly below `page`, in menu order."""
        return [
            c for c in self.columns if c.depth == page.depth + 1 and c.path.startswith(page.path)
        ]

    def key_columns(self) -> list:
        """Non-empty columns marked for direct links from the home page (C7)."""
        return [c for c in self.columns if c.is_key]
