"""Rate limits for public form views (I1), counted in Django's cache so every process shares them.

Counting uses fixed windows: `cache.add(key, 0)` then `cache.incr(key)`, atomic on Redis. The file
cache's add and incr are not atomic between processes, so two posts at the same instant may count
once; a deployment with several processes on several machines uses Redis (GOVSITE_REDIS_URL).
Addresses are never stored: counters are keyed by an HMAC of the address under SECRET_KEY.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.base import BaseCache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

from .addresses import client_address, parse_networks, rate_bucket
from .pages import too_many_requests
from .rates import Rate, parse_rate, window_at
from .refusal import Refused

KEY_SALT = "govsite.formguard.client-ip"
GLOBAL_SUFFIX = ":global"


@functools.cache
def _trusted_proxies(configured: tuple[str, ...]):
    try:
        return parse_networks(configured)
    except Refused as refusal:
        raise ImproperlyConfigured(f"GOVSITE_TRUSTED_PROXIES：{refusal.message}") from refusal


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the first untrusted X-Forwarded-For hop when the peer is in GOVSITE_TRUSTED_PROXIES."""
    proxies = _trusted_proxies(tuple(settings.GOVSITE_TRUSTED_PROXIES))
    return client_address(
        request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR", ""), proxies
    )


def client_ip_key(request: HttpRequest) -> str:
    """A keyed hash of the client's address (its /64 for IPv6): counts per client, stores no address."""
    return salted_hmac(KEY_SALT, rate_bucket(client_ip(request)), algorithm="sha256").hexdigest()[:32]


@functools.cache
def _parsed(text: str) -> Rate:
    try:
        return parse_rate(text)
    except Refused as refusal:
        raise ImproperlyConfigured(f"GOVSITE_RATE_LIMITS：{refusal.message}") from refusal


def configured_rate(name: str, default: str | None) -> Rate | None:
    """GOVSITE_RATE_LIMITS[name] when the deployment sets it (None: no limit), else the view's default."""
    text = settings.GOVSITE_RATE_LIMITS.get(name, default)
    return None if text is None else _parsed(text)


def _generic_incr(store: BaseCache) -> bool:
    """The generic incr (file and database caches) rewrites the entry with the default timeout."""
    return type(store).incr is BaseCache.incr


def count_hit(store: BaseCache, key: str, rate: Rate, now: float) -> tuple[int, int]:
    """Count one request in the current window of `rate`: (requests so far, seconds until the window ends)."""
    window = window_at(now, rate.seconds)
    entry = f"{key}:{rate.seconds}:{window.index}"
    lifetime = window.seconds_left + 1
    store.add(entry, 0, timeout=lifetime)
    try:
        count = store.incr(entry)
    except ValueError:  # the entry expired between add and incr: this is the first request of a window
        store.add(entry, 1, timeout=lifetime)
        count = 1
    if _generic_incr(store):
        store.touch(entry, timeout=lifetime)
    return count, window.seconds_left


def _retry_after(scope: str, limits: list[tuple[str, Rate]], now: float) -> int | None:
    """Seconds to wait when any limit of the scope is exceeded by this request, else None."""
    waits = []
    for who, rate in limits:
        count, seconds_left = count_hit(
            caches[DEFAULT_CACHE_ALIAS], f"formguard:rate:{scope}:{who}", rate, now
        )
        if count > rate.count:
            waits.append(seconds_left)
    return max(waits) if waits else None


def rate_limit(
    scope: str,
    *,
    per_ip: str | None = None,
    global_rate: str | None = None,
    methods: Iterable[str] = ("POST",),
) -> Callable:
    """Answer 429 (Chinese page, Retry-After) once a client, or everyone together, exceeds the scope's rates.

    `per_ip` and `global_rate` ("5/10m") are the view's defaults; GOVSITE_RATE_LIMITS["<scope>"] and
    ["<scope>:global"] override them per deployment. Only `methods` are counted (POST by default).
    """
    try:
        for default in (per_ip, global_rate):
            if default is not None:
                parse_rate(default)
    except Refused as refusal:
        raise ImproperlyConfigured(f"@rate_limit(“{scope}”)：{refusal.message}") from refusal
    configured = settings.GOVSITE_RATE_LIMITS
    if per_ip is None and global_rate is None and not {scope, scope + GLOBAL_SUFFIX} & configured.keys():
        # A misspelt scope must not leave a public form without any limit.
        raise ImproperlyConfigured(f"限流范围“{scope}”没有默认值，也未在 GOVSITE_RATE_LIMITS 中配置")
    counted = frozenset(method.upper() for method in methods)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method in counted:
                limits = []
                per_client = configured_rate(scope, per_ip)
                if per_client is not None:
                    limits.append((client_ip_key(request), per_client))
                everyone = configured_rate(scope + GLOBAL_SUFFIX, global_rate)
                if everyone is not None:
                    limits.append(("all", everyone))
                wait = _retry_after(scope, limits, time.time())
                if wait is not None:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return limited

    return decorator
