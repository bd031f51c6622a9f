"""Columns showing library items of other sites without copying them (P10): which items a column receives,
its merged listing, and which columns must be republished when a source item changes."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from wagtail.models import Page

from govsite.columns.listing import ListingKey, merge_oldest_first
from govsite.content.models import ContentPage
from govsite.disclosure.catalogue import site_record

from .models import ColumnFeed, LibraryRecord


def feed_records(feed: ColumnFeed) -> QuerySet[LibraryRecord]:
    """The live library items a feed shows, newest first, at most its limit."""
    records = LibraryRecord.objects.filter(live=True, page__live=True)
    if feed.source_column_id:
        column = feed.source_column
        records = records.filter(page__path__startswith=column.path, page__depth__gt=column.depth)
    else:
        records = records.filter(record_id=feed.source_record_id)
    if feed.kind:
        records = records.filter(kind=feed.kind)
    return records.order_by("-published_at", "-pk")[:feed.limit]


def _active_feeds(columns: Iterable[int]) -> QuerySet[ColumnFeed]:
    return ColumnFeed.objects.filter(target_id__in=list(columns), active=True).select_related("source_column")


def fed_keys(column: Page) -> list[ListingKey]:
    """(publication time, page id) of every item fed into `column`, each once."""
    keys = {}
    for feed in _active_feeds([column.pk]):
        keys.update((page_id, published) for published, page_id in feed_records(feed).values_list(
            "published_at", "page_id"))
    return [(published, page_id) for page_id, published in keys.items()]


def fed_column_ids(columns: Iterable[int]) -> set[int]:
    """Columns among these that show at least one fed item: not empty, so shown in navigation (C5)."""
    return {feed.target_id for feed in _active_feeds(columns) if feed_records(feed).exists()}


def receiving_column_ids(page: Page) -> list[int]:
    """Columns of other sites whose feeds match this page: their listings change when it is (un)published."""
    record = site_record(page)
    sources = Q(source_column__in=Page.objects.ancestor_of(page))
    if record is not None:
        sources |= Q(source_record=record)
    kind = Q(kind="") | Q(kind=page.specific_class._meta.model_name)
    feeds = ColumnFeed.objects.filter(sources, kind, active=True)
    return list(feeds.values_list("target_id", flat=True).distinct())


class ColumnListing:
    """A column's own items and its fed items, oldest first; a column without feeds keeps its plain query."""

    def __init__(self, column: Page):
        self.own = column.items_oldest_first()
        fed = fed_keys(column)
        self.keys = merge_oldest_first(self.own.values_list("published_at", "pk"), fed) if fed else None

    def count(self) -> int:
        return len(self.keys) if self.keys is not None else self.own.count()

    def position_of(self, item: ContentPage) -> int:
        """How many listed items are older than `item`, fed ones included: its place in the archive pages."""
        if self.keys is not None:
            return bisect.bisect_left(self.keys, (item.published_at, item.pk))
        older = self.own.filter(published_at__lt=item.published_at)
        same_time = self.own.filter(published_at=item.published_at, pk__lt=item.pk)
        return older.count() + same_time.count()

    def items(self, start: int, stop: int) -> list[ContentPage]:
        """Items `start` … `stop - 1` counted from the oldest; a fed item is the source's own page."""
        if self.keys is None:
            return list(self.own[start:stop])
        ids = [page_id for _published, page_id in self.keys[start:stop]]
        pages = ContentPage.objects.in_bulk(ids)
        return [pages[i] for i in ids if i in pages]

    def newest(self, size: int) -> list[ContentPage]:
        """The newest `size` items, newest first (the feed a reader subscribes to)."""
        total = self.count()
        return self.items(max(total - size, 0), total)[::-1]
