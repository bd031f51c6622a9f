"""Content Security Policy and the other security headers on every response (X11, 等保 level 3)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .headers import headers_for


class ContentSecurityPolicyMiddleware:
    """Adds the strict public headers, or the admin's looser CSP under /admin/; a view's own CSP is kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        for name, value in headers_for(request.path_info).items():
            response.headers.setdefault(name, value)
        return response
