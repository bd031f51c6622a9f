"""Counting one beacon hit: which site and page it names, the anonymous visitor key, one upsert.

The hit path is two indexed statements at most (update, or insert when it is the visitor's first view of
the page today); the site and page of a path and the day's salt are kept in process memory.
"""

from __future__ import annotations

import secrets
import time
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page, Site

from govsite.formguard.ratelimit import client_ip

from .counting import is_bot, page_path, visitor_key
from .models import DailySalt, VisitorMark

SALT_BYTES = 32
ROUTE_SECONDS = 300  # a page published, moved or removed is seen within five minutes
ROUTE_ENTRIES = 20_000

_salts: dict[date, bytes] = {}
_routes: dict[tuple[str, str], tuple[float, tuple[int, int] | None]] = {}


def salt_for(day: date) -> bytes:
    """The day's secret, created by the first hit of the day and shared by every process through the DB."""
    salt = _salts.get(day)
    if salt is None:
        row, _created = DailySalt.objects.get_or_create(day=day, defaults={"salt": secrets.token_bytes(SALT_BYTES)})
        salt = bytes(row.salt)
        _salts.clear()
        _salts[day] = salt
    return salt


def clear_memory() -> None:
    """Forget the remembered salt and routes (after a rollup discarded a salt, and between tests)."""
    _salts.clear()
    _routes.clear()


def _lookup(request: HttpRequest, path: str) -> tuple[int, int] | None:
    """(site record id, page id) of a live page at `path` on the request's site, else None.

    Walks the tree one slug at a time (Wagtail indexes `slug` and `path`, not `url_path`)."""
    site = Site.find_for_request(request)
    record_id = getattr(getattr(site, "record", None), "pk", None) if site else None
    if record_id is None:
        return None
    node = Page.objects.filter(pk=site.root_page_id).values("pk", "path", "depth", "live").first()
    for slug in filter(None, path.split("/")):
        if node is None:
            return None
        node = Page.objects.filter(slug=slug, depth=node["depth"] + 1, path__startswith=node["path"]) \
            .values("pk", "path", "depth", "live").first()
    return (record_id, node["pk"]) if node and node["live"] else None


def resolve(request: HttpRequest, path: str) -> tuple[int, int] | None:
    """`_lookup`, remembered for a few minutes per host and path (misses too, so junk paths stay cheap)."""
    key = (request.get_host().split(":")[0].lower(), path)
    now = time.monotonic()
    cached = _routes.get(key)
    if cached and cached[0] > now:
        return cached[1]
    found = _lookup(request, path)
    if len(_routes) >= ROUTE_ENTRIES:
        _routes.clear()
    _routes[key] = (now + ROUTE_SECONDS, found)
    return found


def record_hit(request: HttpRequest, raw_path: str) -> bool:
    """Count a view of the page at `raw_path` unless it comes from a bot or names no page; True if counted."""
    user_agent = request.META.get("HTTP_USER_AGENT", "")[:512]
    path = page_path(raw_path)
    if path is None or is_bot(user_agent):
        return False
    target = resolve(request, path)
    if target is None:
        return False
    record_id, page_id = target
    day = timezone.localdate()
    key = visitor_key(salt_for(day), day, record_id, client_ip(request), user_agent)
    _count(day, record_id, page_id, key)
    return True


def _count(day: date, record_id: int, page_id: int, key: str) -> None:
    mark = VisitorMark.objects.filter(day=day, page_id=page_id, key=key)
    if mark.update(hits=F("hits") + 1):
        return
    try:
        with transaction.atomic():
            VisitorMark.objects.create(day=day, record_id=record_id, page_id=page_id, key=key)
    except IntegrityError:  # the same visitor's parallel hit inserted it first
        mark.update(hits=F("hits") + 1)
