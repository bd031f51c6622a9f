"""The open data JSON API (P12): the catalogue of every site's published sets and each set's rows, paginated.

Stable English keys, Chinese values; a bad parameter answers 400 with a Chinese message (docs/opendata.md).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .formats import field_dicts, row_objects
from .presentation import metadata
from .queries import FilterError, Filters, SiteHosts, catalogue, live_sets

CATALOGUE_PAGE_SIZE = 20
ROWS_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def json_errors(view: Callable) -> Callable:
    """GET and HEAD only; a refusal as JSON; readable from any web page, as open data is meant to be (P12)."""
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except (ApiError, FilterError) as error:
            response = _json({"error": error.message}, status=getattr(error, "status", 400))
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return require_safe(wrapped)


def _positive(request: HttpRequest, name: str, default: int, most: int) -> int:
    value = request.GET.get(name, "")
    if not value:
        return default
    if not value.isdigit() or not 1 <= int(value) <= most:
        raise ApiError(400, _("%(name)s 参数应为 1 至 %(most)s 的整数") % {"name": name, "most": most})
    return int(value)


def _page(request: HttpRequest, items, default_size: int):
    number = _positive(request, "page", 1, 10**6)
    size = _positive(request, "page_size", default_size, MAX_PAGE_SIZE)
    try:
        return Paginator(items, size).page(number)
    except EmptyPage:
        raise ApiError(404, _("没有这一页")) from None


def _paging(page) -> dict:
    return {"page": page.number, "page_size": page.paginator.per_page, "count": page.paginator.count,
            "num_pages": page.paginator.num_pages}


@json_errors
def datasets(request: HttpRequest) -> JsonResponse:
    """GET /api/opendata/datasets/?site=&theme=&unit=&q=&page=&page_size="""
    filters = Filters.from_query(request.GET)
    page = _page(request, catalogue(filters), CATALOGUE_PAGE_SIZE)
    hosts = SiteHosts()
    results = [metadata(p, hosts.host_of(p)) for p in page.object_list]
    return _json({**_paging(page), "results": results})


@json_errors
def dataset(request: HttpRequest, pk: int) -> JsonResponse:
    """GET /api/opendata/datasets/<id>/?page=&page_size=: metadata, field dictionary and a page of rows."""
    item = live_sets().filter(pk=pk).first()
    if item is None:
        raise ApiError(404, _("没有这个数据集"))
    fields = item.field_specs()
    rows = item.rows if item.is_open else []
    page = _page(request, rows, ROWS_PAGE_SIZE) if rows else None
    return _json({
        **metadata(item, SiteHosts().host_of(item)),
        "fields": field_dicts(fields),
        "rows": row_objects(fields, page.object_list) if page else [],
        "rows_paging": _paging(page) if page else None,
    })
