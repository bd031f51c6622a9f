"""Public open data pages: a site's catalogue with filters, and the downloads of each set (P12).

Downloads are served by the public app rather than written into the static tree: a Chinese file name needs a
Content-Disposition header (RFC 5987), which a static file cannot carry, and the files are made from the
live revision's rows on the first request after publication (then cached), so a new revision is downloadable
at once without the publisher knowing about data sets.
"""

from __future__ import annotations

from dataclasses import replace

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from govsite.core.public import feature_column, render_public, site_for

from . import formats
from .features import has_data_sets
from .models import THEMES
from .presentation import download_urls, metadata
from .queries import FilterError, Filters, SiteHosts, catalogue, live_sets, units

PAGE_SIZE = 20
# A new publication has a new revision id, hence a new key: a cached file is never stale.
DOWNLOAD_CACHE_SECONDS = 24 * 3600


@require_safe
def catalogue_page(request: HttpRequest) -> HttpResponse:
    """数据开放目录: the site's published sets, filtered by theme, unit and keyword."""
    site = site_for(request)
    if not has_data_sets(site):
        raise Http404(_("暂无内容"))  # C5: no empty landing page
    try:
        filters, problem = Filters.from_query(request.GET), ""
    except FilterError as error:
        filters, problem = Filters(), error.message
    filters = replace(filters, site=site)  # a site's catalogue shows its own sets only
    page = Paginator(catalogue(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    column = feature_column(site, "opendata")
    return render_public(request, "opendata/catalogue.html", {
        "dynamic_title": None if column else _("数据开放"),
        "filters": filters,
        "problem": problem,
        "themes": THEMES,
        "units": units(site),
        "page_obj": page,
        "entries": [(p, download_urls(p)) for p in page.object_list],
    }, feature="opendata", status=400 if problem else 200)


def _file(item, fmt: str) -> bytes:
    fields = item.field_specs()
    if fmt == "csv":
        return formats.to_csv(fields, item.rows)
    if fmt == "json":
        return formats.to_json(metadata(item, SiteHosts().host_of(item)), fields, item.rows)
    return formats.to_xlsx(item.title, fields, item.rows)


@require_safe
def download(request: HttpRequest, pk: str, fmt: str) -> HttpResponse:
    """One format of a live, unconditionally open set, named after its title; made once per published revision."""
    item = live_sets().defer("rows").filter(pk=int(pk)).first()
    if item is None or not item.is_open:
        raise Http404(_("没有这个数据集"))
    key = f"govsite:opendata:{item.pk}:{item.live_revision_id}:{fmt}"
    body = cache.get(key)
    if body is None:
        body = _file(item, fmt)
        cache.set(key, body, DOWNLOAD_CACHE_SECONDS)
    response = HttpResponse(body, content_type=formats.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{item.title}.{fmt}")
    return response
