"""Stable archive pages: publishing one item touches O(1) listing files."""

from govsite.columns.listing import (
    ListingWindow,
    page_count,
    page_of,
    pages_touched_by_addition,
    pages_touched_by_removal,
)


def test_page_arithmetic():
    assert [page_count(n, 20) for n in (0, 1, 20, 21, 40)] == [0, 1, 1, 2, 2]
    assert [page_of(i, 20) for i in (0, 19, 20, 39, 40)] == [1, 1, 2, 2, 3]


def test_index_shows_the_newest_and_links_the_page_before_them():
    assert ListingWindow.index(25, 20) == ListingWindow(5, 25, 1, None)
    assert ListingWindow.index(15, 20) == ListingWindow(0, 15, None, None)


def test_archive_pages_link_older_and_newer():
    assert ListingWindow.archive(1, 45, 20) == ListingWindow(0, 20, None, 2)
    assert ListingWindow.archive(3, 45, 20) == ListingWindow(40, 45, 2, 0)
    assert ListingWindow.archive(4, 45, 20) is None
    assert ListingWindow.archive(0, 45, 20) is None


def test_adding_touches_only_the_index_and_the_two_newest_pages():
    assert pages_touched_by_addition(20_000, 20) == {0, 1000, 999}
    assert pages_touched_by_addition(1, 20) == {0, 1}


def test_removal_touches_the_pages_from_the_removed_item_on():
    assert pages_touched_by_removal(45, 60, 20) == {0, 3}
    assert pages_touched_by_removal(5, 60, 20) == {0, 1, 2, 3}
