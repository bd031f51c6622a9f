"""The captcha's picture and, for the refresh link with JavaScript, a new challenge (I1)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from .captcha import challenge_for, issue_challenge
from .ratelimit import rate_limit


@require_GET
@rate_limit("captcha", methods=("GET",))
def captcha_image(request: HttpRequest, token: str) -> HttpResponse:
    """The PNG of a token this server signed; the same token always gives the same picture."""
    challenge = challenge_for(token)
    if challenge is None:
        raise Http404
    response = HttpResponse(challenge.png_bytes, content_type="image/png")
    add_never_cache_headers(response)
    return response


@require_GET
@rate_limit("captcha", methods=("GET",))
def new_captcha(request: HttpRequest) -> JsonResponse:
    """A fresh token and the address of its picture."""
    token = issue_challenge().token
    response = JsonResponse({"token": token, "image_url": reverse("formguard:captcha_image", args=[token])})
    add_never_cache_headers(response)
    return response
