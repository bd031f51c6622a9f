"""Column listings with stable archive pages, so publishing one item rewrites O(1) listing files.

Archive pages are numbered from the oldest item: page k holds items k·S-S … k·S-1 counted from the
oldest, so a new item only changes the column's index, its newest archive page and the one before.
Pure arithmetic, no Django import.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

PAGE_SIZE = 20
ListingKey = tuple[datetime, int]  # (publication time, page id): the order archive pages count in


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    """Number of archive pages for `total` items."""
    return math.ceil(total / size)


def page_of(index_from_oldest: int, size: int = PAGE_SIZE) -> int:
    """The archive page (1-based) holding the item at this position counted from the oldest."""
    return index_from_oldest // size + 1


@dataclass(frozen=True)
class ListingWindow:
    """Which items a listing shows (a slice of the oldest-first list) and where its links go."""

    start: int
    stop: int
    older: int | None  # archive page number of the "更早" link
    newer: int | None  # archive page number of the "较新" link; 0 means the column's index

    @classmethod
    def index(cls, total: int, size: int = PAGE_SIZE) -> ListingWindow:
        """The column's index: the newest `size` items."""
        start = max(total - size, 0)
        return cls(start, total, page_of(start - 1, size) if start > 0 else None, None)

    @classmethod
    def archive(cls, number: int, total: int, size: int = PAGE_SIZE) -> ListingWindow | None:
        """Archive page `number`, or None when there is no such page."""
        last = page_count(total, size)
        if not 1 <= number <= last:
            return None
        start = (number - 1) * size
        return cls(start, min(start + size, total), number - 1 or None, number + 1 if number < last else 0)


def pages_touched_by_addition(total_after: int, size: int = PAGE_SIZE) -> set[int]:
    """Archive pages whose content or links change when the newest item is added (0 = index)."""
    last = page_count(total_after, size)
    return {0, *(n for n in (last, last - 1) if n >= 1)}


def pages_touched_by_removal(index_from_oldest: int, total_before: int, size: int = PAGE_SIZE) -> set[int]:
    """Archive pages that shift when the item at this position goes (0 = index)."""
    return {0, *range(page_of(index_from_oldest, size), page_count(total_before, size) + 1)}


def merge_oldest_first(own: Iterable[ListingKey], fed: Iterable[ListingKey]) -> list[ListingKey]:
    """A column's own items and the library items fed into it (P10), one list by publication time."""
    return list(heapq.merge(own, sorted(fed)))
