"""Dynamic public pages (letters, surveys, requests…): rendered inside the site they are asked on."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Site


def site_for(request: HttpRequest) -> Site:
    """The Wagtail site the request's host serves; 404 for a host no site serves."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404(_("没有这个网站"))
    return site


def record_for(request: HttpRequest):
    """The registry record of the request's site (cached on the request)."""
    if not hasattr(request, "_govsite_record"):
        from govsite.registry.models import SiteRecord

        site = site_for(request)
        request._govsite_record = SiteRecord.objects.select_related("site", "parent__site").filter(site=site).first()
    return request._govsite_record


def feature_column(site: Site, key: str):
    """The column of `site` that stands for the public function `key`, for breadcrumb and metadata."""
    from govsite.columns.models import ColumnPage

    return ColumnPage.objects.live().descendant_of(site.root_page).filter(feature=key).first()


def render_public(
    request: HttpRequest, template: str, context: dict | None = None, *, feature: str = "", status: int = 200
) -> HttpResponse:
    """Render a public template with the site's header, footer and the national metadata tags."""
    column = feature_column(site_for(request), feature) if feature else None
    context = {"page": column, "column": column, "dynamic_page": True, **(context or {})}
    return render(request, template, context, status=status)
