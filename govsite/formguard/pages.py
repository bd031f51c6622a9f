"""The Chinese pages a refused public request gets, inside the site's header and footer (I1)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from govsite.core.public import render_public

from .filetypes import format_size
from .rates import minutes_to_wait


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    """429 "提交过于频繁，请X分钟后再试", with Retry-After in seconds."""
    context = {"dynamic_title": _("提交过于频繁"), "minutes": minutes_to_wait(retry_after)}
    response = render_public(request, "formguard/too_many_requests.html", context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def payload_too_large(request: HttpRequest, max_bytes: int) -> HttpResponse:
    """413 naming the limit, instead of Django's bare 400 for an oversized body."""
    context = {"dynamic_title": _("提交的内容过大"), "limit": format_size(max_bytes)}
    return render_public(request, "formguard/payload_too_large.html", context, status=413)
