"""The public search page (U1): served by the public app at /search/ on every site's host."""

from __future__ import annotations

from django.utils.translation import gettext as _

from govsite.columns.models import ColumnPage
from govsite.core.public import render_public, site_for
from govsite.formguard.ratelimit import rate_limit

from .params import MAX_QUERY_LENGTH, parse
from .query import search, type_choices, visible_sites


@rate_limit("search", per_ip="60/m", global_rate="3000/m", methods=("GET",))
def search_view(request):
    """Search this site or the whole platform; bad input answers 400 with the reasons, never a 500."""
    site = site_for(request)
    params = parse(request.GET)
    errors = list(params.errors) if "q" in request.GET else []
    site_columns = ColumnPage.objects.live().public().descendant_of(site.root_page)
    columns = list(site_columns.filter(depth__lte=site.root_page.depth + 2).order_by("path"))
    column = site_columns.filter(pk=params.column).first() if params.column else None
    if params.column and column is None and not params.whole_platform:
        errors.append(_("所选栏目不存在，请重新选择。"))
    types = type_choices()
    if params.type_label and params.type_label not in dict(types):
        errors.append(_("所选信息类型不存在，请重新选择。"))
    outcome = None
    if "q" in request.GET and not errors:
        sites = visible_sites() if params.whole_platform else [site]
        outcome = search(sites, params, None if params.whole_platform else column, request)
    return render_public(request, "sitesearch/results.html", {
        "dynamic_title": _("搜索结果") if outcome else _("站内搜索"),
        "params": params,
        "search_text": params.text,
        "errors": errors,
        "outcome": outcome,
        "columns": columns,
        "types": types,
        "max_length": MAX_QUERY_LENGTH,
    }, status=400 if errors else 200)
