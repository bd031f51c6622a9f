"""What every public page's header and footer need: the site's registry record and navigation."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site


def _record_for(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    from govsite.registry.models import SiteRecord

    return SiteRecord.objects.select_related("site", "parent__site").filter(site=site).first()


def site_context(request) -> dict:
    """`site_record` and `nav_columns` (top-level non-empty columns), computed only when used."""

    def nav():
        site = Site.find_for_request(request)
        if site is None:
            return []
        from govsite.columns.navigation import ColumnTree

        return ColumnTree.for_request(request, site.root_page).children(site.root_page)

    return {"site_record": SimpleLazyObject(lambda: _record_for(request)), "nav_columns": SimpleLazyObject(nav)}
