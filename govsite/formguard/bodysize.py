"""A per-view limit on the size of a public POST (I1), answered with a Chinese 413 page.

A public form is shown (GET, HEAD) and sent (POST); any other method gets 405 before anything else (X6).
The size is judged from Content-Length before anything reads the body. Django's CSRF middleware
reads the body (to find the token) before any view decorator runs, so the guarded view is marked
csrf_exempt for the middleware and does the same CSRF check itself, after the size check.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect

from .pages import payload_too_large

FORM_METHODS = ("GET", "HEAD", "POST")


def declared_length(request: HttpRequest) -> int:
    """The body size the client announced; Django reads no more than this."""
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


def limit_body_size(max_bytes: int) -> Callable:
    """Refuse a request whose body exceeds `max_bytes` (form fields and files together) with 413."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        protected = csrf_protect(view)

        @wraps(view)
        def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method not in FORM_METHODS:
                return HttpResponseNotAllowed(FORM_METHODS, _("此地址只接受浏览和提交表单"),
                                              content_type="text/plain; charset=utf-8")
            if declared_length(request) > max_bytes:
                return payload_too_large(request, max_bytes)
            try:
                return protected(request, *args, **kwargs)
            except RequestDataTooBig:
                return payload_too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)

        guarded.csrf_exempt = True
        return guarded

    return decorator
