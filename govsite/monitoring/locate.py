"""Where on a site an address leads: the page and the column it sits in, and so the unit and the person
responsible for it (M1: every broken link is recorded with the page, column and responsible person)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from wagtail.models import Page

from govsite.columns.models import ColumnPage


def page_for_url(root: Page, url: str) -> Page | None:
    """The live page of the site rooted at `root` that `url`'s path names (archive listings count as their column)."""
    path = unquote(urlsplit(url).path or "/")
    parts = [p for p in path.split("/") if p]
    while True:
        url_path = root.url_path + "".join(f"{p}/" for p in parts)
        page = Page.objects.filter(url_path=url_path, live=True).descendant_of(root, inclusive=True).first()
        if page is not None or not parts:
            return page
        parts.pop()  # /column/p/3/ is the column's archive: walk up to the page that serves it


def column_of(page: Page | None) -> ColumnPage | None:
    """The column a page is, or sits in."""
    if page is None:
        return None
    return ColumnPage.objects.ancestor_of(page, inclusive=True).order_by("-depth").first()


def responsibility(root: Page, url: str) -> dict:
    """The column and responsible unit and person of the page at `url`, as JSON for a link-check record."""
    column = column_of(page_for_url(root, url))
    if column is None:
        return {"column": "", "column_id": None, "unit": "", "person": ""}
    return {"column": column.title, "column_id": column.pk, "unit": column.responsible_unit,
            "person": column.responsible_person}
