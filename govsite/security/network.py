"""X4: outside the government network the back office does not exist: a plain 404, logged and audited."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, MiddlewareNotUsed
from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpRequest, HttpResponse

from govsite.formguard.addresses import IPNetwork, rate_bucket
from govsite.formguard.ratelimit import client_ip
from govsite.formguard.refusal import Refused

from .events import record_refused_access
from .headers import PUBLIC_HEADERS
from .networks import backoffice_networks, is_inside

BACKOFFICE_URLCONF = "govsite.urls_backoffice"
# A scanner knocking every second leaves one audit entry per address (an IPv6 /64) per ten minutes.
AUDIT_INTERVAL_SECONDS = 10 * 60
CACHE_PREFIX = "govsite.security.backoffice_refused:"
logger = logging.getLogger(__name__)


def configured_networks() -> tuple[IPNetwork, ...]:
    """GOVSITE_BACKOFFICE_NETWORKS parsed; a bad value stops the process with the Chinese reason."""
    try:
        return backoffice_networks(settings.GOVSITE_BACKOFFICE_NETWORKS)
    except Refused as refusal:
        raise ImproperlyConfigured(refusal.message) from refusal


def refuse(request: HttpRequest, address: str) -> HttpResponse:
    """Log every refused request, audit the first from an address in ten minutes, answer as a missing page.

    The answer is the site's own 404 with the public headers, whatever the path: nothing tells /admin/ apart.
    """
    logger.warning("政务网络外的地址 %s 访问后台被拒绝：%s %r", address, request.method, request.path)
    if cache.add(CACHE_PREFIX + rate_bucket(address), True, AUDIT_INTERVAL_SECONDS):
        record_refused_access(address, request)
    response = response_for_exception(request, Http404())
    for name, value in PUBLIC_HEADERS.items():
        response.headers[name] = value
    return response


class BackOfficeNetworkMiddleware:
    """In the back-office process, answers only clients inside GOVSITE_BACKOFFICE_NETWORKS; not used elsewhere."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if settings.ROOT_URLCONF != BACKOFFICE_URLCONF:
            raise MiddlewareNotUsed
        self.networks = configured_networks()
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        address = client_ip(request)
        if not is_inside(address, self.networks):
            return refuse(request, address)
        return self.get_response(request)
