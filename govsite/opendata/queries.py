"""Finding published data sets: by site, theme, unit and keyword; drafts and unpublished sets never show."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.models import Site

from .models import THEMES, DataSetPage

MAX_QUERY_CHARS = 50


class FilterError(Exception):
    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Filters:
    site: Site | None = None
    theme: str = ""
    unit: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, params) -> Filters:
        """Read `site` (host name), `theme`, `unit` and `q`; an unknown site or theme is a 400."""
        host, site = params.get("site", "").strip().lower(), None
        if host:
            site = Site.objects.select_related("root_page").filter(hostname=host).first()
            if site is None:
                raise FilterError(_("没有主机名为“%(host)s”的网站") % {"host": host[:100]})
        theme = params.get("theme", "").strip()
        if theme and theme not in THEMES:
            raise FilterError(_("主题分类应为以下之一：%(themes)s") % {"themes": "、".join(THEMES)})
        q = params.get("q", "").strip()
        if len(q) > MAX_QUERY_CHARS:
            raise FilterError(_("关键词不能超过 %(n)s 个字") % {"n": MAX_QUERY_CHARS})
        return cls(site=site, theme=theme, unit=params.get("unit", "").strip()[:100], q=q)


def live_sets():
    """Published, publicly visible data sets."""
    return DataSetPage.objects.live().public()


def catalogue(filters: Filters):
    """The catalogue, newest first; rows are left in the database (a catalogue shows only metadata)."""
    items = live_sets().defer("rows").order_by("-published_at", "-pk")
    if filters.site is not None:
        items = items.descendant_of(filters.site.root_page)
    if filters.theme:
        items = items.filter(theme=filters.theme)
    if filters.unit:
        items = items.filter(provider=filters.unit)
    if filters.q:
        items = items.filter(Q(title__icontains=filters.q) | Q(summary__icontains=filters.q)
                             | Q(keywords__icontains=filters.q))
    return items


class SiteHosts:
    """Which site a page belongs to, from the sites' root paths, loaded once."""

    def __init__(self):
        self.roots = sorted(
            ((s.root_page.path, s.hostname) for s in Site.objects.select_related("root_page")),
            key=lambda pair: -len(pair[0]),
        )

    def host_of(self, page) -> str:
        return next((host for path, host in self.roots if page.path.startswith(path)), "")


def units(site: Site) -> list[str]:
    """The units that publish data sets on a site, for the catalogue's filter."""
    items = live_sets().descendant_of(site.root_page).order_by("provider")
    return list(items.values_list("provider", flat=True).distinct())
