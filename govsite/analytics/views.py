"""The public beacon endpoint: pages of the static tree report their own view (no third-party tracker)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .recording import record_hit


@csrf_exempt  # a same-origin beacon from a static page carries no token; it changes nothing but a counter
@require_POST
def hit(request: HttpRequest) -> HttpResponse:
    """204 always (also for bots and unknown paths): the beacon's answer is never read."""
    record_hit(request, request.POST.get("p", ""))
    response = HttpResponse(status=204)
    response["Cache-Control"] = "no-store"
    return response
