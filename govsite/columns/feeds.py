"""RSS 2.0 feed of a column at `<column>/rss.xml` (a static-friendly name Wagtail's page URLs cannot carry)."""

from __future__ import annotations

from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.models import Site

from .models import ColumnPage
from .navigation import ColumnTree


def column_feed(request, path: str):
    """The newest 20 items of the column at `path` on this request's site, fed library items included."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [c for c in path.split("/") if c]
    page, _args, _kwargs = site.root_page.specific.route(request, components)
    column = page.specific
    if not isinstance(column, ColumnPage) or not ColumnTree.for_request(request, site.root_page).is_live(column):
        raise Http404
    items = column.listing().newest(20)
    return TemplateResponse(
        request, "columns/rss.xml", {"page": column, "items": items},
        content_type="application/rss+xml; charset=utf-8",
    )
