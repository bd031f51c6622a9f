"""Which columns of a site are shown: only those with live content below them (C5)."""

from __future__ import annotations

from wagtail.models import Page

STEPLEN = Page.steplen


class ColumnTree:
    """The live, non-empty columns under one site root, loaded in two queries."""

    def __init__(self, root: Page):
        from govsite.content.models import ContentPage

        from .models import ColumnPage

        self.root = root
        filled = set(
            ContentPage.objects.live().descendant_of(root).values_list("path", flat=True)
        )
        columns = list(
            ColumnPage.objects.live().descendant_of(root).order_by("path").only(
                "id", "path", "depth", "title", "slug", "url_path", "link_url", "is_key",
                "column_type", "description",
            )
        )
        filled.update(c.path for c in columns if c.link_url)
        prefixes = {path[:end] for path in filled for end in range(STEPLEN, len(path) + 1, STEPLEN)}
        self.columns = [c for c in columns if c.path in prefixes]
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
