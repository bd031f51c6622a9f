"""Makes the request's user and IP known to the audit signal handlers (X1)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .context import audit_context, client_ip


class AuditContextMiddleware:
    """Place after AuthenticationMiddleware so `request.user` exists."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with audit_context(lambda: getattr(request, "user", None), client_ip(request)):
            return self.get_response(request)
