"""Which URLs of a site a change affects: the page, its listings, the home page and linked pages."""

from __future__ import annotations

import hashlib

from wagtail.models import Page, Site

from govsite.columns.listing import page_count, page_of, pages_touched_by_addition
from govsite.columns.models import ColumnPage
from govsite.columns.navigation import ColumnTree
from govsite.content.models import ContentPage, InterpretationPage, PolicyPage


def url_of(page: Page, site: Site) -> str | None:
    """The page's path on its own site ('/zwyw/t20260301/'), or None outside the site."""
    parts = page.get_url_parts()
    if not parts or parts[0] != site.pk:
        return None
    return parts[2]


def column_listing_urls(column: ColumnPage, site: Site, numbers: set[int]) -> list[str]:
    """The column's index (0), the archive pages `numbers` and its RSS feed."""
    base = url_of(column, site)
    if base is None:
        return []
    return [base if n == 0 else f"{base}p/{n}/" for n in sorted(numbers)] + [f"{base}rss.xml"]


def urls_for_item(item: ContentPage, site: Site) -> list[str]:
    """A published item: itself, each column above it (index, newest pages, its own page, RSS), home."""
    urls = [u for u in [url_of(item, site), "/"] if u]
    for column in ColumnPage.objects.ancestor_of(item).live():
        listing = column.listing()
        numbers = pages_touched_by_addition(listing.count()) | {page_of(listing.position_of(item))}
        urls += column_listing_urls(column, site, numbers)
    urls += [url_of(p, site) for p in linked_pages(item)]
    return [u for u in dict.fromkeys(urls) if u]


def urls_for_entry(page: Page, site: Site) -> list[str]:
    """A page that is neither column nor item (a service catalogue): the index of the column it sits in."""
    parent = page.get_parent().specific
    return [u for u in [url_of(parent, site)] if u] if isinstance(parent, ColumnPage) else []


def linked_pages(item: ContentPage) -> list[Page]:
    """Pages that show this item's title: a policy and its interpretations link each other (P2)."""
    specific = item.specific
    if isinstance(specific, InterpretationPage) and specific.policy_id and specific.policy.live:
        return [specific.policy]
    if isinstance(specific, PolicyPage):
        return list(specific.interpretations.live())
    return []


def urls_for_column(column: ColumnPage, site: Site) -> list[str]:
    """A column page: its index, every archive page and its feed."""
    total = page_count(column.listing().count())
    return column_listing_urls(column, site, {0, *range(1, total + 1)})


def all_urls(site: Site) -> list[str]:
    """Every URL of the site's static tree."""
    root = site.root_page
    shown = ColumnTree(root)
    urls = ["/", "/sitemap.xml"]
    for page in Page.objects.live().descendant_of(root).specific().iterator():
        if isinstance(page, ColumnPage):
            if shown.is_live(page) and not page.entry_url():  # empty, link and function columns: no page
                urls += urls_for_column(page, site)
        else:
            urls.append(url_of(page, site))
    return [u for u in dict.fromkeys(urls) if u]


def nav_signature(site: Site) -> str:
    """A digest of what every page's navigation shows; when it changes, every page must be rewritten."""
    tree = ColumnTree(site.root_page)
    shown = [(c.pk, c.title, c.url_path) for c in tree.children(site.root_page)]
    shown += [(c.pk, c.title, c.url_path) for c in tree.key_columns()]
    return hashlib.sha256(repr(shown).encode()).hexdigest()
